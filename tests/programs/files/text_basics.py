# open() in text mode: write, read, readline, readlines, iteration, append,
# `with`, tell/seek, and the attributes of a text file.
# The program writes text_basics.tmp next to itself (the runner's cwd) and
# removes it at the end when an os module exists (gilkit has none yet: the
# file is left behind, empty).
try:
    import os
except ImportError:
    os = None

TMP = "text_basics.tmp"

f = open(TMP, "w")
print(f)
print(type(f).__name__, f.name, f.mode, f.encoding, f.errors, f.closed, f.line_buffering)
print(f.readable(), f.writable(), f.seekable(), f.isatty())
print(f.write("first line\n"))
print(f.write(""))
print(f.write("second line\nthird"))
print(f.tell())
f.writelines(["\n", "fourth\n", "fifth\n"])
print(f.fileno() > 2)
f.flush()
f.close()
print(f.closed)
f.close()  # closing twice is fine

with open(TMP) as f:
    print(f)
    print(f.readable(), f.writable())
    print(repr(f.read()))
    print(repr(f.read()))  # at end of file
    print(f.tell())
    print(f.seek(0))
    print(repr(f.readline()))
    print(repr(f.readline(3)), repr(f.readline(0)), repr(f.readline()))
    print(f.readlines())
    print(repr(f.readline()))
print(f.closed)

with open(TMP, "rt") as f:
    print(f.mode)
    for i, line in enumerate(f):
        print(i, repr(line))

with open(TMP) as f:
    print(repr(f.read(5)), f.tell(), repr(f.read(0)), repr(f.read(7)), f.tell())
    print(f.readlines(10))
    print(repr(f.read(-1)))

# iter() and next() directly
f = open(TMP)
print(iter(f) is f)
print(repr(next(f)), repr(f.__next__()))
print(list(f))
try:
    next(f)
except StopIteration:
    print("StopIteration at the end")
f.close()

# append
with open(TMP, "a") as f:
    print(f.mode, f.tell() > 0)
    f.write("sixth\n")
with open(TMP) as f:
    print(f.read().splitlines())

# write truncates
with open(TMP, "w") as f:
    f.write("short\n")
with open(TMP) as f:
    print(repr(f.read()))

# __enter__ returns the file itself; __exit__ closes it
f = open(TMP)
print(f.__enter__() is f)
print(f.__exit__(None, None, None), f.closed)

# the file argument by keyword, mode and encoding by keyword
with open(file=TMP, mode="r", encoding="utf-8") as f:
    print(f.encoding, repr(f.read()))

# a very long line and many lines (several times the buffer size)
with open(TMP, "w") as f:
    f.write("x" * 100000 + "\n")
    for i in range(3000):
        print("line", i, file=f)
with open(TMP) as f:
    first = f.readline()
    print(len(first), first[-2:] == "x\n")
    n = 0
    total = 0
    for line in f:
        n += 1
        total += int(line.split()[1])
    print(n, total)

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
