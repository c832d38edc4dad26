lesson { title = "hostile", landscape = "quadratic" }
local t, i, row = {}, 0, { string.byte(string.rep("x", 100), 1, -1) }
while true do i = i + 1; t[i] = table.pack(table.unpack(row)) end
