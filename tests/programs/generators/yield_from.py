# yield from: delegation, return value of the subgenerator, nesting.
def inner():
    yield 1
    yield 2
    return "inner result"

def outer():
    result = yield from inner()
    print("  inner returned", result)
    yield 3
    yield from [4, 5]
    yield from range(6, 8)
    yield from "ab"

print(list(outer()))

def tree(node):
    if isinstance(node, list):
        for child in node:
            yield from tree(child)
    else:
        yield node
print(list(tree([1, [2, [3, 4]], [[5]], 6])))

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], (3,), {4: None}, "xy")))

def depth(n):
    if n == 0:
        return 0
    r = yield from depth(n - 1)
    yield n
    return r + n
gen = depth(4)
out = []
try:
    while True:
        out.append(next(gen))
except StopIteration as e:
    print(out, "returned", e.value)
