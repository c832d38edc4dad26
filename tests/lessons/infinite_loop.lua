lesson { title = "hostile", landscape = "quadratic" }
step { caption = "loop" }
while true do end
