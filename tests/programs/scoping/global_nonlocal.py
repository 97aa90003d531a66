# global and nonlocal declarations.
counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump(); bump()
print(counter)

def make_global():
    global created_later
    created_later = "made inside a function"
make_global()
print(created_later)

def outer():
    x = "outer"
    def inner():
        nonlocal x
        x = "changed by inner"
    inner()
    return x
print(outer())

def two_levels():
    v = 0
    def mid():
        def inner():
            nonlocal v
            v += 10
        inner()
        inner()
    mid()
    return v
print(two_levels())

x = "global x"
def shadow():
    x = "local x"
    def inner():
        global x
        return x
    return x, inner()
print(shadow())

def read_global():
    return counter * 100
print(read_global())

def nonlocal_vs_global():
    counter = "enclosing"
    def g():
        global counter
        counter = -1
    g()
    return counter
print(nonlocal_vs_global(), counter)
