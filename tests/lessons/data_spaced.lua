lesson { title = "x", landscape = "quadratic" }
step { caption = "x", landscape = "logreg: data=/etc/passwd" }
