lesson { title = "hostile", landscape = "quadratic" }
local i = string.find(string.rep("a", 5000), ".-.-.-.-b")
