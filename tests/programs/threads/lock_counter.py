# Counters updated by many threads: exact with a Lock (and with RLock, and
# with the lock taken through `with`).
import threading

N_THREADS = 8
PER_THREAD = 2000

counter = 0
lock = threading.Lock()


def add_locked():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            counter += 1


threads = [threading.Thread(target=add_locked) for _ in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("locked total:", counter, counter == N_THREADS * PER_THREAD)

rlock = threading.RLock()
depth_total = 0


def nested(depth):
    global depth_total
    with rlock:
        if depth:
            nested(depth - 1)
        else:
            depth_total += 1


threads = [threading.Thread(target=nested, args=(5,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("rlock total:", depth_total)

print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
