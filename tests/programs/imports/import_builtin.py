# Importing built-in modules: import a, b; from a import b; aliases.
import sys, time, math
from math import sqrt, pi
from math import floor as fl, ceil
import math as m
print(type(sys).__name__, type(math).__name__)
print(sys.__name__, time.__name__, math.__name__, m.__name__, m is math)
print(sqrt(16), round(pi, 5), fl(2.7), ceil(2.1))
print(sqrt is math.sqrt, "math" in sys.modules, sys.modules["math"] is math)
import math
print(math is m)  # cached: the same module object
def local_import():
    import math as lm
    from math import e
    return lm is math, round(e, 3)
print(local_import())
print("sqrt" in dir(math), hasattr(math, "tau"))
try:
    import no_such_module_gilkit_test
except ImportError as e:
    print(type(e).__name__ + ":", e)
try:
    from math import no_such_name
except ImportError as e:
    # CPython appends the module's file path, which differs per install.
    print(type(e).__name__ + ":", str(e).split(" (")[0], "| name:", e.name)
print(ModuleNotFoundError.__mro__[1].__name__)
