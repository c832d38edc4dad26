-- momentum.lua: a long, narrow ravine, where plain GD zig-zags and crawls
-- and momentum builds up speed along the floor.

lesson {
  title = { en = "Momentum in a ravine", zh = "峡谷中的动量" },
  -- 100 times steeper across than along: a ravine.
  landscape = "quadratic:l1=0.5,l2=50,angle=25",
  start = { -2.5, 1.5 },
  -- Off-centre and wider than the landscape's own view: the first swings across
  -- the ravine reach y = -2.4, below where the caption starts.
  view = { -4.9, 7.5, -3.9, 3.1 },
}

step {
  caption = {
    en = "A ravine: steep walls (λmax = 50), an almost flat floor (λmin = 0.5). "
      .. "GD must keep η below 2/λmax = 0.04 or the walls throw it out. With η = 0.035 it "
      .. "bounces from wall to wall and crawls along the floor.",
    zh = "一条峡谷：两壁陡峭（λmax = 50），谷底几乎是平的（λmin = 0.5）。"
      .. "GD 必须让 η 小于 2/λmax = 0.04，否则会被山壁甩出去。η = 0.035 时，它在两壁之间弹来弹去，沿谷底慢慢爬。",
  },
  runs = { "gd:lr=0.035" },
  play = 400,
  speed = 40,
  show = { "gradient", "loss" },
}

step {
  caption = {
    en = "Momentum keeps a velocity: each step adds the new gradient to 0.8 times the old "
      .. "velocity. Across the ravine the pushes alternate and cancel; along the floor they "
      .. "point the same way and add up. The arrows show the velocity.",
    zh = "动量保留一个速度：每一步把新的梯度加到 0.8 倍的旧速度上。横跨峡谷的推力方向交替，"
      .. "相互抵消；沿着谷底的推力方向一致，不断累加。箭头表示速度。",
  },
  runs = { "momentum:lr=0.02,momentum=0.8" },
  play = 400,
  speed = 40,
  show = { "velocity", "loss" },
}

step {
  caption = {
    en = "The race: momentum reaches the bottom in about a quarter of the steps GD needs. "
      .. "Press m to try too much momentum, 0.99: the walk overshoots and circles the minimum "
      .. "for a long time before it settles.",
    zh = "比一比：动量只用 GD 大约四分之一的步数就到了谷底。按 m 试试过大的动量 0.99："
      .. "它会冲过头，绕着极小值转很久才停下来。",
  },
  runs = { "gd:lr=0.035", "momentum:lr=0.02,momentum=0.8" },
  play = 400,
  speed = 40,
  show = { "loss" },
  keys = {
    m = {
      label = { en = "momentum 0.8 / 0.99", zh = "动量 0.8 / 0.99" },
      runs = {
        { "gd:lr=0.035", "momentum:lr=0.02,momentum=0.99" },
        { "gd:lr=0.035", "momentum:lr=0.02,momentum=0.8" },
      },
    },
  },
}
