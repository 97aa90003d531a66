"""Stress: 16 threads mixing sleeps, CPU loops, lock-protected counters,
queue hand-offs, condition waits and thread-local state for a bounded time.
Checks exact totals and that nothing deadlocks (the meson test has a timeout).

usage: gilkit threads_mixed.py [seconds]   (default 3)
"""
import queue
import sys
import threading
import time

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
N_THREADS = 16

lock = threading.Lock()
rlock = threading.RLock()
cond = threading.Condition()
work_q = queue.Queue(maxsize=8)
local = threading.local()

counter = 0          # guarded by lock
nested_counter = 0   # guarded by rlock
produced = [0] * N_THREADS
consumed = [0] * N_THREADS
ticks = 0            # guarded by cond
stop_at = time.monotonic() + DURATION


def cpu(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def worker(i):
    global counter, nested_counter, ticks
    local.name = f"w{i}"
    rounds = 0
    while time.monotonic() < stop_at:
        kind = (i + rounds) % 5
        if kind == 0:
            time.sleep(0.001)
        elif kind == 1:
            cpu(2000)
        elif kind == 2:
            for _ in range(50):
                with lock:
                    counter += 1
        elif kind == 3:
            with rlock:
                with rlock:
                    nested_counter += 1
        else:
            try:
                work_q.put(i, timeout=0.01)
                produced[i] += 1
            except queue.Full:
                pass
            try:
                j = work_q.get(timeout=0.01)
                consumed[j] += 1
            except queue.Empty:
                pass
            with cond:
                ticks += 1
                cond.notify_all()
        assert local.name == f"w{i}", "thread-local state leaked between threads"
        rounds += 1
    return rounds


rounds = [0] * N_THREADS


def run(i):
    rounds[i] = worker(i)


threads = [threading.Thread(target=run, args=(i,)) for i in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# Drain what is left in the queue.
while True:
    try:
        j = work_q.get_nowait()
    except queue.Empty:
        break
    consumed[j] += 1

expected_counter = 0
expected_nested = 0
for i in range(N_THREADS):
    for r in range(rounds[i]):
        kind = (i + r) % 5
        if kind == 2:
            expected_counter += 50
        elif kind == 3:
            expected_nested += 1

ok = True
if counter != expected_counter:
    print("lost lock-protected updates:", counter, "!=", expected_counter)
    ok = False
if nested_counter != expected_nested:
    print("lost rlock-protected updates:", nested_counter, "!=", expected_nested)
    ok = False
if produced != consumed:
    print("queue lost items:", produced, consumed)
    ok = False
if any(t.is_alive() for t in threads):
    print("a thread is still alive after join")
    ok = False
print("rounds:", sum(rounds), "lock updates:", counter, "queue items:", sum(produced), "ticks:", ticks)
print("ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
