# ZeroDivisionError messages for every operator.
cases = [
    ("1 / 0", lambda: 1 / 0),
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("divmod(1, 0)", lambda: divmod(1, 0)),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1 / 0.0", lambda: 1 / 0.0),
    ("1.0 // 0", lambda: 1.0 // 0),
    ("1.0 % 0", lambda: 1.0 % 0),
    ("divmod(1.0, 0)", lambda: divmod(1.0, 0)),
    ("2**100 // 0", lambda: 2**100 // 0),
    ("0 ** -1", lambda: 0 ** -1),
    ("0.0 ** -1", lambda: 0.0 ** -1),
]
for text, f in cases:
    try:
        f()
    except ZeroDivisionError as e:
        print(f"{text:<16} -> {type(e).__name__}: {e}")
print(issubclass(ZeroDivisionError, ArithmeticError))
