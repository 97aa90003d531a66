# The chapter's "these are equivalent": class statement vs type(name, bases, ns).
class MyClass:
    x = 42

print(type(MyClass))
print(MyClass.x)

MyClass = type("MyClass", (object,), {"x": 42})
print(type(MyClass))  # <class 'type'>
print(MyClass.x)  # 42
print(MyClass.__name__, MyClass.__bases__)
obj = MyClass()
print(type(obj).__name__, obj.x)

def hello(self):
    return f"hello from {type(self).__name__}"

Greeter = type("Greeter", (MyClass,), {"hello": hello, "y": 1})
g = Greeter()
print(g.hello(), g.x, g.y)
print([c.__name__ for c in Greeter.__mro__])
