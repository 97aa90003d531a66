# format() with format specs for ints, floats and strings.
print(format(42), format(42, "5d"), format(42, "<5") + "|", format(42, "^7") + "|", format(42, "*>6"))
print(format(3.14159, ".2f"), format(3.14159, "10.3f"), format(1234567.891, ",.2f"), format(0.5, "%"), format(0.123, ".1%"))
print(format(255, "x"), format(255, "X"), format(255, "#x"), format(255, "o"), format(255, "#b"), format(255, "08b"))
print(format(1e10, "e"), format(1.5e-7, ".2e"), format(12345.6789, "g"), format(0.00001234, "g"), format(1e20, "g"))
print(format("text", "10") + "|", format("text", ">10"), format("text", "^10") + "|", format("text", ".2"))
print(format(-42, "+d"), format(42, "+d"), format(42, " d"), format(-3.5, "+.1f"), format(1234567, "_d"))
print(format(True), format(None), format([1, 2]), format(2.0), format(1e16), format(-0.0))
print(format(3, ".2f"), format(7, "e"), format(12, "%"), format(1000000, ","))
print(format(2**70, ","), format(-2**70, "x"), format(10**20, "e"))
class Custom:
    def __format__(self, spec):
        return f"Custom[{spec}]"
print(format(Custom(), "xyz"), f"{Custom():abc}", f"{Custom()}")
try:
    format(1, "q")
except ValueError as e:
    print("ValueError:", e)
try:
    format("s", "d")
except ValueError as e:
    print("ValueError:", e)
