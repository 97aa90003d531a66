# callable() on every kind of object.
class WithCall:
    def __call__(self):
        return 1
class Without:
    pass
def f():
    pass
items = [f, lambda: 0, len, print, int, Without, WithCall, WithCall(), Without(), 1, "s",
         None, [], "abc".upper, [].append, staticmethod(f), classmethod]
print([callable(x) for x in items])
