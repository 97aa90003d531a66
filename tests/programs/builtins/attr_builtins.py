# getattr, setattr, hasattr, delattr.
class Obj:
    cls_attr = "class level"
    def method(self):
        return "method result"
o = Obj()
setattr(o, "dynamic", 1)
print(getattr(o, "dynamic"), getattr(o, "cls_attr"), getattr(o, "method")())
print(getattr(o, "missing", "default"), getattr(o, "missing", None))
print(hasattr(o, "dynamic"), hasattr(o, "missing"), hasattr(o, "method"), hasattr(Obj, "dynamic"))
name = "computed_" + "name"
setattr(o, name, [1, 2])
print(o.computed_name, vars(o))
delattr(o, "dynamic")
print(hasattr(o, "dynamic"))
setattr(Obj, "new_cls_attr", "added to class")
print(o.new_cls_attr)
print(getattr([], "__len__")(), getattr("abc", "upper")(), getattr(5, "real"))
print(getattr(o, "__class__").__name__)
for f in (lambda: getattr(o, "missing"), lambda: delattr(o, "missing"),
          lambda: getattr(o, 5), lambda: setattr(o, 5, 1)):
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
class Guarded:
    def __getattr__(self, name):
        if name == "secret":
            raise ValueError("not an AttributeError")
        raise AttributeError(name)
try:
    hasattr(Guarded(), "secret")
except ValueError as e:
    print("hasattr propagates ValueError:", e)
print(hasattr(Guarded(), "other"))
