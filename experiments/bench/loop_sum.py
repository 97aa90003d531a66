# Benchmark: a pure bytecode loop, then sum(range(10_000_000)).
def loop(n):
    total = 0
    i = 0
    while i < n:
        total += i & 7
        i += 1
    return total

print(loop(5_000_000))
for _ in range(3):
    print(sum(range(10_000_000)))
