# __exit__ returning true suppresses the exception; its arguments.
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"  __exit__({exc_type.__name__ if exc_type else None}, {exc!r}, tb is None: {tb is None})")
        return exc_type is not None and issubclass(exc_type, self.types)

with Suppress(ValueError):
    raise ValueError("suppressed")
print("continued after suppressed ValueError")
with Suppress(ValueError):
    print("  no exception")
try:
    with Suppress(ValueError):
        raise KeyError("not suppressed")
except KeyError as e:
    print("propagated", repr(e))
with Suppress(LookupError):
    [][1]
print("IndexError suppressed via base class")
def f():
    with Suppress(ZeroDivisionError):
        1 / 0
        print("never")
    return "function continued"
print(f())
class Truthy:
    def __enter__(self):
        pass
    def __exit__(self, *a):
        return "non-empty string counts as true"
with Truthy():
    raise RuntimeError("swallowed")
print("swallowed by truthy return")
