# An attribute that does not exist.
class Foo:
    pass

f = Foo()
f.y = 1
print(f.y)
print(f.qqq)
