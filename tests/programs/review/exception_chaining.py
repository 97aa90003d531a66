# Exceptions: custom subclasses, finally with continue/return, implicit and
# explicit chaining, messages of common built-in errors, OSError fields.
import sys
class MyErr(ValueError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise MyErr(7, 'bad thing')
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)
def f():
    try:
        return 1
    finally:
        print('finally in f')
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            print('body', i)
        finally:
            print('fin', i)
g()
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError('k')
except KeyError as e:
    print(repr(e), type(e.__context__).__name__, e.__cause__)
try:
    try:
        {}['missing']
    except KeyError as e:
        raise RuntimeError('wrapped') from e
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    raise ValueError('a', 'b')
except ValueError as e:
    print(str(e), repr(e), e.args)
print(repr(Exception()), str(Exception()), repr(KeyError('x')), str(KeyError('x')))
print(str(KeyError()), str(IndexError('i')))
e = None
try:
    raise TypeError('t')
except TypeError as e:
    pass
try:
    print(e)
except NameError as ne:
    print('NameError', ne)
try:
    raise
except RuntimeError as r:
    print('RuntimeError', r)
def gen_exc():
    try:
        yield 1
    except GeneratorExit:
        print('closing')
        raise
gg = gen_exc(); next(gg); gg.close()
try:
    int('abc')
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    'a' + 1
except TypeError as e:
    print(e)
try:
    1 + 'a'
except TypeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    def h():
        x += 1
        x = 0
    h()
except UnboundLocalError as e:
    print(e)
print(sys.exc_info()[0])
try:
    raise ValueError('x')
except (TypeError, ValueError) as e:
    print('tuple catch', type(e).__name__, sys.exc_info()[0].__name__)
class E2(Exception):
    def __str__(self):
        return 'custom str'
print(str(E2()), repr(E2(1)))
try:
    assert 1 == 2, 'msg here'
except AssertionError as e:
    print('AssertionError', e)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value)
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), BaseException.__subclasses__ is not None)
e = OSError(2, 'No such file')
print(e.errno, e.strerror, str(e))
