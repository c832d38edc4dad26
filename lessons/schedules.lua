-- schedules.lua: the learning rate need not be constant.  Warm-up makes a
-- large rate safe at a steep start; decay shrinks the noise at the end.

lesson {
  title = { en = "Schedules and warm-up", zh = "学习率调度与预热" },
  -- Steep far from the minimum (curvature 13 at x = 2), gentle near it (1).
  landscape = "expr:0.5*(x^2+y^2)+0.25*(x^4+y^4)",
  view = { -3, 3, -3, 3 },
  start = { 2, 1.5 },
}

step {
  caption = {
    en = "This bowl is steep at the rim and gentle at the bottom. A small η = 0.05 is safe "
      .. "everywhere but slow: it needs about 100 steps to reach the bottom.",
    zh = "这个碗边缘陡、底部缓。小的 η = 0.05 处处安全但很慢：大约要 100 步才能到达碗底。",
  },
  runs = { "gd:lr=0.05" },
  play = 100,
  speed = 20,
  show = { "loss" },
}

step {
  caption = {
    en = "η = 0.5 would suit the gentle bottom (2/λmax = 2 there), but at the steep rim it "
      .. "is far too large: the first steps overshoot wildly and the walk blows up.",
    zh = "η = 0.5 适合平缓的碗底（那里 2/λmax = 2），但在陡峭的碗边上太大了："
      .. "最初几步严重冲过头，整个过程发散了。",
  },
  runs = { "gd:lr=0.5" },
  play = 20,
  speed = 8,
  show = { "loss", "schedule" },
}

step {
  caption = {
    en = "Warm-up: start with a tiny η and raise it linearly to 0.5 over 20 steps. The first "
      .. "small steps bring the walk down to gentler ground, where the full rate is safe. "
      .. "It is at the bottom within 30 steps, three times sooner than with η = 0.05.",
    zh = "预热：从极小的 η 开始，在 20 步内线性增加到 0.5。最初的小步把它带到平缓的地方，"
      .. "在那里完整的学习率是安全的。不到 30 步就到了谷底，比 η = 0.05 快三倍。",
  },
  runs = { "gd:lr=0.5,warmup=20", "gd:lr=0.5" },
  play = 40,
  speed = 8,
  show = { "loss", "schedule" },
}

step {
  caption = {
    en = "With noise, a constant η never lets the walkers settle: they keep a cloud around "
      .. "the minimum whose size grows with η.",
    zh = "有噪声时，恒定的 η 让粒子永远停不下来：它们在极小值周围保持一团粒子云，云的大小随 η 增大。",
  },
  runs = { "sgd:lr=0.2,noise=2" },
  particles = 300,
  play = 800,
  speed = 40,
  show = { "schedule", "spread" },
}

step {
  caption = {
    en = "A cosine schedule lowers η smoothly to 0 over 800 steps: the kicks shrink with it, "
      .. "and the cloud draws in to a fraction of its size around the minimum. "
      .. "Press d to compare with the constant rate.",
    zh = "余弦调度在 800 步内把 η 平滑地降到 0：推搡随之变小，粒子云收缩到原来的一小部分，"
      .. "紧紧围绕着极小值。按 d 与恒定学习率对比。",
  },
  runs = { "sgd:lr=0.2,noise=2,schedule=cosine,total=800" },
  particles = 300,
  play = 800,
  speed = 40,
  show = { "schedule", "spread" },
  keys = {
    d = {
      label = { en = "cosine / constant", zh = "余弦 / 恒定" },
      runs = { "sgd:lr=0.2,noise=2", "sgd:lr=0.2,noise=2,schedule=cosine,total=800" },
    },
  },
}
