# Generator expressions: laziness, single use, as call arguments.
g = (x * 2 for x in range(5))
print(type(g).__name__)
print(next(g), next(g))
print(list(g))
print(list(g))  # exhausted
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))
def noisy(n):
    for i in range(n):
        print("  producing", i)
        yield i
lazy = (v * 10 for v in noisy(3))
print("created")
print(next(lazy))
print(list(lazy))
print(",".join(str(i) for i in range(5)))
print(sorted((x for x in "banana"), reverse=True))
nested = ((i, j) for i in range(2) for j in "ab")
print(list(nested))
print(tuple(x for x in range(4) if x != 2), set(x % 2 for x in range(5)) == {0, 1})
try:
    next(x for x in [])
except StopIteration:
    print("StopIteration from empty genexpr")
