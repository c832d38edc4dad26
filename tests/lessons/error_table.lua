lesson { title = "hostile", landscape = "quadratic" }
error({ "a table" })
