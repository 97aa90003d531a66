"""Stress: threads hammer one shared list, dict and set for a bounded time
(appends, pops, inserts, slices, sorts, set/get/delete, add/discard, clears)
while other threads index, look up, iterate and str.join them. Checks that nothing
crashes, that readers never see a hole, and exact totals where the
operations are balanced.

usage: gilkit containers.py [seconds]   (default 3)
"""
import sys
import threading
import time

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
N_WRITERS = 4
N_READERS = 4

lst = []
d = {}
st = set()
words = []  # strs only: readers join it while writers append and pop
appended = [0] * N_WRITERS
popped = [0] * N_WRITERS
bad = []
finished = []
stop_at = time.monotonic() + DURATION


def writer(t):
    i = 0
    while time.monotonic() < stop_at:
        for _ in range(200):
            i += 1
            lst.append(i)
            appended[t] += 1
            k = "k%d" % (i % 500)
            words.append(k)
            if len(words) > 40:
                try:
                    words.pop(0)
                except IndexError:
                    pass
            d[k] = i
            d[i % 300] = t
            st.add(i % 700)
            if i % 3 == 0:
                try:
                    lst.pop()
                    popped[t] += 1
                except IndexError:
                    pass
                d.pop(k, None)
                st.discard((i + 350) % 700)
            if i % 50 == 0:
                try:
                    lst.insert(0, i)
                    appended[t] += 1
                    del lst[0]
                    popped[t] += 1
                except IndexError:
                    pass
                d[(t, i % 10)] = lst[:5]
            if i % 1000 == 0:
                d.update({("u", j): j for j in range(20)})
                st.update({10000 + j for j in range(20)})
                st.difference_update({10000 + j for j in range(20)})
    finished.append(t)


def reader():
    n = 0
    while time.monotonic() < stop_at:
        size = len(lst)
        for j in range(0, size, max(1, size // 50)):
            try:
                x = lst[j]
            except IndexError:
                continue
            if x is None:
                bad.append("list hole")
        for x in lst[-20:]:
            if x is None:
                bad.append("slice hole")
        joined = ",".join(words)  # two passes over the list: must see one state
        for w in joined.split(","):
            if w and not w.startswith("k"):
                bad.append("join mixed states")
                break
        for j in range(0, 500, 7):
            v = d.get("k%d" % j)
            if v is not None and not isinstance(v, int):
                bad.append("dict value")
            (j in st)
        try:
            for k, v in d.items():
                n += 1
        except RuntimeError:
            pass
        try:
            for k in st:
                n += 1
        except RuntimeError:
            pass
        lst.count(-1)
        (-1) in lst
    finished.append(-1)


threads = [threading.Thread(target=writer, args=(t,)) for t in range(N_WRITERS)]
threads += [threading.Thread(target=reader) for _ in range(N_READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

net = sum(appended) - sum(popped)
ok = len(lst) == net and not bad and len(finished) == N_WRITERS + N_READERS
print("list", len(lst), "net", net, "bad", len(bad), "dict", len(d), "set", len(st))
print("OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
