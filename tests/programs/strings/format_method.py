# str.format: positional, keyword, index/attribute access, specs, escapes.
print("{} and {}".format("a", "b"), "{1} before {0}".format("x", "y"), "{0}{0}".format("dup"))
print("{name} is {age}".format(name="Ann", age=30), "{0[1]} {0[0]}".format(["x", "y"]), "{d[key]}".format(d={"key": "v"}))
class P:
    x, y = 3, 4
print("({p.x}, {p.y})".format(p=P()), "{{literal}} {}".format("braces"), "{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:08.3f} {:+d} {:x} {:#o} {:,} {:.2%} {:e}".format(3.14159, 5, 255, 8, 1234567, 0.256, 12345.678))
print("{!r} {!s} {!a}".format("q", "q", "é"), "{0!r:>10}".format("pad"))
print("{:{w}.{p}f}".format(3.14159, w=10, p=2), "{:{fill}^9}".format("mid", fill="-"))
print("{}".format(None), "{}".format([1, 2]), "{:d}".format(True), "{:5}|".format(True), "{!s:>5}".format(None))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    "{:d}".format(1.5)
except ValueError as e:
    print("ValueError:", e)
