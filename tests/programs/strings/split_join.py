# split, rsplit, splitlines, join, partition.
s = "  the quick  brown fox  "
print(s.split(), s.split(" "), s.split(None, 1), s.strip().split(" ", 2))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,c".rsplit(",", 1), "".split(), "".split(","))
print("x--y--z".split("--"), "abc".split("abc"), "no sep".split("|"))
print("l1\nl2\r\nl3\n".splitlines(), "l1\nl2\n".splitlines(True), "".splitlines())
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join("abc"), " ".join([]), "+".join(str(i) for i in range(4)))
print("key=value=more".partition("="), "nokey".partition("="), "a.b.c".rpartition("."))
print("a b\tc\nd".split(), "1 2 3".split(maxsplit=1))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
