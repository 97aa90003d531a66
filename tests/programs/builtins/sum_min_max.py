# sum, min, max with key and default.
print(sum([1, 2, 3]), sum([]), sum([1, 2], 10), sum([0.1] * 10), sum(range(5), start=100))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([True, True, False]))
print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("hello"), min("b", "a", "c"))
words = ["pear", "fig", "banana", "kiwi"]
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]))
print(min([], default="empty"), max([], default=None), max([1], default=0))
print(max([1, 3, 3, 2], key=lambda x: x), max([(1, "a"), (1, "b")], key=lambda p: p[0]))
print(min([-3, 2, -1], key=abs), max(range(10), key=lambda x: x % 4))
print(max(2**100, 3), min(1.5, 1), max(True, 0), min([[2], [1, 5]]))
print(max({"a": 1, "b": 2}), min({3, 1, 2}), max(iter([4, 9, 2])))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    max()
except TypeError as e:
    print("TypeError:", e)
try:
    sum(["a"])
except TypeError as e:
    print("TypeError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
