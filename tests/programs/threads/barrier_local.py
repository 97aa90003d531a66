# Barrier phases and thread-local attributes.
import threading

barrier = threading.Barrier(3)
phase_log = []
lock = threading.Lock()


def phased(i):
    for phase in range(3):
        with lock:
            phase_log.append(phase)
        barrier.wait()


threads = [threading.Thread(target=phased, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# Every thread finishes phase k before any starts phase k+1.
print(phase_log == sorted(phase_log), len(phase_log))
print(barrier.parties, barrier.n_waiting, barrier.broken)

local = threading.local()
local.value = "main"
seen = {}


def use_local(name):
    print_missing = not hasattr(local, "value")
    local.value = name
    seen[name] = (print_missing, local.value)


threads = [threading.Thread(target=use_local, args=(f"t{i}",)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print("main still sees:", local.value)

b = threading.Barrier(2, timeout=0.05)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError", b.broken)
