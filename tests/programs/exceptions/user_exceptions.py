# User exception classes: hierarchy, args, custom __init__ and __str__.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what
class Invalid(AppError):
    def __init__(self, field, value):
        self.field, self.value = field, value
    def __str__(self):
        return f"invalid {self.field}={self.value!r}"

for exc in (AppError("generic"), NotFound("user"), Invalid("age", -1)):
    try:
        raise exc
    except NotFound as e:
        print("NotFound:", e, e.what, e.args)
    except AppError as e:
        print(type(e).__name__ + ":", e, e.args)

print(issubclass(NotFound, AppError), issubclass(NotFound, Exception), issubclass(AppError, BaseException))
print([c.__name__ for c in NotFound.__mro__])
e = AppError("a", 1, [2])
print(e.args, str(e), repr(e))
print(str(AppError()), repr(AppError()), str(AppError("one")), repr(AppError("one")))
print(repr(NotFound("x")), str(Invalid("f", "v")))
class WithAttrs(Exception):
    code = 500
w = WithAttrs("oops")
w.extra = "data"
print(w.code, w.extra, isinstance(w, Exception))
def thrower(cls):
    raise cls("thrown")
for cls in (ValueError, NotFound, RuntimeError):
    try:
        thrower(cls)
    except (ValueError, AppError) as err:
        print("handled", type(err).__name__, err)
    except Exception as err:
        print("generic", type(err).__name__, err)
