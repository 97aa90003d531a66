"""CPU scaling workload: count the primes below W by trial division.

    cpu_primes.py --threads N --work W

Pure-Python loop work (integer arithmetic, comparisons, a while loop): what
a GIL serialises and a no-GIL build should run in parallel. Each of the N
threads does the same work; see _scaffold.py for what is measured.
"""
import sys

from _scaffold import measure, parse_args


def count_primes(limit):
    count = 0
    n = 2
    while n < limit:
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
        n += 1
    return count


if __name__ == "__main__":
    opts = parse_args("cpu_primes.py", sys.argv[1:], 20000, doc=__doc__)
    measure("cpu_primes", count_primes, opts["threads"], opts["work"])
