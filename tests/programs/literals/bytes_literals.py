# Bytes literals (b/rb prefixes) — the basic operations only.
b = b'abc'
print(b, len(b), b[0], b[-1], list(b))
print(B"x\x00y", rb'\n', Rb'\t', br'raw', bR'x')
print(b'a' + b'b', b'ab' * 3, b'b' in b'abc', b[1:])
print(b == b'abc', b'' == b'', type(b).__name__)
print(repr(b'\x00\xff\n\'"'))
