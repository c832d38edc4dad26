-- gradient_flow.lua: gradient descent as a discretisation of the gradient
-- flow dθ/dt = −∇L, and how the two part as the step grows.

lesson {
  title = { en = "Gradient descent and gradient flow", zh = "梯度下降与梯度流" },
  landscape = "quadratic:l1=1,l2=8,angle=30",
  start = { -2.5, 1.5 },
}

step {
  caption = {
    en = "Shrink the step η towards zero and gradient descent becomes a smooth curve: "
      .. "the gradient flow dθ/dt = −∇L, water running downhill. Here η = 0.01: "
      .. "the steps (GD) and the flow lie on top of each other.",
    zh = "把步长 η 缩到趋近于零，梯度下降就变成一条光滑曲线：梯度流 dθ/dt = −∇L，"
      .. "就像水往低处流。这里 η = 0.01：离散的步子（GD）和梯度流几乎完全重合。",
  },
  runs = { "gd:lr=0.01", "flow:lr=0.01" },
  play = 300,
  speed = 100,
}

step {
  caption = {
    en = "η = 0.05: GD still follows the flow, a little behind on the bends. Step k of GD "
      .. "is compared with the flow at time k·η.",
    zh = "η = 0.05：GD 仍然跟着梯度流，只在拐弯处稍稍落后。GD 的第 k 步对应梯度流在 k·η 时刻的位置。",
  },
  runs = { "gd:lr=0.05", "flow:lr=0.05" },
  play = 100,
  speed = 25,
}

step {
  caption = {
    en = "η = 0.2: the two part. The flow glides along the valley while GD jumps from "
      .. "wall to wall. Big steps are not a faster flow; they are a different dynamical system.",
    zh = "η = 0.2：两者分道扬镳。梯度流顺着山谷滑下，GD 却在两侧山壁之间来回跳。"
      .. "大步长不是更快的梯度流，而是另一个动力系统。",
  },
  runs = { "gd:lr=0.2", "flow:lr=0.2" },
  play = 40,
  speed = 8,
  show = { "gradient" },
}

step {
  caption = {
    en = "Press t to go through η = 0.01, 0.05 and 0.2 again. The larger η, the further "
      .. "GD strays from the flow: the step size itself shapes the path.",
    zh = "按 t 依次重看 η = 0.01、0.05 和 0.2。η 越大，GD 离梯度流越远：步长本身塑造了路径。",
  },
  keep = true,
  keys = {
    t = {
      label = { en = "step size η", zh = "步长 η" },
      runs = {
        { "gd:lr=0.01", "flow:lr=0.01" },
        { "gd:lr=0.05", "flow:lr=0.05" },
        { "gd:lr=0.2", "flow:lr=0.2" },
      },
    },
  },
}
