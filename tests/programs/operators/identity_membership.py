# is / is not / in / not in.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, not a is c)
print(None is None, type(None) is type(None), True is True, (1 == 1) is True)
print(1 in [1, 2], 3 in [1, 2], 3 not in [1, 2], not 3 in [1, 2])
print("ell" in "hello", "" in "abc", "x" not in "abc")
print(2 in (1, 2), 2 in {2: "x"}, "x" in {2: "x"}, 2 in {1, 2}, 5 in range(0, 10, 5), 6 in range(0, 10, 5))
print([1] in [[1], [2]], (1, 2) in {(1, 2): 0}, 1.0 in [1], True in [1])
nan = float("nan")
lst = [nan]
print(nan in lst, float("nan") in lst)  # identity is tried before ==
e = ()
f = ()
print(e is f, e == f, [] == [])
try:
    1 in 5
except TypeError as err:
    print("TypeError:", err)
