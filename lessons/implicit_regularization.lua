-- implicit_regularization.lua: when many solutions fit equally well, GD
-- picks one, and the process decides which: min-norm for least squares
-- from zero, the max-margin direction for separable logistic regression.
-- The data sit beside the lesson: one_example.csv (inputs x1, x2 = 1, 2,
-- target t = 3) and separable.csv (16 points, labels ±1, split by a line
-- through 0).  The weights are the map's (x, y), as in the legend's formula.

lesson {
  title = { en = "Implicit regularisation", zh = "隐式正则化" },
  -- One example, two weights: every (x, y) on the line x + 2y = 3 fits it.
  landscape = "linreg:data=one_example.csv",
  -- Off-centre: both starts, the line and the min-norm point stay clear of the
  -- data inset (bottom left), the caption and the plots (right).
  view = { -3.86, 5.94, -1.8, 3.7 },
  start = { 0, 0 },
  axes = true,   -- the captions cite coordinates
}

-- The data overlay draws the line of minima (white, dashed) and labels its
-- min-norm point in every step on this landscape, so the captions name them.

-- The loss plot of steps 2 and 3: each GD step quarters the loss, a
-- straight line on the log scale, down to the floor 1e-16, 0 to machine
-- precision (by 1e-15 the loss steps by 2^-52 ≈ 2.2e-16), where it stays.
-- The plot's own floor, 0.1 of the least loss, made run 2's exact 0 from
-- step 30 a cliff of 15 decades to "≤ 1.54e-32", as if something happened.
local fits_range = { ymin = 1e-16, ymax = 100 }

step {
  id = "line_of_fits",
  caption = {
    en = "A linear model with two weights, fitted to one example. Every point on the white "
      .. "dashed line fits it exactly: infinitely many minima, and nothing in the loss says "
      .. "which to pick. One is marked: the point of smallest norm, closest to the origin.",
    zh = "一个有两个权重的线性模型，只拟合一个样本。白色虚线上的每一点都能精确拟合它："
      .. "损失有无穷多个极小值，而损失本身没有说该选哪一个。其中一点被标了出来：范数最小的点，"
      .. "也就是离原点最近的点。",
  },
}

step {
  id = "from_zero",
  caption = {
    en = "GD from zero picks exactly that one: (0.6, 1.2), the solution of smallest norm. "
      .. "Nobody asked for a small norm; the process brought it.",
    zh = "从零出发的 GD 恰好选了那一个：(0.6, 1.2)，范数最小的解。"
      .. "没有人要求范数小，是这个过程带来的。",
  },
  runs = { "gd:lr=0.1" },
  play = 60,
  speed = 10,
  show = { "gradient", "norm" },
  plot = fits_range,
}

step {
  id = "other_start",
  caption = {
    en = "Why: every gradient points across the line, never along it, so both paths run "
      .. "straight to the line and meet it at right angles. GD keeps what it started with "
      .. "along the line: from another start it lands on the fit closest to that start. "
      .. "The start is part of the model.",
    zh = "原因：每个梯度都垂直于这条直线，从不沿着它，所以两条路径都笔直地走向直线，与它成直角相交。"
      .. "GD 在沿直线方向上保留了起点原有的分量。"
      .. "换一个起点，它就落在离那个起点最近的解上。起点也是模型的一部分。",
  },
  runs = { "gd:lr=0.1", "gd:lr=0.1,x0=-1.5,y0=-0.5" },
  play = 60,
  speed = 10,
  -- The field of −∇L arrows shows the first sentence: all across the line.
  show = { "gradient" },
  plot = fits_range,
}

step {
  id = "logistic",
  caption = {
    en = "Logistic regression, λ = 0, on separable data: no finite minimum; the loss falls "
      .. "as |θ| grows. GD's |θ| grows forever, its direction settling on the max-margin one.",
    zh = "在可被直线分开的数据上做逻辑回归，λ = 0：没有有限的极小值，权重越大损失越小。"
      .. "GD 的权重无止境地增长，但它的方向稳定在最大间隔方向上。",
  },
  -- l2 = 0 written out: the legend's formula has a (λ/2)|w|² term (λ the
  -- legend's name for l2), and the spec line beside it shows that it is zero
  -- here.
  landscape = "logreg:data=separable.csv,l2=0",
  -- The view's aspect (1.25) that of the map the layout gives it in both
  -- languages: at 1.5 (y -2 ... 6) it lay between the English map's 2.1 and
  -- the Chinese 1.3, and each widened it its own way, x -4.5 ... 12.5 in
  -- English, -2 ... 10 in Chinese (a frame review; test_layout
  -- test_logistic_map_alike_in_both_languages).
  view = { -2, 10, -2.8, 6.8 },
  runs = { "gd:lr=1" },
  play = 3000,
  speed = 200,
  show = { "norm", "loss" },
}
