# Multiple inheritance and the C3 method resolution order.
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass

def names(cls):
    return [c.__name__ for c in cls.__mro__]

for cls in (K1, K2, K3, Z):
    print(cls.__name__, names(cls))

class Left:
    def who(self):
        return "Left"
class Right:
    def who(self):
        return "Right"
    def only_right(self):
        return "only in Right"
class Both(Left, Right): pass
class Other(Right, Left): pass
print(Both().who(), Other().who(), Both().only_right())
print(names(Both), names(Other))

class Top:
    def hello(self):
        return "Top"
class Mid1(Top): pass
class Mid2(Top):
    def hello(self):
        return "Mid2"
class Diamond(Mid1, Mid2): pass
print(Diamond().hello(), names(Diamond))
print(Diamond.mro() == list(Diamond.__mro__))

try:
    class Bad(Top, Mid1):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Dup(Top, Top):
        pass
except TypeError as e:
    print("TypeError:", e)
