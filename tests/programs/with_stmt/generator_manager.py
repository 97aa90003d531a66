# A hand-written context manager built on a generator (no contextlib).
class from_generator:
    def __init__(self, gen_func, *args):
        self.gen = gen_func(*args)
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, et, ev, tb):
        if et is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
        else:
            try:
                self.gen.throw(ev)
            except StopIteration:
                return True
            except BaseException as e:
                if e is ev:
                    return False
                raise
        return False

def opened(name):
    print(f"  open {name}")
    try:
        yield name.upper()
    except ValueError as e:
        print(f"  handled {e} inside the generator")
    finally:
        print(f"  close {name}")

with from_generator(opened, "f1") as handle:
    print("  using", handle)
with from_generator(opened, "f2") as handle:
    raise ValueError("bad data")
print("continued")
try:
    with from_generator(opened, "f3"):
        raise KeyError("k")
except KeyError as e:
    print("KeyError propagated", e)
