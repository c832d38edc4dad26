lesson { title = "hostile", landscape = "quadratic" }
local f = assert(load("\27LuaT\0\25\147\r\n\26\n\4\8\8xV"))
