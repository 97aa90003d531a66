# dicts keep insertion order through updates, deletes and re-inserts.
d = {}
for k in ["zeta", "alpha", "mid", "beta"]:
    d[k] = len(k)
print(list(d))
d["alpha"] = 100  # updating keeps the position
print(list(d.items()))
del d["zeta"]
d["zeta"] = 0  # re-inserted at the end
print(list(d))
d.pop("mid")
d.setdefault("mid", -1)
print(d)
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(list(big)[:5], len(big), list(big)[-3:])
for i in range(1000, 1003):
    big[i] = 0
print(list(big)[-5:])
print({1: "a", 2: "b"} == {2: "b", 1: "a"}, list({3: 0, 1: 0, 2: 0}))
merged = {"a": 1, "b": 2}
merged.update({"c": 3, "a": 9})
print(merged)
print({**{"x": 1, "y": 2}, "x": 3})
copy = dict(merged)
print(list(copy) == list(merged))
