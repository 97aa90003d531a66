# Float arithmetic, special values, rounding and conversions.
print(0.1 + 0.2, 0.3 - 0.1, 1.1 * 3, 7.0 / 2, 2.5 * 4)
inf, nan = float("inf"), float("nan")
print(inf + 1, inf - inf, inf * 0, -inf * -1, inf / inf, 1 / inf, -1 / inf)
print(nan + 1, nan * 0, max(1.0, 2.0), min(-0.0, 0.0))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(2.675, 2), round(1.005, 2), round(123.456, -1), round(123.456, 1), round(-1.25, 1))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(7), type(round(2.5)).__name__)
print(round(2.5, 0), type(round(2.5, 0)).__name__, round(1e300, 2))
print(int(3.99), int(-3.99), int(1e20), int(-0.5), float(7), float(-2**70))
print(int(2.5e15), int(1.5e300) > 10**299)
print(1e308 + 1e308, -1e308 * 10, 2.0 ** 0.5, 10.0 ** -3)
print(3.0 == 3, 0.1 + 0.2 == 0.3, abs(-1.5), abs(-0.0))
print((3.0).is_integer(), (2.5).as_integer_ratio(), (0.1).as_integer_ratio())
print(float("1e-320"), 1e-320 * 1e10)
print(5e-324 / 2, -5e-324 / 2)
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    float(10**400)
except OverflowError as e:
    print("OverflowError:", e)
