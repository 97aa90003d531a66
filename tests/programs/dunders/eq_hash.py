# __eq__ and __hash__: defining __eq__ alone makes instances unhashable.
class Plain:
    pass
p1, p2 = Plain(), Plain()
print(p1 == p1, p1 == p2, p1 != p2, hash(p1) == hash(p1))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

print(Point(1, 2) == Point(1, 2), Point(1, 2) != Point(1, 3), Point(1, 2) == (1, 2))
print(Point.__hash__)
try:
    hash(Point(1, 2))
except TypeError as e:
    print("TypeError:", e)
try:
    {Point(0, 0)}
except TypeError as e:
    print("TypeError:", e)

class HPoint(Point):
    def __hash__(self):
        return hash((self.x, self.y))
s = {HPoint(1, 2), HPoint(1, 2), HPoint(2, 1)}
print(len(s), HPoint(1, 2) in s, hash(HPoint(3, 4)) == hash((3, 4)))
d = {HPoint(0, 0): "origin"}
print(d[HPoint(0, 0)])

class AlwaysEqual:
    def __eq__(self, other):
        return True
    __hash__ = None
print(AlwaysEqual() == 5, 5 == AlwaysEqual(), AlwaysEqual() != 5)

class NeOverride:
    def __eq__(self, other):
        return "eq result"
    def __ne__(self, other):
        return "ne result"
print(NeOverride() == 1, NeOverride() != 1)
class Trace:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        print(f"  Trace{self.n}.__eq__")
        return NotImplemented
print(Trace(1) == Trace(2))  # both sides say NotImplemented -> identity
print(Trace(1) in [Trace(2)])
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(0), hash(2**61 - 1), hash(2**61), hash(-2**61))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()))
