lesson { title = "t", landscape = "quadratic" }
step { id = "Two Words", caption = "a" }
