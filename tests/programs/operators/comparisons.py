# Comparison operators, chained comparisons and their evaluation order.
print(1 < 2, 2 < 1, 1 <= 1, 1 > 0, 1 >= 2, 1 == 1.0, 1 != 2)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1 == 1.0, 1 < 2 > 0)
x = 5
print(0 < x <= 5, 0 < x < 5, x == 5 != 4)

def v(n):
    print(f"  eval {n}")
    return n

print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))  # short-circuits: v(1) is never evaluated
print("abc" < "abd", "Z" < "a", "" < "a", "abc" < "ab")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), [] == [])
print((1, 2) == (1, 2), [1, 2] == (1, 2), {1: 2} == {1: 2}, {1, 2} == {2, 1})
print(1.5 > 1, 2**100 > 2**99, -2**100 < 0, 10**20 == 1e20, 2**53 + 1 == 2.0**53)
print(float("inf") > 10**300, float("nan") < 1, float("nan") >= 1)
print(None == None, None == 0, True == 1, "1" == 1)
try:
    1 < "a"
except TypeError as e:
    print("TypeError:", e)
try:
    [1] < (1,)
except TypeError as e:
    print("TypeError:", e)
try:
    None > None
except TypeError as e:
    print("TypeError:", e)
