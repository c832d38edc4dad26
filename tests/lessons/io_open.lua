lesson { title = "hostile", landscape = "quadratic" }
local f = io.open("/etc/passwd")
