# send(): values flow into a generator; priming with next / send(None).
def echo():
    received = None
    while True:
        received = yield f"got {received}"
        if received == "stop":
            return "stopped"

g = echo()
print(next(g))
print(g.send("a"))
print(g.send(42))
try:
    g.send("stop")
except StopIteration as e:
    print("StopIteration.value =", e.value)

def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
a.send(None)
print([a.send(v) for v in (10, 20, 30, 40)])

try:
    fresh = echo()
    fresh.send("too early")
except TypeError as e:
    print("TypeError:", e)

def relay():
    r = yield from echo()
    yield "relay saw " + r
r = relay()
print(next(r), r.send("x"), r.send("stop"))
