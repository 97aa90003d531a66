# len() and range(): construction, slicing, membership, negative steps.
print(len([]), len([1, 2]), len("héllo"), len((1,)), len({1: 2, 3: 4}), len({1, 1, 2}), len(range(10)))
print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 5)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], r[::-1], list(r[::2]))
print(repr(range(0)), range(3) == range(0, 3), range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2))
print(5 in r, 6 in r, r.index(9), r.count(13), r.start, r.stop, r.step)
print(list(reversed(range(4))), sum(range(101)), max(range(7)), min(range(3, 9)))
print(list(range(-5, -1)), list(range(-1, -5, -1)), len(range(0, 100, 7)))
big = range(10**20)
print(len(range(2**40)), big[-1], 10**19 in big)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    len(big)
except OverflowError as e:
    print("OverflowError:", e)
