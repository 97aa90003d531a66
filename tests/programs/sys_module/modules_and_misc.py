# sys.modules, sys.getsizeof, sys.intern, sys.getrefcount basics.
import sys
print("sys" in sys.modules, "__main__" in sys.modules, sys.modules["sys"] is sys)
import math
print("math" in sys.modules)
print(all(sys.getsizeof(x) > 0 for x in (0, "", [], {}, (), 1.5, None)))
print(sys.getsizeof([1, 2, 3]) >= sys.getsizeof([]), sys.getsizeof(2**1000) > sys.getsizeof(1))
print(sys.intern("abc") is sys.intern("".join(["a", "bc"])))
print(type(sys.getrefcount(None)).__name__, sys.getrefcount([]) >= 1)
print(callable(sys.exit), callable(sys.getrecursionlimit))
