lesson { title = "hostile", landscape = "quadratic" }
local f = loadfile("/etc/passwd")
