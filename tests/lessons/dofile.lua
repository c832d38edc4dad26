lesson { title = "hostile", landscape = "quadratic" }
dofile("/etc/passwd")
