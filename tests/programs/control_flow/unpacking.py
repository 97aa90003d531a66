# Assignment forms: multiple targets, tuple/list unpacking, starred, nested.
a = b = c = 5
print(a, b, c)
a, b = 1, 2
a, b = b, a
print(a, b)
(a, b), c = (1, 2), 3
print(a, b, c)
[a, b, c] = "xyz"
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
head, *middle, tail = "abcdef"
print(head, middle, tail)
x, *y = [1]
print(x, y)
a, (b, *c), *d = 1, (2, 3, 4), 5, 6
print(a, b, c, d)
[*e] = (7, 8)
print(e)
for p, *q in [(1, 2, 3), (4,)]:
    print(p, q)
lst = [0, 0, 0]
lst[0], lst[2] = "L", "R"
print(lst)
class O: pass
o = O()
o.x, o.y = 10, 20
print(o.x, o.y)
i = 0
i, lst[i] = 1, "changed"  # left-to-right: i is assigned first
print(i, lst)
d = {}
d["a"], d["b"] = d["c"] = 1, 2
print(d)
def two(seq):
    a, b = seq
    return a, b
def star(seq):
    a, b, *c = seq
    return a, b, c
for f, arg in [(two, [1, 2, 3]), (two, [1]), (star, [1]), (two, 5)]:
    try:
        f(arg)
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)
print(star("abcd"))
