# The chapter's TypedAttribute descriptor.
class TypedAttribute:
    """Descriptor that enforces a type constraint."""

    def __set_name__(self, owner, name):
        self.public_name = name
        self.private_name = f"_{name}"

    def __init__(self, expected_type, default=None):
        self.expected_type = expected_type
        self.default = default

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private_name, self.default)

    def __set__(self, obj, value):
        if not isinstance(value, self.expected_type):
            raise TypeError(
                f"{self.public_name} must be {self.expected_type.__name__}, "
                f"got {type(value).__name__}"
            )
        setattr(obj, self.private_name, value)


class Person:
    name = TypedAttribute(str)
    age = TypedAttribute(int, default=0)
    score = TypedAttribute(float, default=0.0)


p = Person()
print(p.name, p.age, p.score)  # None 0 0.0
p.name = "Alice"
p.age = 30
p.score = 95.5
print(p.name, p.age, p.score)  # Alice 30 95.5
try:
    p.age = "thirty"  # TypeError: age must be int, got str
except TypeError as e:
    print(e)
try:
    p.score = 1
except TypeError as e:
    print(e)
print(sorted(vars(p)))
print(Person.name.public_name, Person.name.private_name)
print(TypedAttribute.__doc__)
