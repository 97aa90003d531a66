# Tuples: packing/unpacking, immutability, methods, comparison, nesting.
t = (1, "two", 3.0, [4])
print(t, len(t), t[1], t[-1], t[1:3], t[::-1], type(t).__name__)
single = (5,)
empty = ()
print(single, empty, len(empty), (5), type((5)).__name__, tuple([1, 2]))
print(t.count(1), (1, 2, 1, 1).count(1), (5, 6, 7).index(7), (1, 2) + (3,), (0,) * 3)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
t[3].append(5)  # the list inside is still mutable
print(t)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, "a") == (1, "a"), () < (0,))
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([4, 8, 1])
print(lo, hi, minmax("hello"))
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 2), (1, 3)]))
print(tuple(range(3)), tuple("abc"), tuple({"k": 1}), (1, 2) == tuple([1, 2]))
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "tuple key"}[(1, 2)])
try:
    (1, 2).index(5)
except ValueError as e:
    print("ValueError:", e)
try:
    (1,)[3]
except IndexError as e:
    print("IndexError:", e)
print(repr((1,)), repr(((),)), str((1, "a", None)), ((1, 2),)[0][1])
