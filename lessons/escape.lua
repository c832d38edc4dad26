-- escape.lua: how long noise takes to carry a walker out of a minimum, and
-- why SGD leaves sharp minima sooner than flat ones, each law measured live
-- beside the walkers (the experiments kramers and sharp_escape, derived in
-- docs/ARCHITECTURE.md §8).  Every caption's numbers are checked in
-- tests/test_lesson_claims.c (lessons/CLAIMS.md).

lesson {
  title = { en = "Escaping a minimum", zh = "逃出极小值" },
  landscape = "double_well",
  start = { -1, 0 },
}

step {
  id = "hops",
  caption = {
    en = "Two wells of equal depth, a barrier of height ΔV = 1 between them. "
      .. "SGD's noise (σ = 5.77 at η = 0.02) shakes 400 walkers about the left well and "
      .. "now and then kicks one over: after 1000 updates 154 of them, 38.5%, are in the right well.",
    zh = "两个同样深的山谷，中间隔着高度 ΔV = 1 的山脊。SGD 的噪声（η = 0.02 时 σ = 5.77）"
      .. "让 400 个粒子在左边的山谷里晃动，时不时把一个踢过山脊：1000 步之后，其中 154 个（38.5%）在右边的山谷里。",
  },
  runs = { "sgd:lr=0.02,noise=5.77" },
  particles = 400,
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}

step {
  id = "kramers",
  caption = {
    en = "How long is the wait? Each point is the mean time 1000 walkers take to reach the "
      .. "other well (t = η × updates), against ΔV/ε, where ε = ησ²/2 is the noise's temperature. "
      .. "From ΔV/ε = 3 to 7 it grows 49-fold, from 26 to 1250.",
    zh = "要等多久？每个点是 1000 个粒子到达另一个山谷所用时间的平均值（t = η × 步数），"
      .. "横轴是 ΔV/ε，其中 ε = ησ²/2 是噪声的温度。ΔV/ε 从 3 增加到 7，这个时间从 26 增长到 1250，"
      .. "变为 49 倍。",
  },
  experiment = "kramers:tol=7",
  -- The points alone: step 3 brings in the law's line and its verdict.
  law = false,
  keep = true,
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}

step {
  id = "law",
  caption = {
    en = "The line is the Eyring–Kramers law, E[τ] ∝ exp(ΔV/ε). From ΔV/ε = 5 up, where it "
      .. "is meant to hold, every point is within 7% of it; ln E[τ] against 1/ε has slope 0.98, "
      .. "the barrier's 1.",
    zh = "直线是 Eyring–Kramers 定律 E[τ] ∝ exp(ΔV/ε)。在定律适用的范围（ΔV/ε ≥ 5），"
      .. "每个点与它相差都不到 7%；ln E[τ] 对 1/ε 的斜率是 0.98，理论值是山脊的高度 1。",
  },
  experiment = "kramers:tol=7",
  keep = true,
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}

step {
  id = "shaped_noise",
  caption = {
    en = "Left a sharp well (curvature 4), right a flat one (2), equally deep; noise shaped "
      .. "like SGD's with batches of B = 2 examples, covariance σ²H/B, σ = 5 (the legend's σ is "
      .. "5/√2). After 1000 updates 312 "
      .. "of 400 walkers have left the sharp well.",
    zh = "左边是尖锐山谷（曲率 4），右边是平坦山谷（曲率 2），同样深；噪声的形状和批大小 B = 2 的 "
      .. "SGD 一样，协方差为 σ²H/B，σ = 5（图例中的 σ 是 5/√2）。1000 步之后，400 个粒子中有 312 个离开了尖锐山谷。",
  },
  landscape = "parabolic_wells",
  start = { -1, 0 },
  runs = { "sgd:lr=0.02,noise=3.5355,noise_model=hessian" },
  particles = 400,
  -- The walkers alone: step 5 brings in the plot.
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}

step {
  id = "isotropic",
  caption = {
    en = "The plot: how much longer walkers stay in the flat well (right) than the sharp "
      .. "(left). Noise equal in all directions, as on the map: 1.4 at B = 2, 1.5 at B = 3, "
      .. "near the law's √2 ≈ 1.41, a small gain. Walkers start in the sharp well (+); two in "
      .. "three are still there.",
    zh = "图中是粒子在平坦山谷（右）里停留的平均时间除以在尖锐山谷（左）里停留的时间。"
      .. "噪声各向同性时（地图所示），B = 2 时是 1.4，B = 3 时是 1.5，"
      .. "接近定律给出的 √2 ≈ 1.41：平坦只带来一点好处。地图上的粒子都从尖锐山谷（+）出发："
      .. "三个里有两个仍在那里。",
  },
  runs = { "sgd:lr=0.02,noise=5.5902" },
  particles = 400,
  experiment = "sharp_escape",
  -- The isotropic points and their law alone: step 6 brings in the
  -- Hessian-shaped ones and the verdict over all four.
  kinds = 1,
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}

step {
  id = "shaped",
  caption = {
    en = "With SGD's shaped noise it is 6.8 at B = 2, 13 at B = 3. The line is the law, "
      .. "computed, not fitted: 7.6 and 14.8; it grows exponentially with B. SGD leaves a sharp "
      .. "minimum far sooner than a flat one.",
    zh = "换成 SGD 那样有形状的噪声，B = 2 时是 6.8，B = 3 时是 13。直线是定律，"
      .. "是算出来的，并非拟合：7.6 和 14.8；它随 B 指数增长。"
      .. "SGD 离开尖锐极小值比离开平坦极小值快得多。",
  },
  runs = { "sgd:lr=0.02,noise=3.5355,noise_model=hessian" },
  particles = 400,
  experiment = "sharp_escape",
  play = 1000,
  speed = 200,
  show = { "basins" },
  plot = { ymin = 1e-3, ymax = 3 },
}
