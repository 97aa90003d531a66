# Assignment expressions and conditional expressions.
data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print(f"list is long ({n} elements)")
print([y for x in data if (y := x * 2) > 10])
chunks = iter(["a", "b", ""])
while (chunk := next(chunks)):
    print("chunk", chunk)
print((z := 5), z)
value = 7
kind = "small" if value < 5 else "medium" if value < 10 else "large"
print(kind)
print([("even" if v % 2 == 0 else "odd") for v in range(4)])
f = lambda v: "neg" if v < 0 else "zero" if v == 0 else "pos"
print(f(-1), f(0), f(3))
