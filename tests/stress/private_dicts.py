"""Stress: the no-GIL build releases a value replaced in a dict at once when
the dict is private (only its owner thread has read it) and defers it when
another thread has read the dict (dict.cpp, "Private dicts"). Owner threads
rewrite their own objects' attributes with fresh objects in a loop; halfway
through, each publishes some of its objects, and reader threads then read
those objects' attributes (making their dicts foreign) while the owners keep
rewriting them, and a third kind of thread writes to them too. Readers check
every value they see is whole: a value freed under a reader would show up as
a wrong type, a broken invariant, or (under ASan) a use-after-free report.

usage: gilkit private_dicts.py [seconds]   (default 3)
"""
import sys
import threading
import time

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
N_OWNERS = 3
N_READERS = 2
N_FOREIGN_WRITERS = 1


class Node:
    def __init__(self, i):
        self.i = i
        self.data = [i, i + 1, i + 2]
        self.name = "node-%d" % i
        self.f = float(i)


published = []
published_lock = threading.Lock()
bad = []
finished = []
start = time.monotonic()
stop_at = start + DURATION
publish_at = start + DURATION / 2


def whole(o):
    d = o.data
    if type(d) is not list or len(d) != 3 or d[0] + 1 != d[1] or d[1] + 1 != d[2]:
        return False
    n = o.name
    if type(n) is not str or not n.startswith("node-"):
        return False
    return type(o.f) is float


def owner(t):
    mine = [Node(t * 1000 + k) for k in range(20)]
    shared = False
    i = 0
    while time.monotonic() < stop_at:
        for o in mine:
            i += 1
            o.data = [i, i + 1, i + 2]
            o.name = "node-%d" % i
            o.f = o.f + 0.5
            o.i = i * 1000003  # a big int: a fresh object each time
        if not shared and time.monotonic() >= publish_at:
            with published_lock:
                published.extend(mine[:10])
            shared = True
        for o in mine:
            if not whole(o):
                bad.append("owner saw a broken object")
    finished.append(t)


def published_rounds():
    """Snapshots of the published objects until the deadline (a short sleep
    while there are none yet)."""
    while time.monotonic() < stop_at:
        with published_lock:
            objs = list(published)
        if objs:
            yield objs
        else:
            time.sleep(0.001)


def reader():
    for objs in published_rounds():
        for o in objs:
            if not whole(o):
                bad.append("reader saw a broken object")
            for k, v in vars(o).items():
                if v is None:
                    bad.append("reader saw a hole")
    finished.append(-1)


def foreign_writer():
    j = 0
    for objs in published_rounds():
        for o in objs:
            j += 1
            o.data = [-j, -j + 1, -j + 2]
    finished.append(-2)


threads = [threading.Thread(target=owner, args=(t,)) for t in range(N_OWNERS)]
threads += [threading.Thread(target=reader) for _ in range(N_READERS)]
threads += [threading.Thread(target=foreign_writer) for _ in range(N_FOREIGN_WRITERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

ok = not bad and len(finished) == len(threads) and len(published) == N_OWNERS * 10
print("published", len(published), "bad", len(bad), bad[:3])
print("OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
