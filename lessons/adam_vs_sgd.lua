-- adam_vs_sgd.lua: the same data, the same loss, the same start, and two
-- optimizers that pick two different solutions.  One example and two
-- weights, the map's (x, y) (one_example.csv: inputs x1, x2 = 1, 2, target
-- t = 3), so every (x, y) with x + 2y = 3 fits it exactly: a whole line of
-- minima.

lesson {
  title = { en = "Adam and GD prefer different solutions", zh = "Adam 与 GD 偏好不同的解" },
  landscape = "linreg:data=one_example.csv",
  -- Close in, so that the two end points, 0.45 apart, and their labels stand
  -- apart; the start stays clear of the data inset (bottom left), the end
  -- points of the legend, the caption and the plots.
  view = { -1.9, 4.5, -1.35, 2.25 },
  start = { 0, 0 },
  axes = true,   -- the captions cite coordinates: (0.6, 1.2), (1, 1), 0.45 apart
}

-- The data overlay draws the line of minima (white, dashed) and labels its
-- min-norm point in every step on this landscape.

step {
  id = "gd_min_norm",
  caption = {
    en = "Every point on the white dashed line fits the one example exactly. GD from zero "
      .. "walks straight to the line, meeting it at right angles, and stops on the point "
      .. "closest to the origin: (0.6, 1.2), the solution of minimum norm.",
    zh = "白色虚线上的每一点都能精确拟合这唯一的样本。从零出发的 GD 垂直于这条直线径直走过去，"
      .. "停在离原点最近的点上：(0.6, 1.2)，范数最小的解。",
  },
  runs = { "gd:lr=0.1" },
  play = 60,
  speed = 10,
  show = { "gradient" },
}

step {
  id = "adam_diagonal",
  caption = {
    en = "From the same zero, Adam moves both weights by the same amount each step, at first "
      .. "about η, whatever their gradients. So it heads along the diagonal, crosses the "
      .. "line in shrinking swings and settles at (1, 1): a solution, not the min-norm one.",
    zh = "从同一个零点出发的 Adam 每步让两个权重移动相同的距离，起初各约 η，不管它们的梯度多大。"
      .. "于是它沿对角线前进，在这条直线两侧来回摆动、越摆越小，最后停在 (1, 1)："
      .. "这也是一个解，但不是范数最小的那个。",
  },
  runs = { "adam:lr=0.05" },
  play = 300,
  speed = 30,
  show = { "velocity" },
  marks = { { x = 1, y = 1, label = { en = "Adam: (1, 1)", zh = "Adam：(1, 1)" } } },
}

step {
  id = "both",
  caption = {
    en = "Side by side: both fit the example, their losses below 10⁻¹³, and they "
      .. "end 0.45 apart. The data and the loss are the same; the optimizer alone chose "
      .. "the answer. Its preference is part of the model.",
    zh = "并排比较：两者都拟合了这个样本，损失都低于 10⁻¹³，终点却相距 0.45。"
      .. "数据和损失完全相同，是优化器独自选定了答案。它的偏好也是模型的一部分。",
  },
  -- Adam first: the selected run, whose fit the data panel shows, as in
  -- step 2; the legend lists the runs by number, GD 1 and Adam 2 as in
  -- steps 1 and 2 (a run's number is its colour's, src/scene/scene.h).
  runs = { "adam:lr=0.05", "gd:lr=0.1" },
  play = 300,
  speed = 30,
  show = { "loss" },
  marks = { { x = 1, y = 1, label = { en = "Adam: (1, 1)", zh = "Adam：(1, 1)" } } },
}
