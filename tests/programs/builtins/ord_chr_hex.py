# ord, chr, hex, oct, bin.
print(ord("a"), ord("A"), ord("0"), ord(" "), ord("\n"), ord("é"), ord("€"), ord("😀"))
print(chr(97), chr(65), chr(48), repr(chr(10)), chr(233), chr(8364), chr(128512), repr(chr(0)))
print([chr(c) for c in range(ord("a"), ord("f"))], "".join(chr(ord(c) + 1) for c in "HAL"))
print(hex(255), hex(0), hex(-255), hex(2**64), hex(1), oct(8), oct(-8), oct(0), bin(5), bin(0), bin(-5), bin(2**10))
print(int(hex(12345), 16), int(oct(12345), 8), int(bin(12345), 2))
class Idx:
    def __index__(self):
        return 10
print(hex(Idx()), bin(Idx()), oct(Idx()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][Idx()])
for f, arg in ((chr, 0x110000), (hex, 1.5), (ord, ""), (chr, "a")):
    try:
        f(arg)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
