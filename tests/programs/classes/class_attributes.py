# Class attributes, class-level mutation, attribute lookup order.
class Config:
    defaults = {"debug": False}
    instances = []
    version = 1

    def __init__(self, name):
        self.name = name
        Config.instances.append(name)

a = Config("a")
b = Config("b")
print(Config.instances, a.instances is b.instances)
a.defaults["debug"] = True  # mutates the shared class dict
print(b.defaults)
a.version = 2
print(a.version, b.version, Config.version)
del a.version
print(a.version)
Config.version = 5
print(a.version, b.version)
setattr(Config, "added", "later")
print(a.added, hasattr(b, "added"), getattr(Config, "missing", "fallback"))
print(sorted(k for k in Config.__dict__ if not k.startswith("__")))
class Sub(Config):
    version = 10
s = Sub("s")
print(s.version, s.defaults, Config.instances)
del Config.added
print(hasattr(a, "added"))
class Counter:
    total = 0
    @classmethod
    def bump(cls):
        cls.total += 1
        return cls.total
class SubCounter(Counter):
    pass
Counter.bump(); Counter.bump(); SubCounter.bump()
print(Counter.total, SubCounter.total)
