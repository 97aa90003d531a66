# type(), isinstance, __class__, __name__, vars/dir on user classes.
class Animal:
    legs = 4
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
class Cat(Animal):
    def speak(self):
        return "meow"

c = Cat("tom")
print(type(c), type(c).__name__, type(Cat), type(type))
print(c.__class__.__bases__[0].__name__)
print(vars(c), sorted(n for n in dir(c) if not n.startswith("__")))
print(sorted(n for n in dir(Cat) if not n.startswith("__")))
print(hasattr(c, "speak"), hasattr(c, "fly"), callable(c.speak), callable(c))
print(getattr(c, "legs"), getattr(Cat, "speak")(c))
print(type(3), type("s"), type([]), type(None), type(print), type(len))
print(type(type), type(object), object.__bases__, type.__bases__)
print(isinstance(Cat, type), isinstance(type, object), isinstance(object, type))
print(type(1) == int, type(True) is bool, type(True) is int)
print(int.__name__, str.__name__, Cat.__mro__[-1].__name__)
print(Cat.__dict__["speak"].__name__, "legs" in Cat.__dict__, "legs" in Animal.__dict__)
