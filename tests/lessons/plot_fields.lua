lesson { title = "t", landscape = "quadratic", axes = true }
step { runs = { "gd", "adam" }, show = { "step_size", "2d" },
       plot = { ymin = 1e-6, ymax = 10, from = 30, run = 2, sharpness = { 920, 1100 } },
       distance_from = { 0.5, -1 },
       experiment = "kramers:points=3", kinds = 1 }
step { show = { "spread" } }
