# Objects freed by refcounting are freed at once, in program order.
log = []
class Tracked:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        log.append(self.tag)

for i in range(5):
    t = Tracked(i)  # the previous t dies when the name is rebound
print(log)
del t
print(log)
log.clear()
def make_and_drop():
    Tracked("temp")
    log.append("after temp")
make_and_drop()
print(log)
log.clear()
x = Tracked("x")
y = [x]
z = {"k": y}
del x
log.append("x name gone")
del y
log.append("y name gone")
z.clear()
log.append("dict cleared")
print(log)
log.clear()
g = (Tracked(i) for i in range(2))
for obj in g:
    pass
log.append("loop done")
del obj
print(log)
