# Class bodies: their own namespace, not an enclosing scope for methods.
x = "global"
class C:
    x = "class attribute"
    y = x + " (read in class body)"
    def method(self):
        return x  # the global, not C.x
    items = [x for _ in range(1)]  # comprehension cannot see class x
    z = [v * 2 for v in (1, 2, 3)]  # ... but its first iterable is evaluated in the class
print(C.y)
print(C().method())
print(C.items)
print(C.z)

def factory():
    value = "from enclosing function"
    class Inner:
        attr = value
        def get(self):
            return value
    return Inner
I = factory()
print(I.attr, I().get())

class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.count_at_creation = Counter.count
a, b, c = Counter(), Counter(), Counter()
print(Counter.count, a.count_at_creation, c.count_at_creation)

class Shadow:
    count = 5
    def bump(self):
        self.count += 1  # creates an instance attribute
s = Shadow()
s.bump(); s.bump()
print(s.count, Shadow.count)
print(sorted(k for k in vars(C) if not k.startswith("__")))
