lesson { title = "hostile", landscape = "quadratic" }
-- pcall is gone, so the cap cannot be caught and ignored
pcall(function() while true do end end)
