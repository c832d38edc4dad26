-- adaptive.lua: AdaGrad, RMSProp and Adam scale each coordinate's step by
-- its own gradient history, so they prefer other paths, and other minima.

lesson {
  title = { en = "Adaptive methods: AdaGrad, RMSProp, Adam", zh = "自适应方法：AdaGrad、RMSProp、Adam" },
  landscape = "quadratic:l1=1,l2=20",
  start = { -2.5, 1.5 },
}

step {
  caption = {
    en = "GD's step is the gradient times η: long in the steep direction (y), short in the "
      .. "gentle one (x). Adam divides each coordinate by the running size of its own gradients, "
      .. "so both coordinates move about η per step: it heads off diagonally.",
    zh = "GD 的步子是梯度乘以 η：陡的方向（y）上迈得长，缓的方向（x）上迈得短。"
      .. "Adam 把每个坐标除以它自己梯度的滑动平均大小，于是两个坐标每步都移动约 η：它斜着出发。",
  },
  runs = { "gd:lr=0.02", "adam:lr=0.05" },
  play = 150,
  speed = 15,
  show = { "velocity" },
}

step {
  caption = {
    en = "On a landscape with four valleys that preference decides the outcome. From the "
      .. "same start, GD goes to the lower-right valley; Adam, RMSProp and AdaGrad all go "
      .. "to the upper-right one. Same loss, different optimizer, different answer.",
    zh = "在有四个山谷的地形上，这种偏好决定了结果。从同一个起点出发，GD 走进右下方的山谷；"
      .. "Adam、RMSProp 和 AdaGrad 都走进右上方的山谷。同样的损失，不同的优化器，不同的答案。",
  },
  landscape = "himmelblau",
  -- Off-centre (as in welcome.lua) so that the lower-right valley, where GD ends,
  -- is not under the colour bar and the loss plot.
  view = { -7.2, 14.4, -6.6, 7.2 },
  start = { 0, -1 },
  runs = { "gd:lr=0.01", "adam:lr=0.1", "rmsprop:lr=0.05", "adagrad:lr=0.5" },
  play = 800,
  speed = 60,
  show = { "loss" },
}

step {
  caption = {
    en = "How they remember: AdaGrad adds up every squared gradient it has ever seen, so "
      .. "its steps can only shrink. RMSProp and Adam keep a moving average that forgets, so "
      .. "their steps grow again when the ground flattens.",
    zh = "它们记忆的方式不同：AdaGrad 把见过的每一个梯度平方都累加起来，所以步子只会越来越小。"
      .. "RMSProp 和 Adam 保留会遗忘的滑动平均，地面变平时步子又会变大。",
  },
  keep = true,
  play = 400,
  show = { "velocity", "step_size" },
}
