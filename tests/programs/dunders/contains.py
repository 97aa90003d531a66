# __contains__, and the fallbacks to __iter__ and __getitem__.
class Evens:
    def __contains__(self, x):
        print(f"  __contains__({x})")
        return x % 2 == 0
e = Evens()
print(4 in e, 5 in e, 5 not in e)
class IterOnly:
    def __iter__(self):
        print("  __iter__")
        return iter([1, 2, 3])
print(2 in IterOnly(), 9 in IterOnly())
class GetItemOnly:
    def __getitem__(self, i):
        if i > 5:
            raise IndexError
        return i * 10
print(30 in GetItemOnly(), 35 in GetItemOnly())
class Truthy:
    def __contains__(self, x):
        return "non-empty string"  # converted to bool
print(1 in Truthy())
