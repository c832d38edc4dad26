-- A step measuring an experiment beside its stage, and one without
-- (tests/test_experiment_window.c).
lesson { title = "escape", landscape = "double_well" }
step { runs = { "sgd:lr=0.02,noise=5.77,x0=-1,y0=0" }, particles = 100,
       experiment = "kramers:to=7,points=3,escapes=200,check_from=3" }
step { caption = "no experiment" }
