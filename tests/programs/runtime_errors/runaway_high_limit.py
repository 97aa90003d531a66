# With a high recursion limit, runaway Python recursion still ends in
# RecursionError (never a crash); the traceback shows the last 1000 entries.
import sys

sys.setrecursionlimit(100000)


def down(n):
    return down(n + 1)


def count(n):
    return 0 if n == 0 else 1 + count(n - 1)


print(count(50000))
down(0)
