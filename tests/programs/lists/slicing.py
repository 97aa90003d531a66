# List slicing: steps, negative bounds, slice assignment and deletion.
a = list(range(10))
print(a[2:7], a[:3], a[-3:], a[::3], a[::-1], a[7:2:-2], a[-2:-8:-3], a[5:5], a[20:30])
b = a[:]
b[2:5] = ["x"]
print(b)
b[1:1] = [100, 200]  # insertion
print(b)
b[-2:] = []
print(b)
b[:] = "abc"
print(b)
c = list(range(10))
c[::2] = ["e"] * 5
print(c)
c[::-3] = [0, 0, 0, 0]
print(c)
del c[1:4]
print(c)
del c[::3]
print(c)
d = [1, 2, 3]
d[len(d):] = [4, 5]
print(d)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a[1:2:0]
except ValueError as e:
    print("ValueError:", e)
try:
    a["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    a[10] = 1
except IndexError as e:
    print("IndexError:", e)
print(a[-10], a[9])
try:
    a[-11]
except IndexError as e:
    print("IndexError:", e)
s = slice(1, 8, 3)
print(a[s], s.start, s.stop, s.step, repr(s), slice(5), slice(None, None, -1))
