# Text encodings: UTF-8 by default, ascii and latin-1 on request, errors=
# handlers, decode/encode errors, and character counts over multi-byte text.
try:
    import os
except ImportError:
    os = None

TMP = "encodings.tmp"
TEXT = "caf\u00e9 \u20ac5 na\u00efve \U0001f600 end\n\u00fcber\n"

with open(TMP, "w") as f:
    print(f.write(TEXT), f.tell())
with open(TMP, "rb") as f:
    print(f.read())
with open(TMP) as f:
    print(repr(f.read()))
with open(TMP, encoding="utf-8") as f:
    chars = []
    while True:
        c = f.read(1)
        if not c:
            break
        chars.append(c)
    print(len(chars), "".join(chars) == TEXT)
with open(TMP, encoding="UTF8") as f:
    print(f.encoding, repr(f.read(6)), f.tell(), repr(f.readline(3)), f.tell(), repr(f.readline()))
    print(f.readlines())

# multi-byte characters across buffer boundaries (a small buffer)
long_text = ("\u00e9\u20ac\U0001f600x" * 500 + "\n") * 3
with open(TMP, "w", buffering=7) as f:
    f.write(long_text)
for n in [1, 2, 3, 5, 7, 13]:
    with open(TMP, buffering=5) as f:
        parts = []
        while True:
            p = f.read(n)
            if not p:
                break
            parts.append(p)
        print(n, len(parts), "".join(parts) == long_text, all(len(p) == n for p in parts[:-1]))
with open(TMP, buffering=5) as f:
    print([len(line) for line in f])

# latin-1 and ascii
with open(TMP, "w", encoding="latin-1") as f:
    print(f.encoding, f.write("\u00e9t\u00e9 \u00ff\n"))
with open(TMP, "rb") as f:
    print(f.read())
with open(TMP, encoding="latin-1") as f:
    print(repr(f.read()))
with open(TMP, encoding="ascii", errors="replace") as f:
    print(f.errors, repr(f.read()))
with open(TMP, encoding="ascii", errors="ignore") as f:
    print(repr(f.read()))
with open(TMP, encoding="ascii") as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
with open(TMP, encoding="utf-8") as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
with open(TMP, encoding="utf-8", errors="replace") as f:
    print(repr(f.read()))
with open(TMP, encoding="utf-8", errors="backslashreplace") as f:
    print(repr(f.read()))

with open(TMP, "w", encoding="ascii") as f:
    f.write("plain\n")
    try:
        f.write("caf\u00e9\n")
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
with open(TMP, "w", encoding="ascii", errors="replace") as f:
    print(f.write("caf\u00e9 \u20ac\n"))
with open(TMP, "w", encoding="latin-1", errors="xmlcharrefreplace") as f:
    f.write("\u00e9\u20ac\n")
with open(TMP, "rb") as f:
    print(f.read())

try:
    open(TMP, encoding="no-such-codec")
except LookupError as e:
    print("LookupError:", e)

if os:
    os.remove(TMP)
else:
    open(TMP, "w").close()
