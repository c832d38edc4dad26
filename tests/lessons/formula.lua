-- formula.lua: Adam on Rosenbrock with the update-rule panel on (the
-- window's x key).  docs/formula.png is its last frame:
--   descent record tests/lessons/formula.lua --seconds 4 --size 1280x720 -o docs/formula.png
lesson {
  title = { en = "Adam's update rule, live (key x)" },
  landscape = "rosenbrock",
  start = { -1.5, 2 },
}

step {
  runs = { "adam:lr=0.05" },
  show = { "formula", "loss" },
  play = 150,
  speed = 20,
}
