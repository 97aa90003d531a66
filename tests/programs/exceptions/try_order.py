# try / except / else / finally: which blocks run, and in what order.
def run(kind):
    print(f"-- {kind}")
    try:
        print("  try")
        if kind == "value":
            raise ValueError("v")
        if kind == "key":
            raise KeyError("k")
        if kind == "type":
            raise TypeError("t")
    except ValueError as e:
        print("  except ValueError", e)
    except (KeyError, IndexError) as e:
        print("  except KeyError/IndexError", repr(e))
    else:
        print("  else")
    finally:
        print("  finally")
    print("  after")

for kind in ("none", "value", "key"):
    run(kind)
try:
    run("type")
except TypeError as e:
    print("caught outside:", e)

def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("  inner finally")
    except ValueError as e:
        print("  outer caught", e)
    finally:
        print("  outer finally")
nested()

def in_loop():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("  body", i)
        finally:
            print("  finally", i)
in_loop()
try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")
