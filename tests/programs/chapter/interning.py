# The chapter's sys.intern example.
import sys

a = sys.intern("hello world")
b = sys.intern("hello world")
print(a is b)  # True — both refer to the same object
c = "".join(["hello", " ", "world"])
print(c == a)
print(sys.intern(c) is a)
