-- momentum.lua: a long, narrow ravine, where plain GD zig-zags and crawls
-- and momentum builds up speed along the floor.

-- About the paths of steps 1 to 3, nearly square so the map stands beside the
-- panels (117 pixels a unit at 1280x720 --projector): in ravine_view (48) two
-- steps along the floor parted GD's swings by less than a path is wide, and
-- they merged into a fan (tests/test_layout.c's test_ravine_swings_apart); at
-- 960x540 the race's two runs' swings read as one band.  Momentum 0.8's first
-- swing reaches y = -2.42.  One view for the three steps keeps the map in one
-- place while a class steps through them.
local path_view = { -3.4, 0.9, -2.6, 1.7 }

-- Off-centre and wider than the landscape's own view: momentum 0.99's swings
-- (step 4) reach across it.
local ravine_view = { -4.9, 7.5, -3.9, 3.1 }

lesson {
  title = { en = "Momentum in a ravine", zh = "峡谷中的动量" },
  -- 100 times more curved across than along: a ravine.
  landscape = "quadratic:l1=0.5,l2=50,angle=25",
  start = { -2.5, 1.5 },
  view = path_view,
}

step {
  id = "ravine",
  caption = {
    en = "A ravine: steep walls (λmax = 50), an almost flat floor (λmin = 0.5). "
      .. "GD must keep η below 2/λmax = 0.04 or the walls throw it out. With η = 0.035 it "
      .. "bounces from wall to wall, and along the floor each step covers only 1.75% of "
      .. "the way still to go.",
    zh = "一条峡谷：两壁陡峭（λmax = 50），谷底几乎是平的（λmin = 0.5）。"
      .. "GD 必须让 η 小于 2/λmax = 0.04，否则会被山壁甩出去。η = 0.035 时，它在两壁之间弹来弹去，"
      .. "沿着谷底每一步只走完剩余路程的 1.75%。",
  },
  runs = { "gd:lr=0.035" },
  play = 400,
  speed = 40,
  show = { "gradient", "loss" },
}

step {
  id = "velocity",
  caption = {
    en = "Momentum keeps a velocity: each step adds the gradient to 0.8 times the old one. "
      .. "Along the floor the gradient keeps its direction and the steps grow. Across the "
      .. "ravine its swings die out. By the end it rests at the bottom, its velocity too small "
      .. "to draw.",
    zh = "动量保留一个速度：每一步把新的梯度加到 0.8 倍的旧速度上。沿着谷底，梯度方向不变，于是步子越迈越大。"
      .. "横跨峡谷时它来回摆动，摆动最终平息。到最后它停在最低点，速度小到画不出来。",
  },
  runs = { "momentum:lr=0.02,momentum=0.8" },
  play = 400,
  speed = 40,
  show = { "velocity", "loss" },
}

-- Steps 3 and 4 share one loss range whose floor is "the bottom": 2.5·10⁻⁷ is
-- the loss 10⁻³ from the minimum along the floor, 0.5 · λmin · (10⁻³)².  The
-- curves reach it at the steps the captions compare (GD 420, momentum 107):
-- said as numbers, those counts were nowhere on screen.
local race_range = { ymin = 2.5e-7, ymax = 200 }

step {
  id = "race",
  caption = {
    en = "The race: momentum's loss reaches the loss plot's floor in about a quarter of the "
      .. "steps GD's needs, its curve about four times as steep.",
    zh = "比一比：动量的损失只用 GD 大约四分之一的步数就降到了损失图的底线，它的曲线陡度约是 GD 的四倍。",
  },
  runs = { "gd:lr=0.035", "momentum:lr=0.02,momentum=0.8" },
  play = 450,
  speed = 45,
  show = { "loss" },
  plot = race_range,
}

step {
  id = "too_much",
  caption = {
    en = "Too much momentum, 0.99: the walk overshoots the bottom again and again. GD's "
      .. "loss reaches the plot's floor in less than half of the 1100 steps; after all 1100, "
      .. "this walk is still swinging around the bottom.",
    zh = "动量过大（0.99）：它一次次冲过最低点。GD 的损失不到 1100 步的一半就降到图中底线；"
      .. "1100 步后它仍在最低点周围摆动。",
  },
  -- The run the step is about first: the selected run, its head and ring on
  -- top at the minimum (GD's ring lay over it), and GD's curve drawn after
  -- its loss band on the plot (under it, GD's fall from 200 was hidden).
  runs = { "momentum:lr=0.02,momentum=0.99", "gd:lr=0.035" },
  view = ravine_view,
  play = 1100,
  speed = 110,
  show = { "loss" },
  plot = race_range,
}
