lesson { title = "hostile", landscape = "quadratic" }
local s = "0123456789"
while true do s = s .. s end
