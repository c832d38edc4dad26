-- refused at line 4: took too long|ran too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local t = {} for i = 1, 1000000 do t[i] = (i * 7919) % 1000003 end
while true do table.sort(t, function(a, b) return a > b end) table.sort(t) end
