lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", runs = { 1 } }
