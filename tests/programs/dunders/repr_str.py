# __repr__ and __str__: print, str(), repr(), containers, f-strings.
class Both:
    def __repr__(self):
        return "Both(repr)"
    def __str__(self):
        return "Both(str)"
class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"
class StrOnly:
    def __str__(self):
        return "StrOnly-str"

b, r = Both(), ReprOnly()
print(b, str(b), repr(b))
print([b, r], (b,), {"k": b})
print(r, str(r))
print(f"{b} {b!r} {b!s} {r}")
print("%s %r" % (b, b))
print(str(StrOnly()), [StrOnly()][0].__str__())
print(repr(StrOnly()).startswith("<__main__.StrOnly object at 0x"))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents!r})"
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
m = Money(1234)
print(m, repr(m), [m], f"{m:}", format(m, ""))
class Bad:
    def __repr__(self):
        return 42
try:
    repr(Bad())
except TypeError as e:
    print("TypeError:", e)
