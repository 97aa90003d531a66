# An uncaught exception raised two calls deep: traceback and exit 1.
def parse(text):
    return int(text)

def load(items):
    return [parse(t) for t in items]

print("loading")
print(load(["1", "2", "three"]))
print("never")
