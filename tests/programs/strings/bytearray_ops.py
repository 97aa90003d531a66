# bytearray: a mutable bytes: item/slice assignment, in-place growth, shared read-only methods.
b = bytearray(b"hello")
b[0] = 72
b[1:3] = b"EY"
b += b"!"
b.extend([33, 63])
b.insert(0, 62)
del b[1]
print(b, len(b), b[0], b[-3:], bytes(b))
b[::2] = b"xxxx"
print(b, b.pop(), b.pop(0), b)
b.remove(120)
b.reverse()
print(b, b.find(b"l"), b.count(b"x"), b.upper(), b.split(b"x"), b.decode(), b.hex())
print(bytearray(), bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray(b"a'"), bytearray(b"a=b").partition(b"="))
print(bytearray(b"ab") + b"c", b"c" + bytearray(b"ab"), bytearray(b"ab") * 2, bytearray(b"ab") == b"ab", b"ab" < bytearray(b"b"))
print(bytearray(b"%d-%s") % (1, b"z"), bytearray.fromhex("4142"), bytearray(b" x ").strip(), list(bytearray(b"ab")))
c = bytearray(b"abc")
d = c
c += b"d"
print(c is d, d, c.copy() is c)
c.clear()
print(c, len(c))
for expr in ("hash(bytearray())", "bytearray().pop()", "bytearray(b'ab').append(256)", "bytearray(b'ab')[5]",
             "bytearray(b'abc').remove(120)"):
    try:
        print(eval(expr))
    except Exception as e:
        print(type(e).__name__ + ":", e)
x = bytearray(b"abcd")
try:
    x[::2] = b"z"
except ValueError as e:
    print("ValueError:", e)
