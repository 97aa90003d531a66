# close() raises GeneratorExit inside; finally blocks run; throw() injects.
def worker():
    try:
        print("  started")
        yield 1
        yield 2
    except GeneratorExit:
        print("  got GeneratorExit")
        raise
    finally:
        print("  cleanup")

g = worker()
print(next(g))
g.close()
print("closed")
g.close()  # closing again is a no-op
try:
    next(g)
except StopIteration:
    print("closed generator raises StopIteration")

never_started = worker()
never_started.close()  # no output: the body never ran
print("closed unstarted")

def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("  caught", e)
            yield "recovered"
c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(next(c))
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated:", e)

def bad_close():
    try:
        yield
    except GeneratorExit:
        yield "ignored exit"
b = bad_close()
next(b)
try:
    b.close()
except RuntimeError as e:
    print("RuntimeError:", e)
