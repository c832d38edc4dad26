-- refused at line 4: took too long|allocated too often
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local src = string.rep("a = 1 ", 150000)
while true do load(src) end
