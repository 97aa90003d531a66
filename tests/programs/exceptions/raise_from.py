# raise ... from ...: __cause__, __context__, __suppress_context__.
class ConfigError(Exception):
    pass

def load():
    try:
        {}["missing"]
    except KeyError as e:
        raise ConfigError("config key missing") from e

try:
    load()
except ConfigError as e:
    print(repr(e), "| cause:", repr(e.__cause__), "| context:", repr(e.__context__))
    print(e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    print(repr(e), "| cause:", e.__cause__, "| context:", repr(e.__context__), e.__suppress_context__)

try:
    try:
        int("x")
    except ValueError:
        raise RuntimeError("no context shown") from None
except RuntimeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

try:
    raise TypeError("direct") from KeyError("k")
except TypeError as e:
    print(repr(e.__cause__), e.__context__)

try:
    raise ValueError from IndexError  # classes are instantiated
except ValueError as e:
    print(repr(e), repr(e.__cause__))

try:
    raise ValueError("x") from 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
e = ValueError("reused")
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.args)
