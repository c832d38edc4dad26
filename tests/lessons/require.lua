lesson { title = "hostile", landscape = "quadratic" }
local os = require("os")
