# Evaluation order of assignments, calls, decorators, defaults, chained
# comparisons and walrus targets in comprehensions.
log = []
def t(name, v=None):
    log.append(name)
    return v if v is not None else name
d = {}
d[t('k')] = t('v')
print(log); log.clear()
a = b = t('chain', [])
print(a is b, log); log.clear()
t('f', lambda *a, **k: (a, k))(t('a1'), t('a2'), x=t('kx'), *[t('s')], **{t('kk'): 1})
print(log); log.clear()
x = [0, 0]
i = 0
i, x[i] = 1, 5
print(i, x)
class O: pass
o = O(); o.v = 1
o.v += t('inc', 2)
print(o.v, log); log.clear()
lst = [1, 2]
lst[t('idx', 0)] += t('val', 10)
print(lst, log); log.clear()
def deco(n):
    log.append('deco ' + n)
    def w(f):
        log.append('apply ' + n)
        return f
    return w
@deco('a')
@deco('b')
def fn(): pass
print(log); log.clear()
def dflt(x=t('default evaluated')): return x
print(log, dflt(), dflt()); log.clear()
r = t('l', 1) < t('m', 2) < t('n', 0) < t('never', 5)
print(r, log); log.clear()
print(t('x', 0) or t('y', 0) or t('z', 3), log); log.clear()
print({t('k1'): t('v1'), t('k2'): t('v2')}, log); log.clear()
print([y := 10, y + 1], y)
print([last := w for w in range(3)], last)
def f2():
    total = [s for s in range(3) if (found := s) > 0]
    return total, found
print(f2())
try:
    print(undefined_before)
except NameError as e:
    print(e)
try:
    def un():
        print(zz)
        zz = 1
    un()
except UnboundLocalError as e:
    print(e)
def dflt_mut(k, acc={}):
    acc[k] = len(acc)
    return acc
dflt_mut('a'); print(dflt_mut('b'))
class Scope:
    x = 5
    y = [x for _ in range(1)] if False else None
    z = (lambda: x) if False else None
    def m(self): return x if False else Scope.x
print(Scope().m())
