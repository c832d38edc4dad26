-- refused at line 4: took too long|allocated too often
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local t = {} for i = 1, 100000 do t[i] = "abcdefgh" end
while true do local _ = table.concat(t) end
