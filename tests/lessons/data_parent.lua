lesson { title = "x", landscape = "linreg:n=3,data=../lessons/tiny.csv" }
step { caption = "x" }
