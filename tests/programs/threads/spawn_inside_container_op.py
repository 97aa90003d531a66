# A thread started from inside a container operation: __eq__ runs while the
# dict insert that called it is in progress (in the no-GIL build, inside the
# dict's critical section, elided while the main thread was alone), and the
# new thread writes to the same dict before the insert finishes.
import threading

d = {}
log = []


class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return 42  # every Key collides: inserting one calls __eq__ on the others

    def __eq__(self, other):
        if isinstance(other, Key) and "b" in (self.name, other.name) and not log:
            log.append("starting the writer")
            def writer():
                for i in range(100):
                    d[i] = i * i
                log.append("writer done")

            t = threading.Thread(target=writer)
            t.start()
            t.join()
            log.append("joined inside __eq__")
        return isinstance(other, Key) and self.name == other.name

    def __repr__(self):
        return "Key(%r)" % self.name


d[Key("a")] = 1
d[Key("b")] = 2  # compares with Key("a"): starts and joins the writer
print(log)
print(len(d), sum(v for k, v in d.items() if isinstance(k, int)))
print(sorted(repr(k) for k in d if isinstance(k, Key)))
print(d[Key("a")], d[Key("b")])

# The same from a list being sorted with a key function: the new thread only
# reads the list (CPython empties a list while sorting it).
data = [5, 3, 9, 1]
seen = []


def keyfn(x):
    if x == 3 and not seen:
        t = threading.Thread(target=lambda: seen.append(len(data)))
        t.start()
        t.join()
    return -x


data.sort(key=keyfn)
print(data, seen)
