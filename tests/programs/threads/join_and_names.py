# Thread objects: start, join, is_alive, names, daemon flag, errors.
import threading
import time

results = []


def worker(n, *, scale=1):
    results.append(n * scale)


t = threading.Thread(target=worker, args=(3,), kwargs={"scale": 10}, name="worker-A")
print(t.name, t.is_alive(), t.daemon)
t.start()
t.join()
print(results, t.is_alive(), t.ident is not None, isinstance(t.native_id, int))

try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread(target=worker).join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.current_thread().ident == threading.get_ident())

slow = threading.Thread(target=time.sleep, args=(0.3,))
slow.start()
slow.join(timeout=0.01)
print("still alive after short join:", slow.is_alive())
slow.join()
print("alive after join:", slow.is_alive())


class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.total = 0

    def run(self):
        for i in range(self.n):
            self.total += i


c = Counter(100)
c.start()
c.join()
print("subclass run:", c.total)

seen = []
ts = [threading.Thread(target=lambda i=i: seen.append(i)) for i in range(5)]
for x in ts:
    x.start()
for x in ts:
    x.join()
print(sorted(seen), threading.active_count())
