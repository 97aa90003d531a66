"""Fragmentation workload: long-lived objects mixed with short-lived ones.

    lifetimes.py [--phase start|peak|freed|released|collected|all] [--size 300000]

A loop allocates SIZE records (a small instance holding a tuple and a
string); one in 16 is kept in a long-lived list, the rest die after a
batch of 256. The survivors are spread over every pool/page the batches
used, so when the short-lived objects are gone (`freed`) the allocator
holds many nearly-empty pools it cannot give back. `released` drops the
long-lived objects too. Short-lived objects also form reference cycles
(a record pointing at itself), so `collected` shows what gc.collect()
recovers where a gc module exists. See _phases.py for the phases.
"""
from _phases import run

PHASES = ["start", "peak", "freed", "released", "collected"]
BATCH = 256


class Record:
    def __init__(self, i):
        self.key = (i, i + 1)
        self.name = "r" + str(i)
        self.me = None


def body(ph, size):
    ph.reached("start")
    survivors = []
    batch = []
    peak_batch = None
    for i in range(size):
        r = Record(i)
        if i % 16 == 0:
            survivors.append(r)
        else:
            if i % 64 == 1:
                r.me = r  # a cycle: only the cyclic GC frees it
            batch.append(r)
        if len(batch) == BATCH:
            if peak_batch is None:
                peak_batch = batch
            batch = []
    ph.reached("peak", [survivors, batch, peak_batch], survivors=len(survivors))
    batch = None
    peak_batch = None
    ph.reached("freed", survivors, survivors=len(survivors))
    del survivors
    ph.reached("released")
    ph.collect()
    ph.reached("collected")


if __name__ == "__main__":
    run("lifetimes.py", "lifetimes", PHASES, 300_000, body, __doc__)
