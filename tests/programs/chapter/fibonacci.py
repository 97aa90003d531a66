# The chapter's fibonacci (minus dis.dis and the bytecode-specific
# co_consts / co_stacksize, which differ for gilkit's own instruction set).
def fibonacci(n):
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)

print([fibonacci(i) for i in range(15)])
print(fibonacci(20))
print(f"Names: {fibonacci.__code__.co_names}")
print(f"Varnames: {fibonacci.__code__.co_varnames}")
print(f"Name: {fibonacci.__code__.co_name}")
print(f"Argcount: {fibonacci.__code__.co_argcount}")
print(f"Firstlineno: {fibonacci.__code__.co_firstlineno}")
