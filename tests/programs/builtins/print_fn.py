# print: sep, end, multiple arguments, no arguments, file=sys.stdout.
import sys
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ")
print("no newline", end="")
print(" <- same line")
print("x", end="|\n")
print(1, 2.5, None, True, [1], (2,), {"k": 3}, sep=" ; ")
print(*range(5))
print(*"abc", sep="-")
print("to stdout", file=sys.stdout)
print("sep None", "end None", sep=None, end=None)
print("", "", sep="*")
print("multi\nline", "arg")
print("flush", flush=True)
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError:", e)
