# Comprehension scoping: loop variables do not leak; closures capture.
x = "outer"
squares = [x * x for x in range(4)]
print(x, squares)
y = 10
print([y + i for i in range(3)])  # outer names are visible
fs = [lambda: i for i in range(3)]
print([f() for f in fs])  # all see the final i
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def in_function():
    n = 3
    return [n * k for k in range(n)]
print(in_function())
print([[j for j in range(i)] for i in range(4)])
i = "untouched"
_ = {i: i for i in range(2)}
print(i)
first = [z for z in range(3)]
try:
    print(z)
except NameError as e:
    print("NameError:", e)
total = 0
print([total := total + v for v in [1, 2, 3]], total)  # := binds in the enclosing scope
