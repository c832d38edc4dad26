-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local s = string.rep("x", 200000)
while true do local _ = select("#", s:byte(1, -1)) end
