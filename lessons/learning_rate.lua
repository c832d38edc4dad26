-- learning_rate.lua: too small, one step per direction, zig-zag, the fastest
-- rate, diverging, and the line between converging and diverging:
-- η = 2/λmax.

lesson {
  title = { en = "The learning rate", zh = "学习率" },
  -- A valley 10 times more curved across (y) than along (x): λmin = 1, λmax = 10.
  landscape = "quadratic:l1=1,l2=10",
  start = { -2.5, 1.5 },
  -- Off-centre: the start and the zig-zags stay below the legend (three runs
  -- in the fastest step) and above the caption, left of the plots.
  view = { -5.2, 6.2, -2.97, 3.43 },
}

step {
  id = "curvature",
  caption = {
    en = "This valley curves 10 times more up and down (y) than from left to right (x): "
      .. "the Hessian's eigenvalues, the curvatures, are λmax = 10 across and λmin = 1 along. "
      .. "Watch what the step size η does here.",
    zh = "这条山谷上下方向（y）的弯曲程度是左右方向（x）的 10 倍：Hessian 的特征值，即曲率，"
      .. "横跨山谷（y）是 λmax = 10，沿着山谷（x）是 λmin = 1。看看学习率 η 在这里起什么作用。",
  },
  marks = { { x = 0, y = 0, label = { en = "minimum", zh = "极小值" } } },
  -- The axes: the caption's (y) and (x).
  show = { "axes" },
}

-- Steps 2 and 3 share one loss range, from above the start's 14.4 to 10⁻²⁰,
-- so that η = 0.003's walk is seen to stop far above where η = 0.1's ends.
-- Down to 10⁻⁶ only, η = 0.1's curve lay flat on that floor from step 70
-- while the legend said 1.555e-18: it read as a walk that stopped.
local bottom_range = { ymin = 1e-20, ymax = 100 }

step {
  id = "too_small",
  caption = {
    en = "η = 0.003, too small: every step is safe, but after 200 steps the walk is "
      .. "still far from the bottom. Small steps waste time.",
    zh = "η = 0.003，太小：每一步都很稳，但走了 200 步仍离最低点很远。步子太小就是浪费时间。",
  },
  runs = { "gd:lr=0.003" },
  play = 200,
  speed = 60,
  show = { "loss" },
  -- The loss plot down to where step 3's η = 0.1 ends: left to itself its
  -- bottom was the walk's own 0.94, and the curve ended in the plot's
  -- bottom corner as if at the minimum.
  plot = bottom_range,
}

step {
  id = "one_step",
  caption = {
    en = "η = 0.1 = 1/λmax: the steep direction is settled in one step, the gentle one "
      .. "shrinks by 10% per step, and the loss falls along a straight line on the log plot, "
      .. "to 1.6e-18 at step 200.",
    zh = "η = 0.1 = 1/λmax：陡的方向一步就到位，缓的方向每步缩小 10%，"
      .. "损失在对数坐标的图上沿一条直线下降，第 200 步时降到 1.6e-18。",
  },
  runs = { "gd:lr=0.1" },
  play = 200,
  speed = 30,
  show = { "loss" },
  plot = bottom_range,
}

step {
  id = "zigzag",
  caption = {
    en = "η = 0.19: each step overshoots the steep direction and lands on the other wall, "
      .. "so the walk zig-zags. Yet the zig-zag shrinks by 10% per step and the gentle "
      .. "direction by 19%: the loss falls as fast as with η = 0.1.",
    zh = "η = 0.19：每一步都在陡的方向上冲过头，落到对面的坡上，于是来回折返。"
      .. "但折返每步缩小 10%，缓的方向每步缩小 19%：损失下降得和 η = 0.1 时一样快。",
  },
  -- The run the step is about first: the selected run, drawn on top.
  runs = { "gd:lr=0.19", "gd:lr=0.1" },
  play = 200,
  speed = 30,
  show = { "loss", "gradient" },
}

step {
  id = "fastest",
  caption = {
    en = "The fastest rate lies between the two: near η = 2/(λmin + λmax) = 2/11 ≈ 0.18 both "
      .. "directions shrink by one factor, about 0.82 per step, better than 0.9. "
      .. "η = 0.18 zig-zags too, and its loss falls fastest of the three: zig-zag is not slow.",
    zh = "最快的在两者之间：η = 2/(λmin + λmax) = 2/11 ≈ 0.18 附近，两个方向每步都乘以同一个数，"
      .. "约 0.82，比 0.9 好。η = 0.18 也来回折返，而它的损失在三者中下降得最快：折返并不慢。",
  },
  runs = { "gd:lr=0.18", "gd:lr=0.1", "gd:lr=0.19" },
  play = 200,
  speed = 30,
  show = { "loss" },
}

step {
  id = "diverging",
  caption = {
    en = "η = 0.21, diverging: now every zig-zag is wider than the last. The loss grows "
      .. "without bound; the walk flies out of the valley.",
    zh = "η = 0.21，发散：每次折返都比上一次更宽。损失无限增长，路径飞出了山谷。",
  },
  runs = { "gd:lr=0.21" },
  play = 200,
  speed = 30,
  show = { "loss" },
}

step {
  id = "stability_line",
  caption = {
    en = "The line between them is η = 2/λmax = 0.2. Near a minimum each step multiplies "
      .. "the distance along the steep direction by (1 − ηλmax); below 2/λmax that factor "
      .. "lies between −1 and 1, above it the distance grows.",
    zh = "分界线是 η = 2/λmax = 0.2。在极小值附近，每一步把陡方向上的距离乘以 (1 − ηλmax)；"
      .. "η 小于 2/λmax 时这个因子在 −1 和 1 之间，大于它时距离越来越大。",
  },
  hint = { en = "Press w to jump across the line.", zh = "按 w 在分界线两侧切换。" },
  -- The two rates either side of the line; 0.19 first, as the stability
  -- plot shows run 1: its 2/η = 10.5 just above λmax = 10.
  runs = { "gd:lr=0.19", "gd:lr=0.21" },
  play = 200,
  speed = 30,
  show = { "stability", "loss" },
  -- The loss plot from 10⁻²⁰ to 10²²: both runs stay in it (5.6·10⁻¹⁸ and
  -- 4.1·10¹⁷ at step 200), one line down and one up from the start's 14.4,
  -- whose decade, 10, is the range's middle and labelled at every size.
  -- Fitted to the runs the top was 14375 and, at 960x540, the labelled
  -- decade by the start was 1, where the two curves seemed to start.
  plot = { ymin = 1e-20, ymax = 1e22 },
  keys = {
    w = {
      label = { en = "η just below / just above 2/λmax", zh = "η 略低于 / 略高于 2/λmax" },
      runs = { "gd:lr=0.199", "gd:lr=0.201" },
    },
  },
}
