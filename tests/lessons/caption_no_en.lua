lesson { title = "hostile", landscape = "quadratic" }
step { caption = { zh = "只有中文" } }
