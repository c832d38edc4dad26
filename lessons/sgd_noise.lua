-- sgd_noise.lua: SGD as gradient flow plus noise; clouds of walkers; how
-- the noise level and the batch size set the width of the cloud.  The
-- circles' radii are the clouds' measured root-mean-square distances from
-- the minimum (tests/test_lesson_claims.c checks them); each is labelled on
-- its rim, since a mark labels its centre, where the minimum is.  Of two
-- circles, both labels stand on the outer rim, each naming its circle:
-- the inner one's label has no room between the rims, and its leader from
-- past the outer circle ran across the outer rim (review, issue 12).

lesson {
  title = { en = "Noise: SGD and batch size", zh = "噪声：SGD 与批大小" },
  landscape = "quadratic:l1=1,l2=4",
  start = { -2.5, 1.5 },
  -- Off-centre and taller than the landscape's own view: the start stays below
  -- the legend even with --projector's large text, the cloud left of the plots.
  view = { -5.6, 6.8, -2.97, 4.0 },
}

local loud_rms, quiet_rms = 0.37, 0.19
-- A circle's rim label says its radius, the number the captions cite.
local function radius_label(noise, rms)
  return { en = string.format("noise %d: radius %.2f", noise, rms),
           zh = string.format("噪声 %d：半径 %.2f", noise, rms) }
end
-- ... and which circle it is, where there are two (the captions' words).
local function ring_label(outer, noise, rms)
  return { en = string.format("%s: noise %d, radius %.2f", outer and "outer" or "inner", noise, rms),
           zh = string.format("%s：噪声 %d，半径 %.2f", outer and "外圈" or "内圈", noise, rms) }
end
local small_batch_rms = 0.16
local fit = { x = 1.9008, y = 0.9734 } -- the least-squares fit of linreg:n=200,seed=1

step {
  id = "noisy_walk",
  caption = {
    en = "Real training never sees the true gradient, only an estimate from a few examples. "
      .. "SGD walks on that noisy estimate: the same downhill pull, plus random kicks. "
      .. "It is a noisy dynamical system, dθ = −∇L dt + noise.",
    zh = "真实训练从来看不到真正的梯度，只有用少量样本估计出的梯度。SGD 就沿着这个带噪声的估计走："
      .. "同样的下坡拉力，外加随机扰动。它是一个带噪声的动力系统：dθ = −∇L dt + 噪声。",
  },
  runs = { "gd:lr=0.05", "sgd:lr=0.05,noise=2" },
  play = 300,
  speed = 40,
}

step {
  id = "cloud",
  caption = {
    en = "Each dot is one noisy walk, with its own random kicks. The cloud slides down and "
      .. "spreads out, then stops growing: the pull to the minimum and the kicks balance. The "
      .. "circle's radius is its width: the walkers' root-mean-square distance from the minimum, 0.37.",
    zh = "每个点是一条带噪声的路径，受到各自不同的随机扰动。"
      .. "这团粒子滑下去并散开，然后不再变大：向极小值的拉力与随机扰动达到平衡。"
      .. "圆圈的半径是粒子云的宽度：粒子到极小值的均方根距离，0.37。",
  },
  -- Closer in, so the circles are large enough to compare; the start stays
  -- below the legend.
  view = { -3.8, 3.8, -2.0, 2.5 },
  runs = { "sgd:lr=0.05,noise=2" },
  particles = 400,
  play = 400,
  speed = 40,
  marks = {
    { x = 0, y = 0, radius = loud_rms },
    { x = 0, y = loud_rms, label = radius_label(2, loud_rms) },
  },
}

step {
  id = "half_noise",
  caption = {
    en = "Halve the noise and the cloud is half as wide: the inner circle has half the "
      .. "radius of the outer one. The spread grows in proportion to the noise.",
    zh = "噪声减半，粒子云的宽度也减半：内圈的半径是外圈的一半。分布的宽度与噪声成正比。",
  },
  hint = { en = "Press w to switch between the two.", zh = "按 w 在两者之间切换。" },
  runs = { "sgd:lr=0.05,noise=1" },
  particles = 400,
  play = 400,
  speed = 40,
  marks = {
    { x = 0, y = 0, radius = loud_rms },
    { x = 0, y = loud_rms, label = ring_label(true, 2, loud_rms) },
    { x = 0, y = 0, radius = quiet_rms },
    { x = 0, y = -loud_rms, label = ring_label(false, 1, quiet_rms) },
  },
  keys = {
    w = {
      label = { en = "noise 2 / noise 1", zh = "噪声 2 / 噪声 1" },
      runs = { "sgd:lr=0.05,noise=2", "sgd:lr=0.05,noise=1" },
    },
  },
}

step {
  id = "batch_2",
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
  marks = {
    { x = fit.x, y = fit.y, radius = small_batch_rms },
    { x = fit.x, y = fit.y + small_batch_rms, label = { en = "batch 2", zh = "批大小 2" } },
  },
}

step {
  id = "batch_50",
  caption = {
    en = "With 50 examples per step: much less noise, a cloud about 25 times narrower, a dot "
      .. "inside batch 2's circle. Small batches make a noisy, exploring walk; large ones a "
      .. "near-deterministic one.",
    zh = "同样的问题，每步用 50 个样本：噪声小得多，粒子云窄了约 25 倍，缩成批大小 2 那个圆圈里的一个点。"
      .. "小批量意味着带噪声、四处探索的行走；大批量则几乎是确定性的。",
  },
  hint = { en = "Press m to compare.", zh = "按 m 对比。" },
  runs = { "sgd:lr=0.2,batch=50" },
  particles = 300,
  play = 400,
  speed = 40,
  -- The cloud, under a pixel wide, lies inside the run's ringed head: named,
  -- so that the dot there reads as the whole cloud, not the run alone.  It
  -- is named on the circle's rim label: a label of its own, at the centre,
  -- stood off the circle on a leader that ran across the rim (review).
  marks = {
    { x = fit.x, y = fit.y, radius = small_batch_rms },
    { x = fit.x, y = fit.y + small_batch_rms,
      label = { en = "batch 2; the dot: batch 50",
                zh = "批大小 2；圆内的点是批大小 50 的整团粒子云" } },
  },
  keys = {
    m = {
      label = { en = "batch 2 / batch 50", zh = "批大小 2 / 50" },
      runs = { "sgd:lr=0.2,batch=2", "sgd:lr=0.2,batch=50" },
    },
  },
}
