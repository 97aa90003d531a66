# Errors in __enter__ / __exit__, exit order, and missing protocol methods.
class Log:
    def __init__(self, name, fail_enter=False, fail_exit=False):
        self.name, self.fail_enter, self.fail_exit = name, fail_enter, fail_exit
    def __enter__(self):
        print(f"  enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"enter {self.name} failed")
        return self
    def __exit__(self, et, ev, tb):
        print(f"  exit {self.name} ({et.__name__ if et else None})")
        if self.fail_exit:
            raise RuntimeError(f"exit {self.name} failed")
        return False

try:
    with Log("a"), Log("b", fail_enter=True), Log("c"):
        print("never")
except RuntimeError as e:
    print("caught:", e)
try:
    with Log("x", fail_exit=True):
        raise ValueError("body error")
except RuntimeError as e:
    print("caught:", e, "| context:", repr(e.__context__))
try:
    with Log("outer"):
        with Log("inner"):
            raise KeyError("k")
except KeyError:
    print("KeyError after both exits")
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ":", e)
class NoEnter:
    def __exit__(self, *a):
        pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ":", e)
