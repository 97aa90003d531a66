# Order of __del__ calls when a container dies: CPython releases list and
# tuple items from the last to the first.
class N:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("  del", self.n)

print("list:")
items = [N(1), N(2), N(3)]
del items
print("tuple:")
t = (N("a"), N("b"))
del t
print("nested: the outer object goes first, then what it held")
class Owner:
    def __init__(self):
        self.child = N("child")
    def __del__(self):
        print("  del owner")
o = Owner()
del o
print("chain:")
x = N("x1")
x.next = N("x2")
x.next.next = N("x3")
del x
print("end")
