# The errors of open() and of file objects, with CPython's messages: OSError
# subclasses chosen by errno, invalid modes and arguments, closed files, and
# io.UnsupportedOperation (an OSError and a ValueError) for the wrong direction.
try:
    import os
except ImportError:
    os = None

TMP = "errors.tmp"


def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print("  %s: %s" % (type(e).__name__, e))
        return None
    print("  ok", repr(r))
    return r


with open(TMP, "w") as f:
    f.write("data\n")

print("opening")
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, isinstance(e, OSError))
    print(e.args)
    print(e)
try:
    open("no_such_dir/file.txt", "w")
except OSError as e:
    print(type(e).__name__, e)
try:
    open(".")
except IsADirectoryError as e:
    print(type(e).__name__, e.errno, e)
try:
    open(".", "w")
except OSError as e:
    print(type(e).__name__, e)
try:
    open(TMP, "x")
except FileExistsError as e:
    print(type(e).__name__, e)
try:
    open(TMP + "/inside")
except NotADirectoryError as e:
    print(type(e).__name__, e)
try:
    open(b"no_such_file.txt", "rb")
except OSError as e:
    print(type(e).__name__, e)
try:
    open("")
except OSError as e:
    print(type(e).__name__, e)

print("modes")
for mode in ["z", "rw", "wa", "rr", "r+++", "rU", "U", "+", "b", "t", "", "bt", "r b", "xx", "ra+"]:
    print(repr(mode), end="")
    attempt(open, TMP, mode)

print("arguments")
attempt(open, 3.5)
attempt(open, None)
attempt(open, TMP, 5)
attempt(open, TMP, "r", "x")
attempt(open, TMP, "r", None)
attempt(open, TMP, "rb", encoding="utf-8")
attempt(open, TMP, "rb", errors="strict")
attempt(open, TMP, "rb", newline="")
attempt(open, TMP, "r", newline="x")
attempt(open, TMP, "r", newline=5)
attempt(open, TMP, "r", encoding=5)
attempt(open, TMP, "r", errors=5)
attempt(open, TMP, "r", encoding="bogus")
attempt(open, TMP, "r", buffering=0)
attempt(open, TMP, "r", closefd=False)
attempt(open, TMP, "r", closefd="")
attempt(open, TMP, "r", foo=1)
attempt(open, "a\0b")
attempt(open, -1)
attempt(open)

print("closed text file")
f = open(TMP, "r+")
f.close()
for name in ["read", "readline", "readlines", "tell", "flush", "fileno", "isatty", "readable",
             "writable", "seekable", "truncate", "__iter__", "__next__", "__enter__"]:
    print(name, end="")
    attempt(getattr(f, name))
print("write", end="")
attempt(f.write, "x")
print("write bytes", end="")
attempt(f.write, b"x")
print("writelines", end="")
attempt(f.writelines, ["x"])
print("seek", end="")
attempt(f.seek, 0)
print(repr(f), f.closed)
attempt(f.close)

print("closed binary files")
for mode in ["rb", "wb", "r+b"]:
    f = open(TMP, mode)
    f.close()
    print(mode, repr(f))
    for name in ["read", "readline", "readlines", "tell", "flush", "fileno", "truncate", "__next__", "__enter__"]:
        print(name, end="")
        attempt(getattr(f, name))
    print("write", end="")
    attempt(f.write, b"x")
    print("seek", end="")
    attempt(f.seek, 0)
f = open(TMP, "rb", buffering=0)
f.close()
print(repr(f))
for name in ["read", "readline", "readall", "tell", "flush", "fileno", "__enter__"]:
    print(name, end="")
    attempt(getattr(f, name))

print("wrong direction")
with open(TMP, "w") as f:
    for name in ["read", "readline", "readlines"]:
        print(name, end="")
        attempt(getattr(f, name))
    print("next", end="")
    attempt(next, f)
    try:
        f.read()
    except OSError as e:
        print("  is OSError:", isinstance(e, ValueError), type(e).__module__)
with open(TMP) as f:
    print("write", end="")
    attempt(f.write, "x")
    print("truncate", end="")
    attempt(f.truncate)
    print("writelines []", end="")
    attempt(f.writelines, [])
with open(TMP, "wb") as f:
    print("read", end="")
    attempt(f.read)
with open(TMP, "rb") as f:
    print("write", end="")
    attempt(f.write, b"x")
    print("truncate", end="")
    attempt(f.truncate)
with open(TMP, "rb", buffering=0) as f:
    print("raw write", end="")
    attempt(f.write, b"x")
with open(TMP, "wb", buffering=0) as f:
    print("raw read", end="")
    attempt(f.read)

print("bad arguments")
with open(TMP, "r+") as f:
    attempt(f.write, b"bytes")
    attempt(f.write, 5)
    attempt(f.writelines, ["ok", 1])
    attempt(f.writelines, 5)
    attempt(f.read, "a")
    attempt(f.read, 1.0)
    attempt(f.read, None)
    attempt(f.readline, None)
    attempt(f.readline, "x")
    attempt(f.readlines, None)
    attempt(f.seek, 1, 1)
    attempt(f.seek, 0, 1)
    attempt(f.seek, -1, 2)
    attempt(f.seek, 0, 2)
    attempt(f.seek, -1)
    attempt(f.seek, 0, 3)
    attempt(f.seek)
    attempt(f.read, 1, 2)
    attempt(f.write)
with open(TMP, "r+b") as f:
    attempt(f.write, "str")
    attempt(f.write, 5)
    attempt(f.writelines, [b"a", "b"])
    attempt(f.read, "a")
    attempt(f.readline, 1.0)
    attempt(f.readlines, "x")
    attempt(f.seek, 1.5)
    attempt(f.seek, 0, 7)
    attempt(f.seek, "a")
    attempt(f.seek, -1)
    attempt(f.truncate, -1)
    attempt(f.read, size=1)

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
