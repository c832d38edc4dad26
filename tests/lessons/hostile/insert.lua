-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local t = {} for i = 1, 500000 do t[i] = i end
while true do table.insert(t, 1, 0) table.remove(t, 1) end
