# TypeError messages for bad calls, as CPython words them.
def f(a, b):
    return a + b

def g(a, b=1, *, k):
    return a

def h():
    return 0

five, text, nothing = 5, "s", None

class C:
    def m(self, x):
        return x

calls = [
    ("f(1)", lambda: f(1)),
    ("f()", lambda: f()),
    ("f(1, 2, 3)", lambda: f(1, 2, 3)),
    ("f(1, 2, c=3)", lambda: f(1, 2, c=3)),
    ("f(1, a=1)", lambda: f(1, a=1)),
    ("g(1)", lambda: g(1)),
    ("g(1, 2, 3, k=0)", lambda: g(1, 2, 3, k=0)),
    ("g()", lambda: g()),
    ("h(1)", lambda: h(1)),
    ("h(x=1)", lambda: h(x=1)),
    ("C().m()", lambda: C().m()),
    ("C().m(1, 2)", lambda: C().m(1, 2)),
    ("C.m(1)", lambda: C.m(1)),
    ("f(**{'a': 1, 'b': 2, 'c': 3})", lambda: f(**{"a": 1, "b": 2, "c": 3})),
    ("f(*[1], **{'a': 2})", lambda: f(*[1], **{"a": 2})),
    ("f(**{1: 2})", lambda: f(**{1: 2})),
    ("f(*1)", lambda: f(*1)),
    ("f(**[])", lambda: f(**[])),
    ("five()", lambda: five()),
    ("text()", lambda: text()),
    ("nothing()", lambda: nothing()),
]
for text, call in calls:
    try:
        call()
        print(text, "-> no error?")
    except TypeError as e:
        print(f"{text:<30} TypeError: {e}")
