lesson { title = "t", landscape = "quadratic" }
step { runs = { "gd" }, plot = { ymax = 10 } }
