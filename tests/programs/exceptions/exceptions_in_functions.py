# Exceptions propagate through frames; finally blocks unwind in order.
def level3():
    try:
        raise LookupError("deep")
    finally:
        print("  unwinding level3")

def level2():
    try:
        level3()
    finally:
        print("  unwinding level2")

def level1():
    try:
        level2()
    except LookupError as e:
        print("  level1 handled", e)
        return "recovered"

print(level1())
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
    except TypeError as e:
        return f"bad types ({e})"
print(safe_div(1, 2), safe_div(1, 0), safe_div("a", 1))
results = []
for v in ["1", "x", "3", None]:
    try:
        results.append(int(v))
    except ValueError:
        results.append("bad")
    except TypeError:
        results.append("none")
print(results)
attempts = 0
def flaky():
    global attempts
    attempts += 1
    if attempts < 3:
        raise ConnectionError(f"attempt {attempts}")
    return "ok"
for _ in range(5):
    try:
        print(flaky(), "after", attempts, "attempts")
        break
    except ConnectionError as e:
        print("  retry:", e)
