# enumerate and zip.
print(list(enumerate("abc")), list(enumerate(["x", "y"], start=10)), list(enumerate([], 5)))
e = enumerate("hi")
print(type(e).__name__, next(e), next(e), next(e, "end"))
for i, (a, b) in enumerate([(1, 2), (3, 4)], 1):
    print(i, a, b)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1, 2])), list(zip("ab", range(5), [True, False, None])))
keys, values = ["a", "b"], [1, 2]
print(dict(zip(keys, values)))
pairs = [(1, "one"), (2, "two"), (3, "three")]
nums, names = zip(*pairs)
print(nums, names)
print(list(zip(*[[1, 2, 3], [4, 5, 6]])))
z = zip([1], [2])
print(type(z).__name__, list(z), list(z))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(zip([1, 2], [3, 4], strict=True)))
