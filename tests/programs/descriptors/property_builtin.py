# The built-in property: getter, setter, deleter, read-only errors, docs.
class Circle:
    def __init__(self, r):
        self._r = r

    @property
    def radius(self):
        """The radius."""
        print("  get radius")
        return self._r

    @radius.setter
    def radius(self, value):
        print(f"  set radius {value}")
        if value < 0:
            raise ValueError("radius must be >= 0")
        self._r = value

    @radius.deleter
    def radius(self):
        print("  del radius")
        del self._r

    @property
    def area(self):
        return round(3.14159 * self._r ** 2, 2)

c = Circle(2)
print(c.radius, c.area)
c.radius = 3
print(c.area)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError:", e)
try:
    c.area = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    del c.area
except AttributeError as e:
    print("AttributeError:", e)
del c.radius
print(hasattr(c, "_r"))
print(type(Circle.radius).__name__, Circle.radius.__doc__)
print(Circle.radius.fget.__name__, Circle.area.fset)
def get_x(self):
    return self._x
def set_x(self, v):
    self._x = v * 2
class P:
    x = property(get_x, set_x, doc="doubled x")
p = P()
p.x = 5
print(p.x, P.x.__doc__)
class Sub(Circle):
    @Circle.radius.getter
    def radius(self):
        return "overridden getter"
s = Sub(1)
print(s.radius)
s.radius = 7
print(s._r)
