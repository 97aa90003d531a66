# __enter__ / __exit__ called by with (more in with_stmt/).
class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"  enter {self.name}")
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print(f"  exit {self.name}: {exc_type.__name__ if exc_type else None} {exc}")
        return False
with Resource("r1") as value:
    print("body sees", value)
try:
    with Resource("r2"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated:", e)
