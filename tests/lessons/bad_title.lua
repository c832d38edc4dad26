lesson { title = 5, landscape = "quadratic" }
