# The chapter's Descriptor with __set_name__, __get__, __set__, __delete__.
class Descriptor:
    def __set_name__(self, owner, name):
        self.name = name  # called when class is defined

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self  # accessed from the class, not an instance
        return obj.__dict__.get(self.name)

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value

    def __delete__(self, obj):
        del obj.__dict__[self.name]


class MyClass:
    x = Descriptor()
    y = Descriptor()


obj = MyClass()
obj.x = 42
print(obj.x)  # 42 — goes through Descriptor.__get__
print(obj.y)  # None
print(obj.__dict__)
del obj.x  # goes through Descriptor.__delete__
print(obj.x)
print(obj.__dict__)
print(type(MyClass.x).__name__, MyClass.x.name, MyClass.y.name)
try:
    del obj.x
except KeyError as e:
    print("KeyError", e)
