-- static_views.lua: the view moves between steps and keeps its shape (every
-- view 4 wide and 4 high), so the map keeps its place in the frame and only
-- the landscape drawn in it changes; the last two steps play nothing, so
-- from one to the other the panels do not change either.
-- test_static_layer_record.py checks that a recording shows the new view,
-- as one drawn without the static layer does.
lesson {
  title = "Views",
  landscape = "rosenbrock",
  view = { -2, 2, -1, 3 },
  start = { -1.5, 2 },
}

step { caption = "wide", runs = { "momentum:lr=0.0005" }, play = 20 }
step { caption = "wide", runs = { "momentum:lr=0.0005" }, view = { -1, 3, -2, 2 } }
step { caption = "wide", runs = { "momentum:lr=0.0005" }, view = { -3, 1, -1.5, 2.5 } }
