# Generator protocol corners: return in finally, close() returning a value,
# yield in GeneratorExit, send/throw, yield from results, StopIteration
# inside a generator (PEP 479), generator pipelines.
def g():
    try:
        yield 1
    finally:
        return 'from finally'
it = g(); next(it)
try:
    next(it)
except StopIteration as e:
    print('stop', e.value)
def gen_close_ret():
    try:
        yield 1
    except GeneratorExit:
        return 'ignored'
c = gen_close_ret(); next(c); print(c.close())
def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 2
b = bad_close(); next(b)
try:
    b.close()
except RuntimeError as e:
    print('RuntimeError', e)
def running():
    me = yield
    try:
        next(me)
    except ValueError as e:
        yield str(e)
r = running(); next(r); print(r.send(r))
def stopper():
    yield 1
    raise StopIteration('x')
try:
    list(stopper())
except RuntimeError as e:
    print('RuntimeError', e)
def sub():
    yield 1
    return 'subret'
def dele():
    x = yield from sub()
    yield x
print(list(dele()))
def counter():
    i = 0
    while True:
        cmd = yield i
        if cmd == 'reset':
            i = 0
        else:
            i += 1
c = counter()
print(next(c), next(c), c.send('reset'), next(c))
gen = (x for x in range(3))
print(gen.__next__(), next(gen), gen.send(None))
def thrower():
    yield 1
t = thrower()
try:
    t.throw(KeyError('before start'))
except KeyError as e:
    print('KeyError', e)
print(list(t))
pipeline = (x * 2 for x in (y + 1 for y in range(5)) if x % 2)
print(list(pipeline))
