"""CPU scaling workload: the chapter's sum(range(W)).

    sum_range.py --threads N --work W

One call into a built-in that loops in C++ (C in CPython). Under CPython's
GIL the whole call runs without a switch; under a no-GIL build the threads
should run side by side.
"""
import sys

from _scaffold import measure, parse_args


def sum_range(n):
    return sum(range(n)) % 1000000007


if __name__ == "__main__":
    opts = parse_args("sum_range.py", sys.argv[1:], 10_000_000, doc=__doc__)
    measure("sum_range", sum_range, opts["threads"], opts["work"])
