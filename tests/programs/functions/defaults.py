# Default arguments: evaluated once at definition time.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))

def append_to(item, target=[]):  # the classic shared mutable default
    target.append(item)
    return target

print(append_to(1), append_to(2), append_to(3, []))
print(append_to.__defaults__)

def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(safe_append(1), safe_append(2))
n = 10
def show(x=n):
    return x
n = 20
print(show())  # 10: the default was evaluated at def time
print(greet.__defaults__, show.__defaults__)
def no_defaults(a, b): pass
print(no_defaults.__defaults__)
