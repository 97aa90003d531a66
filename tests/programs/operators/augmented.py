# Augmented assignment on names, attributes, subscripts; in-place vs rebinding.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0b1100; print(x)
x |= 0b0011; print(x)
x ^= 0b1111; print(x)
s = "ab"
s += "cd"; s *= 2; print(s)
a = [1]
b = a
a += [2, 3]  # list += mutates in place
print(a, b, a is b)
t = (1,)
u = t
t += (2,)  # tuple += rebinds
print(t, u, t is u)
d = {"k": 1}
d["k"] += 10
print(d)
class C:
    n = 0
c = C()
c.n += 1
print(c.n, C.n)
lst = [1, 2, 3]
i = 0
lst[i] += 100
lst[-1] *= 2
print(lst)
def idx():
    print("  idx evaluated once")
    return 1
lst[idx()] += 5
print(lst)
