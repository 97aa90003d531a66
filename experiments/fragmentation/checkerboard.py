"""Fragmentation workload: checkerboard churn.

    checkerboard.py [--phase start|peak|holes|refill|freed|collected|all] [--size 200000]

1. peak:   allocate N objects of mixed sizes (ints, floats, tuples of 1..6,
           short strings, small lists, small dicts), in interleaved order;
2. holes:  free every other one — every pool/page is now half used, so
           almost nothing can be returned to the OS;
3. refill: allocate N/2 new objects of OTHER sizes (larger tuples and
           strings) that do not fit the holes' size classes;
4. freed:  drop everything.
The per-size-class utilisation at `holes` is the textbook picture of
fragmentation. See _phases.py for the phases and the output.
"""
from _phases import run

PHASES = ["start", "peak", "holes", "refill", "freed", "collected"]


def make(i):
    k = i % 6
    if k == 0:
        return i * 1000003                # int
    if k == 1:
        return i * 0.5                    # float
    if k == 2:
        return tuple(range(1 + i % 6))    # tuple of 1..6
    if k == 3:
        return "x" * (1 + i % 24)         # short string
    if k == 4:
        return [i, i + 1, i + 2]          # small list
    return {"a": i}                       # small dict


def make_other(i):
    if i % 2 == 0:
        return tuple(range(12 + i % 20))  # larger tuples
    return "y" * (60 + i % 120)           # longer strings


def body(ph, size):
    ph.reached("start")
    objs = [make(i) for i in range(size)]
    ph.reached("peak", objs, objects=len(objs))
    for i in range(0, size, 2):
        objs[i] = None
    live = size - (size + 1) // 2
    ph.reached("holes", objs, objects=live)
    others = [make_other(i) for i in range(size // 2)]
    ph.reached("refill", [objs, others], objects=live + len(others))
    del objs
    del others
    ph.reached("freed", objects=0)
    ph.collect()
    ph.reached("collected", objects=0)


if __name__ == "__main__":
    run("checkerboard.py", "checkerboard", PHASES, 200_000, body, __doc__)
