# Function objects: attributes, docstrings, first-class use, annotations.
def documented(a: int, b: "str" = "x") -> bool:
    """Return whether a is positive."""
    return a > 0

print(documented.__name__)
print(documented.__doc__)
print(documented.__annotations__)
print(documented.__defaults__)
print(type(documented).__name__, callable(documented))
def nodoc():
    pass
print(nodoc.__doc__, nodoc())
f = documented
print(f is documented, f(5), f.__name__)
documented.custom = "attribute"
print(documented.custom, "custom" in documented.__dict__)
funcs = {"neg": lambda x: -x, "abs": abs, "str": str}
print([funcs[k](-3) for k in ("neg", "abs", "str")])
def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2), apply(documented, -1))
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer().__qualname__, documented.__qualname__)
print(documented.__module__)
print(f"{documented.__code__.co_argcount} args")
def returns_none():
    return
print(returns_none(), (lambda: None)())
def multiple():
    return 1, "two", [3]
x, y, z = multiple()
print(x, y, z, multiple())
