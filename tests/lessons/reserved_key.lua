lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", keys = { n = { runs = { "gd" } } } }
