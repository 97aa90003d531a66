# __getitem__ / __setitem__ / __delitem__ / __len__, including slices.
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        print(f"  get {key!r}")
        return self.cells.get(key, 0)
    def __setitem__(self, key, value):
        print(f"  set {key!r} = {value!r}")
        self.cells[key] = value
    def __delitem__(self, key):
        print(f"  del {key!r}")
        del self.cells[key]
    def __len__(self):
        return len(self.cells)
g = Grid()
g[1, 2] = "x"
g["name"] = 5
print(g[1, 2], g[0, 0], len(g))
g["name"] += 1
del g[1, 2]
print(g.cells)

class Seq:
    def __init__(self, items):
        self.items = list(items)
    def __getitem__(self, index):
        if isinstance(index, slice):
            print(f"  slice start={index.start} stop={index.stop} step={index.step} -> {index.indices(len(self.items))}")
            return Seq(self.items[index])
        return self.items[index]
    def __setitem__(self, index, value):
        self.items[index] = value
    def __delitem__(self, index):
        del self.items[index]
    def __len__(self):
        return len(self.items)
    def __repr__(self):
        return f"Seq({self.items})"
s = Seq(range(10))
print(s[3], s[-1])
print(s[2:5], s[::3], s[::-1], s[-3:], s[:])
s[1:4] = ["a", "b"]
print(s)
del s[::2]
print(s)
s[0] = "first"
print(s, len(s))
try:
    s[100]
except IndexError as e:
    print("IndexError:", e)
print(list(s))  # iteration through __getitem__
class NoSet:
    def __getitem__(self, i):
        return i
try:
    NoSet()[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del NoSet()[0]
except (TypeError, AttributeError) as e:
    print(type(e).__name__ + ":", e)
try:
    object()[0]
except TypeError as e:
    print("TypeError:", e)
