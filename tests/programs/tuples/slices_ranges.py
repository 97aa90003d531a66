# slice objects and range objects together: indices(), negative steps, len.
for s in (slice(None), slice(2, None), slice(None, -2), slice(None, None, -1), slice(-1, -10, -3), slice(100, 200)):
    print(repr(s), s.indices(8), list(range(8))[s], list(range(*s.indices(8))))
r = range(20, 2, -3)
print(list(r), len(r), r[2], r[-1], r[1:4], list(r[::-1]), 11 in r, 12 in r)
print(range(10)[2:8:2], range(0, 10, 3)[-1], range(5)[::-1])
print(slice(1, 2) == slice(1, 2), slice(1, 2, None).step, slice(0, 5, 2).indices(3))
t = tuple(range(10))
print(t[slice(1, 9, 2)], t[3:-3], t[-1:0:-4])
