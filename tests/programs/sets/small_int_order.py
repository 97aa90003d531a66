# Iteration order of small non-negative int sets follows CPython's hash
# table (an int hashes to itself), so such sets print in ascending order
# when every value is below the table size. Programs rely on this by accident.
print({3, 1, 2})
print({5, 0, 4, 1})
s = set()
for v in [7, 3, 5, 1]:
    s.add(v)
print(s, list(s))
print({2, 1} | {0}, {x % 4 for x in range(10)})
print(set(range(5, 0, -1)), frozenset([4, 2, 0]))
print(set("a"), {True, 2}, {None})
