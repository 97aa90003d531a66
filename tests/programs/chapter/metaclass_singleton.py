# The chapter's SingletonMeta.
class SingletonMeta(type):
    """Metaclass that makes a class a Singleton."""

    _instances: dict = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Database(metaclass=SingletonMeta):
    def __init__(self, url: str):
        self.url = url
        print(f"Connected to {url}")


db1 = Database("postgresql://localhost/myapp")  # Connected to ...
db2 = Database("postgresql://localhost/other")  # NOT printed — returns existing
print(db1 is db2)  # True — same object
print(db2.url)  # postgresql://localhost/myapp
print(type(Database).__name__)
print(isinstance(Database, SingletonMeta), isinstance(Database, type))


class Cache(metaclass=SingletonMeta):
    pass


c1 = Cache()
print(c1 is Cache(), c1 is db1)
print(len(SingletonMeta._instances))
