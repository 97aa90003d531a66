# Sorting with keys: str.lower, len, tuples, reverse stability, key call
# order, a key that raises (the list is left as a permutation), min/max
# with key and default.
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana', 'date']
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
recs = [('bob', 25), ('alice', 30), ('carol', 25), ('dave', 30)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: (-r[1], r[0])))
print(sorted(recs, key=lambda r: r[1], reverse=True))
l = [3, 1, 2]
l.sort(reverse=True)
print(l)
print(sorted('hello'), sorted((3, 1, 2)), sorted({3: 'a', 1: 'b'}))
print(sorted([1.5, -2, 3, 0.0, True]))
try:
    sorted([1, 'a'])
except TypeError as e:
    print('TypeError', e)
print(min(words, key=len), max(words, key=len), min([], default='none'))
print(max(3, 7, 2), min('abc', 'abd'), max([(1, 'b'), (1, 'a')]))
calls = []
def k(x):
    calls.append(x)
    return -x
print(sorted([3, 1, 2], key=k), calls)
def bad_key(x):
    if x == 2:
        raise ValueError('key fail')
    return x
lst = [3, 2, 1]
try:
    lst.sort(key=bad_key)
except ValueError as e:
    print('ValueError', e, lst)
big = list(range(200, 0, -1))
big.sort(key=lambda x: (x % 7, x))
print(big[:10], big[-5:])
print(sorted(['10', '9', '100'], key=int), sorted([-1, 3, -2], key=abs))
try:
    [3, 1].sort(lambda a: a)
except TypeError as e:
    print('TypeError', e)
