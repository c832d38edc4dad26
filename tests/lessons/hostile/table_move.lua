-- refused at line 3: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
table.move({}, 1, math.maxinteger - 1, 2)
