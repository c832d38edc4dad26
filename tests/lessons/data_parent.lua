lesson { title = "x", landscape = "linreg:n=3,data=../data/regression.csv" }
step { caption = "x" }
