lesson { title = "hostile", landscape = "quadratic" }

step { caption = "x", runs = { "adam:beta3=1" } }
