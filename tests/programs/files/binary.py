# open() in binary mode: the buffered reader/writer/random types, FileIO
# (buffering=0), bytes in and out, seek with whence, tell, truncate.
try:
    import os
except ImportError:
    os = None

TMP = "binary.tmp"

with open(TMP, "wb") as f:
    print(f, type(f).__name__, f.mode)
    print(f.readable(), f.writable(), f.seekable())
    print(f.write(b"0123456789\n"))
    print(f.write(bytearray(b"abc\n")))
    print(f.write(b""))
    f.writelines([b"line one\n", bytearray(b"line two\n"), b"no newline"])
    print(f.tell())

with open(TMP, "rb") as f:
    print(f, type(f).__name__, f.mode, f.name)
    data = f.read()
    print(data)
    print(len(data), f.tell())
    print(f.read(), f.read(5))
    print(f.seek(0), f.read(4), f.tell())
    print(f.seek(2, 1), f.read(2), f.tell())
    print(f.seek(-3, 2), f.read(), f.tell())
    print(f.seek(-5, 1), f.read(None))
    f.seek(0)
    print(f.readline(), f.readline(2), f.readline(100), f.readline(-1))
    print(f.readlines())
    f.seek(0)
    print(f.readlines(12))
    f.seek(0)
    print([line for line in f])
    print(f.readline() == b"")

# all 256 byte values survive a round trip
with open(TMP, "wb") as f:
    f.write(bytes(range(256)) * 40)
with open(TMP, "rb") as f:
    back = f.read()
print(len(back), back == bytes(range(256)) * 40)
with open(TMP, "rb") as f:
    chunks = []
    while True:
        c = f.read(1000)
        if not c:
            break
        chunks.append(len(c))
print(chunks)

# read-write modes
for mode in ["r+b", "rb+", "w+b", "a+b", "ab", "br"]:
    with open(TMP, mode) as f:
        print(mode, type(f).__name__, f.mode, f.readable(), f.writable())

with open(TMP, "wb") as f:
    f.write(b"hello world")
with open(TMP, "r+b") as f:
    print(f.read(5))
    f.write(b"_")        # overwrites the space after the read position
    print(f.tell())
    print(f.read())
    f.seek(0)
    f.write(b"J")
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate())
with open(TMP, "rb") as f:
    print(f.read())

with open(TMP, "ab") as f:
    print(f.tell())
    f.write(b"+more")
    f.seek(0)
    f.write(b"!")       # append mode always writes at the end
with open(TMP, "rb") as f:
    print(f.read())

# unbuffered: FileIO
f = open(TMP, "rb", buffering=0)
print(f, type(f).__name__, f.mode, f.closefd)
print(f.read(3), f.readline(), f.readall(), f.read())
f.close()
print(f, f.closed)
with open(TMP, "wb", buffering=0) as f:
    print(f.write(b"raw\nbytes\n"), f.tell())
with open(TMP, "rb", 0) as f:
    print(f.readlines())

# an explicit small buffer size
with open(TMP, "wb", buffering=16) as f:
    for i in range(10):
        f.write(b"%d:" % i + b"ab" * i + b"\n")
with open(TMP, "rb", buffering=16) as f:
    print(f.read())

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
