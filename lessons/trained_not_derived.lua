-- trained_not_derived.lua: a network's weights are not solved for but found
-- by training, and training from another random start finds another
-- network that fits as well.  One 2-16-16-2 tanh network on spirals (100
-- training points, 100 held out) trained by Adam, then eight such networks,
-- each from its own θ0, then the first two of them and the straight line
-- between them.  tests/test_lesson_claims.c (test_trained_not_derived)
-- measures every sentence over 20 data sets and starts.

lesson {
  title = { en = "Trained, not derived", zh = "训练出来的，而不是推导出来的" },
  model = "mlp:layers=2-16-16-2,act=tanh",
  data = "spirals:n=200",
  init_seed = 0,
}

step {
  id = "one_network",
  caption = {
    en = "One network, started from random weights and trained by Adam on the spiral points. "
      .. "No formula gives its weights: 1000 small training steps do. It fits the training "
      .. "points: its training loss ends below 0.05 and is still falling.",
    zh = "一个网络，从随机权重出发，用 Adam 在螺旋数据的训练点上训练。"
      .. "没有哪个公式能直接算出它的权重，是 1000 个小小的训练步走出来的。"
      .. "它拟合了训练点：训练损失最后低于 0.05，而且还在下降。",
  },
  runs = { "adam:lr=0.01" },
  play = 1000,
  speed = 200,
}

step {
  id = "eight",
  caption = {
    en = "Eight networks of that shape, each from its own random weights, trained the same "
      .. "way: all eight fit, each with a training loss below 0.05. Yet any two lie "
      .. "about 1.3 to 1.5 times their mean |θ| apart, and no two thumbnails colour the square "
      .. "around the data alike.",
    zh = "八个同样结构的网络，各自从自己的随机权重出发，用同样的方法训练："
      .. "八个都拟合了训练点，每一个的训练损失最后都低于 0.05。然而任意两个之间的距离"
      .. "约是它们平均 |θ| 的 1.3 到 1.5 倍，缩略图里也没有哪两个把数据周围的正方形涂得一样。",
  },
  runs = { "adam:lr=0.01" },
  ensemble = 8,
  play = 1000,
  speed = 200,
}

step {
  id = "barrier",
  caption = {
    en = "The first two again, seeds 0 and 1. Not one valley reached twice: on the straight "
      .. "line between them the training loss rises 4.47 above both ends (at least 0.9 in all "
      .. "20 trials), a ridge between two minima. Which one training finds depends on where it "
      .. "starts.",
    zh = "再看前两个网络，种子 0 和 1。它们并不是同一个山谷被找到了两次："
      .. "在两者之间连一条直线，线上的训练损失比两端都高出 4.47（"
      .. "20 次试验中每次至少 0.9），两个极小值之间隔着一道山脊。训练找到哪一个，取决于从哪里出发。",
  },
  runs = { "adam:lr=0.01" },
  ensemble = 2,
  play = 1000,
  speed = 1000,
}
