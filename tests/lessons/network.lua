-- A network lesson's fields and how they carry over (tests/test_lesson.c).
lesson { title = "net", model = "mlp:layers=2-8-8-2", data = "moons:n=40", init_seed = 3 }
step { caption = "a", runs = { "adam:lr=0.01", "gd:lr=0.1" }, ensemble = 4, slice = "pca",
       representation = 2, play = 10 }
step { caption = "b", keep = true, play = 10 }
step { caption = "c", data = "spirals:n=40", init_seed = 7 }
step { caption = "d", landscape = "quadratic", runs = "gd" }
step { caption = "e", model = "mlp:layers=2-4-2", data = "xor:n=40", runs = "sgd:lr=0.1,batch=8" }
