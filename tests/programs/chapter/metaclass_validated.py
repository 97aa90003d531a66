# The chapter's ValidatedMeta: validate class definitions at creation time.
class ValidatedMeta(type):
    """Metaclass that validates class definitions at creation time."""

    def __new__(mcs, name, bases, namespace):
        # Check that every method has type hints
        for attr_name, value in namespace.items():
            if callable(value) and not attr_name.startswith("_"):
                if not hasattr(value, "__annotations__"):
                    raise TypeError(
                        f"{name}.{attr_name} must have type annotations"
                    )
        print(f"creating {name} with {sorted(k for k in namespace if not k.startswith('__'))}")
        return super().__new__(mcs, name, bases, namespace)


class StrictAPI(metaclass=ValidatedMeta):
    def get_user(self, user_id: int) -> dict:  # OK — has annotations
        return {}


print(StrictAPI().get_user(1))
print(StrictAPI.get_user.__annotations__)
print(type(StrictAPI).__name__)


class NoAnnotations:
    # Every function has __annotations__ (possibly empty), so hasattr is
    # always true for plain functions; a callable instance without it fails.
    def __call__(self):
        return 1


try:
    BadAPI = ValidatedMeta("BadAPI", (), {"fetch": NoAnnotations()})
except TypeError as e:
    print("TypeError:", e)


class Sub(StrictAPI):
    def other(self) -> None:
        pass


print(type(Sub).__name__, [c.__name__ for c in Sub.__mro__])
