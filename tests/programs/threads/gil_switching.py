# The switch interval API and the GIL hand-off: a sleeping thread lets others
# run; CPU threads interleave.
import sys
import threading
import time

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError:", e)
try:
    sys.setswitchinterval(-1)
except ValueError as e:
    print("ValueError:", e)

progress = []


def spin(name):
    for i in range(3):
        n = 0
        for _ in range(50_000):
            n += 1
        progress.append(name)


threads = [threading.Thread(target=spin, args=(c,)) for c in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(progress))

start = time.perf_counter()
sleepers = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(4)]
for t in sleepers:
    t.start()
for t in sleepers:
    t.join()
elapsed = time.perf_counter() - start
print("sleeps overlapped:", elapsed < 0.6)
sys.setswitchinterval(0.005)
