lesson { title = "wide", landscape = "quadratic" }
step { caption = "x" }
step { caption = "y", view = { -1e300, 1e300, -1, 1 } }
