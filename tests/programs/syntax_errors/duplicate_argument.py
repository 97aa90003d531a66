# Two parameters with the same name.
def f(a, b, a):
    pass
