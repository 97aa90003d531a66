# gc.collect() finds simple cycles and returns how many objects were unreachable.
import gc


class Node:
    pass


gc.collect()
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("two instances:", gc.collect())

l = []
l.append(l)
del l
print("self-referencing list:", gc.collect())

d = {}
d["self"] = d
del d
print("self-referencing dict:", gc.collect())

n = Node()
n.d = {"n": n}
del n
print("instance and dict:", gc.collect())


def f():
    pass


f.me = f
del f
print("function and its __dict__:", gc.collect())

x = [1, 2]
y = [x]
x.append(y)
z = x  # still referenced: nothing to collect
del x, y
print("still reachable:", gc.collect(), len(z), z[2][0] is z)
z.clear()
del z
print("after breaking by hand:", gc.collect())


def make_closure():
    def inner():
        return inner
    return inner


g = make_closure()
del g
print("recursive closure:", gc.collect() > 0)
print("nothing left:", gc.collect())
