"""Fragmentation workload: the chapter's list of squares.

    squares.py [--phase start|peak|freed|collected|all] [--size 100000]

    data = [i ** 2 for i in range(100_000)]

100,000 int objects (most of them in one small size class) plus one list;
then `del data`. How much memory does the allocator give back? pymalloc
releases arenas that become wholly empty; a page-based allocator may keep
its pages. See _phases.py for the phases and the output.
"""
from _phases import run

PHASES = ["start", "peak", "freed", "collected"]


def body(ph, size):
    ph.reached("start")
    data = [i ** 2 for i in range(size)]
    ph.reached("peak", data, checksum=sum(data) % 1000000007)
    del data
    ph.reached("freed")
    ph.collect()
    ph.reached("collected")


if __name__ == "__main__":
    run("squares.py", "squares", PHASES, 100_000, body, __doc__)
