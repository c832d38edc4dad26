lesson { title = "hostile", landscape = "quadratic" }
step { captoin = "typo" }
