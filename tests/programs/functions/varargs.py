# *args and **kwargs in definitions and calls.
def f(*args, **kwargs):
    return args, kwargs

print(f())
print(f(1, 2, 3))
print(f(a=1, b=2))
print(f(1, *[2, 3], *(4,), x=5, **{"y": 6}, z=7))
def g(a, b, *rest, **opts):
    print(a, b, rest, sorted(opts.items()))
g(1, 2)
g(1, 2, 3, 4, k="v")
g(*range(5))
g(**{"a": "A", "b": "B"})
args = [1, 2]
kw = {"c": 3}
def h(a, b, c):
    return a + b + c
print(h(*args, **kw), h(*"xyz"), h(1, *[2], **{"c": 3}))
def count(*args):
    return len(args), type(args).__name__
print(count(), count(None), count(*[[]]))
def kwtype(**kw):
    return type(kw).__name__, list(kw)
print(kwtype(b=1, a=2))
def merge(**kw):
    return kw
print(merge(**{"a": 1}, **{"b": 2}))
