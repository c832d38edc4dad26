-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local s = string.rep("x", 1 << 20)
while true do local _ = string.format("%-99s%099.99f%s", "", 1e308, s) end
