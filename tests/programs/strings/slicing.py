# String indexing and slicing with steps and out-of-range bounds.
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[:], s[5:2], s[100:], s[-100:2])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2], s[-1:-5:-1], s[2:8:3], s[::100])
print(s[slice(1, 4)], s[slice(None, None, -3)], slice(1, 10, 2).indices(5), slice(-3, None).indices(10))
u = "日本語テキスト"
print(u[1:4], u[::-1], len(u), u[-1])
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError:", e)
