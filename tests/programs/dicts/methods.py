# dict methods: get, setdefault, pop, popitem, update, keys/values/items, copy, clear, fromkeys.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d["b"])
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("a"), d.pop("zz", "default"), d)
d.update({"x": 10}, y=20)
d.update([("z", 30)])
print(d)
print(d.popitem(), d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
c = d.copy()
c["new"] = 1
print(d, c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], "v"))
d.clear()
print(d, len(d))
m = {"k": 1} | {"k": 2, "j": 3}
print(m)
m |= {"z": 0}
print(m)
keys = m.keys()
m["added"] = 1
print(keys, len(keys), "added" in keys)  # views are live
print(m.items() & {("k", 2)}, sorted(m.keys() - {"k"}), m.keys() | {"q"} >= {"q", "k"})
print(list(reversed(m)), list(reversed(m.values())))
try:
    {}.pop("missing")
except KeyError as e:
    print("KeyError:", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    d["nope"]
except KeyError as e:
    print("KeyError:", e)
