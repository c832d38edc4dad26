lesson { title = "hostile", landscape = "quadratic" }
local s = (""):rep(1e15)
