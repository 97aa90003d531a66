# One thread iterates a list, a dict and a set while another mutates them
# (grows, shrinks, clears, sorts). Without a GIL the iteration runs in
# parallel with the mutation: it must not crash. It may see a mix of old and
# new items, or raise RuntimeError for a dict or set that changed size, as
# CPython can; only deterministic facts are printed.
import threading

lst = list(range(1000))
d = {i: i for i in range(1000)}
st = set(range(1000))
done = []


def mutate():
    for r in range(200):
        lst.extend(range(50))
        del lst[:50]
        lst.sort()
        lst.reverse()
        lst[10:20] = [r] * 10
        for i in range(50):
            d[1000 + i] = i
        for i in range(50):
            del d[1000 + i]
        st.update(range(1000, 1050))
        st.difference_update(range(1000, 1050))
        if r % 50 == 0:
            tmp = lst[:]
            lst.clear()
            lst.extend(tmp)
    done.append(True)


seen = {"list": 0, "dict": 0, "set": 0, "changed": 0}


def iterate():
    while not done:
        for x in lst:
            if x is None:
                raise AssertionError("hole in list")
            seen["list"] += 1
        try:
            for k, v in d.items():
                seen["dict"] += 1
        except RuntimeError:
            seen["changed"] += 1
        try:
            for k in st:
                seen["set"] += 1
        except RuntimeError:
            seen["changed"] += 1
        list(d)
        sorted(st) if len(st) < 0 else None
        sum(lst[:100])


ts = [threading.Thread(target=mutate), threading.Thread(target=iterate), threading.Thread(target=iterate)]
for t in ts:
    t.start()
for t in ts:
    t.join()

print("list:", len(lst), sorted(lst)[-1] >= 0)
print("dict:", len(d), d == {i: i for i in range(1000)})
print("set:", len(st), st == set(range(1000)))
