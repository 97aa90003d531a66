# Loops that build results: accumulation, nested loops, loop-and-a-half.
total = 0
for i in range(1, 101):
    total += i
print("sum 1..100 =", total)

table = []
for i in range(1, 4):
    row = []
    for j in range(1, 4):
        row.append(i * j)
    table.append(row)
for row in table:
    print(" ".join(f"{v:2}" for v in row))

data = [3, 8, -1, 4, 9]
i = 0
while i < len(data):
    if data[i] < 0:
        print("found negative at", i)
        break
    i += 1

collatz = []
n = 27
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    collatz.append(n)
print(len(collatz), max(collatz), collatz[:8])

fib = [0, 1]
while len(fib) < 20:
    fib.append(fib[-1] + fib[-2])
print(fib)
