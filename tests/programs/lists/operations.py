# List operators, comparison, nesting, aliasing, and list().
a = [1, 2, 3]
b = [4, 5]
print(a + b, a * 2, [0] * 3, [[0] * 2] * 2, a == [1, 2, 3], a != b, a < b, [1, 2] < [1, 2, 0])
grid = [[0] * 3] * 2  # the same inner list twice
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
alias = a
alias.append(4)
print(a, alias is a)
copy = list(a)
copy.append(5)
print(a, copy)
print(len([[], [[]], [[], []]]), [1, [2, [3]]][1][1][0], [x for x in [[1], [2]] if 2 in x])
a += "xy"
print(a)
print(sum([[1], [2]], []), [1, 2, 3][-1], [] or "empty", bool([0]))
cyc = [1]
cyc.append(cyc)
print(cyc, len(cyc), cyc[1] is cyc)
d = [None] * 3
d[1] = d
print(d)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError:", e)
try:
    [1] * "2"
except TypeError as e:
    print("TypeError:", e)
print([1, 2, 3].__len__(), [3, 1].__getitem__(0), 2 in [1, 2], [1, 2].__contains__(5))
