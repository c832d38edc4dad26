-- adam_vs_sgd_network.lua: Adam and gradient descent prefer different
-- solutions on a network too.  One 2-16-16-2 tanh network with squared
-- loss on spirals (100 training points, 100 held out), trained from the
-- same θ0 by full-batch gradient descent and by Adam.  Squared loss, as in
-- the edge_of_stability experiment's network: with cross-entropy the
-- sharpness falls as the fit grows sure instead of holding an edge.
-- tests/test_lesson_claims.c (test_adam_vs_sgd_network) measures every
-- sentence over 20 data sets and starts; starts = 20 shows those figures,
-- measured beside the stage by core/net_starts.h, in a panel.  The zh
-- captions keep to three lines beside the plots at 960x540: at four they
-- went across the bottom and took the plots' compact forms
-- (lessons/CLAIMS.md).

lesson {
  title = { en = "Adam and gradient descent on a network", zh = "网络上的 Adam 与梯度下降" },
  model = "mlp:layers=2-16-16-2,act=tanh,loss=mse",
  data = "spirals:n=200",
  init_seed = 0,
}

step {
  id = "two_runs",
  caption = {
    en = "One network, one start, two runs: gradient descent on all 100 points (run 1, "
      .. "η = 0.2) and Adam (run 2, η = 0.02). Each settles at its own edge, dashed in the "
      .. "sharpness plot.",
    zh = "同一网络、同一起点训练两次：路径 1 用全部 100 个点做梯度下降（η = 0.2），"
      .. "路径 2 用 Adam（η = 0.02），各停在自己的边缘（图中虚线）。",
  },
  runs = { "gd:lr=0.2", "adam:lr=0.02" },
  slice = "pca",
  play = 2000,
  speed = 400,
  show = { "sharpness" },
}

step {
  id = "edges",
  caption = {
    en = "In the last 500 updates GD's λmax averages within 8 % of 2/η = 10 on 19 of 20 "
      .. "starts, Adam's λmax(P⁻¹H) 0.86 to 0.98 of 38/η = 1900 (raised by momentum) on all 20.",
    zh = "最后 500 步：GD 的 λmax 均值离 2/η = 10 不到 8%（19/20），Adam 的 λmax(P⁻¹H) "
      .. "为 38/η = 1900（由动量抬高）的 0.86 到 0.98（全部 20 个）。",
  },
  keep = true,
  starts = 20,
  tally = { "edge" },
  slice = "pca",
  show = { "sharpness" },
}

step {
  id = "apart",
  caption = {
    en = "They end as different networks: on the map Adam's path goes much farther. The starts "
      .. "panel: over 20 starts Adam ends 15 to 28 from θ0, GD 2 to 5; the two lie 14 to 27 apart.",
    zh = "它们最后成了不同的网络：地图上 Adam 走得远得多。起点面板：20 个起点上 Adam "
      .. "最后离 θ0 有 15 到 28，GD 只有 2 到 5；两者相距 14 到 27。",
  },
  keep = true,
  starts = 20,
  tally = { "apart" },
  slice = "pca",
}

step {
  id = "regions",
  caption = {
    en = "They draw different decision regions too: the data panel now shows run 2, Adam. The "
      .. "starts panel: over 20 starts Adam's regions differ from GD's on 4 to 16 % of the "
      .. "square around the data.",
    zh = "决策区域也不一样：数据面板现在显示路径 2（Adam）。起点面板：20 个起点上，"
      .. "Adam 与 GD 的区域在数据周围的正方形里有 4% 到 16% 不同。",
  },
  keep = true,
  starts = 20,
  tally = { "regions" },
  slice = "pca",
  plot = { run = 2 },
}

step {
  id = "held_out",
  caption = {
    en = "Test accuracy, the share of the 100 test points (never trained on) classified "
      .. "right, was higher for Adam on 15 of 20 starts, for GD on 5: the starts panel counts "
      .. "them.",
    zh = "测试准确率，即 100 个测试点（训练从未用过）中分对的比例：20 个起点中，"
      .. "Adam 有 15 次更高，GD 有 5 次。起点面板里数着。",
  },
  keep = true,
  starts = 20,
  tally = { "held_out" },
  slice = "pca",
  plot = { run = 2 },
}

step {
  id = "not_a_verdict",
  caption = {
    en = "But in 2000 updates GD, back in the data panel, misses 2 to 45 % of the training "
      .. "points, Adam at most 2 % (starts panel): how far each got, not which generalises better.",
    zh = "不过 2000 步后，GD（数据面板又显示它）仍分错 2% 到 45% 的训练点，Adam 至多 2%"
      .. "（起点面板）：这是各自走了多远，不是谁泛化更好。",
  },
  keep = true,
  starts = 20,
  tally = { "missed" },
  slice = "pca",
  plot = { run = 1 },
}
