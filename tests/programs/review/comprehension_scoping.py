# Comprehension scopes: the loop variable does not leak, class-body names
# are invisible inside, late binding of lambdas, walrus, nested loops.
x = 10
lst = [x for x in range(3)]
print(x, lst)
class C:
    y = 5
    vals = [i * 2 for i in range(3)]
    try:
        bad = [y for _ in range(2)]
    except NameError as e:
        bad = str(e)
print(C.vals, C.bad)
print([(i, j) for i in range(3) for j in range(i)])
print([i for i in range(10) if i % 2 if i > 3])
print({k: v for k, v in zip('abc', range(3))})
print({c for c in 'mississippi'} == set('misp'))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
g = (n * n for n in range(4))
print(next(g), list(g), list(g))
print(sum(x for x in range(101)))
print([y := 5, y ** 2])
print([[row[i] for row in [[1, 2], [3, 4]]] for i in range(2)])
nested = [[1, 2], [3], []]
print([v for sub in nested for v in sub])
def outer():
    a = 1
    return [a + b for b in range(3)]
print(outer())
print(max((len(w), w) for w in 'the quick brown fox'.split()))
print(sorted({i % 3 for i in range(10)}))
print(dict.fromkeys('ab', 0), list(map(lambda t: t[0] * t[1], [(1, 2), (3, 4)])))
total = 0
def inc():
    global total
    total += 1
[inc() for _ in range(5)]
print(total)
