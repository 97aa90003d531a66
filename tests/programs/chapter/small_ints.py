# The chapter's small-integer cache and string interning. Literal `is`
# comparisons would raise a SyntaxWarning, so names are used; the two 257s
# are computed at run time so that they are distinct objects.
a = 256
b = 256
print(a is b)  # True — same cached object
a = int("257")
b = int("257")
print(a is b)  # False — different objects
print(a == b)

a = "hello"
b = "hello"
print(a is b)  # True — interned (identifier-like constant)
print(a == b)
