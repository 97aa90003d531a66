# Instance, class and static methods, and calling them every way.
class Temp:
    scale = "C"

    def __init__(self, degrees):
        self.degrees = degrees

    def describe(self):
        return f"{self.degrees}{self.scale}"

    @classmethod
    def from_f(cls, f):
        return cls(round((f - 32) * 5 / 9, 1))

    @staticmethod
    def is_freezing(c):
        return c <= 0

t = Temp.from_f(212)
print(t.describe(), type(t).__name__)
print(Temp.is_freezing(-1), t.is_freezing(5))
print(Temp.describe(t), t.describe())
print(type(Temp.__dict__["from_f"]).__name__, type(Temp.__dict__["is_freezing"]).__name__)
print(type(Temp.from_f).__name__, type(Temp.is_freezing).__name__, type(t.describe).__name__)
print(Temp.from_f.__self__ is Temp, t.describe.__self__ is t)
class SubTemp(Temp):
    scale = "K"
s = SubTemp.from_f(32)
print(type(s).__name__, s.describe())
bm1, bm2 = t.describe, t.describe
print(bm1 == bm2, bm1 is bm2, bm1.__func__ is bm2.__func__)
f = Temp.describe
print(f(SubTemp(3)))
