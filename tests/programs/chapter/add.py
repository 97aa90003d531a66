# The chapter's `add` (minus dis.dis), called with several operand types.
def add(a, b):
    return a + b

print(add(1, 2))
print(add(1.5, 2.25))
print(add("ab", "cd"))
print(add([1], [2, 3]))
print(add((1,), (2,)))
print(add(2**64, 1))
print(add.__name__)
print(add.__code__.co_name)
print(add.__code__.co_varnames)
print(add.__code__.co_argcount)
