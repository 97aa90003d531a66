# continue with no loop.
def f():
    continue
