# Decorators: plain, stacked, with arguments, class decorators, wraps-like.
def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper()
    wrapper.__name__ = func.__name__
    return wrapper

def exclaim(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs) + "!"
    return wrapper

@shout
def hello(name):
    return f"hello {name}"

@exclaim
@shout
def bye(name):
    return f"bye {name}"

print(hello("ann"), hello.__name__)
print(bye("bob"), bye.__name__)

def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorator

@repeat(3)
def roll(x):
    return x * 2
print(roll(4))

calls = []
def trace(label):
    def decorator(func):
        calls.append(f"decorating {func.__name__} with {label}")
        def wrapper(*a):
            calls.append(f"{label} -> {func.__name__}{a}")
            return func(*a)
        return wrapper
    return decorator

@trace("outer")
@trace("inner")
def add(a, b):
    return a + b

print(add(1, 2))
for c in calls:
    print(c)

def count_calls(func):
    def wrapper(*a, **k):
        wrapper.calls += 1
        return func(*a, **k)
    wrapper.calls = 0
    return wrapper

@count_calls
def noop():
    pass
noop(); noop(); noop()
print("calls:", noop.calls)

registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
@register
class Widget:
    pass
print(list(registry), registry["Widget"] is Widget)

def order(tag):
    print("evaluating decorator expression", tag)
    def d(f):
        print("applying", tag)
        return f
    return d
@order("first")
@order("second")
def target():
    pass
