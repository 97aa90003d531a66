# for loops over many iterables, with else / break / continue.
for i in range(3):
    print("range", i)
for ch in "abc":
    print("char", ch)
for k in {"x": 1, "y": 2}:
    print("key", k)
for k, v in {"x": 1, "y": 2}.items():
    print("item", k, v)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print("nested unpack", a, b, c)
for i, x in enumerate(["p", "q"], start=1):
    print("enumerate", i, x)

for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")

for x in []:
    print("never")
else:
    print("else of an empty loop")

for x in range(10):
    if x % 2:
        continue
    if x > 6:
        break
    print("even", x)
else:
    print("not printed")

result = []
for i in range(3):
    for j in range(3):
        if j > i:
            break
        result.append((i, j))
print(result)

lst = [1, 2, 3]
for x in lst:
    if x == 1:
        lst.append(4)  # the loop sees items appended during iteration
    print("saw", x)
print("loop variable after loop:", x)
for i in range(5, 0, -2):
    print("down", i)
