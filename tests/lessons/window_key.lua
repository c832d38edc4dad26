lesson { title = "takes a window key", landscape = "quadratic" }
step { caption = "x", keys = { e = { runs = { "gd" } } } }
