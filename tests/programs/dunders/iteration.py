# __iter__ / __next__, the __getitem__ sequence fallback, iter(f, sentinel).
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

print(list(Countdown(5)))
for n in Countdown(3):
    print("tick", n)
c = Countdown(2)
print(next(c), next(c), next(c, "done"))

class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):  # a fresh iterator each time: re-iterable
        return iter(range(0, self.n, 2))
r = Range2(7)
print(list(r), list(r), sum(r), 4 in r, 5 in r)

class OldStyle:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(OldStyle()), 9 in OldStyle(), list(iter(OldStyle())))
a, b, *rest = OldStyle()
print(a, b, rest)

data = iter([1, 2, 3, 0, 4])
print(list(iter(lambda: next(data), 0)))
class NotIterable:
    pass
try:
    iter(NotIterable())
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print("TypeError:", e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
print(list(zip(Countdown(3), "abc")), dict(zip("xy", Countdown(2))))
