# Generators as pipelines and lazy sequences; local state survives suspension.
def numbers():
    n = 0
    while True:
        yield n
        n += 1

def take(n, it):
    for _ in range(n):
        yield next(it)

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def squares(it):
    for x in it:
        yield x * x

print(list(take(5, squares(evens(numbers())))))

def windows(seq, size):
    for i in range(len(seq) - size + 1):
        yield seq[i:i + size]
print(list(windows([1, 2, 3, 4, 5], 3)))

def interleave(a, b):
    ia, ib = iter(a), iter(b)
    while True:
        try:
            yield next(ia)
            yield next(ib)
        except StopIteration:
            return
print(list(interleave("abc", [1, 2, 3, 4])))

gen = numbers()
print(next(gen), next(gen))
print(gen.__name__)
def running_max(values):
    best = None
    for v in values:
        if best is None or v > best:
            best = v
        yield best
print(list(running_max([3, 1, 4, 1, 5, 9, 2, 6])))
g1 = numbers(); g2 = numbers()
next(g1); next(g1)
print(next(g1), next(g2))  # independent frames
def gen_in_loop():
    for i in range(3):
        yield i
        print("  resumed after", i)
for v in gen_in_loop():
    print("got", v)
