# Subclasses of int and float, bool's behaviour, and the numeric dunders
# reached through the slots.
class MyInt(int):
    def double(self):
        return self * 2

class Meters(float):
    def __repr__(self):
        return f"Meters({float(self)})"

class Big(int):
    pass

a = MyInt(21)
print(a, a.double(), type(a).__name__, type(a + 1).__name__, type(-a).__name__, a == 21, hash(a) == hash(21))
b = Big(2**100)
print(b, type(b).__name__, b + 1, b >> 99, isinstance(b, int), int(b) is not b, type(int(b)).__name__)
print(MyInt("ff", 16), MyInt(3.9), MyInt(), Big(-2**70) < 0, abs(Big(-5)), type(abs(Big(-5))).__name__)
m = Meters(2.5)
print(m, repr(m), m * 2, type(m * 2).__name__, float(m), str(m), m == 2.5, round(m))
print(True + True, True * 10, True & False, True | 1, True ^ True, ~True, -True, True / 2, True // 1, type(True & 1).__name__)
print(bool(0), bool(2), bool(""), bool([1]), bool(None), int(True), float(False), str(True), repr(False), True == 1, False < True)
print(isinstance(True, int), issubclass(bool, int), True.real, True.numerator, (True).bit_length(), hash(True), f"{True:d}", f"{True}")
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError:", e)

class Num:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __float__(self):
        return float(self.v) + 0.5

print(int(Num(7)), float(Num(7)), hex(Num(255)), [10, 20, 30][Num(1)], round(2.567, Num(2)))

class T:
    def __trunc__(self):
        return 42

import math
print(math.trunc(T()), int.__add__(2, 3), (5).__add__(1.5), int.__mul__(2**70, 2), float.__add__(1.5, 2))
print(int.__round__(1234, -2), float.__round__(2.567, 1), (7).__format__("03d"), (2.5).__format__(".2f"))
print(int.__new__(MyInt, 5), type(int.__new__(MyInt, 5)).__name__, float.__new__(Meters, "1.5"))
