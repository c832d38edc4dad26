lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", runs = { "gd" }, particles = 100 }
