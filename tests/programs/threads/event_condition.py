# Event, Condition (notify/wait_for) and Semaphore hand-offs between threads.
import threading

ready = threading.Event()
log = []


def waiter(name):
    ready.wait()
    log.append(name)


threads = [threading.Thread(target=waiter, args=(f"w{i}",)) for i in range(3)]
for t in threads:
    t.start()
print("before set:", ready.is_set(), log)
ready.set()
for t in threads:
    t.join()
print("after set:", sorted(log))
print("wait with timeout on cleared event:", threading.Event().wait(0.01))

cond = threading.Condition()
items = []
consumed = []


def consumer():
    for _ in range(5):
        with cond:
            cond.wait_for(lambda: items)
            consumed.append(items.pop(0))


c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    with cond:
        items.append(i)
        cond.notify()
c.join()
print("consumed:", consumed)

sem = threading.Semaphore(2)
inside = 0
max_inside = 0
guard = threading.Lock()


def limited():
    global inside, max_inside
    with sem:
        with guard:
            inside += 1
            max_inside = max(max_inside, inside)
        for _ in range(2000):
            pass
        with guard:
            inside -= 1


threads = [threading.Thread(target=limited) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("semaphore bound respected:", max_inside <= 2)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Condition().wait()
except RuntimeError as e:
    print("RuntimeError:", e)
