-- refused at line 4: took too long|allocated too often|ran too long
lesson { title = "allocations", landscape = "quadratic" } step { caption = "x" }
local i = 0
while true do i = i + 1; local _ = tostring(i) .. "x" end
