# A missing dict key inside a method.
class Registry:
    def __init__(self):
        self.items = {"a": 1}

    def get(self, key):
        return self.items[key]

print(Registry().get("a"))
Registry().get("missing")
