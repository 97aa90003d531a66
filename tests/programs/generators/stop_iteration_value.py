# A generator's return value travels in StopIteration.value.
def g(x):
    yield x
    return x * 10

it = g(4)
print(next(it))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, e.value, e.args)

def no_return():
    yield 1
it = no_return()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)

def returns_tuple():
    return (1, 2)
    yield
try:
    next(returns_tuple())
except StopIteration as e:
    print(e.value)

def raising_stop():
    yield 1
    raise StopIteration("inside")  # becomes RuntimeError (PEP 479)
it = raising_stop()
next(it)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
