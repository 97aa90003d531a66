# An else with no if before it.
x = 1
else:
    pass
