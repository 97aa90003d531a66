# Keyword-only parameters (after * or *args).
def f(a, *, b, c=3):
    return a, b, c

print(f(1, b=2))
print(f(1, b=2, c=4))
print(f(a=0, c=9, b=8))

def g(*args, key=None, reverse=False):
    return sorted(args, key=key, reverse=reverse)

print(g(3, 1, 2), g(3, 1, 2, reverse=True), g("bb", "a", "ccc", key=len))
print(f.__kwdefaults__, g.__kwdefaults__)
print(f.__code__.co_kwonlyargcount, g.__code__.co_kwonlyargcount)
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
def h(*, x, y):
    return x - y
print(h(y=1, x=10))
try:
    h(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    h()
except TypeError as e:
    print("TypeError:", e)
