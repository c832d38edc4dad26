lesson { title = "x", landscape = "linreg:data=/etc/passwd" }
step { caption = "x" }
