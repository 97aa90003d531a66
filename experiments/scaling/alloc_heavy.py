"""Allocation-heavy scaling workload: every iteration creates and drops
small objects of several sizes (tuples, lists, dicts, instances, floats,
strings), keeping a short rolling window of them alive so that frees are
interleaved with allocations.

    alloc_heavy.py --threads N --work W

Under a GIL the allocator needs no lock; without one it must not serialise
the threads (per-thread pools or heaps), which is what this measures.
"""
import sys

from _scaffold import measure, parse_args


class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt


def churn(n):
    window = [None] * 32
    acc = 0
    for i in range(n):
        k = i & 7
        if k == 0:
            obj = (i, i + 1, i + 2)
        elif k == 1:
            obj = [i, i, i, i, i]
        elif k == 2:
            obj = {"v": i, "w": i + 1}
        elif k == 3:
            obj = Node(i, None)
        elif k == 4:
            obj = float(i) * 0.5
        elif k == 5:
            obj = "s" + str(i)
        elif k == 6:
            obj = list(range(i & 31))
        else:
            obj = (obj_len_key(i),)
        window[i & 31] = obj
        acc = (acc + k) & 0xFFFFFF
    total = 0
    for obj in window:
        if obj is not None:
            total += 1
    return acc + total


def obj_len_key(i):
    return i * 3 + 1


if __name__ == "__main__":
    opts = parse_args("alloc_heavy.py", sys.argv[1:], 200_000, doc=__doc__)
    measure("alloc_heavy", churn, opts["threads"], opts["work"])
