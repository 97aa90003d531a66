# Rich comparisons: __lt__ & co., reflection, NotImplemented, sorting.
class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
    def __eq__(self, other):
        return isinstance(other, Version) and self.parts == other.parts
    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts
    def __le__(self, other):
        return self == other or self < other

vs = [Version(1, 10), Version(1, 2), Version(0, 9, 9), Version(1, 2, 1)]
print(sorted(vs), max(vs), min(vs))
print(Version(1) < Version(2), Version(2) > Version(1))  # > falls back to reflected <
print(Version(1) <= Version(1), Version(2) >= Version(1))
try:
    Version(1) < 3
except TypeError as e:
    print("TypeError:", e)
try:
    Version(1) > "x"
except TypeError as e:
    print("TypeError:", e)

class Loud:
    def __init__(self, name):
        self.name = name
    def __lt__(self, other):
        print(f"  {self.name}.__lt__({other.name})")
        return NotImplemented
    def __gt__(self, other):
        print(f"  {self.name}.__gt__({other.name})")
        return NotImplemented
try:
    Loud("a") < Loud("b")
except TypeError as e:
    print("TypeError:", e)
class Sub(Version):
    def __gt__(self, other):
        return "Sub.__gt__ wins"
print(Version(1) < Sub(2))  # the subclass's reflected method goes first
print(sorted([Version(3), Version(1)], reverse=True))
