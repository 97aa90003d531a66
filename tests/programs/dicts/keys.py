# Dict keys: hashable types, equal numbers collide, tuples, None, bool.
d = {}
d[1] = "int one"
d[1.0] = "float one overwrites"  # 1 == 1.0 and hash(1) == hash(1.0)
d[True] = "True overwrites too"
print(d, len(d), list(d)[0], type(list(d)[0]).__name__)
d2 = {(1, 2): "tuple", None: "none", "s": "str", 2.5: "float", -1: "neg", frozenset([1]): "fs"}
print(d2[(1, 2)], d2[None], d2[2.5], d2[-1], d2[frozenset([1])])
print((1, 2) in d2, (2, 1) in d2, None in d2, 0 in d2)
try:
    d2[[1, 2]] = 0
except TypeError as e:
    print("TypeError:", e)
try:
    {}[{}]
except TypeError as e:
    print("TypeError:", e)
class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v) % 3  # deliberate collisions
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __repr__(self):
        return f"Key({self.v})"
kd = {Key(i): i for i in range(10)}
print(kd[Key(7)], Key(3) in kd, Key(11) in kd, len(kd))
del kd[Key(4)]
print(list(kd)[:5], len(kd))
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get))
inv = {}
for k, v in counts.items():
    inv.setdefault(v, []).append(k)
print(inv)
print({-0.0: "neg zero"}[0], {0: "zero"}[False])
