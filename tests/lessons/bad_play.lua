lesson { title = "hostile", landscape = "quadratic" }
step { caption = "x", play = "many" }
