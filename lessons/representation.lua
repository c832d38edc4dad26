-- representation.lua: training reshapes what a network's hidden layer sees.
-- A 2-16-16-2 tanh network on two-turn spirals (100 training points, 100
-- held out); the map shows the input plane's grid and the points as the
-- last hidden layer holds them (across its linear probe's straight cut,
-- dashed, and along it), with the probe's accuracy on that layer.  tests/test_lesson_claims.c
-- (test_representation) measures every sentence over 20 data sets and starts.

lesson {
  title = { en = "Training shapes the representation", zh = "训练塑造了表示" },
  model = "mlp:layers=2-16-16-2,act=tanh",
  data = "spirals:n=200,turns=2",
  init_seed = 0,
}

step {
  id = "untrained",
  caption = {
    en = "The input plane as the untrained network's last hidden layer holds it. The spiral "
      .. "arms are still wound together: the best straight cut (dashed) gets 73 % of the "
      .. "training points right and 57 % of the held-out ones, little better than a coin toss. "
      .. "Over 20 data sets and starts: at most 75 % and 54 % on average.",
    zh = "这是未经训练的网络的最后一个隐藏层所看到的输入平面。两条螺旋臂在这里仍然缠绕在一起："
      .. "在这一层里最好的一刀直线切分（虚线）只分对 73% 的训练点、57% 的留出点，"
      .. "比抛硬币好不了多少。换 20 组数据和起点：训练点最多 75%，留出点平均 54%。",
  },
  runs = { "adam:lr=0.01" },
  representation = 2,
}

step {
  id = "trained",
  caption = {
    en = "After 2000 Adam steps the layer has pulled the arms apart, bending the grid: a "
      .. "straight cut (dashed) now gets 100 % of the training points right (at least 97 % over "
      .. "20 data sets and starts). Held-out points fare worse, 79 % (59 to 82 % over the 20): "
      .. "the layer fits these 100 points better than it has learnt the spiral.",
    zh = "Adam 走了 2000 步之后，同一层已经把两条臂拉开了，网格被弯折、拉伸："
      .. "现在一刀直线（虚线）就能分对 100% 的训练点（换 20 组数据和起点，至少 97%）。"
      .. "在留出的点上，这一刀要差一些，只有 79%（20 组里 59% 到 82%）：这一层拟合这 100 个点，"
      .. "胜过它对螺旋本身的把握。",
  },
  keep = true,
  representation = 2,
  play = 2000,
  speed = 400,
}
