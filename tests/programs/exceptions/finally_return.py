# return inside try/finally: finally runs; a return in finally wins.
def f1():
    try:
        return "try"
    finally:
        print("  finally runs before the return completes")

def f2():
    try:
        return "try"
    finally:
        return "finally"  # overrides

def f3():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"

def f4():
    x = 1
    try:
        return x
    finally:
        x = 2  # does not change the value already being returned

def f5():
    for i in range(5):
        try:
            if i == 3:
                return i
        finally:
            print("  finally in loop", i)

def f6():
    try:
        try:
            return "inner"
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")

def f7():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("  finally after except-return")

for f in (f1, f2, f3, f4, f5, f6, f7):
    print(f.__name__, "->", f())

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("  generator finally")
for v in gen():
    print("gen", v)
    break
print("after break")
