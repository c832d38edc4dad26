-- welcome.lua: what is on the screen, and the one rule behind every
-- optimizer in descent.  Also a short tour of the lesson API: each step{}
-- below is one slide; → moves on, ← goes back.  Every sentence of a
-- caption is checked in tests/test_lesson_claims.c (see lessons/CLAIMS.md).

lesson {
  title = { en = "Welcome: walking downhill", zh = "欢迎：一步一步走下坡" },
  landscape = "quadratic:l1=1,l2=10,angle=30",
  start = { -2.5, 1.5 },
}

step {
  id = "landscape",
  caption = {
    en = "The colours are a loss L(x, y): dark is low, bright is high. "
      .. "x and y are the two parameters of a tiny model; training means finding low ground.",
    zh = "颜色表示损失 L(x, y)：越暗越低，越亮越高。x 和 y 是一个很小的模型的两个参数，"
      .. "训练就是去找低处。",
  },
  marks = { { x = 0, y = 0, label = { en = "lowest point", zh = "最低点" } } },
  -- The caption names x and y: the axes show which is which.
  show = { "axes" },
}

step {
  id = "walk",
  caption = {
    en = "Gradient descent knows only the slope under its feet. It repeats one rule, "
      .. "θ ← θ − η∇L: the arrows −∇L point steepest downhill and η, the learning rate, "
      .. "says how far to go. Every step (a dot on the path) lowers the loss, down to the "
      .. "lowest point.",
    zh = "梯度下降只知道脚下的坡度。它反复执行同一条规则 θ ← θ − η∇L："
      .. "箭头 −∇L 指向最陡的下坡方向，学习率 η 决定走多远。"
      .. "每一步（路径上的一个点）都让损失变小，一直走到最低点。",
  },
  hint = { en = "Space plays and pauses the walk.", zh = "空格键播放或暂停行走。" },
  runs = { "gd:lr=0.05" },
  -- A dot at each step: the smooth line alone hid the steps step 3 says shrink.
  show = { "gradient", "steps", "loss" },
  pause = true,
  play = 150,
  speed = 20,
}

step {
  id = "slowing",
  caption = {
    en = "Near the bottom the ground flattens: the arrows −∇L are shorter there, and each "
      .. "step, η times the arrow under the walker, shrinks as it comes closer: the path's dots "
      .. "close up, until only some fit. The plot of step lengths falls at every update.",
    zh = "接近最低点时地面变平：那里的箭头 −∇L 更短；每一步是 η 乘以脚下的箭头，越接近最低点就越短："
      .. "路径上的点越挤越密，最后只画得下其中一部分。"
      .. "步幅图画的是每次更新走过的距离，它每一步都在下降。",
  },
  hint = {
    en = "Your turn: [ and ] make η smaller or larger, a click starts the walk somewhere "
      .. "else, . takes a single step, h lists every key.",
    zh = "轮到你了：[ 和 ] 把 η 调小或调大，单击换一个起点，. 只走一步，h 列出所有按键。",
  },
  keep = true,
  show = { "gradient", "steps", "step_size", "loss" },
  play = 100,
}

step {
  id = "four_valleys",
  caption = {
    en = "Seeing only the local slope has a consequence: on ground with four valleys, "
      .. "the same rule from four starting points ends in four different minima. "
      .. "Where you start is part of the answer.",
    zh = "只看局部坡度有一个后果：在有四个山谷的地形上，同一条规则从四个起点出发，"
      .. "会落到四个不同的极小值。起点本身就是答案的一部分。",
  },
  landscape = "himmelblau",
  -- Centred on the four minima: the map lies where no panel is (the
  -- renderer's layout), so the view need not dodge the panels.
  view = { -6, 6, -5.5, 5.5 },
  runs = {
    "gd:lr=0.01,x0=1,y0=1", "gd:lr=0.01,x0=-1,y0=1",
    "gd:lr=0.01,x0=-1,y0=-1", "gd:lr=0.01,x0=1,y0=-1",
  },
  play = 600,
  speed = 120,
}

step {
  id = "more",
  caption = {
    en = "Sixteen more lessons each take one idea further, from learning rates, noise and "
      .. "momentum to small real networks and how noise carries walkers out of a minimum.",
    zh = "另外十六课各把一个想法再推进一步：从学习率、噪声和动量，到真实的小网络，"
      .. "以及噪声如何把粒子带出极小值。",
  },
  hint = { en = "descent list lessons names them.", zh = "用 descent list lessons 可以列出它们。" },
  keep = true,
}
