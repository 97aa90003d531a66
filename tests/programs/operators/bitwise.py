# Bitwise operators on positive, negative and big ints.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 >> 1, -12 << 3, -1 >> 100, ~-1)
print(-5 & -3, -5 | -3, -5 ^ -3)
big = 2**100 + 12345
print(big & 0xFFFF, big | 1, big ^ big, big >> 90, 1 << 100, big >> 200)
print(-big & 0xFFFFFFFF, -big >> 64, ~big, (-big) ^ 0xFF)
print(-(2**70) & (2**70 - 1), (2**128 - 1) & -(2**64))
print(1 << 0, 5 >> 0, 0 << 1000, -1 << 70)
print(True & False, True | False, True ^ True, type(True & True).__name__, ~True)
print(bin(0b1111 & ~0b0101), hex(0xFF ^ 0x0F))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
try:
    1 >> -3
except ValueError as e:
    print("ValueError:", e)
