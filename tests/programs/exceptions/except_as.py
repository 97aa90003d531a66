# except E as e: the name is deleted at the end of the handler.
e = "before"
try:
    raise ValueError("boom")
except ValueError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)

def f():
    try:
        raise KeyError("k")
    except KeyError as exc:
        saved = exc
    try:
        exc
    except UnboundLocalError as err:
        print("UnboundLocalError:", err)
    return saved
print(repr(f()))

try:
    raise IndexError("idx")
except (TypeError, IndexError) as e:
    print(type(e).__name__, e.args)
try:
    raise IndexError("idx")
except LookupError as e:
    print("caught by base class:", type(e).__name__)
try:
    try:
        raise ValueError("inner")
    except TypeError:
        print("never")
except ValueError as e:
    print("passed through to outer:", e)
try:
    raise KeyError("key")
except Exception:
    print("bare Exception handler")
try:
    raise SystemExit(0) if False else ValueError
except:
    print("bare except catches everything")
