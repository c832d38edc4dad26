-- hints.lua: a lesson with presenter hints, for tests/test_record_texts.c.
-- Its captions' reading times are worked out by hand in that test.
lesson { title = { en = "Hints", zh = "提示" }, landscape = "quadratic" }
step {
  caption = { en = "Seven words in this caption to read.", zh = "七个汉字要读完。" },
  hint = { en = "Press Space to start", zh = "按空格键开始" },
  runs = { "gd:lr=0.1,x0=-2,y0=1" },
  pause = true,
  play = 30,
}
step {
  caption = "Four more words here.",
  hint = "Press t to switch",
  keys = { t = { landscape = { "quadratic:l2=2" } } },
}
step {
  keep = true,
}
