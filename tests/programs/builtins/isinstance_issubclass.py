# isinstance and issubclass, including tuples and bool/int.
class A: pass
class B(A): pass
class C: pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(C(), (A, C)), isinstance(1, (str, float)))
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, int), isinstance(None, object))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance("", str))
print(isinstance(A, type), isinstance(int, type), isinstance(type, type), isinstance(A(), type))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(bool, int), issubclass(int, object))
print(issubclass(A, A), issubclass(type, object), issubclass(object, type))
print(isinstance(1, ((str, (list, int)),)), issubclass(B, ()))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(B(), A)
except TypeError as e:
    print("TypeError:", e)
