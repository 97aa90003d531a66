# Small ints -5..256 are cached single objects; other ints made at run time
# are distinct objects. Values come from int(str) so that no constant
# folding or sharing by the compiler is involved.
def same(text):
    return int(text) is int(text)

for text in ["-6", "-5", "-1", "0", "1", "100", "255", "256", "257", "1000", str(2**70)]:
    print(f"{text:>22}: {same(text)}")
a = 256
b = int("256")
print(a is b)
c = 2**8
print(c is a)
x = 300
y = int("300")
print(x == y, x is y)
print([i is int(str(i)) for i in range(-7, 0)])
n = 0
for _ in range(1000):
    n += 1
print(n == 1000, n is int("1000"))
