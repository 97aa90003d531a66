# Lambdas: expressions, defaults, closures, immediate calls, sort keys.
square = lambda x: x * x
print(square(7), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, z=2))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print(square.__name__, add.__defaults__)
pairs = [(3, "c"), (1, "a"), (2, "b")]
print(sorted(pairs, key=lambda p: p[1], reverse=True))
print(list(map(lambda x: x + 1, [1, 2, 3])), list(filter(lambda x: x % 2, range(10))))
fns = [lambda x, i=i: x * i for i in range(4)]
print([fn(10) for fn in fns])
late = [lambda x: x * i for i in range(4)]  # late binding: every i is 3
print([fn(10) for fn in late])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print((lambda x: (lambda y: x + y))(3)(4))
cond = lambda n: "big" if n > 100 else "small"
print(cond(5), cond(500))
print((lambda *, k: k)(k="kw-only"), (lambda a, /, b: a - b)(5, b=3))
