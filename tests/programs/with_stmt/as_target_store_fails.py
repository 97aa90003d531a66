# Storing the `as` target is inside the with statement: when the store
# raises (an unpacking mismatch, a failing __setattr__ or __setitem__),
# __exit__ sees the exception and may suppress it, as in CPython.
class CM:
    def __init__(self, value, suppress):
        self.value = value
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.value)
        return self.value

    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return self.suppress


with CM(1, True) as (a, b):
    print("body not reached")
print("after a suppressed unpacking error")

with CM((1, 2, 3), True) as (a, b):
    print("body not reached")

try:
    with CM(5, False) as (a, b):
        print("body not reached")
except TypeError as e:
    print("propagated:", e)


class NoSet:
    def __setattr__(self, name, value):
        raise AttributeError("read-only " + name)


target = NoSet()
with CM("x", True) as target.attr:
    print("body not reached")

d = {}
with CM("ok", False) as d["k"]:
    print("body", d)

# Nested: the inner store fails, the outer manager sees nothing.
with CM("outer", False) as outer:
    with CM(7, True) as (p, q):
        print("body not reached")
    print("inside outer", outer)
print("done")
