-- full.lua: uses every field of the lesson API and the allowed libraries,
-- so test_lesson can check what lesson_load makes of each.
local function lr(x) return string.format("gd:lr=%g", x) end
local parts = {}
for i = 1, 3 do parts[#parts + 1] = tostring(i) end
local double = load("return 2 * ...")
local total = 0
for i = 1, 10000 do total = total + math.sqrt(i) end

lesson {
  title = { en = "Everything", zh = "全部" },
  landscape = "quadratic:l1=1,l2=10",
  view = { -3, 3, -2, 2 },
  start = { -2.5, 1.5 },
}

step {
  id = "first_one",
  hint = { en = "Press z", zh = "按 z" },
  caption = { en = "one " .. table.concat(parts, ","), zh = "一 " .. utf8.char(0x4E8C) },
  runs = { lr(0.1), "sgd:lr=0.05,noise=1" },
  play = double(50),
  speed = 25.5,
  particles = 30,
  pause = true,
  show = { "gradient", "flow", "3d" },
  marks = {
    { x = 0, y = 0, label = { en = "bottom", zh = "谷底" }, radius = 0.5 },
    { x = 1, y = total > 0 and 1 or 0 },
  },
  keys = {
    z = { label = { en = "width" }, landscape = { "quadratic:l1=1,l2=20", "quadratic:l1=1,l2=30" } },
    a = { runs = { "gd:lr=0.01", { "gd:lr=0.02", "adam:lr=0.1" } } },
  },
}

step {
  caption = "only English here",
  keep = true,
  play = 10,
}

step {
  id = "last",
  caption = { en = "new landscape", zh = "新地形" },
  landscape = "rosenbrock",
}
