# Integer arithmetic: + - * / // % ** and unary operators.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a, +a, ~a, -(-a), abs(-a))
print(7 / 7, type(7 / 7).__name__, 1 / 4, 10 / 3)
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, -2 ** 2, 2 ** -1, 10 ** -2)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 10 - 2 - 3, 2 * 3 % 4)
print(100 // 7 * 7 + 100 % 7)
print(3 * "ab", "ab" * 3, [0] * 4, (1, 2) * 2, 0 * "x", -1 * [1])
print(True + 1, True * 10, False - 1)
print(int.__add__(2, 3), (5).__mul__(6))
