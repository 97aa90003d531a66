# Classes: __init__, instance vs class attributes, methods, bound methods.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x ** 2 + self.y ** 2

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims)
q = p.moved(1, 1)
print(q.x, q.y, type(q).__name__, type(q) is Point)
print(p.__dict__, sorted(vars(q)))
p.z = 99
print(p.__dict__)
Point.dims = 3
print(p.dims, q.dims)
p.dims = "instance shadows class"
print(p.dims, Point.dims, q.dims)
m = p.norm2
print(type(m).__name__, m(), m.__self__ is p, m.__func__ is Point.norm2)
print(Point.norm2(q))
print(Point.__name__, Point.__qualname__, Point.__module__)
print(isinstance(p, Point), isinstance(p, object), isinstance(3, Point))
print(p.__class__ is Point, p.__class__.__name__)
class Empty:
    pass
e = Empty()
print(type(e).__name__, e.__dict__, Empty.__bases__)
class WithDoc:
    "A class docstring."
print(WithDoc.__doc__, Empty.__doc__)
try:
    p.nonexistent
except AttributeError as err:
    print("AttributeError:", err)
try:
    Point.nonexistent
except AttributeError as err:
    print("AttributeError:", err)
