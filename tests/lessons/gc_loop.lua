lesson { title = "hostile", landscape = "quadratic" }
setmetatable({}, { __gc = function() while true do end end })
step { caption = "a finalizer that loops" }
