# The chapter's reference-counting example.
import sys

x = [1, 2, 3]
print(sys.getrefcount(x))  # 2 (x itself, and the argument to getrefcount)
y = x
print(sys.getrefcount(x))  # 3 (x, y, and getrefcount's argument)
del y
print(sys.getrefcount(x))  # 2
