# time: time, perf_counter, perf_counter_ns, monotonic, sleep. Only
# relations are printed (clock values differ every run).
import time
t0, p0, n0, m0 = time.time(), time.perf_counter(), time.perf_counter_ns(), time.monotonic()
print(type(t0).__name__, type(p0).__name__, type(n0).__name__, type(m0).__name__)
print(t0 > 1_600_000_000)
time.sleep(0.05)
t1, p1, n1, m1 = time.time(), time.perf_counter(), time.perf_counter_ns(), time.monotonic()
print(p1 - p0 >= 0.045, n1 - n0 >= 45_000_000, m1 - m0 >= 0.045, t1 >= t0)
print(p1 - p0 < 5.0)
time.sleep(0)
start = time.perf_counter()
total = sum(range(100000))
print(total, time.perf_counter() >= start)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
