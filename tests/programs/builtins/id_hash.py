# id (compared only, never printed) and hash (ints and tuples of ints only).
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
x = object()
print(id(x) == id(x))
print(hash(0), hash(1), hash(-1), hash(-2), hash(42), hash(2**61 - 2), hash(2**61 - 1), hash(2**61), hash(2**64))
print(hash(-2**61), hash(-(2**100)), hash(10**30))
print(hash(True), hash(False), hash(1.0), hash(2.5), hash(-0.0), hash(1e100) == hash(int(1e100)))
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((-1, -2)))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)))
print(hash(float("inf")), hash(float("-inf")))
print(type(hash("abc")).__name__, hash("abc") == hash("abc"))
class H:
    def __hash__(self):
        return 12345
print(hash(H()))
class Big:
    def __hash__(self):
        return 2**100
print(hash(Big()))
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
try:
    hash(([1],))
except TypeError as e:
    print("TypeError:", e)
