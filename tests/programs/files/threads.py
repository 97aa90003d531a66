# Several threads share one binary file object: every write lands whole (the
# file's lock serialises operations, and the GIL is released during the
# system calls); then threads read the file at the same time, and each
# thread writes and reads a file of its own. (Binary, because CPython's text
# files are not safe to share between threads: their text layer can lose or
# mix data.)
import threading

try:
    import os
except ImportError:
    os = None

TMP = "threads.tmp"
NTHREADS = 4
NLINES = 2000

shared = open(TMP, "wb", buffering=64)   # small buffer: many real writes


def writer(k):
    for i in range(NLINES):
        shared.write(b"thread %d line %04d %s\n" % (k, i, b"." * (i % 50)))


threads = [threading.Thread(target=writer, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
shared.close()

with open(TMP) as f:
    lines = f.read().splitlines()
print(len(lines))
expected = sorted("thread %d line %04d %s" % (k, i, "." * (i % 50)) for k in range(NTHREADS) for i in range(NLINES))
print(sorted(lines) == expected)
per_thread = [0] * NTHREADS
order_ok = True
last = [-1] * NTHREADS
for line in lines:
    parts = line.split()
    k, i = int(parts[1]), int(parts[3])
    per_thread[k] += 1
    if i != last[k] + 1:
        order_ok = False
    last[k] = i
print(per_thread, order_ok)

# readers: each thread reads the whole file through its own file object
results = [None] * NTHREADS


def reader(k):
    with open(TMP, buffering=128) as src:
        results[k] = [line.rstrip("\n") for line in src]


threads = [threading.Thread(target=reader, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([len(r) for r in results], all(r == lines for r in results))

# independent files, one per thread
names = ["threads_%d.tmp" % k for k in range(NTHREADS)]
sizes = [0] * NTHREADS


def own_file(k):
    with open(names[k], "wb") as f:
        for i in range(500):
            f.write(bytes([k]) * 37)
    with open(names[k], "rb") as f:
        data = f.read()
    sizes[k] = len(data) if data == bytes([k]) * (37 * 500) else -1


threads = [threading.Thread(target=own_file, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sizes)

for name in [TMP] + names:
    if os:
        os.remove(name)
    else:
        open(name, "w").close()
