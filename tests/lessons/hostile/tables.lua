-- refused at line 3: took too long|allocated too often|ran too long
lesson { title = "allocations", landscape = "quadratic" } step { caption = "x" }
while true do local t = {} end
