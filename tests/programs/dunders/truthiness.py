# __bool__ and __len__ decide truthiness; __bool__ wins when both exist.
class Falsy:
    def __bool__(self):
        return False
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class BothKinds:
    def __bool__(self):
        print("  __bool__ called")
        return True
    def __len__(self):
        print("  __len__ called")
        return 0
class Neither:
    pass
print(bool(Falsy()), bool(Sized(0)), bool(Sized(3)), bool(Neither()))
print(bool(BothKinds()))
print("yes" if Sized(1) else "no", "yes" if Falsy() else "no")
print(not Falsy(), Falsy() or "fallback", Sized(2) and "and-value")
x = Sized(0)
while x:
    print("never")
print(len(Sized(7)))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print("ValueError:", e)
try:
    len(Neither())
except TypeError as e:
    print("TypeError:", e)
