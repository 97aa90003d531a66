# The gc module's API: enable/disable, thresholds, is_tracked, garbage.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
print(type(gc.get_count()).__name__, len(gc.get_count()))

print(gc.garbage)


class C:
    pass


print(gc.is_tracked([]), gc.is_tracked(C()), gc.is_tracked({"a": []}))
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None), gc.is_tracked(1.5))
print(gc.is_tracked(len), gc.is_tracked(int))
print(gc.is_tracked(C), gc.is_tracked(gc.collect.__name__))

try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)
print(gc.collect(0) >= 0, gc.collect(generation=2) >= 0)

# Automatic collection: with a low threshold, cyclic garbage is collected
# without calling gc.collect().
deleted = []


class Cyc:
    def __init__(self):
        self.me = self

    def __del__(self):
        deleted.append(1)


gc.collect()
gc.set_threshold(100)
for i in range(2000):
    Cyc()
print("automatic:", len(deleted) > 0)
gc.disable()
before = len(deleted)
for i in range(2000):
    Cyc()
print("disabled: none collected", len(deleted) == before)
gc.enable()
gc.collect()
print("all collected:", len(deleted) == 4000)
gc.set_threshold(700, 10, 10)
