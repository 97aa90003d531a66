# assert with and without a message.
assert True
assert 1 == 1, "never shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert False, "custom message"
except AssertionError as e:
    print("AssertionError:", e)
try:
    x = [1, 2]
    assert len(x) == 3, f"expected 3 items, got {len(x)}"
except AssertionError as e:
    print("AssertionError:", e)
def message():
    print("  message evaluated")
    return "lazy"
assert True, message()  # not evaluated when the assertion holds
try:
    assert 0, message()
except AssertionError as e:
    print("AssertionError:", e.args[0])
try:
    assert [], ("tuple", "message")
except AssertionError as e:
    print(e.args)
print(issubclass(AssertionError, Exception))
