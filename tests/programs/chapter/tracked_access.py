# The chapter's TrackedAccess (__getattribute__ runs for every access).
class TrackedAccess:
    """Log every attribute access."""

    def __init__(self):
        object.__setattr__(self, "_accessed", set())

    def __getattribute__(self, name):
        if not name.startswith("_"):
            accessed = object.__getattribute__(self, "_accessed")
            accessed.add(name)
        return object.__getattribute__(self, name)

    def accessed_attrs(self):
        return self._accessed


t = TrackedAccess()
t.x = 1
t.y = 2
print(t.x + t.y)
print(t.x)
try:
    t.z
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(t.accessed_attrs()))
