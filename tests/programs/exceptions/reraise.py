# Bare raise re-raises the current exception; exceptions inside handlers.
def risky():
    raise ValueError("original")

try:
    try:
        risky()
    except ValueError:
        print("  logging and re-raising")
        raise
except ValueError as e:
    print("outer got", e)

try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)

def handler_raises():
    try:
        raise KeyError("first")
    except KeyError:
        raise TypeError("second")
try:
    handler_raises()
except TypeError as e:
    print(repr(e), "context:", repr(e.__context__))

def finally_raises():
    try:
        raise ValueError("in try")
    finally:
        raise IndexError("in finally")
try:
    finally_raises()
except IndexError as e:
    print(repr(e), "context:", repr(e.__context__))

def reraise_after_handling():
    try:
        raise ValueError("keep")
    except ValueError as e:
        err = e
    raise err
try:
    reraise_after_handling()
except ValueError as e:
    print("re-raised saved exception:", e)

try:
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise KeyError("b")
        except KeyError:
            pass
        raise  # still the ValueError
except ValueError as e:
    print("bare raise after nested handler:", e)
