lesson { title = "hostile", landscape = "quadratic" }
local s = string.rep("x", 1e9)
