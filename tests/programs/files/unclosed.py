# A file object that is never closed is flushed and closed when its last
# reference goes (no ResourceWarning); files opened in a function and
# dropped on return; a file closed by `with` even when the body raises.
try:
    import os
except ImportError:
    os = None

TMP = "unclosed.tmp"

f = open(TMP, "w")
f.write("written but not closed\n")
del f
with open(TMP) as g:
    print(repr(g.read()))


def write_lines(n):
    out = open(TMP, "w")
    for i in range(n):
        out.write("%d\n" % i)
    # no close: dropped when the function returns


write_lines(5)
with open(TMP) as g:
    print(g.read().split())

# binary, overwritten with no close
b = open(TMP, "wb")
b.write(b"bytes")
b = None
with open(TMP, "rb") as g:
    print(g.read())

try:
    with open(TMP, "w") as f:
        f.write("before the error\n")
        raise RuntimeError("boom")
except RuntimeError as e:
    print("caught", e, f.closed)
with open(TMP) as g:
    print(repr(g.read()))

# many files opened and dropped (descriptors are given back)
for i in range(2000):
    h = open(TMP)
    h.read()
print("2000 opens ok")

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
