-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local t = {} for i = 1, 200000 do t[i] = i end
while true do local _ = select("#", table.unpack(t)) end
