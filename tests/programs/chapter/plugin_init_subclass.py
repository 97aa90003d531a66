# The chapter's __init_subclass__ Plugin registry (JSONPlugin reworked so
# that it needs no json module).
class Plugin:
    _registry: dict[str, type] = {}

    def __init_subclass__(cls, name: str = "", **kwargs):
        super().__init_subclass__(**kwargs)
        if name:
            Plugin._registry[name] = cls
            print(f"Registered plugin: {name!r}")


class JSONPlugin(Plugin, name="json"):
    def serialize(self, data):
        items = ", ".join(f'"{k}": "{v}"' for k, v in data.items())
        return "{" + items + "}"


class CSVPlugin(Plugin, name="csv"):
    def serialize(self, data):
        return ",".join(str(v) for v in data)


class Unnamed(Plugin):
    pass


print(sorted(Plugin._registry))
print({k: v.__name__ for k, v in Plugin._registry.items()})
plugin = Plugin._registry["json"]()
print(plugin.serialize({"hello": "world"}))
print(Plugin._registry["csv"]().serialize([1, 2, 3]))
try:
    class Bad(Plugin, name="bad", extra=1):
        pass
except TypeError as e:
    print("TypeError:", e)
