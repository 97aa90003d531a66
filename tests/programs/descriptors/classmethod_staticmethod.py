# classmethod and staticmethod as descriptors, and alternative constructors.
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
    @classmethod
    def parse(cls, text):
        return cls(*map(int, text.split("-")))
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    @classmethod
    def kinds(cls):
        return [k.__name__ for k in cls.__mro__[:-1]]

class MyDate(Date):
    pass

print(Date.parse("2024-02-29"), MyDate.parse("1999-12-31"))
print(Date.is_leap(2000), Date.is_leap(1900), MyDate(1, 1, 1).is_leap(2024))
print(MyDate.kinds(), MyDate(1, 2, 3).kinds())
sm = Date.__dict__["is_leap"]
cm = Date.__dict__["parse"]
print(type(sm).__name__, type(cm).__name__)
print(sm.__func__(1600), cm.__func__(MyDate, "1-2-3"))
print(cm.__get__(None, MyDate)("5-6-7"))
class Counter:
    count = 0
    @classmethod
    def increment(cls, by=1):
        cls.count += by
        return cls.count
print(Counter.increment(), Counter.increment(5), Counter().increment())
def plain(x):
    return x * 2
class Holder:
    f = staticmethod(plain)
    g = classmethod(lambda cls: cls.__name__)
print(Holder.f(4), Holder().f(5), Holder.g(), Holder().g())
