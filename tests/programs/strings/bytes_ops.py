# bytes: construction, repr escaping, indexing, slicing, operators, methods, % formatting.
print(b"", b"abc", bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes("é", "utf-8"), bytes(b"copy"))
print(b"\x00\x7f\x80\xff'\"\\\t\n\r", b"'", b'"', b"'\"")
b = b"hello world"
print(len(b), b[0], b[-1], b[1:4], b[::-1], b[::2], b[100:], list(b[:3]), 104 in b, b"wor" in b)
print(b + b"!", b * 2, 2 * b"ab", b == b"hello world", b < b"help", b != "hello world", b"" * 5)
print(b.find(b"o"), b.rfind(b"o"), b.find(111), b.count(b"l"), b.index(b"w"), b.startswith(b"he"), b.endswith((b"x", b"ld")))
print(b.split(), b.split(b"o"), b.split(b"o", 1), b"  a b  ".split(None, 1), b"a,b,,c".rsplit(b",", 1), b"l1\nl2\r\n".splitlines())
print(b"-".join([b"a", b"b", b"c"]), b"  pad ".strip(), b"xxaxx".strip(b"x"), b"aXa".replace(b"a", b"bb"), b"key=v".partition(b"="))
print(b"MiXeD".upper(), b"MiXeD".lower(), b"12".isdigit(), b"ab".isalpha(), b"a1".isalnum(), b" \t".isspace(), b"ab".center(6, b"*"))
print(b"abc".hex(), b"abcd".hex(":", 2), bytes.fromhex("41 42 43"), b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"))
print(b"%s=%d (%x) %5.2f %c%c %r|%-4b|" % (b"k", 42, 255, 3.14159, 65, b"B", "q", b"z"), b"%(k)s" % {b"k": b"v"})
print(hash(b"abc") == hash(bytes([97, 98, 99])), {b"k": 1}[b"k"], sorted([b"b", b"a", b"ab"]), str(b"x"), repr(b"y"))
for expr in ("b'a' + 'a'", "b'a'[5]", "300 in b'a'", "bytes(-1)", "bytes('a')", "bytes([256])", "b'abc'.index(b'z')",
             "b'\\xff'.decode()", "b'%s' % 'x'", "b'%d %d' % (1,)", "bytes.fromhex('4')", "b'a'.decode('nope')"):
    try:
        print(eval(expr))
    except Exception as e:
        print(type(e).__name__ + ":", e)
