"""CPU scaling workload: a tight arithmetic loop over range(W).

    loop.py --threads N --work W

The simplest bytecode loop (a for loop, integer multiply/add/and on locals):
the eval loop's own overhead and its eval-breaker checks, nothing shared.
"""
import sys

from _scaffold import measure, parse_args


def arithmetic_loop(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) & 0xFFFFFFF
    return acc


if __name__ == "__main__":
    opts = parse_args("loop.py", sys.argv[1:], 1_000_000, doc=__doc__)
    measure("loop", arithmetic_loop, opts["threads"], opts["work"])
