-- trained_not_derived.lua: a network's weights are not solved for but found
-- by training, and training from another random start finds another
-- network that fits as well.  Eight 2-16-16-2 tanh networks on the same
-- spirals (100 training points, 100 held out), each from its own θ0.
-- tests/test_lesson_claims.c (test_trained_not_derived) measures every
-- sentence over 20 such ensembles.

lesson {
  title = { en = "Trained, not derived", zh = "训练出来的，而不是推导出来的" },
  model = "mlp:layers=2-16-16-2,act=tanh",
  data = "spirals:n=200",
  init_seed = 0,
}

step {
  id = "all_fit",
  caption = {
    en = "Eight networks of one shape, each started from its own random weights and trained "
      .. "by Adam on the same spiral points. No formula gives their weights: 1000 small "
      .. "training steps do. All eight fit the training points: each ends with a training loss "
      .. "below 0.05.",
    zh = "八个结构相同的网络，各自从自己的随机权重出发，用 Adam 在同一组螺旋数据上训练。"
      .. "没有哪个公式能直接算出它们的权重，是 1000 个小小的训练步走出来的。"
      .. "八个网络都拟合了训练点：每一个的训练损失最后都低于 0.05。",
  },
  runs = { "adam:lr=0.01" },
  ensemble = 8,
  play = 1000,
  speed = 200,
}

step {
  id = "all_differ",
  caption = {
    en = "Yet they are eight different networks. Any two lie at least 1.1 times their mean "
      .. "|θ| apart, farther from each other than they are, on average, from zero; and any "
      .. "two draw different decision regions: they disagree on at least 1% of the square "
      .. "around the data.",
    zh = "然而这是八个不同的网络。任意两个之间的距离至少是它们平均 |θ| 的 1.1 倍，"
      .. "比它们离原点的平均距离还远；任意两个画出的决策区域也不一样："
      .. "在数据周围的正方形里，它们至少有 1% 的地方判断不同。",
  },
  keep = true,
}

step {
  id = "barrier",
  caption = {
    en = "They are not one valley reached eight times. On the straight line between the first "
      .. "two networks the training loss climbs at least 0.9 above both ends: separate minima "
      .. "with a ridge between them. Which one training finds depends on where it starts.",
    zh = "它们并不是同一个山谷被找到了八次。在前两个网络之间连一条直线，"
      .. "线上的训练损失比两端都高出至少 0.9：这是两个分开的极小值，中间隔着一道山脊。"
      .. "训练找到哪一个，取决于从哪里出发。",
  },
  keep = true,
}
