# The chapter's Node cycle, broken by hand so that refcounting frees it
# (the cyclic GC is a later issue).
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

    def __del__(self):
        print(f"freed {self.value}")

a = Node(1)
b = Node(2)
a.next = b
b.next = a  # cycle: a -> b -> a
print(a.next.next is a)
b.next = None  # break the cycle
print("cycle broken")
del a
print("after del a")
del b
print("after del b")
