# Threads set, get and delete keys of one dict and one set at the same time.
# Each thread owns a key range, so the final contents are deterministic; the
# readers look up every thread's keys (str, int and tuple keys) meanwhile.
import threading

N = 4
K = 2000
d = {}
s = set()
stop = []
errors = []


def key_of(t, i):
    if i % 3 == 0:
        return "k%d_%d" % (t, i)
    if i % 3 == 1:
        return t * 100000 + i
    return (t, i)


def writer(t):
    for i in range(K):
        k = key_of(t, i)
        d[k] = i
        s.add(k)
        if i % 2 == 0:
            d[k] = -i          # replace the value
        if i % 5 == 0:
            del d[k]
            s.discard(k)
    # a key the others read while it comes and goes
    for i in range(K):
        d["shared"] = t
        d.pop("shared", None)


def reader():
    while not stop:
        for t in range(N):
            for i in range(0, K, 7):
                k = key_of(t, i)
                v = d.get(k)
                if v is not None and v not in (i, -i):
                    errors.append((k, v))
                k in d
                k in s
        d.get("shared")
        "shared" in d
        len(d)
        len(s)


writers = [threading.Thread(target=writer, args=(t,)) for t in range(N)]
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in readers:
    t.start()
for t in writers:
    t.start()
for t in writers:
    t.join()
stop.append(True)
for t in readers:
    t.join()

expected = {}
for t in range(N):
    for i in range(K):
        if i % 5 != 0:
            expected[key_of(t, i)] = -i if i % 2 == 0 else i
print("dict size:", len(d), len(d) == len(expected))
print("dict equal:", d == expected)
print("set equal:", s == set(expected))
print("reader errors:", len(errors))

# setdefault and update from several threads: every key ends up once
counts = {}


def setdefaults(t):
    for i in range(1000):
        counts.setdefault(i, t)
        counts.update({("u", t, i % 50): i})


ts = [threading.Thread(target=setdefaults, args=(t,)) for t in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("setdefault keys:", len(counts), all(counts[i] in range(N) for i in range(1000)))

# set.pop from many threads: each element popped exactly once
pool = set(range(5000))
out = []
olock = threading.Lock()


def drain():
    got = []
    while True:
        try:
            got.append(pool.pop())
        except KeyError:
            break
    with olock:
        out.extend(got)


ts = [threading.Thread(target=drain) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("set.pop:", len(out), sorted(out) == list(range(5000)))
