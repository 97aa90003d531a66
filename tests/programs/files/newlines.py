# Universal newlines on read (newline=None), the other newline= values on
# read and write, the `newlines` attribute, and character counts across
# "\r\n" pairs.
try:
    import os
except ImportError:
    os = None

TMP = "newlines.tmp"
RAW = b"a\r\nb\rc\nd\r\n\r\re\n\nf\r"

with open(TMP, "wb") as f:
    f.write(RAW)

with open(TMP) as f:
    print(f.newlines)
    print(repr(f.read()))
    print(f.newlines)

for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(TMP, newline=nl) as f:
        print(repr(nl), f.readlines(), f.newlines)
    with open(TMP, newline=nl) as f:
        print(repr(nl), repr(f.read()))

# read(n) counts "\r\n" as one character with newline=None; tell() is a
# byte offset. (Not printed right after a lone "\r": there CPython's tell()
# returns an opaque cookie holding decoder state, gilkit the byte offset.)
with open(TMP) as f:
    out = []
    while True:
        c = f.read(1)
        if not c:
            break
        out.append(c)
    print(out)
with open(TMP) as f:
    print(repr(f.read(2)), f.tell(), repr(f.read(1)), f.tell(), repr(f.readline(1)), repr(f.readline(0)), repr(f.readline()), f.tell())
    f.seek(3)
    print(repr(f.readline()))
    print(repr(f.read(4)), f.tell())

with open(TMP, newline="") as f:
    print(repr(f.read(3)), f.tell(), repr(f.readline(1)), repr(f.readline()))

# only "\n" seen
with open(TMP, "w") as f:
    f.write("one\ntwo\n")
with open(TMP) as f:
    f.read()
    print(repr(f.newlines))

# writing: newline=None and '' and '\n' keep '\n'; '\r' and '\r\n' translate it
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(TMP, "w", newline=nl) as f:
        print(f.write("x\ny\r\nz\n"), end=" ")
    with open(TMP, "rb") as f:
        print(repr(nl), f.read())

# a "\r" at the very end of the buffer, followed by "\n" in the next read
with open(TMP, "wb", buffering=64) as f:
    f.write(b"p" * 63 + b"\r\n" + b"q\r" + b"r" * 200 + b"\r")
for nl in [None, ""]:
    with open(TMP, newline=nl, buffering=64) as f:
        lines = f.readlines()
        print(repr(nl), [(len(l), l[-2:]) for l in lines], f.newlines)
    with open(TMP, newline=nl, buffering=64) as f:
        print(repr(nl), len(f.read(63)), repr(f.read(1)), repr(f.read(1)), f.tell())

# a text file with line buffering
with open(TMP, "w", buffering=1) as f:
    print(f.line_buffering)
    f.write("abc\n")
    with open(TMP) as g:
        print(repr(g.read()))

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
