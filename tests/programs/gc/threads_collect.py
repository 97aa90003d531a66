# Cyclic garbage made by several threads at once, with gc.collect() called
# from one of them while the others run. Only deterministic facts are printed.
import gc
import threading

N_THREADS = 4
ROUNDS = 300
lock = threading.Lock()
finalized = [0]


class Cycle:
    def __init__(self, n):
        self.n = n
        self.me = self
        self.items = [self, {"back": self}]

    def __del__(self):
        with lock:
            finalized[0] += 1


def worker(k, results):
    kept = []
    for i in range(ROUNDS):
        Cycle(i)
        if i % 50 == 0:
            kept.append([i, k])
        if k == 0 and i % 100 == 0:
            gc.collect()
    results[k] = sum(x[0] for x in kept)


gc.collect()
results = [None] * N_THREADS
threads = [threading.Thread(target=worker, args=(k, results)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
gc.collect()
print("results:", results)
print("finalized all:", finalized[0] == N_THREADS * ROUNDS)
print("nothing left:", gc.collect())
