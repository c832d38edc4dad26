lesson { title = "hostile", landscape = "quadratic" }
os.execute("touch /tmp/descent-pwned")
