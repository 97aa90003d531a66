# Generators: yield, iteration, state between calls, exhaustion.
def count_up(n):
    print("  start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("  done")

g = count_up(3)
print(type(g).__name__)
print(next(g))
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    next(g)
except StopIteration:
    print("still exhausted")
print(list(count_up(4)))
for v in count_up(2):
    print("for got", v)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def gen_with_return():
    yield 1
    return
    yield 2
print(list(gen_with_return()))
print(iter(g) is g, hasattr(g, "__next__"))
def empty():
    return
    yield
print(list(empty()))
