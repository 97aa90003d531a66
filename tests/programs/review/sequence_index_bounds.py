# list.index / tuple.index start and stop bounds: ints, __index__ objects,
# negative and huge values clamp; None and other types raise TypeError (they
# are not slice bounds here, unlike str.index / bytes.index).
class I:
    def __index__(self):
        return 1


print((1, 2, 3).index(2, I()), [1, 2, 3].index(3, -1), (1, 2, 3).index(1, -10, 10 ** 30))
print((1, 2).index(1, -(10 ** 30)), [5, 6, 7, 6].index(6, 2), (5, 6, 7, 6).index(6, -1))
for expr in ["(1, 2).index(2, None)", "[1, 2].index(2, None)", "(1, 2).index(2, 0, None)",
             "[1].index(1, 'x')", "(1,).index(1, 2.0)", "[1, 2].index(2, 0, True)",
             "'ab'.index('b', None)", "b'ab'.index(b'b', None)", "[1, 2].index(3)", "(1, 2).index(3)"]:
    try:
        print(expr, '=>', eval(expr))
    except Exception as e:
        print(expr, '=>', type(e).__name__, e)
