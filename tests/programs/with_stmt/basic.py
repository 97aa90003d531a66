# with: __enter__'s value bound by as; __exit__ always runs.
class Tag:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"<{self.name}>")
        return self
    def __exit__(self, exc_type, exc_value, traceback):
        print(f"</{self.name}>")

with Tag("html") as t:
    print("  inside", t.name)
    with Tag("body"):
        print("  nested")
with Tag("a") as a, Tag("b") as b:
    print("  two managers", a.name, b.name)
with (Tag("p") as p,
      Tag("q")):
    print("  parenthesized managers", p.name)
def early():
    with Tag("func"):
        return "returned from inside with"
print(early())
for i in range(3):
    with Tag(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  loop body", i)
class Value:
    def __enter__(self):
        return 42
    def __exit__(self, *args):
        return None
with Value() as v:
    print("entered value", v)
with Value():
    pass
print("done")
