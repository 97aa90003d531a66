# sorted (key, reverse, stability) and reversed.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data)
print(sorted("hello"), sorted({"b": 1, "a": 2}), sorted((3, 1, 2)), sorted(set([3, 1, 2])))
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22)]
print(sorted(people, key=lambda p: p[1]))  # stable: equal keys keep input order
print(sorted(people, key=lambda p: p[1], reverse=True))  # still stable
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(["b", "A", "c", "B"]), sorted(["b", "A", "c", "B"], key=str.lower))
print(sorted([3.5, 1, 2.25, -1]), sorted([[2, 1], [1, 9], [1, 2]]), sorted([]))
lst = [3, 1, 2]
lst.sort()
print(lst)
lst.sort(reverse=True, key=lambda x: x % 3)
print(lst)
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(3))))
r = reversed([1, 2, 3])
print(next(r), list(r))
print("".join(reversed("stressed")))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Seq())))
class Custom:
    def __reversed__(self):
        return iter(["custom", "reversed"])
print(list(reversed(Custom())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([1, None])
except TypeError as e:
    print("TypeError:", e)
