# Read-modify-write without a lock: the result is not guaranteed under any
# interpreter, so only properties that always hold are printed. With a
# per-thread list and a join, the totals are exact.
import threading

N = 4
K = 5000
parts = [[] for _ in range(N)]


def fill(i):
    for j in range(K):
        parts[i].append(j)


threads = [threading.Thread(target=fill, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(len(p) for p in parts) == N * K)

shared = []


def append_shared():
    for j in range(K):
        shared.append(j)


threads = [threading.Thread(target=append_shared) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# list.append is atomic: no append is lost.
print(len(shared) == N * K, sum(shared) == N * sum(range(K)))
