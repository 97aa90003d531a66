# set methods and operators (results printed sorted).
a = {1, 2, 3, 4}
b = {3, 4, 5}
show = lambda s: sorted(s)
print(show(a | b), show(a & b), show(a - b), show(b - a), show(a ^ b))
print(show(a.union(b, [9])), show(a.intersection(b)), show(a.difference(b)), show(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({9}))
s = set()
s.add(3); s.add(1); s.add(3)
print(show(s), len(s))
s.update([5, 6], (7,))
print(show(s))
s.discard(100)
s.discard(5)
s.remove(6)
print(show(s))
try:
    s.remove(100)
except KeyError as e:
    print("KeyError:", e)
c = s.copy()
c.add("new")
print(len(s), len(c))
p = {42}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print("KeyError:", e)
x = {1, 2, 3}
x &= {2, 3, 4}; print(show(x))
x |= {9}; print(show(x))
x -= {2}; print(show(x))
x ^= {3, 7}; print(show(x))
x.clear(); print(x, len(x))
print({1, 2} == {2, 1}, {1} == frozenset({1}), set() == set(), {1, 2} != {1})
print(sorted({"b", "a", "c"}), 2 in {1, 2}, [] == list(set()))
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
