# The chapter's LazyLoader (__getattr__ only runs when lookup fails).
class LazyLoader:
    """Load attributes from a dict only when accessed."""

    def __init__(self, data: dict):
        self._data = data

    def __getattr__(self, name):
        # Only called when normal lookup fails
        print(f"  __getattr__({name!r})")
        if name in self._data:
            value = self._data[name]
            setattr(self, name, value)  # cache it so __getattr__ isn't called again
            return value
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")


config = LazyLoader({
    "host": "localhost",
    "port": 5432,
    "database": "myapp",
})
print(config.host)  # localhost — loaded from _data, cached on instance
print(config.port)  # 5432
print(config.database)  # myapp
print(config.host)  # cached: no __getattr__ call
try:
    config.user
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(config, "missing"))
print(getattr(config, "port", None), getattr(config, "nothing", "default"))
print(sorted(vars(config)))
