# math domain and range errors.
import math
cases = [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-5)", lambda: math.log(-5)),
    ("acos(2)", lambda: math.acos(2)),
    ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(2.5)", lambda: math.factorial(2.5)),
    ("exp(1000)", lambda: math.exp(1000)),
    ("isqrt(-1)", lambda: math.isqrt(-1)),
    ("floor(inf)", lambda: math.floor(math.inf)),
    ("floor(nan)", lambda: math.floor(math.nan)),
    ("sqrt('x')", lambda: math.sqrt("x")),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
]
for text, f in cases:
    try:
        print(text, "->", f())
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        print(f"{text:<16} {type(e).__name__}: {e}")
