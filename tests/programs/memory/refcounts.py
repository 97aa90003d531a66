# sys.getrefcount for fresh objects and as references are added and dropped.
# Only counts that do not depend on the VM's stack layout are printed: the
# call's own argument always adds one.
import sys

def in_function():
    x = [1, 2, 3]
    print(sys.getrefcount(x))        # 2
    y = x
    print(sys.getrefcount(x))        # 3
    holder = [x, x]
    print(sys.getrefcount(x))        # 5
    holder.pop()
    print(sys.getrefcount(x))        # 4
    del holder
    print(sys.getrefcount(x))        # 3
    del y
    print(sys.getrefcount(x))        # 2

in_function()
obj = {}
print(sys.getrefcount(obj))
d = {"k": obj}
print(sys.getrefcount(obj))
d["k"] = None
print(sys.getrefcount(obj))

class Box:
    pass
b = Box()
print(sys.getrefcount(b))
b.self_ref_free = [b]
print(sys.getrefcount(b))
b.self_ref_free = None
print(sys.getrefcount(b))
t = (obj, obj, obj)
print(sys.getrefcount(obj))
del t
print(sys.getrefcount(obj))
