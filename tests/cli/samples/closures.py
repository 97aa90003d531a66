def outer():
    x = 10

    def inner():
        nonlocal x
        x += 1
        return x
    return inner


squares = {n: n ** 2 for n in range(5)}
lam = lambda *args, **kw: (args, kw)
try:
    raise ValueError("bad") from None
except (ValueError, TypeError) as e:
    pass
finally:
    del lam
with open("x") as f, open("y") as g:
    pass
