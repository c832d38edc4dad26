lesson { title = "hostile", landscape = "quadratic" }
step { caption = "fine" }
step { caption = "broken" 
