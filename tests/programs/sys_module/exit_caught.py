# SystemExit is an exception: it can be caught and inspected.
import sys
for arg in (None, 0, 2, "text"):
    try:
        sys.exit(arg) if arg is not None else sys.exit()
    except SystemExit as e:
        print(repr(arg), "->", repr(e.code), e.args)
try:
    raise SystemExit(5)
except BaseException as e:
    print(type(e).__name__, e.code)
print("still running")
sys.exit(0)
