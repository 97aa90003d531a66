# Positional-only parameters (before /).
def f(a, b, /, c, *, d):
    return a, b, c, d

print(f(1, 2, 3, d=4))
print(f(1, 2, c=3, d=4))
try:
    f(1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError:", e)
def g(x, /, **kw):
    return x, kw  # 'x' may also arrive as a keyword in **kw
print(g(1, x=2))
def pos(a, b=2, /):
    return a, b
print(pos(1), pos(1, 5))
print(f.__code__.co_posonlyargcount, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
try:
    pos(a=1)
except TypeError as e:
    print("TypeError:", e)
print(len("abc"), divmod(7, 2))
try:
    len(obj="abc")
except TypeError as e:
    print("TypeError:", e)
