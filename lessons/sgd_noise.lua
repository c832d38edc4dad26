-- sgd_noise.lua: SGD as gradient flow plus noise; clouds of walkers; how
-- the noise level and the batch size set the width of the cloud.

lesson {
  title = { en = "Noise: SGD and batch size", zh = "噪声：SGD 与批大小" },
  landscape = "quadratic:l1=1,l2=4",
  start = { -2.5, 1.5 },
  -- Off-centre and taller than the landscape's own view: the start stays below
  -- the legend even with --projector's large text, the cloud left of the plots.
  view = { -5.6, 6.8, -2.97, 4.0 },
}

step {
  caption = {
    en = "Real training never sees the true gradient, only an estimate from a few examples. "
      .. "SGD walks on that noisy estimate: the same downhill pull, plus random kicks. "
      .. "It is a noisy dynamical system, dθ = −∇L dt + noise.",
    zh = "真实训练从来看不到真正的梯度，只有用少量样本估计出的梯度。SGD 就沿着这个带噪声的估计走："
      .. "同样的下坡拉力，外加随机的推搡。它是一个带噪声的动力系统：dθ = −∇L dt + 噪声。",
  },
  runs = { "gd:lr=0.05", "sgd:lr=0.05,noise=2" },
  play = 300,
  speed = 40,
}

step {
  caption = {
    en = "One noisy walk is one story. Here are 400 of them with different random kicks. "
      .. "The cloud slides down, then stops shrinking: the pull to the bottom and the kicks "
      .. "balance, and the cloud keeps a steady width.",
    zh = "一条带噪声的路径只是一个故事。这里是 400 条，每条受到不同的随机推搡。"
      .. "这团粒子先滑下去，然后不再缩小：向谷底的拉力与推搡达到平衡，粒子云保持稳定的宽度。",
  },
  runs = { "sgd:lr=0.05,noise=2" },
  particles = 400,
  play = 400,
  speed = 40,
  show = { "spread" },
}

step {
  caption = {
    en = "Halve the noise and the cloud is half as wide: its spread grows in proportion "
      .. "to the noise. Press w to switch between the two.",
    zh = "噪声减半，粒子云的宽度也减半：分布的宽度与噪声成正比。按 w 在两者之间切换。",
  },
  runs = { "sgd:lr=0.05,noise=1" },
  particles = 400,
  play = 400,
  speed = 40,
  show = { "spread" },
  keys = {
    w = {
      label = { en = "noise 2 / noise 1", zh = "噪声 2 / 噪声 1" },
      runs = { "sgd:lr=0.05,noise=2", "sgd:lr=0.05,noise=1" },
    },
  },
}

step {
  caption = {
    en = "Where does the noise come from? From the batch. On a real regression with "
      .. "200 examples, each step uses only 2 of them: the estimate is rough and the cloud wide.",
    zh = "噪声从哪里来？来自批（batch）。在一个有 200 个样本的真实回归问题上，"
      .. "每一步只用其中 2 个：梯度估计很粗糙，粒子云很宽。",
  },
  landscape = "linreg:n=200,seed=1",
  -- Off-centre: the start (bottom left of the walk) is clear of the data inset
  -- and the caption, the cloud clear of the plots.
  view = { -0.42, 4.63, -0.62, 2.23 },
  start = { 1.2, 0.2 },
  runs = { "sgd:lr=0.2,batch=2" },
  particles = 300,
  play = 400,
  speed = 40,
  show = { "spread" },
}

step {
  caption = {
    en = "The same with 50 examples per step: much less noise, a much tighter cloud. "
      .. "Small batches mean a noisy, exploring walk; large batches mean a near-deterministic one. "
      .. "Press m to compare.",
    zh = "同样的问题，每步用 50 个样本：噪声小得多，粒子云紧得多。"
      .. "小批量意味着带噪声、四处探索的行走；大批量则几乎是确定性的。按 m 对比。",
  },
  runs = { "sgd:lr=0.2,batch=50" },
  particles = 300,
  play = 400,
  speed = 40,
  show = { "spread" },
  keys = {
    m = {
      label = { en = "batch 2 / batch 50", zh = "批大小 2 / 50" },
      runs = { "sgd:lr=0.2,batch=2", "sgd:lr=0.2,batch=50" },
    },
  },
}
