# any and all: empty iterables, short-circuiting, truthiness.
print(any([]), all([]), any([0, 0]), all([1, 1]), any([0, 1]), all([1, 0]))
print(any("abc"), all(""), any([[], ()]), all([[0], (0,)]), any({0: 1}), all({1: 0}))
def noisy(values):
    for v in values:
        print("  check", v)
        yield v
print(any(noisy([0, 3, 5])))
print(all(noisy([1, 0, 5])))
print(all(x > 0 for x in [1, 2, 3]), any(x < 0 for x in [1, 2, 3]))
print(any(map(str.isupper, "abC")), all(map(str.islower, "abC")))
