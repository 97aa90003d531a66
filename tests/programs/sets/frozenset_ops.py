# frozenset: immutable, hashable, usable as a dict key and set member.
f = frozenset([3, 1, 2, 1])
print(sorted(f), len(f), 2 in f, type(f | {9}).__name__, type({9} | f).__name__)
print(sorted(f & {1, 5}), sorted(f - {1}), f == {1, 2, 3}, f.issubset({1, 2, 3, 4}))
d = {f: "frozen key"}
print(d[frozenset({1, 2, 3})])
nested = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(nested))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(frozenset(), repr(frozenset()), frozenset() == set(), bool(frozenset()))
print(hash(frozenset()) == hash(frozenset([])), hash(f) == hash(frozenset([1, 2, 3])))
