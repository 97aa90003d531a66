# divmod and pow, including three-argument pow and negative exponents.
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(0, 3))
print(divmod(2**70, 3**20))
print(pow(2, 10), pow(2, -2), pow(2.0, 3), pow(-8, 2), pow(4, 0.5))
print(pow(3, 200, 1000), pow(2, 100, 7), pow(-3, 3, 7), pow(5, 0, 1))
print(pow(3, -1, 7), pow(38, -1, 97))
print(pow(10, 30) == 10**30, pow(7, 2, 2**100))
print(2 ** 0.5, 10 ** 0.5, (-8) ** 2, 0.5 ** 2)
print(pow(base=2, exp=5), pow(2, exp=3, mod=5))
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
