-- sharp_flat.lua: two equally deep minima, one sharp and one flat.  Noise
-- and large steps both push the walk out of the sharp one.

-- Steps 1, 3 and 4 see both valleys and step 1's circles about them, and
-- little more: the sharp well (width 0.1) is then wide enough on the map
-- that its walls stay in sight about a head resting in it (on a view to
-- x = 5.06, 77 pixels a unit at 960x540, the well lay under the head).
-- The flat circle (x 0.33 ... 1.93, y -1.36 ... 0.24) keeps a margin of
-- at least 10 pixels from the map's edges: at x = 1.95 it stood 3 pixels
-- from the right one (a frame review).
local both_valleys = { -1.7, 2.06, -1.5, 1.12 }
-- Step 2's strong noise spreads the cloud, and step 6's η = 0.3 leaves the
-- sharp valley, up to (-2, 1.3): a wider view.  The basin shares count
-- walkers on a grid three views wide (scene_basin_shares), the rest
-- "elsewhere": on both_valleys the flat share read 88%, here 89.5%, all 200
-- walkers counted.
local wide_view = { -2.15, 2.3, -1.6, 1.5 }
-- Step 3's weak noise keeps the walkers within about 0.008 of the sharp
-- minimum (η σ / sqrt(2 η λmax - η² λmax²)): on both_valleys, 150 pixels a
-- unit at 960x540, the cloud was 2 pixels wide, hidden under the head and
-- the share's box (review, issue 12).  Close on the sharp valley, about
-- 1400 pixels a unit, the cloud is some 45 pixels wide, the valley's
-- circle whole about it and the walkers' start, (-1, 0.4), inside.
local sharp_view = { -1.36, -0.99, 0.39, 0.72 }

-- The sharp valley's dashed circle, its radius the well's width, named on
-- its rim (steps 1 and 3).
local sharp_circle = {
  { x = -1.2, y = 0.6, radius = 0.1 },
  { x = -1.2, y = 0.6 + 0.1, label = { en = "sharp valley", zh = "尖锐的山谷" } },
}

-- The landscape's defaults: a sharp well (width 0.1) at (-1.2, 0.6) and a
-- flat one (width 0.8) at (1.2, -0.6), both of depth 1, on a gentle bowl.

lesson {
  title = { en = "Sharp and flat minima", zh = "尖锐与平坦的极小值" },
  landscape = "sharp_flat",
  view = both_valleys,
  start = { -1.0, 0.4 },
}

-- Steps 4 to 6 compare η with 2/λmax in each valley: marks name each
-- valley's λmax on the map, on each minimum (the flat one lies off
-- its well's centre: the bowl pulls it in); the sharpness plot dots both.
local valley_curvatures = {
  { x = -1.2, y = 0.6, label = { en = "sharp: λmax ≈ 100", zh = "尖锐：λmax ≈ 100" } },
  { x = 1.13, y = -0.56, label = { en = "flat: λmax ≈ 1.65", zh = "平坦：λmax ≈ 1.65" } },
}

