-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local a, b = string.rep("x", 1 << 20), string.rep("x", 1 << 20)
while true do local _ = a < b end
