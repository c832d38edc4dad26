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
  id = "slow",
  caption = {
    en = "This bowl is steep at the rim and gentle at the bottom. A small η = 0.05 is safe "
      .. "everywhere but slow: it needs about 100 steps to reach the bottom.",
    zh = "这个碗边缘陡、底部缓。小的 η = 0.05 处处安全但很慢：大约要 100 步才能到达碗底的最低点。",
  },
  runs = { "gd:lr=0.05" },
  play = 100,
  speed = 20,
  show = { "loss" },
}

step {
  id = "blow_up",
  caption = {
    en = "η = 0.5 suits the gentle bottom (2/λmax = 2 there), not the steep rim: the first "
      .. "step jumps clean across the bottom to the far rim, steeper still, and the next "
      .. "throws the walk off the map. Its loss leaves the plot at step 3 and overflows at step 7.",
    zh = "η = 0.5 适合平缓的碗底（那里 2/λmax = 2），但在陡峭的碗边上太大了："
      .. "第一步就越过碗底，落到对面更陡的碗边，下一步便把它甩出了地图。"
      .. "损失从第 3 步起超出图的上沿，第 7 步数值溢出。",
  },
  runs = { "gd:lr=0.5" },
  play = 20,
  speed = 8,
  show = { "loss", "schedule" },
}

step {
  id = "warmup",
  caption = {
    en = "Warm-up: start with a tiny η and raise it linearly to 0.5 over 20 steps. The small "
      .. "first steps reach gentler ground, where η = 0.5 is safe. It is at the bottom within "
      .. "30 steps, under a third of what η = 0.05 needs; η = 0.5 without warm-up blows up.",
    zh = "预热：从很小的 η 开始，在 20 步内线性增加到 0.5。最初的小步把它带到平缓的地方，"
      .. "在那里 η = 0.5 是安全的。不到 30 步就到达最低点，所用步数不到 η = 0.05 的三分之一；"
      .. "而不预热的 η = 0.5 发散了。",
  },
  -- η = 0.05 from the start's mirror image through the minimum: the bowl is
  -- the same under (x, y) -> (-x, -y), so its walk is step 1's mirrored, as
  -- long.  From the same start its path lay under the warm-up run's (both
  -- follow the gradient flow), one pixel of its orange along each edge; from
  -- the mirror image across the diagonal, (1.5, 2), the two met halfway.
  runs = { "gd:lr=0.5,warmup=20", "gd:lr=0.5", "gd:lr=0.05,x0=-2,y0=-1.5" },
  play = 100,
  speed = 20,
  show = { "loss", "schedule" },
  -- The loss plot from 10⁻⁵ to 10: left to itself it ran down to the
  -- warm-up's 10⁻⁵⁴, where η = 0.05's fall to 2·10⁻⁵ hugs the top and
  -- neither run is seen to reach the bottom.
  plot = { ymin = 1e-5, ymax = 10 },
  -- The mirrored start named on the map: the caption's η = 0.05 walks from it.
  marks = { { x = -2, y = -1.5, label = { en = "η = 0.05, mirrored start",
                                          zh = "η = 0.05，镜像起点" } } },
}

-- The clouds' root-mean-square distances from the minimum after 800 steps,
-- as measured in tests/test_lesson_claims.c, drawn as circles.
local constant_rms, cosine_rms = 0.78, 0.19

step {
  id = "noise_constant",
  caption = {
    en = "With noise, a constant η never lets the walkers settle: after 800 steps they "
      .. "still fill a cloud around the minimum. The circle marks its root-mean-square radius.",
    zh = "有噪声时，恒定的 η 让粒子永远停不下来：800 步之后它们仍然在极小值周围散成一团粒子云。"
      .. "圆圈标出它的均方根半径。",
  },
  runs = { "sgd:lr=0.2,noise=2" },
  particles = 300,
  play = 800,
  speed = 80,
  show = { "schedule" },
  -- The circle, and its label on its rim (a mark labels its centre, where
  -- the minimum is).
  marks = {
    { x = 0, y = 0, radius = constant_rms },
    { x = 0, y = constant_rms, label = { en = "constant η", zh = "恒定 η" } },
  },
}

step {
  id = "cosine",
  caption = {
    en = "A cosine schedule lowers η smoothly to 0 over 800 steps: the kicks shrink with it, "
      .. "and the cloud draws in around the minimum, to less than a third of the "
      .. "constant rate's radius (the inner circle against the outer one).",
    zh = "余弦调度在 800 步内把 η 平滑地降到 0：随机扰动随之变小，粒子云向极小值收拢，"
      .. "半径不到恒定学习率时的三分之一（内圈对比外圈）。",
  },
  hint = { en = "Press d to compare with the constant rate.", zh = "按 d 与恒定学习率对比。" },
  runs = { "sgd:lr=0.2,noise=2,schedule=cosine,total=800" },
  particles = 300,
  play = 800,
  speed = 80,
  show = { "schedule" },
  marks = {
    { x = 0, y = 0, radius = constant_rms },
    { x = 0, y = constant_rms, label = { en = "constant η", zh = "恒定 η" } },
    { x = 0, y = 0, radius = cosine_rms },
    { x = 0, y = -cosine_rms, label = { en = "cosine", zh = "余弦" } },
  },
  keys = {
    d = {
      label = { en = "cosine / constant", zh = "余弦 / 恒定" },
      runs = { "sgd:lr=0.2,noise=2", "sgd:lr=0.2,noise=2,schedule=cosine,total=800" },
    },
  },
}
