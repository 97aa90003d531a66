# abs, divmod, pow, round on ints, floats and bools.
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(-2**100), abs(True), abs(float("-inf")))
print(divmod(9, 4), divmod(-9, 4), divmod(9.5, 2), divmod(True, 2))
print(pow(2, 8), pow(2, 0.5), pow(-1, 2), pow(2, -3), pow(7, 3, 10))
print(round(3.14159), round(3.14159, 2), round(-3.5), round(4.5), round(5.5), round(0.125, 2))
print(round(15, -1), round(25, -1), round(-15, -1), round(123, 1), round(2**70, -20))
print(round(1e15 + 0.5), round(2.5, None), round(float("1e-10"), 5))
print(type(round(2.6)).__name__, type(round(2.6, 1)).__name__, type(round(7, 2)).__name__)
class R:
    def __round__(self, n=None):
        return f"rounded with {n}"
    def __abs__(self):
        return "absolute"
print(round(R()), round(R(), 3), abs(R()))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)
