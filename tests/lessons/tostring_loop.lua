lesson { title = "hostile", landscape = "quadratic" }
local loud = setmetatable({}, { __tostring = function() while true do end end })
step { caption = string.format("%s", loud) }
