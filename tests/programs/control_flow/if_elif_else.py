# if / elif / else, nested conditions and conditional expressions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        if n % 2:
            return "small odd"
        else:
            return "small even"
    else:
        return "large"

for n in (-3, 0, 3, 4, 10, 99):
    print(n, classify(n))

x = 7
if x: print("truthy one-liner")
if not []: print("empty list is falsy")
if 0:
    print("never")
elif None:
    print("never")
else:
    print("else branch")
print("even" if x % 2 == 0 else "odd")
print("a" if x > 5 else "b" if x > 2 else "c", "a" if x > 50 else "b" if x > 20 else "c")
y = 0
if y == 0:
    pass
print("after pass")
