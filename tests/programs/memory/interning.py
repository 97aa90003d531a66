# String interning: identifier-like constants are shared; sys.intern
# returns the canonical object; run-time built strings are distinct.
import sys
a = "hello"
b = "hello"
print(a is b)
c = "".join(["hel", "lo"])
print(c == a, c is a)
print(sys.intern(c) is a)
d = sys.intern("".join(["hello", " ", "world"]))
e = sys.intern("hello world")
print(d is e)
def f():
    return "hello"
print(f() is a)
k = {"hello": 1}
print(list(k)[0] is a)
class C:
    hello = 1
print([n for n in vars(C) if n == "hello"][0] is a)
try:
    sys.intern(5)
except TypeError as err:
    print("TypeError:", err)
