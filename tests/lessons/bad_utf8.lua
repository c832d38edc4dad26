lesson { title = "hostile", landscape = "quadratic" }
step { caption = "\255\254 not utf-8" }
