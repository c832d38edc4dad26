lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", keys = { [" "] = { runs = { "gd" } } } }
