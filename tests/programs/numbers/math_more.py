# math: big-int logarithms, integer functions, fsum, hypot/dist, special values.
import math

def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

print(math.log(10**1000), math.log(10**1000, 10), math.log2(2**2000), math.log10(10**400), math.log(8, 2))
print(math.factorial(30), math.factorial(100) % (10**9 + 7), len(str(math.factorial(1000))))
print(math.comb(100, 50), math.perm(10, 3), math.perm(6), math.comb(5, 7), math.comb(10**20, 2))
print(math.gcd(), math.gcd(-12, 18, 27), math.gcd(2**100, 2**60 * 3), math.lcm(), math.lcm(4, 6, 0), math.lcm(-4, 6))
print(math.isqrt(10**100), math.isqrt(2**127), math.isqrt(0), math.isqrt(99), math.isqrt(True))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum(range(10)))
print(math.fsum([1.0, 1e-16, 1e-16]), math.fsum([float("inf"), 1.0]), math.fsum([2.0**53, 1.0, 2.0**-52]))
print(math.hypot(), math.hypot(3, 4, 12), math.hypot(1e308, 1e308), math.hypot(-5), math.hypot(1.5, 2.5, 3.5))
print(math.hypot(float("inf"), float("nan")), math.hypot(5e-324, 5e-324), math.dist([1, 2, 3], (4, 6, 15)))
print(math.prod(range(1, 11)), math.prod([1.5, 2, 3]), math.prod([], start=5), math.prod([2, 3], start=0.5))
print(math.modf(-2.5), math.modf(float("inf")), math.frexp(0), math.frexp(-3.0), math.ldexp(1.0, -2000), math.ldexp(3, 4))
print(math.fmod(-7, 3), math.fmod(5, float("inf")), math.remainder(5, 3), math.remainder(7, 2), math.copysign(3, -0.0))
print(math.nextafter(1, 2), math.ulp(1.0), math.ulp(0.0), math.exp2(10), math.expm1(1e-10), math.log1p(1e-10))
print(math.erf(0.5), math.erfc(0.5), math.atan2(0.0, -0.0), math.atan2(-0.0, -1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.floor(-0.5), math.ceil(-0.5), math.floor(10**30), math.ceil(True), math.trunc(-2.9), math.floor(2.0**60))
print(math.isclose(1, 1.0000000001), math.isclose(1e-10, 0, abs_tol=1e-9), math.isclose(float("inf"), float("inf")))
print(math.pow(2, 0.5), math.pow(-2, 3), math.pow(float("inf"), -1), math.pow(-float("inf"), 3), math.pow(1, float("nan")))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.degrees(1), math.radians(1), math.sqrt(10**300))
for label, f in [("log(2, 1)", lambda: math.log(2, 1)), ("log()", lambda: math.log()), ("sqrt(1, 2)", lambda: math.sqrt(1, 2)),
                 ("pow(1)", lambda: math.pow(1)), ("fsum([1e308, 1e308])", lambda: math.fsum([1e308, 1e308])),
                 ("fsum([inf, -inf])", lambda: math.fsum([float("inf"), -float("inf")])), ("fmod(1, 0)", lambda: math.fmod(1, 0)),
                 ("ldexp(1.0, 2000)", lambda: math.ldexp(1.0, 2000)), ("ldexp(1.0, 2.5)", lambda: math.ldexp(1.0, 2.5)),
                 ("pow(-8, 1/3)", lambda: math.pow(-8, 1 / 3)), ("pow(10, 400)", lambda: math.pow(10, 400)),
                 ("trunc('x')", lambda: math.trunc("x")), ("gamma(0)", lambda: math.gamma(0)), ("gamma(-1)", lambda: math.gamma(-1)),
                 ("gamma(200)", lambda: math.gamma(200)), ("lgamma(-2)", lambda: math.lgamma(-2)), ("comb(-1, 2)", lambda: math.comb(-1, 2)),
                 ("comb(5, -2)", lambda: math.comb(5, -2)), ("perm(5, -1)", lambda: math.perm(5, -1)),
                 ("factorial(2.0)", lambda: math.factorial(2.0)), ("isclose(1, 2, rel_tol=-1)", lambda: math.isclose(1, 2, rel_tol=-1)),
                 ("dist((1, 2), (4,))", lambda: math.dist((1, 2), (4,))), ("atanh(1)", lambda: math.atanh(1)),
                 ("log1p(-1)", lambda: math.log1p(-1)), ("sin(inf)", lambda: math.sin(float("inf"))), ("cosh(1000)", lambda: math.cosh(1000)),
                 ("remainder(5, 0)", lambda: math.remainder(5, 0)), ("sqrt(10**400)", lambda: math.sqrt(10**400)),
                 ("log(-2**1100)", lambda: math.log(-2**1100)), ("log10(0.0)", lambda: math.log10(0.0))]:
    show(label, f)
