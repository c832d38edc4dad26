-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local s = string.rep("é", 1 << 19)
while true do local _ = utf8.offset(s, 500000) end
