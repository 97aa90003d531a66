# __del__ runs as soon as the last reference goes: del, rebinding, scope
# exit, container removal, attribute replacement.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(f"  __del__ {self.name}")

print("del name:")
a = Noisy("a")
del a
print("rebinding:")
b = Noisy("b1")
b = Noisy("b2")
print("second reference keeps it alive:")
c = Noisy("c")
c2 = c
del c
print("  still alive")
del c2
print("function return:")
def scope():
    local = Noisy("local")
    print("  in function")
scope()
print("list operations:")
lst = [Noisy("l0"), Noisy("l1"), Noisy("l2")]
lst.pop(1)
print("  after pop")
lst[0] = None
print("  after overwrite")
lst.clear()
print("dict deletion:")
d = {"k": Noisy("dv")}
del d["k"]
print("attribute replacement:")
class Holder:
    pass
h = Holder()
h.item = Noisy("attr1")
h.item = Noisy("attr2")
del h
print("temporary never bound:")
Noisy("temp")
print("expression result discarded:")
len([Noisy("in-list")])
print("end")
b = None
