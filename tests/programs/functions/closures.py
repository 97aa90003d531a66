# Closures: cells shared between functions, nonlocal rebinding, factories.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get

inc, get = make_counter()
inc(); inc()
print(get(), inc(), get())
inc2, get2 = make_counter()
print(inc2(), get())

def make_multiplier(n):
    return lambda x: x * n
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5))

def outer():
    x = "outer"
    def middle():
        def inner():
            return x  # two levels up
        return inner
    return middle()
print(outer()())

def cell_sees_later_rebinding():
    x = 1
    def f():
        return x
    x = 2
    return f()
print(cell_sees_later_rebinding())

def accumulator():
    total = []
    def add(v):
        total.append(v)  # mutation needs no nonlocal
        return sum(total)
    return add
acc = accumulator()
print(acc(1), acc(2), acc(3))
print(acc.__code__.co_freevars, [c.cell_contents for c in acc.__closure__])

def loop_closures():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return [f() for f in fs]
print(loop_closures())

def param_cell(a):
    def g():
        return a * 2
    a += 1
    return g()
print(param_cell(10))
print(param_cell.__code__.co_cellvars)
