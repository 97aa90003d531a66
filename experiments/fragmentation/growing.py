"""Fragmentation workload: growing lists and dicts.

    growing.py [--phase start|peak|freed|collected|all] [--size 2000]

SIZE lists and SIZE dicts grow one item at a time, in turns, to 200 items
each: every growth step frees the old item array and allocates a larger
one, so arrays of many sizes are allocated and freed interleaved with the
item objects (which stay alive). Then everything is dropped.
See _phases.py for the phases and the output.
"""
from _phases import run

PHASES = ["start", "peak", "freed", "collected"]
ITEMS = 200


def body(ph, size):
    ph.reached("start")
    lists = [[] for _ in range(size)]
    dicts = [{} for _ in range(size)]
    for step in range(ITEMS):
        for j in range(size):
            lists[j].append(step * size + j)
            dicts[j][step] = j
    ph.reached("peak", [lists, dicts], items=2 * size * ITEMS)
    del lists
    del dicts
    ph.reached("freed")
    ph.collect()
    ph.reached("collected")


if __name__ == "__main__":
    run("growing.py", "growing", PHASES, 2000, body, __doc__)
