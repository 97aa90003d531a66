# The chapter's sys-module tour, minus values that differ by implementation
# (implementation.name, version string, getsizeof byte counts).
import sys

print(isinstance(sys.implementation.name, str))
print(isinstance(sys.version, str))
print(sys.version_info[:2])
print(sys.version_info.major, sys.version_info.minor)
print(sys.getsizeof([]) > 0, sys.getsizeof({}) > 0, sys.getsizeof("") > 0, sys.getsizeof(0) > 0)
print(sys.getrecursionlimit())  # 1000
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
x = [1, 2, 3]
print(sys.getrefcount(x))  # 2
print("sys" in sys.modules)
print(sys.platform)
a = sys.intern("hello world")
b = sys.intern("hello world")
print(a is b)  # True
