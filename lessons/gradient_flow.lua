-- gradient_flow.lua: gradient descent as a discretisation of the gradient
-- flow dθ/dt = −∇L, and how the two part as the step grows.
--
-- A flow run is drawn through its updates, so it is drawn with one small
-- time step (lr=0.01) in every step: at GD's own step the flow would show
-- corners that the real flow does not have, and its "Δt 0.05" in step 2
-- read as GD at η = 0.05.
--
-- With a flow on stage the runs keep one clock, time t = Σ η, not the
-- update number (src/scene/scene.h, scene_on_time): a step's play counts
-- the flow's updates, and GD goes as far as the flow's time (at η = 0.2,
-- 15 updates to the flow's 300, t = 3).  The loss plot's x axis, the
-- legend and the heads on the map all read that time.

lesson {
  title = { en = "Gradient descent and gradient flow", zh = "梯度下降与梯度流" },
  landscape = "quadratic:l1=1,l2=8,angle=30",
  start = { -2.5, 1.5 },
}

step {
  id = "small_step",
  caption = {
    en = "Shrink the step η towards zero and gradient descent becomes a smooth curve: "
      .. "the gradient flow dθ/dt = −∇L, traced in steps of time "
      .. "Δt = 0.01 (the legend's Δt; no learning rate). Here η = 0.01: the steps (GD) and the "
      .. "flow lie on top of each other.",
    zh = "把学习率 η 缩到趋近于零，梯度下降就变成一条光滑曲线：梯度流 dθ/dt = −∇L，"
      .. "它以时间步 Δt = 0.01 描出（即图例中的 Δt，不是学习率）。"
      .. "这里 η = 0.01：离散的步子（GD）和梯度流几乎完全重合。",
  },
  runs = { "gd:lr=0.01", "flow:lr=0.01" },
  play = 300,
  speed = 100,
}

step {
  id = "medium_step",
  caption = {
    en = "η = 0.05: GD still follows the flow, slightly off it on the bend. Step k of GD "
      .. "is compared with the flow at time k·η: GD is a little ahead, its loss lower at every step "
      .. "(the curves lie on one another; the legend at t = 5: 3.5e-05 against 4.5e-05).",
    zh = "η = 0.05：GD 仍然跟着梯度流，只在拐弯处稍稍偏开。GD 的第 k 步对应梯度流在 k·η 时刻的位置："
      .. "GD 略微领先，每一步的损失都更低（两条曲线叠在一起；图例中 t = 5 时是 3.5e-05 对 4.5e-05）。",
  },
  -- 500 of the flow's updates: t = 5, GD's update 100.
  runs = { "gd:lr=0.05", "flow:lr=0.01" },
  play = 500,
  speed = 125,
}

step {
  id = "large_step",
  caption = {
    en = "η = 0.2: the flow never crosses the valley's floor; GD crosses it at every step. "
      .. "Nor is GD the flow sped up: at equal time t = k·η its loss is first above the "
      .. "flow's, then below (0.001245 against 0.002482 at t = 3): a different dynamical system.",
    zh = "η = 0.2：梯度流从不越过谷底；GD 每一步都越过谷底。"
      .. "GD 也不是加快了的梯度流：在相同时间 t = k·η，它的损失起初高于梯度流，"
      .. "后来低于它（t = 3 时 0.001245 对 0.002482）：这是另一个动力系统。",
  },
  -- The loss plot and the legend read time t = Σ η: GD's loss is not the
  -- flow's sped up (the caption said "big steps do not trace the flow
  -- faster" beside a legend where GD's loss was the lower: review).
  runs = { "gd:lr=0.2", "flow:lr=0.01" },
  play = 300,
  speed = 30,
  show = { "gradient" },
}

step {
  id = "side_by_side",
  caption = {
    en = "All three step sizes beside the flow: at t = 3 the four heads meet again, but the "
      .. "larger η, the further GD's path strayed from the flow on the way (η = 0.01's, "
      .. "orange, lies under the flow's blue line all the way). The step size itself shapes "
      .. "the path.",
    zh = "三种学习率与梯度流放在一起：到 t = 3 时四个端点又聚到一起，但 η 越大，GD 的路径在途中"
      .. "离梯度流越远（η = 0.01 的橙色路径一路都在梯度流的蓝线下面）。学习率本身塑造了路径。",
  },
  -- Its heads end stacked, 0.021 apart at most: the caption says so, as the
  -- point of the step (a frame review read them as one ringed blot).
  runs = { "gd:lr=0.01", "gd:lr=0.05", "gd:lr=0.2", "flow:lr=0.01" },
  play = 300,
  speed = 60,
}
