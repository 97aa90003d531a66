# Text files opened for reading and writing ('r+', 'w+', 'a+'), switching
# between reads and writes, seek/tell/truncate; opening a descriptor and an
# os.PathLike object.
# A text write that follows a read is preceded by a seek here: without one,
# CPython writes after its text layer's read-ahead chunk, gilkit at the read
# position (see docs/differences.md); truncate() likewise gets an explicit size.
try:
    import os
except ImportError:
    os = None

TMP = "update_modes.tmp"

with open(TMP, "w+") as f:
    print(f.mode, f.readable(), f.writable())
    f.write("alpha\nbeta\ngamma\n")
    print(repr(f.read()))          # at the end already
    print(f.seek(0), repr(f.readline()))
    print(f.seek(f.tell()))
    f.write("BETA\n")              # overwrites "beta\n" after the read position
    print(f.tell())
    print(f.seek(0), f.read())
    print(f.seek(0, 2), f.tell())
    print(f.seek(0, 1))
    print(f.truncate(6), f.tell())
    f.seek(0)
    print(repr(f.read()))

with open(TMP, "r+") as f:
    print(f.mode, repr(f.read(3)))
    f.seek(3)
    f.write("Z")
    print(f.tell())
    f.seek(0)
    print(repr(f.read()))
    f.seek(0)
    f.write("0123456789")
    f.seek(4)
    print(repr(f.read(2)))
    f.truncate(f.tell())
    f.seek(0)
    print(repr(f.read()))

with open(TMP, "a+") as f:
    print(f.mode, f.tell())
    print(repr(f.read()))          # positioned at the end
    f.seek(0)
    print(repr(f.read()))
    f.write("!end\n")              # appends whatever the position
    f.seek(0)
    print(repr(f.read()))

# 'x' on an existing file fails; 'x+' too
for mode in ["x", "x+", "xb"]:
    try:
        open(TMP, mode)
    except FileExistsError as e:
        print(mode, type(e).__name__, e.errno)

# a file descriptor: the name is the number; closefd=False leaves it open
outer = open(TMP, "rb")
inner = open(outer.fileno(), "rb", closefd=False)
print(inner.name == outer.fileno(), inner.read(4))
inner.close()
print(outer.read(4), outer.closed)       # outer's descriptor still works (position shared)
outer.close()
fdfile = open(TMP, "r")
wrapped = open(fdfile.fileno(), closefd=True)
print(type(wrapped).__name__, wrapped.mode, repr(wrapped.readline()))
wrapped.close()
try:
    fdfile.read()
except OSError as e:
    print(type(e).__name__, e)
try:
    fdfile.close()
except OSError as e:
    print("close:", type(e).__name__, e)


# os.PathLike
class Where:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


with open(Where(TMP)) as f:
    print(repr(f.readline()))
with open(Where(TMP.encode()), "rb") as f:
    print(f.readline())
try:
    open(Where(5))
except TypeError as e:
    print(e)

# print(file=...) and reading back
with open(TMP, "w") as f:
    print("x", 1, 2.5, sep=",", file=f)
    print("end", file=f, end="!\n")
with open(TMP) as f:
    print(f.read(), end="")

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
