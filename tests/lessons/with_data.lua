lesson { title = "data beside the lesson", landscape = "linreg:data=tiny.csv" }
step { caption = "x", runs = { "sgd:lr=0.1,batch=1" }, keys = { d = { landscape = { "logreg:data=tiny.csv,l2=0.1" } } } }
