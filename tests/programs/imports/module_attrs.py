# Module objects: __name__ of the main program, globals as module attributes.
import sys
print(__name__)
if __name__ == "__main__":
    print("running as a script")
value = 42
main = sys.modules["__main__"]
print(main.value, getattr(main, "value"), main.__name__)
main.added = "set through the module object"
print(added)
print(type(sys.modules).__name__, "sys" in sys.modules)
print(sorted(k for k in globals() if not k.startswith("__")))
