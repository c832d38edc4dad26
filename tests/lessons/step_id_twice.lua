lesson { title = "t", landscape = "quadratic" }
step { id = "same", caption = "a" }
step { id = "same", caption = "b" }
