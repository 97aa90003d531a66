# __del__ of cyclic garbage runs once, during gc.collect() (PEP 442), and an
# object whose __del__ resurrects it survives the collection.
import gc

log = []


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


gc.collect()
a = Loud("a")
a.me = a
del a
print("collect ->", gc.collect())
print("after collect")

saved = []


class Phoenix:
    calls = 0

    def __del__(self):
        Phoenix.calls += 1
        print("phoenix __del__, call", Phoenix.calls)
        saved.append(self)


p = Phoenix()
p.me = p
del p
gc.collect()
print("resurrected:", len(saved), type(saved[0]).__name__, saved[0].me is saved[0])
# It dies for good the second time, without a second __del__ (PEP 442).
saved.clear()
gc.collect()
print("__del__ calls:", Phoenix.calls)


class Child:
    def __init__(self, parent):
        self.parent = parent

    def __del__(self):
        print("child sees parent children:", len(self.parent.children))


class Parent:
    def __init__(self):
        self.children = []

    def __del__(self):
        print("parent del")


pa = Parent()
pa.children.append(Child(pa))
del pa
gc.collect()
print("done")

# A __del__ that raises is reported as unraisable and the collection goes on.
class Bad:
    def __del__(self):
        raise ValueError("boom")


b = Bad()
b.me = b
del b
print("bad collected:", gc.collect() >= 1)

# Cyclic garbage left at exit is collected then too.
e = Loud("at exit")
e.me = e
del e
print("end of program")
