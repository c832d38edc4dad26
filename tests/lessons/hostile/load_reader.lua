-- refused at line 4: took too long
lesson { title = "C call", landscape = "quadratic" } step { caption = "x" }
local piece = string.rep(" ", 1 << 20)
load(function() return piece end)
