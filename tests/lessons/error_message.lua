lesson { title = "hostile", landscape = "quadratic" }

error("the teacher made a mistake")
