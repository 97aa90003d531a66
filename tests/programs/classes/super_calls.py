# super(): cooperative multiple inheritance follows the MRO.
class Base:
    def __init__(self):
        print("  Base.__init__")
        self.trail = ["Base"]

    def greet(self):
        return "Base"

class A(Base):
    def __init__(self):
        print("  A.__init__")
        super().__init__()
        self.trail.append("A")

    def greet(self):
        return "A>" + super().greet()

class B(Base):
    def __init__(self):
        print("  B.__init__")
        super().__init__()
        self.trail.append("B")

    def greet(self):
        return "B>" + super().greet()

class C(A, B):
    def __init__(self):
        print("  C.__init__")
        super().__init__()
        self.trail.append("C")

    def greet(self):
        return "C>" + super().greet()

c = C()
print(c.trail)
print(c.greet())
print(super(A, c).greet(), super(C, c).greet(), super(B, c).greet())

class Shape:
    def __init__(self, **kwargs):
        self.extra = kwargs
class Colored(Shape):
    def __init__(self, color="red", **kwargs):
        super().__init__(**kwargs)
        self.color = color
class Sized(Shape):
    def __init__(self, size=1, **kwargs):
        super().__init__(**kwargs)
        self.size = size
class Thing(Colored, Sized):
    pass
t = Thing(color="blue", size=3, weight=9)
print(t.color, t.size, t.extra)

class WithClassMethod:
    @classmethod
    def make(cls):
        return cls.__name__
class Sub(WithClassMethod):
    @classmethod
    def make(cls):
        return "Sub>" + super().make()
print(Sub.make(), Sub().make())
class Parent:
    def __repr__(self):
        return "Parent-repr"
class Child(Parent):
    def __repr__(self):
        return "Child wraps " + super().__repr__()
print(repr(Child()))
