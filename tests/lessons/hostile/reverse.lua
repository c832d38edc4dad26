-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local s = string.rep("ab", 1 << 19)
while true do local _ = string.reverse(s) end
