"""Scaling workloads for the patterns that have kept no-GIL runtimes from
scaling (issue 5): every thread touches the SAME module-level objects
(functions, dicts, lists, globals, classes, constants), so a naive no-GIL
build turns their reference counts or their locks into contended cache
lines.

    shared_objects.py --threads N --work W --pattern NAME
    shared_objects.py --list        (prints the pattern names)

Each pattern does W iterations per thread and returns a checksum that
depends only on W.
"""
import sys
import threading

from _scaffold import measure, parse_args

# --- the shared objects ----------------------------------------------------

SHARED_DICT = {"k" + str(i): i for i in range(64)}
SHARED_KEYS = list(SHARED_DICT)
SHARED_LIST = list(range(100))
GLOBAL_A = 3
GLOBAL_B = 4
NAMES = ("alpha", "beta", "gamma", "delta")
LOCAL = threading.local()


def shared_add(a, b):
    return a + b


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Counter:
    def __init__(self):
        self.n = 0

    def step(self, i):
        self.n = (self.n + i) & 0xFFFFFF
        return self.n


def make_adder(k):
    def add(v):
        return v + k
    return add


def squares(n):
    for i in range(n):
        yield i * i


# --- the patterns: each takes W and returns a checksum -----------------------

def call_function(n):
    acc = 0
    for i in range(n):
        acc = shared_add(acc, i) & 0xFFFFFF
    return acc


def own_method(n):
    c = Counter()  # a thread's own object, of a shared class
    for i in range(n):
        c.step(i)
    return c.n


def read_dict(n):
    acc = 0
    keys = SHARED_KEYS
    for i in range(n):
        acc += SHARED_DICT[keys[i & 63]]
    return acc


def read_list(n):
    acc = 0
    for i in range(n):
        acc += SHARED_LIST[i % 100]
    return acc


def read_global(n):
    acc = 0
    for i in range(n):
        acc = (acc + GLOBAL_A * GLOBAL_B) & 0xFFFFFF
    return acc


def compare_constants(n):
    hits = 0
    for i in range(n):
        name = NAMES[i & 3]
        if name == "gamma":
            hits += 1
        if (i & 1, 2) == (1, 2):
            hits += 2
    return hits


def new_instance(n):
    acc = 0
    for i in range(n):
        p = Point(i, 1)
        acc = (acc + p.x + p.y) & 0xFFFFFF
    return acc


def closures(n):
    acc = 0
    for i in range(n):
        f = make_adder(i & 7)
        acc = f(acc) & 0xFFFFFF
    return acc


def small_dicts(n):
    acc = 0
    for i in range(n):
        d = {"a": i, "b": 1}
        acc = (acc + d["a"] + d["b"]) & 0xFFFFFF
    return acc


def float_math(n):
    x = 0.5
    acc = 0.0
    for i in range(n):
        x = x * 1.0000001 + 0.25
        if x > 1000.0:
            x = x * 0.001
        acc += x
    return int(acc) & 0xFFFFFFFF


def generators(n):
    acc = 0
    chunks = n // 100
    for c in range(chunks):
        for v in squares(100):
            acc = (acc + v) & 0xFFFFFF
    return acc


def thread_local(n):
    LOCAL.value = 5
    acc = 0
    for i in range(n):
        acc = (acc + LOCAL.value) & 0xFFFFFF
    return acc


PATTERNS = {
    "call_function": call_function,
    "own_method": own_method,
    "read_dict": read_dict,
    "read_list": read_list,
    "read_global": read_global,
    "compare_constants": compare_constants,
    "new_instance": new_instance,
    "closures": closures,
    "small_dicts": small_dicts,
    "float_math": float_math,
    "generators": generators,
    "thread_local": thread_local,
}


if __name__ == "__main__":
    if "--list" in sys.argv[1:]:
        for name in PATTERNS:
            print(name)
        raise SystemExit(0)
    opts = parse_args("shared_objects.py", sys.argv[1:], 300_000, {"pattern": "call_function"}, __doc__)
    if opts["pattern"] not in PATTERNS:
        sys.stderr.write("shared_objects.py: unknown pattern: " + opts["pattern"] + " (see --list)\n")
        raise SystemExit(2)
    measure("shared_objects/" + opts["pattern"], PATTERNS[opts["pattern"]], opts["threads"], opts["work"],
            {"pattern": opts["pattern"]})
