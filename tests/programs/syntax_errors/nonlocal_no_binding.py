# nonlocal naming a variable no enclosing function defines.
def outer():
    def inner():
        nonlocal missing
        missing = 1
    return inner
