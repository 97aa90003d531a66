# return/break/continue through finally, exceptions through nested frames,
# bare raise, context chaining and __suppress_context__.
def fin_return():
    try:
        return "body"
    finally:
        print("  finally runs")


def fin_overrides():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


def loop_control():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out


print(fin_return(), fin_overrides(), loop_control())


def level3():
    raise KeyError("deep")


def level2():
    try:
        level3()
    finally:
        print("  level2 cleanup")


def level1():
    try:
        level2()
    except KeyError:
        raise


try:
    level1()
except KeyError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_code.co_name if hasattr(tb, "tb_code") else "?")
        tb = tb.tb_next
    print("caught", repr(e), len(names))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during")
except ValueError as e:
    print(type(e.__context__).__name__, e.__suppress_context__, e.__cause__)

try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError("from none") from None
except ValueError as e:
    print(type(e.__context__).__name__, e.__suppress_context__, e.__cause__)

try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)


def swallow():
    try:
        raise TypeError("t")
    except TypeError:
        return "handled"


print(swallow())
try:
    raise OSError("after handled")
except OSError as e:
    print(repr(e.__context__))
