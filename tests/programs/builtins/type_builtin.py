# type() with one argument (the class) and three arguments (a new class).
print(type(1), type("a"), type(1.0), type([]), type(()), type({}), type(set()), type(None))
print(type(True), type(range(1)), type(type), type(len), type(lambda: 0).__name__)
print(type(x for x in []).__name__, type({}.keys()).__name__)
print(type(slice(1)), type(frozenset()), type(...), type(NotImplemented).__name__)
def method(self):
    return f"{type(self).__name__} with x={self.x}"
Dyn = type("Dyn", (), {"x": 5, "describe": method})
d = Dyn()
print(Dyn, Dyn.__name__, Dyn.__bases__, d.describe())
Sub = type("Sub", (Dyn,), {"x": 7})
print(Sub().describe(), issubclass(Sub, Dyn), [c.__name__ for c in Sub.__mro__])
Empty = type("Empty", (object,), {})
print(Empty.__name__, type(Empty()).__name__, type(Empty) is type)
print(type(d) is Dyn, type(d) == Dyn, type(Sub()) is Dyn)
try:
    type("X", 5, {})
except TypeError as e:
    print("TypeError:", e)
try:
    type(1, 2)
except TypeError as e:
    print("TypeError:", e)
