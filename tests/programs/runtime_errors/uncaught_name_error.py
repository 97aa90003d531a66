# A name that was never defined (no close match, so no suggestion).
def f():
    return zzzz_undefined_value + 1
f()
