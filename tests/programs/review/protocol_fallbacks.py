# Operator fallbacks: reflected methods, __contains__ via __iter__, bad
# __bool__/__len__, __hash__ = None, += falling back to +, NotImplemented
# equality, the __class__ cell, property deleters.
class N:
    def __init__(s, v): s.v = v
    def __radd__(s, o): return f'radd({o})'
    def __gt__(s, o): return f'gt({o})'
    def __iter__(s): return iter([1, 2, 3])
print(1 + N(0), 'x' + N(0) if False else '', 5 < N(0), 2 in N(0), 9 in N(0))
class Plain: pass
p = Plain()
print(p == p, p != Plain(), p.__eq__(1))
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print('TypeError', e)
class NegLen:
    def __len__(self): return -1
try:
    len(NegLen())
except ValueError as e:
    print('ValueError', e)
class NoHash:
    __hash__ = None
try:
    {NoHash()}
except TypeError as e:
    print('TypeError', e)
class IAdd:
    def __init__(s, v): s.v = v
    def __add__(s, o): return IAdd(s.v + o)
x = IAdd(1); y = x; x += 5; print(x.v, y.v, x is y)
try:
    1 < 'a'
except TypeError as e:
    print('TypeError', e)
try:
    [1] < (1,)
except TypeError as e:
    print('TypeError', e)
try:
    format(Plain(), 'x')
except TypeError as e:
    print('TypeError', e)
print(format(Plain(), '') .startswith('<__main__.Plain object'))
print(sorted([3, 1], key=None), [2, 1].sort(key=None))
class Deco:
    pass
def add_attr(cls):
    cls.added = True
    return cls
@add_attr
class Decorated: pass
print(Decorated.added)
class UsesClassCell:
    def m(self):
        def inner():
            return __class__.__name__
        return inner()
    def sup(self):
        return super().__repr__ is not None
print(UsesClassCell().m(), UsesClassCell().sup())
class PropDel:
    def __init__(s): s._x = 1
    @property
    def x(s): return s._x
    @x.deleter
    def x(s): print('deleting'); del s._x
pd = PropDel(); del pd.x; print(hasattr(pd, '_x'))
class Both:
    def __eq__(s, o): return NotImplemented
print(Both() == Both(), Both() != 1)
class R:
    def __eq__(s, o): return 'R-eq'
print(1 == R(), R() == 1, [R()] == [R()] if False else '')
class Hashy:
    def __init__(s, v): s.v = v
    def __hash__(s): return hash(s.v)
    def __eq__(s, o): return s.v == o.v
print(len({Hashy(1), Hashy(1), Hashy(2)}), Hashy(1) in {Hashy(1): 0})
print(callable(staticmethod(len)), isinstance(classmethod(len), classmethod))
