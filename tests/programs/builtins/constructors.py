# int, float, str, repr, bool, list, tuple, dict, set, frozenset as constructors.
print(int(), int(3.9), int(-3.9), int("42"), int("-0"), int(" 7\n"), int("ff", 16), int("z", 36), int("0b11", 0), int(True))
print(int("1_000"), int("12", base=3), int(2**100 / 2**90), int("  -12  "))
print(float(), float(3), float("3.5"), float("-inf"), float(" 1e3 "), float("nan") != float("nan"), float(True))
print(str(), str(12), str(1.5), str(None), str([1, "a"]), str("s"), str(b"x" if False else "y"))
print(repr("s"), repr(12), repr([1, "a"]), repr(None), repr((1,)), repr({"a": [1]}))
print(bool(), bool(0), bool(1), bool("False"), bool([]), bool([0]))
print(list(), list("abc"), list((1, 2)), list({"a": 1, "b": 2}), list(range(3)), list({1: 2}.items()))
print(tuple(), tuple([1, 2]), tuple("ab"), tuple(x * 2 for x in range(3)))
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=1), dict(zip("ab", [1, 2])))
print(sorted(set("hello")), set(), set([1, 1, 2]) == {1, 2}, sorted(set({3: 0, 1: 0})))
fs = frozenset([3, 1, 3])
print(sorted(fs), len(fs), type(fs).__name__, frozenset() == frozenset(), fs == {1, 3}, frozenset())
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
l1 = [1, 2]
l2 = list(l1)
print(l2 == l1, l2 is l1, tuple(t := (1, 2)) is t)
for bad in ("12a", "", " ", "1.0", "0x"):
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    dict([("a", 1, 2)])
except ValueError as e:
    print("ValueError:", e)
