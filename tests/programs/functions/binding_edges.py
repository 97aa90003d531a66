# Argument binding: every parameter kind at once, and the TypeErrors of each rule.
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, kw)


print(f(1, d=4))
print(f(1, 2, 3, 4, 5, d=6, z=7, c_=8))
print(f(1, d=0, a=9))  # a positional-only name goes to **kw


def g(a, b, /, c):
    return a, b, c


def h(x, *, y, z=1):
    return x, y, z


calls = [
    lambda: g(1, 2),
    lambda: g(a=1, b=2, c=3),
    lambda: g(1, 2, 3, 4),
    lambda: h(1),
    lambda: h(1, 2, y=3),
    lambda: h(1, x=2, y=3),
    lambda: h(1, y=2, w=3),
    lambda: h(),
    lambda: (lambda p, q, r, s: 0)(1),
    lambda: (lambda *, k1, k2, k3: 0)(),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)


class K:
    def m(self, a):
        return a

    @staticmethod
    def s(a):
        return a


try:
    K().m(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(K().m(a=5), K.s(6), K.m(K(), 7))


def closure_arg(v):
    def get():
        return v
    v += 1
    return get


print(closure_arg(41)())
