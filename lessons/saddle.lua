-- saddle.lua: a saddle point is flat but not a minimum.  GD can stall
-- there; a little noise or momentum gets it moving again.

lesson {
  title = { en = "Saddle points", zh = "鞍点" },
  -- A valley in x, a hump in y: a saddle at (0, 0), minima at (0, ±1).
  landscape = "expr:x^2+0.25*(y^2-1)^2",
  view = { -2, 2, -2, 2 },
  start = { 1.5, 0 },
}

-- The plane's axes where a caption cites coordinates: every step but
-- "noise", whose walker's path ran along both axes, hidden under them
-- (review, issue 12); there the basins' edge draws the line y = 0.

-- Every step's caption is about the saddle: each marks it (a frame review
-- found it marked in the first step only).
local saddle_mark = { x = 0, y = 0, label = { en = "saddle", zh = "鞍点" } }

step {
  id = "shape",
  caption = {
    en = "At the centre the ground is flat, the gradient is zero, but it is no minimum: it "
      .. "curves up along x and down along y. A saddle. The real minima lie on either side "
      .. "of it along y, at y = 1 and y = −1.",
    zh = "中心处地面是平的，梯度为零，但它不是极小值：沿 x 方向向上弯，沿 y 方向向下弯。"
      .. "这是一个鞍点。真正的极小值在它沿 y 方向的两侧，y = 1 和 y = −1 处。",
  },
  -- Only the surface shows a saddle's shape at a glance; close in, so that
  -- the steep walls in x do not dwarf the hump in y.
  show = { "3d", "axes" },
  view = { -0.8, 0.8, -1.6, 1.6 },
  marks = {
    saddle_mark,
    { x = 0, y = 1, label = { en = "minimum", zh = "极小值" } },
    { x = 0, y = -1, label = { en = "minimum", zh = "极小值" } },
  },
}

step {
  id = "stall",
  caption = {
    en = "GD started exactly on the line y = 0 never feels the downhill direction: "
      .. "the gradient has no y part there. It walks into the saddle and stops, for good.",
    zh = "恰好从 y = 0 这条线出发的 GD 永远感受不到下坡方向：那里梯度没有 y 分量。它走进鞍点然后停住，再也不动。",
  },
  view = { -2, 2, -2, 2 },
  runs = { "gd:lr=0.1" },
  play = 300,
  speed = 30,
  show = { "gradient", "loss", "axes" },
  plot = { ymin = 1e-3, ymax = 3 },
  marks = { saddle_mark },
}

step {
  id = "plateau",
  caption = {
    en = "Start a hair off the line, at y = 0.001, and GD still spends many steps creeping "
      .. "near the saddle: the loss sits on a plateau before it finally rolls off.",
    zh = "从离这条线极近的 y = 0.001 出发，GD 仍然要在鞍点附近磨蹭很多步：损失停在平台上，最后才滚下去。",
  },
  runs = { "gd:lr=0.1,y0=0.001,x0=1.5" },
  play = 300,
  speed = 30,
  show = { "loss", "axes" },
  -- The drop from the start to the saddle's 0.25 takes a third of the
  -- plot's height: on the whole range, down to 1e-32, it took 3 pixels
  -- and the plateau was not to be seen.
  plot = { ymin = 1e-3, ymax = 3 },
  marks = { saddle_mark },
}

step {
  id = "noise",
  caption = {
    en = "Noise breaks the spell: SGD from the exact same start is kicked off the line and "
      .. "rolls into one minimum or the other, nearly every walker within 200 steps.",
    zh = "噪声打破了僵局：从完全相同起点出发的 SGD 被随机扰动推离这条线，滚进某一个极小值，"
      .. "几乎每个粒子都在 200 步内落入极小值。",
  },
  runs = { "sgd:lr=0.1,noise=0.3" },
  particles = 200,
  play = 200,
  speed = 20,
  -- The walker's way in: its last steps alone, all inside the cloud it
  -- rests in, did not show it kicked off the line (review, issue 12).
  show = { "basins", "way_in" },
  marks = { saddle_mark },
}

step {
  id = "momentum",
  caption = {
    en = "Momentum helps too: each step adds to the last, so from y = 0.001 it sweeps past "
      .. "the saddle (nearest 0.0122) and after 45 steps circles the minimum at y = 1. GD, "
      .. "under momentum's path on y = 0, came as near (0.0121) and lingers.",
    zh = "动量也有帮助：每一步都叠加在上一步上，所以它从 y = 0.001 出发冲过鞍点（最近时 0.0122），"
      .. "45 步之后已在 y = 1 的极小值周围打转。从同一点出发的 GD（路径沿 y = 0 藏在动量的路径下面）"
      .. "离鞍点一样近，0.0121，却仍在那里徘徊。",
  },
  -- Momentum first, the selected run: its head, at the end of its spiral
  -- about the minimum, lay on its own trail, unringed, and was not seen.
  runs = { "momentum:lr=0.1,momentum=0.9,x0=1.5,y0=0.001", "gd:lr=0.1,x0=1.5,y0=0.001" },
  play = 45,
  speed = 10,
  -- No velocity arrow: at step 45 momentum's last step, circling the
  -- minimum, was a stub of a few pixels, where the caption said "builds up".
  show = { "distance", "axes" },
  distance_from = { 0, 0 },
  marks = { saddle_mark },
}
