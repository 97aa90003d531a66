# Container literals: list, tuple, dict, set, nesting and trailing commas.
print([], [1], [1, 2, 3,], [[1, 2], [3, [4, [5]]]])
print((), (1,), (1, 2), 1, (1), ((1, 2), (3,)))
t = 1, 2, 3
print(t, type(t).__name__)
print({}, {"a": 1}, {1: "one", 2: "two",}, {"nested": {"x": [1, 2]}})
print({1, 2, 3}, {(1, 2)}, type({1}).__name__, type({}).__name__)
print([1, "two", 3.0, None, True, (4,), [5], {6: 7}])
print({**{"a": 1}, "b": 2, **{"a": 3}})
print([*range(3), *[7, 8]], (*"ab", *[1]), {*[1, 2], *(2, 3)} == {1, 2, 3})
print(None, True, False, ...)
print(type(None).__name__, type(...).__name__, Ellipsis is ...)
d = {"k1": [], "k2": ()}
d["k1"].append(1)
print(d)
