# Instance attribute storage: __dict__, setattr/getattr/delattr, vars.
class Bag:
    pass
b = Bag()
for i, name in enumerate(["alpha", "beta", "gamma"]):
    setattr(b, name, i)
print(b.__dict__)
print(getattr(b, "beta"), getattr(b, "delta", "none"))
delattr(b, "alpha")
print(vars(b))
b.__dict__["direct"] = "via dict"
print(b.direct)
vars(b)["another"] = 1
print(sorted(vars(b)))
print(hasattr(b, "alpha"))
try:
    delattr(b, "alpha")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(b, "alpha")
except AttributeError as e:
    print("AttributeError:", e)
class Two:
    def __init__(self):
        self.z = 1
        self.a = 2
        self.m = 3
print(list(Two().__dict__))  # insertion order
t = Two()
t.a = 20
del t.z
t.z = 10
print(list(t.__dict__.items()))
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
