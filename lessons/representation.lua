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
    en = "The input plane as the untrained network's last hidden layer holds it. The arms are "
      .. "still wound together: the best straight cut (dashed) gets 73 % of the training points "
      .. "right, 57 % of the test points (over 20 trials: train at most 75 %, test 54 % "
      .. "on average).",
    zh = "这是未经训练的网络的最后一个隐藏层所看到的输入平面。两条螺旋臂仍然缠绕在一起："
      .. "最好的一刀直线（虚线）分对 73% 的训练点、57% 的测试点"
      .. "（20 次试验：训练最多 75%，测试平均 54%）。",
  },
  runs = { "adam:lr=0.01" },
  representation = 2,
}

step {
  id = "trained",
  caption = {
    en = "After 2000 Adam steps the layer has pulled the arms apart: a "
      .. "straight cut (dashed) now gets 100 % of the training points right, 79 % of the test "
      .. "points (over 20 trials: train at least 97 %, test 59 to 82 %). It has learnt these "
      .. "points better than the spiral.",
    zh = "Adam 走了 2000 步后，这一层已把两条臂拉开：一刀直线（虚线）现在分对 "
      .. "100% 的训练点、79% 的测试点（20 次试验：训练至少 97%，测试 59% 到 82%）。"
      .. "它学会的是这些点，多于螺旋本身。",
  },
  keep = true,
  representation = 2,
  play = 2000,
  speed = 400,
}