step {
  id = "two_valleys",
  caption = {
    en = "Two valleys of the same depth. The left one is sharp: narrow, with steep walls "
      .. "(curvature λmax ≈ 100). The right one is flat: wide and gentle (λmax ≈ 1.65). "
      .. "Plain GD with a small step, started next to the sharp valley, falls into it and stays.",
    zh = "两个同样深的山谷。左边的是尖锐的：窄而陡（曲率 λmax ≈ 100）。右边的是平坦的："
      .. "宽而缓（λmax ≈ 1.65）。从尖锐山谷旁边出发、学习率很小的普通 GD 会掉进去并留在那里。",
  },
  runs = { "gd:lr=0.005" },
  play = 400,
  speed = 80,
  -- Each dashed circle's radius is its well's width (the landscape's
  -- sharp_width 0.1 and flat_width 0.8), so the circles differ as the wells
  -- do, eightfold: at 0.45 the sharp circle (holding the start, 0.28 from
  -- the minimum) was 0.56 of the flat one, and the narrow well read nearly
  -- as wide as the flat one (a frame review).  The start now lies outside
  -- its circle, well clear of the line.  The flat circle is about its
  -- minimum (1.13, -0.56), not the well's centre: there its dot stood 5
  -- pixels beside the minimum's ring, two markers for one place.  Each label
  -- names what its dashed circle rings: a valley ("sharp" alone left the
  -- circles unexplained).  It stands on its circle's rim, as sgd_noise
  -- labels its circles (labelling the centre, its leader crossed the
  -- circle's dash, a "+"), over it: the sharp one's under side has the
  -- start and the path, and under it the label stood off its rim on a
  -- leader.
  marks = {
    sharp_circle[1],
    sharp_circle[2],
    { x = 1.13, y = -0.56, radius = 0.8 },
    { x = 1.13, y = -0.56 + 0.8, label = { en = "flat valley", zh = "平坦的山谷" } },
  },
}

step {
  id = "strong_noise",
  caption = {
    en = "Now SGD with strong noise: a cloud of walkers from one start. A narrow valley is "
      .. "easy to be kicked out of and hard to fall back into; a wide one keeps its walkers. "
      .. "The white line parts the valleys: 89.5% of the walkers end on the flat one's side.",
    zh = "现在换成噪声很强的 SGD：一团粒子从同一点出发。窄的山谷很容易被踢出去、很难再掉回来；"
      .. "宽的山谷留得住粒子。白线把两个山谷分开：89.5% 的粒子最终落在平坦山谷那一侧。",
  },
  -- The basins overlay draws the line where the two valleys' basins of
  -- attraction meet, on the cells the shares count on: a walker counts
  -- for the side it stands on.  The sharp valley's side reaches past its
  -- well to the map's upper left (the flow from there runs into it), so
  -- its 10% are the walkers in the well and those beyond it.
  runs = { "sgd:lr=0.01,noise=8" },
  particles = 200,
  play = 1000,
  speed = 100,
  show = { "basins" },
  view = wide_view,
}

step {
  id = "weak_noise",
  caption = {
    en = "Close up on the sharp valley alone. One tenth of the noise, like a much larger "
      .. "batch: the walkers settle in it and stay. Small batches (more noise) escape sharp "
      .. "minima; large batches stay.",
    zh = "现在把尖锐的山谷单独放大来看。噪声只有十分之一，相当于大得多的批量：粒子停在里面不再离开。"
      .. "小批量（噪声大）能逃出尖锐的极小值，大批量则留在原地。",
  },
  hint = { en = "Press t to switch between the two noise levels.", zh = "按 t 在两种噪声之间切换。" },
  view = sharp_view,
  marks = sharp_circle,
  runs = { "sgd:lr=0.01,noise=0.8" },
  particles = 200,
  play = 1000,
  speed = 100,
  show = { "basins" },
  keys = {
    t = {
      label = { en = "noise 8 / noise 0.8", zh = "噪声 8 / 0.8" },
      runs = { "sgd:lr=0.01,noise=8", "sgd:lr=0.01,noise=0.8" },
    },
  },
}

step {
  id = "below_line",
  caption = {
    en = "No noise now: one plain GD walk. GD can settle in a minimum only if "
      .. "η < 2/λmax there: 2/100 = 0.02 in the sharp valley, 2/1.65 ≈ 1.2 in the flat one. "
      .. "With η = 0.019 GD converges to the sharp minimum.",
    zh = "现在没有噪声：只有一条普通 GD 的路径。GD 只有在 η < 2/λmax 时才能停在一个极小值里："
      .. "尖锐山谷里是 2/100 = 0.02，平坦山谷里约为 2/1.65 ≈ 1.2。η = 0.019 时 GD 收敛到尖锐的极小值。",
  },
  -- Both valleys again, after step 3's close view of the sharp one.
  view = both_valleys,
  runs = { "gd:lr=0.019" },
  play = 600,
  speed = 60,
  show = { "stability" },
  marks = valley_curvatures,
}

step {
  id = "two_cycle",
  caption = {
    en = "η = 0.025, just above 2/λmax of the sharp valley: GD cannot settle. "
      .. "It ends up bouncing between two points on opposite walls forever, a 2-cycle "
      .. "around the minimum it can never reach.",
    zh = "η = 0.025，刚刚超过尖锐山谷的 2/λmax：GD 停不下来。"
      .. "它最终在两侧山壁上的两个点之间永远来回跳动，围着极小值做周期为 2 的循环，却永远到不了极小值本身。",
  },
  runs = { "gd:lr=0.025" },
  play = 600,
  speed = 30,
  show = { "stability", "gradient" },
  -- The minimum's mark (its ring, over the path), between the cycle's two
  -- points, alike, without its name:
  -- close on the valley the label lay over the cycle (a frame review), and
  -- the stability plot says its λmax, "sharp: λmax 100".
  marks = { { x = valley_curvatures[1].x, y = valley_curvatures[1].y } },
  -- Close on the sharp valley: the 2-cycle's two points are 0.13 apart.
  view = { -1.75, -0.65, 0.25, 0.95 },
}

step {
  id = "thrown_out",
  caption = {
    en = "η = 0.3, far too large for the sharp valley but well below 2/λmax of the flat one: "
      .. "GD is thrown out of the sharp valley and comes to rest in the flat minimum. "
      .. "A large learning rate is itself a preference for flat minima.",
    zh = "η = 0.3，对尖锐山谷来说太大，但远小于平坦山谷的 2/λmax："
      .. "GD 被甩出尖锐山谷，最后停在平坦的极小值里。大学习率本身就是一种对平坦极小值的偏好。",
  },
  hint = {
    en = "Press w to widen the sharp valley (width 0.25, λmax ≈ 16): "
      .. "η = 0.025 then settles in it.",
    zh = "按 w 把尖锐的山谷变宽（宽度 0.25，λmax ≈ 16）：这时 η = 0.025 也能停在里面。",
  },
  view = wide_view,
  -- η = 0.3 first: the stability plot follows run 1 alone, its λmax from
  -- 100, over its 2/η = 6.67, down to 1.65 under it (with runs 2 and 3,
  -- steps 4 and 5 again, the scale was log and their λmax 100 lay a pixel
  -- from their 2/η, 105 and 80).
  runs = { "gd:lr=0.3", "gd:lr=0.019", "gd:lr=0.025" },
  -- 60 updates: η = 0.3 is at rest in the flat minimum from about the
  -- 39th, the plots' axes count the step's updates, and over 600 its
  -- story filled the sharpness plot's first 10 pixels (a frame review).
  -- By then η = 0.025 bounces in its 2-cycle and η = 0.019 lies 0.0015
  -- from the sharp minimum.
  play = 60,
  speed = 6,
  show = { "stability" },
  plot = { run = 1 },
  marks = valley_curvatures,
  keys = {
    w = {
      label = { en = "sharp valley width 0.1 / 0.25", zh = "尖锐山谷宽度 0.1 / 0.25" },
      landscape = { "sharp_flat:sharp_width=0.25" },
    },
  },
}
