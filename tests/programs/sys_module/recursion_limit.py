# The recursion limit: default 1000, settable, and RecursionError instead of
# a crash when it is exceeded.
import sys
print(sys.getrecursionlimit())

def recurse(n):
    return recurse(n + 1)

try:
    recurse(0)
except RecursionError as e:
    print("RecursionError:", e)

depth = 0
def measure():
    global depth
    depth += 1
    measure()
try:
    measure()
except RecursionError:
    print("failed near the limit:", 900 < depth <= 1000)

sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
print(count(1800))
sys.setrecursionlimit(1000)
try:
    count(1800)
except RecursionError as e:
    print("RecursionError again:", e)
print(count(500))  # the interpreter is still healthy

class Deep:
    def __repr__(self):
        return repr(self)
try:
    repr(Deep())
except RecursionError:
    print("RecursionError from __repr__")
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
