lesson { title = "t", landscape = "quadratic" }
step { runs = { "gd" }, plot = { ymin = 0, ymax = 10 } }
