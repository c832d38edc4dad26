-- learning_rate.lua: too small, about right, too large, diverging, and the
-- line between the last two: η = 2/λmax.

lesson {
  title = { en = "The learning rate", zh = "学习率" },
  -- A valley 10 times steeper across (y) than along (x): λmax = 10.
  landscape = "quadratic:l1=1,l2=10",
  start = { -2.5, 1.5 },
  -- Off-centre: the start and the zig-zags stay below the legend (four runs in
  -- the last step) and above the caption, left of the plots.
  view = { -5.2, 6.2, -2.97, 3.43 },
}

step {
  caption = {
    en = "This valley is 10 times steeper up and down (y) than from left to right (x). "
      .. "In the steep direction the curvature, the largest eigenvalue of the Hessian, "
      .. "is λmax = 10. Watch what the step size η does here.",
    zh = "这条山谷上下方向（y）比左右方向（x）陡 10 倍。陡的方向上的曲率，即 Hessian 的最大特征值，"
      .. "是 λmax = 10。看看步长 η 在这里起什么作用。",
  },
  marks = { { x = 0, y = 0, label = { en = "minimum", zh = "极小值" } } },
  show = { "stability" },
}

step {
  caption = {
    en = "η = 0.003, too small: every step is safe, but after 200 steps the walk is "
      .. "still far from the bottom. Small steps waste time.",
    zh = "η = 0.003，太小：每一步都很稳，但走了 200 步仍离谷底很远。步子太小就是浪费时间。",
  },
  runs = { "gd:lr=0.003" },
  play = 200,
  speed = 60,
  show = { "loss" },
}

step {
  caption = {
    en = "η = 0.1, about right: the steep direction is settled in one step, "
      .. "the gentle one shrinks by 10% per step, and the walk is at the bottom in under 100 steps.",
    zh = "η = 0.1，刚好：陡的方向一步就到位，缓的方向每步缩小 10%，不到 100 步就到了谷底。",
  },
  runs = { "gd:lr=0.1" },
  play = 200,
  speed = 30,
  show = { "loss" },
}

step {
  caption = {
    en = "η = 0.19, too large: each step overshoots the steep direction and lands on the "
      .. "other wall, so the walk zig-zags. The zig-zags still shrink: it converges, slowly.",
    zh = "η = 0.19，太大：每一步都在陡的方向上冲过头，落到对面的坡上，于是来回折返。"
      .. "折返越来越小：它仍然收敛，只是很慢。",
  },
  runs = { "gd:lr=0.19" },
  play = 200,
  speed = 30,
  show = { "loss", "gradient" },
}

step {
  caption = {
    en = "η = 0.21, diverging: now every zig-zag is wider than the last. The loss grows "
      .. "without bound; the walk flies out of the valley.",
    zh = "η = 0.21，发散：每次折返都比上一次更宽。损失无限增长，走出了山谷。",
  },
  runs = { "gd:lr=0.21" },
  play = 200,
  speed = 30,
  show = { "loss" },
}

step {
  caption = {
    en = "The line between them is η = 2/λmax = 0.2. Near a minimum each step multiplies "
      .. "the distance along the steep direction by (1 − ηλmax); below 2/λmax that factor "
      .. "lies between −1 and 1, above it the distance grows. Press w to jump across the line.",
    zh = "分界线是 η = 2/λmax = 0.2。在极小值附近，每一步把陡方向上的距离乘以 (1 − ηλmax)；"
      .. "η 小于 2/λmax 时这个因子在 −1 和 1 之间，大于它时距离越来越大。按 w 在分界线两侧切换。",
  },
  runs = { "gd:lr=0.003", "gd:lr=0.1", "gd:lr=0.19", "gd:lr=0.21" },
  play = 200,
  speed = 30,
  show = { "stability", "loss" },
  keys = {
    w = {
      label = { en = "η just below / just above 2/λmax", zh = "η 略低于 / 略高于 2/λmax" },
      runs = { "gd:lr=0.199", "gd:lr=0.201" },
    },
  },
}
