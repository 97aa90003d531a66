# Many threads append to one list while others read it (len, indexing,
# slicing, iteration, `in`): the final list holds exactly N * K items, each
# thread's items in its own order. Without a GIL the readers run in parallel
# with the writers and must never crash or see a hole.
import threading

N_WRITERS = 4
K = 3000
shared = []
stop = []
bad = []


def writer(t):
    for i in range(K):
        shared.append((t, i))


def reader():
    reads = 0
    while not stop:
        n = len(shared)
        if n:
            item = shared[n - 1]
            if item is None or len(item) != 2:
                bad.append(item)
            item = shared[-1]
            if item is None:
                bad.append(item)
            for x in shared[:50]:
                if x is None:
                    bad.append(x)
        for x in shared:
            if x is None:
                bad.append(x)
            reads += 1
            if reads > 200000:
                break
        (0, 0) in shared


writers = [threading.Thread(target=writer, args=(t,)) for t in range(N_WRITERS)]
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in readers:
    t.start()
for t in writers:
    t.start()
for t in writers:
    t.join()
stop.append(True)
for t in readers:
    t.join()

print("total:", len(shared), len(shared) == N_WRITERS * K)
print("bad reads:", len(bad))
for t in range(N_WRITERS):
    mine = [i for (w, i) in shared if w == t]
    print("writer", t, "in order:", mine == list(range(K)))

# pop from many threads: every item comes out exactly once
popped = []
plock = threading.Lock()


def popper():
    got = []
    while True:
        try:
            got.append(shared.pop())
        except IndexError:
            break
    with plock:
        popped.extend(got)


poppers = [threading.Thread(target=popper) for _ in range(4)]
for t in poppers:
    t.start()
for t in poppers:
    t.join()
print("popped:", len(popped), "left:", len(shared), "distinct:", len(set(popped)) == N_WRITERS * K)

# insert at the front and delete from the middle while others index
lst = list(range(100))


def front():
    for i in range(500):
        lst.insert(0, -i)
        del lst[len(lst) // 2]


def indexer():
    for i in range(3000):
        n = len(lst)
        try:
            v = lst[i % n]
        except IndexError:
            v = 0
        if v is None:
            bad.append(v)


ts = [threading.Thread(target=front) for _ in range(2)] + [threading.Thread(target=indexer) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("front/middle:", len(lst), "bad reads:", len(bad))
