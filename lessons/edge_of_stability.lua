-- edge_of_stability.lua: GD cannot settle where the curvature exceeds
-- 2/η, so on a valley that sharpens towards its minimum it climbs to
-- λmax = 2/η and rides that edge.  Rosenbrock's valley sharpens from
-- λmax ≈ 200 on its floor to 1002 at the minimum (1, 1).

lesson {
  title = { en = "The edge of stability", zh = "稳定性边缘" },
  landscape = "rosenbrock",
  -- Close about the path (x -0.8 to 1, y 0 to 1.05): in the landscape's
  -- own view GD's head stood 4 px from the minimum at 960x540, its ring
  -- over the minimum's, and which was which could not be told (15 px
  -- apart now).  Not wider: at 2.3 by 1.5 the map took the plots' row at
  -- 1280x720 --projector, the sharpness plot squeezed to 35 px in Chinese.
  view = { -1.0, 1.3, -0.2, 1.7 },
  start = { -0.5, 1 },
}

-- The three steps share one linear sharpness axis from 0, unbroken, so
-- they compare and each shows the whole story: the fall to 200, the climb
-- to 2/η and (step 2) the hovering about it.  On 920 to 1100 over a broken
-- foot, steps 2 and 3 squeezed everything under 920 into 12 px at
-- 960x540, and their first 3000 steps read as λmax ≈ 930-950.
local edge_range = { sharpness = { 0, 1100 } }

step {
  id = "climb",
  caption = {
    en = "GD with η = 0.0021 on Rosenbrock's valley. The sharpness plot: λmax of the Hessian "
      .. "where GD stands, against 2/η ≈ 952. λmax leaps from 300 to over 700 as GD drops into "
      .. "the valley, falls to 200, then climbs to the line on the ever sharper floor.",
    zh = "η = 0.0021 的 GD 走在 Rosenbrock 的山谷里。尖锐度图：GD 所在处 Hessian 的最大特征值 λmax，"
      .. "与 2/η ≈ 952 对比。λmax 先从 300 跃升到 700 以上（GD 落进山谷），再降到 200，"
      .. "随后在越来越陡的谷底上爬升到这条线。",
  },
  runs = { "gd:lr=0.0021" },
  -- The ring at (1, 1) named, as in steps 2 and 3: unlabelled it was unexplained.
  marks = { { x = 1, y = 1, label = { en = "minimum", zh = "极小值" } } },
  play = 3000,
  speed = 300,
  show = { "sharpness" },
  -- Steps on a log axis: λmax leaps from 300 to 715 in GD's first step,
  -- which on 0 to 3000 stood in the plot's first pixel column, on the
  -- axis line; from step 1 to 10 of 3000 take 0.09 to 0.30 of the width.
  plot = { sharpness = edge_range.sharpness, log_steps = true },
}

step {
  id = "hover",
  caption = {
    en = "At the minimum λmax = 1002, above 2/η: GD cannot settle there. It rides the edge "
      .. "instead. For 3000 steps its sharpness stays within 12% of 2/η, within 5% nine steps "
      .. "in ten. The loss falls 880 more steps, then jumps over 100-fold and back three times.",
    zh = "极小值处 λmax = 1002，高于 2/η：GD 无法停在那里，只能沿着稳定性边缘前进。"
      .. "接下来的 3000 步里，它的尖锐度始终在 2/η 的 12% 以内，十步中有九步在 5% 以内。"
      .. "损失又下降了 880 步，随后三次跳升到 100 倍以上，每次又落回来。",
  },
  keep = true,
  marks = { { x = 1, y = 1, label = { en = "minimum: λmax = 1002", zh = "极小值：λmax = 1002" } } },
  play = 3000,
  speed = 300,
  show = { "sharpness" },
  plot = edge_range,
}

step {
  id = "below_edge",
  caption = {
    en = "With η = 0.0019, 2/η ≈ 1053 is above the minimum's 1002. GD's sharpness climbs "
      .. "but stays under the line, and the loss falls at every step: with room below the "
      .. "edge, GD creeps smoothly along the floor towards the minimum.",
    zh = "η = 0.0019 时，2/η ≈ 1053 高于极小值处的 1002。GD 的尖锐度爬升，却始终低于这条线，"
      .. "损失每一步都在下降：稳定性边缘之下还有余地，GD 沿着谷底平稳地向极小值爬去。",
  },
  runs = { "gd:lr=0.0019" },
  marks = { { x = 1, y = 1, label = { en = "minimum: λmax = 1002", zh = "极小值：λmax = 1002" } } },
  play = 6000,
  speed = 600,
  show = { "sharpness" },
  plot = edge_range,
}
