# Lookup precedence: data descriptor > instance __dict__ > non-data descriptor.
class Data:
    def __get__(self, obj, objtype=None):
        return "data descriptor"
    def __set__(self, obj, value):
        print(f"  Data.__set__({value!r})")

class NonData:
    def __get__(self, obj, objtype=None):
        return "non-data descriptor" if obj is not None else "non-data via class"

class C:
    d = Data()
    n = NonData()

c = C()
print(c.d, c.n, C.n)
c.__dict__["d"] = "instance dict d"
c.__dict__["n"] = "instance dict n"
print(c.d)  # data descriptor still wins
print(c.n)  # the instance dict wins over a non-data descriptor
c.d = 5  # goes through __set__
print(c.__dict__)
c.n = "assigned"  # plain instance attribute
print(c.n)
del c.n
print(c.n)

class ReadOnly:
    def __get__(self, obj, objtype=None):
        return 42
    def __set__(self, obj, value):
        raise AttributeError("read-only")
class R:
    answer = ReadOnly()
r = R()
try:
    r.answer = 1
except AttributeError as e:
    print("AttributeError:", e)
print(r.answer)
class DelOnly:
    def __get__(self, obj, objtype=None):
        return "has __delete__ only"
    def __delete__(self, obj):
        print("  __delete__ called")
class D:
    x = DelOnly()
dd = D()
dd.__dict__["x"] = "shadow"
print(dd.x)  # __delete__ makes it a data descriptor
del dd.x
