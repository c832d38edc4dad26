lesson { title = "x", landscape = "nowhere" }
step { caption = "x" }
