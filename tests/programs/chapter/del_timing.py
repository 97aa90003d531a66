# The chapter's __del__ timing example: refcount zero frees at once.
class MyObject:
    def __init__(self, name):
        self.name = name
        print(f"Created {name}")

    def __del__(self):
        print(f"Destroyed {self.name}")

obj = MyObject("A")
print("About to delete")
del obj  # reference count -> 0, __del__ called immediately
print("After delete")
