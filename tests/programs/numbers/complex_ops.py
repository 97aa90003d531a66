# complex (basic): construction, repr, arithmetic with ints and floats, abs,
# equality, hash, conjugate and the common errors.
def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

print(complex(1, 2), complex(0, 2), complex(-0.0, 2), complex(1, -0.0), complex(1e16, 1), 1j, -1j, 2 + 3j)
print(complex(float("nan"), float("inf")), complex(), complex(3), complex(1.5), complex(1 + 2j, 3 + 4j))
print(complex("1+2j"), complex(" (1+2j) "), complex("1e3-2.5j"), complex("-j"), complex("5"), complex("3.5J"), complex("inf-nanj"))
print((1 + 2j) + 3, 2.5 - (1 + 1j), (1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), 1 / 2j, (1 + 2j) ** 2, 1j ** 2)
print((1 + 2j) ** 0.5, (1 + 2j) ** -3, 2 ** (1 + 1j), (-8) ** (1 / 3), (-1) ** 0.5, 0j ** 0)
print(abs(3 + 4j), abs(-2j), (3 + 4j).real, (3 + 4j).imag, (3 + 4j).conjugate(), -(1 + 1j), +(1 - 1j))
print(1 + 0j == 1, 1j == 1j, (2 + 0j) == 2.0, 1j != 1, bool(0j), bool(1j), hash(1 + 0j) == hash(1), hash(complex(1, 2)))
print(hash(complex(0, -1)), hash(complex(-1, 0)), (1e200 + 1e200j) ** 2, type(1j).__name__)
show("1j / 0", lambda: 1j / 0)
show("0j ** -1", lambda: 0j ** -1)
show("1j < 2j", lambda: 1j < 2j)
show("1j // 1", lambda: 1j // 1)
show("complex('x')", lambda: complex("x"))
show("complex('1+2j', 1)", lambda: complex("1+2j", 1))
show("complex(1, '2')", lambda: complex(1, "2"))
show("complex([])", lambda: complex([]))
show("abs(complex(1e308, 1e308))", lambda: abs(complex(1e308, 1e308)))
show("int(1j)", lambda: int(1j))
print(complex(1 + 2j), complex(1 + 2j, 0), complex(1, 2 + 3j), complex(1j, 1j), complex(-0.0), complex(0.0, -0.0), complex(complex(1, -0.0)))
