# object() instances and super() in its explicit and implicit forms.
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object(), bool(o))
try:
    o.anything = 1
except AttributeError as e:
    print("AttributeError:", e)
print(object.__name__, object.__bases__)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(B):
    def who(self):
        return "C>" + super(C, self).who()
    def skip(self):
        return super(B, self).who()
c = C()
print(c.who(), c.skip())
print(super(C, c).who(), type(super(C, c)).__name__)
class Meta:
    def __init__(self, value):
        self.value = value
    def __eq__(self, other):
        return isinstance(other, Meta) and self.value == other.value
    __hash__ = object.__hash__
m = Meta(1)
print(m == Meta(1), object.__eq__(m, m), object.__eq__(m, Meta(1)))
class Init(object):
    def __init__(self, x):
        super().__init__()
        self.x = x
print(Init(3).x)
def no_class():
    return super()
try:
    no_class()
except RuntimeError as e:
    print("RuntimeError:", e)
