-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local s = string.rep("a", 1 << 20)
while true do local _ = s:upper() end
