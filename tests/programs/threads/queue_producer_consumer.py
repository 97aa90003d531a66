# queue.Queue producer/consumer with task_done/join, LIFO and priority order,
# Empty/Full.
import queue
import threading

q = queue.Queue(maxsize=4)
results = []


def producer(start):
    for i in range(start, start + 50):
        q.put(i)


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 2)
        q.task_done()


consumers = [threading.Thread(target=consumer) for _ in range(2)]
producers = [threading.Thread(target=producer, args=(k * 100,)) for k in range(3)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(results), sum(results), q.empty(), q.qsize())

lifo = queue.LifoQueue()
for i in range(4):
    lifo.put(i)
print([lifo.get() for _ in range(4)])
pq = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    pq.put((x, str(x)))
print([pq.get()[1] for _ in range(5)])
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("Empty")
full = queue.Queue(1)
full.put("x")
try:
    full.put("y", timeout=0.01)
except queue.Full:
    print("Full", full.full())
sq = queue.SimpleQueue()
sq.put(1)
print(sq.get(), sq.empty())
