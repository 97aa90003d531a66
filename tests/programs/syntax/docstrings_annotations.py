# Docstrings and annotations (annotations are evaluated and stored).
"""Module docstring."""
print(__doc__)

def f(a: int, b: str = "x", *args: float, c: bool = True, **kw: dict) -> list:
    """Function docstring.

    Second paragraph."""
    return [a, b, c]

print(f.__doc__)
print(f.__annotations__)
print(f(1))

class C:
    """Class docstring."""
    count: int = 0
    name: str
    def m(self) -> None:
        "Method docstring in plain quotes."
print(C.__doc__, C.m.__doc__, C.count)
print(C.__annotations__)
x: int = 5
y: list
print(x, __annotations__)
def g():
    local: int = 1  # local annotations are not stored anywhere
    return local
print(g(), g.__annotations__)
