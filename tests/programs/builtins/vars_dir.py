# vars() and dir() on user objects (own names only, sorted).
class Base:
    base_attr = 1
    def base_method(self):
        pass
class Thing(Base):
    thing_attr = 2
    def __init__(self):
        self.a = 1
        self.b = 2
    def method(self):
        pass
t = Thing()
print(vars(t))
print(sorted(n for n in dir(t) if not n.startswith("__")))
print(sorted(n for n in dir(Thing) if not n.startswith("__")))
print(sorted(k for k in vars(Thing) if not k.startswith("__")))
print("__init__" in dir(t), "__class__" in dir(t), "a" in dir(Thing))
t.c = 3
print(list(vars(t)))
def f():
    local_x = 1
    local_y = 2
    return sorted(dir())
print(f())
print(dir() == sorted(dir()))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
