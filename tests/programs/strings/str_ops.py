# str concatenation, repetition, comparison, membership, iteration, immutability.
a, b = "con", "cat"
print(a + b, a * 3, 3 * b, "-" * 10, a + "" == a, "" * 5 == "")
print("b" in "abc", "ab" in "abc", "" in "", "ac" in "abc", "x" not in "abc")
print("apple" < "banana", "apple" < "Apple", "a" < "aa", "abc" == "abc", "abc" != "abd")
print([c for c in "hey"], list("héllo"), tuple("ab"), set("aab") == {"a", "b"})
s = "immutable"
t = s
s += "!"
print(s, t, s is t)
print(str(123) + str(4.5) + str(None) + str(True), len(str(2**100)))
parts = []
for word in "one two three".split():
    parts.append(word[::-1].capitalize())
print(" ".join(parts))
print(ord(min("hello")), max("hello"), sorted("hello", reverse=True), "".join(sorted("hello")))
print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1), "a".__add__("b"))
print(repr("a'b"), repr('a"b'), repr("a'b\"c"), repr("\t\n\\"), repr("\x01\x1f"), str("\t") == "\t")
