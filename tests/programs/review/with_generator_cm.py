# with: several managers in one statement, __exit__ swallowing or passing an
# exception, return/continue/break through a with block, and a hand-written
# generator-based context manager (contextlib is not available in gilkit).
class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.swallow


with CM('a') as a, CM('b') as b:
    print('body', a.name, b.name)
with CM('s', swallow=True):
    raise ValueError('eaten')
print('after swallow')
try:
    with CM('n'):
        raise KeyError('passes')
except KeyError as e:
    print('caught', e)


def f():
    with CM('ret'):
        return 'value'


print(f())
for i in range(3):
    with CM(f'loop{i}'):
        if i == 1:
            continue
        if i == 2:
            break


class GeneratorCM:
    def __init__(self, gen):
        self.gen = gen
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, et, ev, tb):
        if et is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        try:
            self.gen.throw(ev)
        except StopIteration:
            return True
        except BaseException as e:
            if e is ev:
                return False
            raise
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(fn):
    def helper(*args, **kwargs):
        return GeneratorCM(fn(*args, **kwargs))
    return helper


@contextmanager
def tag(n):
    print('<' + n + '>')
    try:
        yield n
    finally:
        print('</' + n + '>')


@contextmanager
def suppress(exc_type):
    try:
        yield
    except exc_type as e:
        print('suppressed', repr(e))


with tag('p') as t:
    print('inside', t)
try:
    with tag('q'):
        raise RuntimeError('x')
except RuntimeError as e:
    print('rt caught', e)
with suppress(ZeroDivisionError):
    1 / 0
print('after suppress')


class Bad:
    pass


try:
    with Bad():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
