-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local cps = {} for i = 1, 200000 do cps[i] = 0x4e00 end
while true do local _ = utf8.char(table.unpack(cps)) end
