lesson { title = "hostile", landscape = "quadratic" }
error("first line\nsecond line\r\tthird")
