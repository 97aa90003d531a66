# Each MemoryError is a fresh exception, like CPython's: raising one must not
# pile tracebacks onto a shared instance, and a MemoryError raised while
# handling another exception gets it as __context__.
def overflow():
    try:
        [1] * (2 ** 62)
    except MemoryError as e:
        return e


a = overflow()
b = overflow()
print(type(a).__name__, a is b, a.args)
depth = 0
tb = b.__traceback__
while tb:
    depth += 1
    tb = tb.tb_next
print('traceback entries', depth)
for _ in range(1000):
    overflow()
try:
    try:
        raise KeyError('first')
    except KeyError:
        [0] * (2 ** 62)
except MemoryError as e:
    print('context', repr(e.__context__))
try:
    (1,) * (2 ** 62)
except MemoryError as e:
    print('tuple repeat', type(e).__name__, e.__context__)
try:
    'ab' * (2 ** 62)
except OverflowError as e:
    print('str repeat', type(e).__name__, e)
