# Iterating over dicts, views, and mutation during iteration.
d = {"a": 1, "b": 2, "c": 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
print(sum(d.values()), sorted(d, key=d.get, reverse=True))
print([k for k, v in d.items() if v > 1], {v: k for k, v in d.items()})
try:
    for k in d:
        d[k + k] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d = {"a": 1, "b": 2, "c": 3}
for k in list(d):
    if d[k] % 2:
        del d[k]
print(d)
for k in d:
    d[k] = "values may change"
print(d)
items = iter({"x": 1}.items())
print(next(items), type(d.keys()).__name__, type(d.values()).__name__, type(d.items()).__name__)
e = {}
print(list(e), list(e.items()), len(e.keys()))
