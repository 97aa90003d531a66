# Arithmetic dunders, reflected variants, in-place variants, unary ops.
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return f"V{self.c}"
    def _map(self, other, f):
        if isinstance(other, V):
            return V(*(f(a, b) for a, b in zip(self.c, other.c)))
        if isinstance(other, (int, float)):
            return V(*(f(a, other) for a in self.c))
        return NotImplemented
    def __add__(self, o): return self._map(o, lambda a, b: a + b)
    def __radd__(self, o):
        print("  __radd__")
        return self._map(o, lambda a, b: b + a)
    def __sub__(self, o): return self._map(o, lambda a, b: a - b)
    def __rsub__(self, o): return self._map(o, lambda a, b: b - a)
    def __mul__(self, o): return self._map(o, lambda a, b: a * b)
    def __rmul__(self, o): return self._map(o, lambda a, b: b * a)
    def __truediv__(self, o): return self._map(o, lambda a, b: a / b)
    def __rtruediv__(self, o): return self._map(o, lambda a, b: b / a)
    def __floordiv__(self, o): return self._map(o, lambda a, b: a // b)
    def __rfloordiv__(self, o): return self._map(o, lambda a, b: b // a)
    def __mod__(self, o): return self._map(o, lambda a, b: a % b)
    def __rmod__(self, o): return self._map(o, lambda a, b: b % a)
    def __pow__(self, o): return self._map(o, lambda a, b: a ** b)
    def __rpow__(self, o): return self._map(o, lambda a, b: b ** a)
    def __and__(self, o): return self._map(o, lambda a, b: a & b)
    def __or__(self, o): return self._map(o, lambda a, b: a | b)
    def __xor__(self, o): return self._map(o, lambda a, b: a ^ b)
    def __lshift__(self, o): return self._map(o, lambda a, b: a << b)
    def __rshift__(self, o): return self._map(o, lambda a, b: a >> b)
    def __rlshift__(self, o): return self._map(o, lambda a, b: b << a)
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
    def __neg__(self): return V(*(-a for a in self.c))
    def __pos__(self): return V(*(+a for a in self.c))
    def __abs__(self): return V(*(abs(a) for a in self.c))
    def __invert__(self): return V(*(~a for a in self.c))
    def __divmod__(self, o): return (self // o, self % o)
    def __rdivmod__(self, o): return (o // self, o % self)

a, b = V(6, -9), V(4, 2)
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** V(2, 2))
print(a + 1, 1 + a, 10 - a, 2 * a, 12 / b, 17 // b, 17 % b, 2 ** b)
print(a & b, a | b, a ^ b, b << 1, a >> 1, 1 << b, a @ b)
print(-a, +a, abs(a), ~b, divmod(a, b), divmod(20, b))
c = a
c += b  # no __iadd__: falls back to __add__, rebinding c
print(c, a, c is a)
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
acc = Acc()
ref = acc
acc += 1
acc += 2
print(acc.items, acc is ref)
try:
    a + "s"
except TypeError as e:
    print("TypeError:", e)
try:
    "s" - a
except TypeError as e:
    print("TypeError:", e)
class Sub(V):
    def __radd__(self, o):
        return "Sub.__radd__ first"
print(V(1) + Sub(2))  # subclass's reflected method takes priority
