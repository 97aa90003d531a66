# Functions are descriptors: binding on attribute access.
class K:
    def m(self, x):
        return (type(self).__name__, x)

def outside(self, y):
    return ("outside", y)

k = K()
bm = k.m
print(bm(1), bm.__self__ is k, bm.__func__ is K.m)
print(K.m(k, 2), type(K.m).__name__, type(k.m).__name__)
K.extra = outside  # functions added to the class bind too
print(k.extra(3))
k.inst = outside  # ... but not when stored on the instance
print(k.inst("self", 4))
f = K.__dict__["m"]
bound = f.__get__(k, K)
print(bound(5), f.__get__(None, K) is f)
methods = [k.m, K().m]
print([m(6)[1] for m in methods])
print(k.m == k.m, k.m == K().m)
lst = [3, 1, 2]
append = lst.append
append(0)
print(lst, type(append).__name__, append.__self__ is lst)
sort = lst.sort
sort()
print(lst)
print(str.upper("abc"), "abc".upper(), list.__len__([1, 2]))
