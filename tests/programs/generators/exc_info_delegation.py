# A generator suspended inside `except` keeps its own handled exception
# (sys.exc_info) across yields; throw()/close() reach a `yield from` delegate.
import sys


def name():
    t = sys.exc_info()[0]
    return t.__name__ if t else None


def handler_gen():
    try:
        raise KeyError("inside")
    except KeyError:
        yield name()
        yield name()
    yield name()


g = handler_gen()
print(next(g), name())
try:
    raise ValueError("caller")
except ValueError:
    print(next(g), name())
print(next(g), name())


def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("  inner caught", e)
        yield 99
    return "inner-ret"


def outer():
    r = yield from inner()
    print("  outer got", r)
    yield "end"


o = outer()
print(next(o), o.throw(ValueError("v")), next(o))
o = outer()
next(o)
o.close()
print("closed, suspended:", o.gi_suspended)


def finisher():
    try:
        yield 1
    finally:
        print("  finally at finalisation")


f = finisher()
next(f)
del f
print("after del")


def reentrant():
    yield next(r)


r = reentrant()
try:
    next(r)
except ValueError as e:
    print("ValueError:", e)


def returns():
    yield 1
    return 7


x = returns()
next(x)
try:
    x.send(None)
except StopIteration as e:
    print("StopIteration value", e.value)
try:
    x.throw(KeyError("late"))
except KeyError as e:
    print("finished generator re-raises", repr(e))
