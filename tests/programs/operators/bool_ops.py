# and / or / not return operands and short-circuit.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", [] and "x")
print(None or 0 or "" or [], None or 0 or "last")
print(not 0, not 1, not "", not "a", not [], not None, not not 5)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 3, 1 or 0 and 0)

def t(n, r):
    print(f"  eval {n}")
    return r

print(t("a", False) and t("b", True))
print(t("a", True) or t("b", True))
print(t("a", True) and t("b", 0) or t("c", "c"))
x = 5
print(x > 3 and x < 10, x > 3 and "yes" or "no", x < 3 and "yes" or "no")
print(bool(0), bool(0.0), bool(-0.0), bool(""), bool(()), bool({}), bool(set()), bool(range(0)))
print(bool(1), bool(" "), bool((0,)), bool([None]), bool(range(1)), bool(float("nan")))
print(True and "t", False or None, type(not 1).__name__)
