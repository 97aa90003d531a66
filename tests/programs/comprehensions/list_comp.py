# List comprehensions: filters, expressions, nested loops, conditionals.
print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([x if x % 2 else -x for x in range(6)])
print([(x, y) for x in range(3) for y in range(x)])
print([c.upper() for c in "hello" if c != "l"])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])  # transpose
print([n for row in matrix for n in row if n % 2])
words = ["apple", "Banana", "cherry"]
print([w for w in words if w[0].islower()], [len(w) for w in words])
print([(i, w) for i, w in enumerate(words)])
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
print([x for x in []], [None for _ in range(2)])
print([y for x in [[1, 2], [3]] for y in x])
print([(lambda v: v + 1)(x) for x in range(3)])
