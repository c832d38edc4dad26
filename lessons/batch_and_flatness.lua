-- batch_and_flatness.lua: at the same learning rate, full-batch gradient
-- descent's sharpness climbs to 2/η and no further while small-batch SGD
-- ends in a flatter place, and the held-out test does not tell them apart.  One
-- 2-16-16-2 tanh network with squared-error loss on two moons (100
-- training points, 100 held out), GD and SGD from the same θ0.
-- tests/test_lesson_claims.c (test_batch_and_flatness) measures every
-- sentence over 20 trials, each with its own points, θ0 and minibatches.

lesson {
  title = { en = "Small batches, flatter minima", zh = "小批量，更平坦的极小值" },
  model = "mlp:layers=2-16-16-2,act=tanh,loss=mse",
  data = "moons:n=200,noise=0.2",
  init_seed = 0,
}

step {
  id = "race",
  caption = {
    en = "Two copies of one small network start from the same random weights on 100 "
      .. "points of two moons. Gradient descent (run 1) uses all 100 points in every "
      .. "update; SGD (run 2) uses 16 drawn at random. Both take the same step size, η = 0.3.",
    zh = "同一个小网络的两份拷贝，从同一组随机权重出发，学习两个月牙形状的 100 个点。"
      .. "梯度下降（路径 1）每一步都用全部 100 个点，SGD（路径 2）每一步随机抽 16 个。"
      .. "两者的学习率相同，η = 0.3。",
  },
  runs = { "gd:lr=0.3", "sgd:lr=0.3,batch=16" },
  play = 2000,
  speed = 200,
}

step {
  id = "fit",
  caption = {
    en = "After 2000 updates both fit the training points: 98 % right, as the data panel "
      .. "says. Rerun off screen in 20 trials with new points and a new start, each fits at "
      .. "least 95 %.",
    zh = "2000 步之后，两者都拟合了训练点：数据面板上都是分对 98%。"
      .. "在屏幕外换 20 次数据和起点重跑，每一次都至少分对 95%。",
  },
  keep = true,
}

step {
  id = "edge",
  caption = {
    en = "The sharpness plot: λmax, the steepest curvature of the loss, against the dashed "
      .. "line 2/η ≈ 6.67. Gradient descent's sharpness climbs to the line almost at once, "
      .. "stays near it to update 400, then sinks under it.",
    zh = "尖锐度图：λmax 是损失最陡方向上的曲率，虚线是 2/η ≈ 6.67。"
      .. "梯度下降的尖锐度几乎一开始就爬到线上，在线附近停留到第 400 步，然后落到线下。",
  },
  keep = true,
  show = { "sharpness" },
}

step {
  id = "no_further",
  caption = {
    en = "Then it goes no further: over the last 1000 updates it stays under 1.1 × 2/η. But "
      .. "it need not stay at the line: it ends at λmax 5.79 here, 13 % under 6.67, and over "
      .. "10 % under in 10 of 20 off-screen trials.",
    zh = "之后它就不再往上走：最后 1000 步里始终低于 1.1 × 2/η。但它不一定停在线上："
      .. "这一次最后是 λmax 5.79，比线 6.67 低 13%，屏幕外的 20 次试验中有 10 次低了 10% 以上。",
  },
  keep = true,
  show = { "sharpness" },
}

step {
  id = "flatter",
  caption = {
    en = "Same start, same step size; only the minibatches differ, and SGD ends in a "
      .. "flatter place. In all 20 off-screen trials its final λmax is below gradient descent's: at "
      .. "most 0.68 of it, and half of it on average.",
    zh = "同样的起点，同样的学习率，只差在小批量上，而 SGD 停在了更平坦的地方。"
      .. "屏幕外的 20 次试验里，它最后的 λmax 每次都比梯度下降的低：最多是后者的 0.68 倍，平均只有一半。",
  },
  keep = true,
  show = { "sharpness" },
}

step {
  id = "held_out",
  caption = {
    en = "On the 100 test points flatter did not measurably help: over 20 off-screen trials "
      .. "gradient descent averages 95.35 % right and SGD 95.0 %, and SGD did better in 4, "
      .. "worse in 9. At this size the two cannot be told apart.",
    zh = "在 100 个测试点上，更平坦没有带来看得出的好处：屏幕外 20 次试验平均，"
      .. "梯度下降分对 95.35%，SGD 分对 95.0%；SGD 有 4 次更好，9 次更差。"
      .. "在这样的规模下，分不出两者的高下。",
  },
  keep = true,
}
