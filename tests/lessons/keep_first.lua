lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", keep = true }
