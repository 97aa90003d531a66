// runtime/modules/math.cpp — the native `math` module: constants, the libm
// functions with CPython's error conventions, the integer functions
// (factorial, gcd, lcm, comb, perm, isqrt) on arbitrary-precision ints, and
// the exactly rounded sums and norms (fsum, hypot, dist).
//
// Error conventions (CPython's math_1): a nan result from a non-nan argument
// is ValueError "math domain error"; an infinite result from a finite
// argument is OverflowError "math range error" for functions that can
// overflow (exp, cosh, ...) and ValueError otherwise (poles such as log1p(-1)).
// Underflow to zero is not an error.
#include <cfloat>
#include <climits>
#include <cmath>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bigint.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/module.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"

namespace gk {

namespace {

using Args = Object* const*;

[[noreturn]] void domain_error() { raise(Exc_ValueError, "math domain error"); }
[[noreturn]] void range_error() { raise(Exc_OverflowError, "math range error"); }

double arg_double(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Float_type)) return float_value(o);
  return as_double(ts, o);
}

// f(x) with the error conventions above.
Ref<Object> math_1(ThreadState& ts, Object* arg, double (*f)(double), bool can_overflow) {
  double x = arg_double(ts, arg);
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) domain_error();
  if (std::isinf(r) && std::isfinite(x)) {
    if (can_overflow) range_error();
    domain_error();
  }
  return float_from(r);
}

// One-argument libm wrappers: name, function, can_overflow.
#define GK_MATH_1(X)                     \
  X(acos, std::acos, false)              \
  X(acosh, std::acosh, false)            \
  X(asin, std::asin, false)              \
  X(asinh, std::asinh, false)            \
  X(atan, std::atan, false)              \
  X(atanh, std::atanh, false)            \
  X(cbrt, std::cbrt, false)              \
  X(cos, std::cos, false)                \
  X(cosh, std::cosh, true)               \
  X(erf, std::erf, false)                \
  X(erfc, std::erfc, false)              \
  X(exp, std::exp, true)                 \
  X(exp2, std::exp2, true)               \
  X(expm1, std::expm1, true)             \
  X(fabs, std::fabs, false)              \
  X(log1p, std::log1p, false)            \
  X(sin, std::sin, false)                \
  X(sinh, std::sinh, true)               \
  X(sqrt, std::sqrt, false)              \
  X(tan, std::tan, false)                \
  X(tanh, std::tanh, false)

#define GK_DEFINE_MATH_1(name, fn, ovf)                                                       \
  Ref<Object> math_##name(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) { \
    check_no_kwargs("math." #name, kwnames);                                                  \
    check_nargs("math." #name, nargs, 1, 1);                                                  \
    return math_1(ts, args[0], [](double x) { return fn(x); }, ovf);                          \
  }
GK_MATH_1(GK_DEFINE_MATH_1)
#undef GK_DEFINE_MATH_1

void one_arg(const char* name, size_t nargs, Object* kwnames) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 1, 1);
}
void two_args(const char* name, size_t nargs, Object* kwnames) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 2, 2);
}

bool is_nonpositive_integer(double x) noexcept { return x <= 0.0 && std::floor(x) == x; }

Ref<Object> math_gamma(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.gamma", nargs, kwnames);
  double x = arg_double(ts, args[0]);
  if (std::isnan(x)) return float_from(x);
  if (x == -HUGE_VAL || is_nonpositive_integer(x)) domain_error();
  double r = std::tgamma(x);
  if (std::isinf(r) && std::isfinite(x)) range_error();
  return float_from(r);
}

Ref<Object> math_lgamma(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.lgamma", nargs, kwnames);
  double x = arg_double(ts, args[0]);
  if (!std::isfinite(x)) return float_from(std::fabs(x));  // lgamma(±inf) = inf, nan stays nan
  if (is_nonpositive_integer(x)) domain_error();
  double r = std::lgamma(x);
  if (std::isinf(r)) range_error();
  return float_from(r);
}

// ---------------------------------------------------------------------------
// Logarithms (ints of any size are accepted)

// func(x) for an int or a real number; ints beyond the double range are
// taken as m * 2^e with m in [0.5, 1).
double log_helper(ThreadState& ts, Object* x, double (*func)(double)) {
  if (is_int(x)) {
    if (int_sign(x) <= 0) domain_error();
    const IntObject* i = static_cast<const IntObject*>(x);
    if (i->big) {
      bool overflow;
      double d = i->big->to_double(&overflow);
      if (!overflow) return func(d);
      int64_t e;
      double m = i->big->frexp(&e);
      return func(m) + func(2.0) * double(e);
    }
    return func(double(i->small));
  }
  double d = arg_double(ts, x);
  if (std::isnan(d) || d == HUGE_VAL) return d;
  if (d <= 0.0) domain_error();
  return func(d);
}

double log_e(double x) { return std::log(x); }
double log_2(double x) { return std::log2(x); }
double log_10(double x) { return std::log10(x); }

Ref<Object> math_log(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("log", kwnames);
  if (nargs < 1 || nargs > 2) raise(Exc_TypeError, "math.log requires 1 to 2 arguments");
  double num = log_helper(ts, args[0], log_e);
  if (nargs == 1) return float_from(num);
  double den = log_helper(ts, args[1], log_e);
  if (den == 0.0) raise(Exc_ZeroDivisionError, "float division by zero");
  return float_from(num / den);
}

Ref<Object> math_log2(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.log2", nargs, kwnames);
  return float_from(log_helper(ts, args[0], log_2));
}

Ref<Object> math_log10(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.log10", nargs, kwnames);
  return float_from(log_helper(ts, args[0], log_10));
}

// ---------------------------------------------------------------------------
// Two-argument real functions

Ref<Object> math_pow(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("pow", nargs, kwnames);
  double x = arg_double(ts, args[0]), y = arg_double(ts, args[1]);
  double r;
  if (std::isfinite(x) && std::isfinite(y)) {
    r = std::pow(x, y);
    if (std::isnan(r)) domain_error();           // negative base, non-integral exponent
    if (std::isinf(r)) {
      if (x == 0.0) domain_error();              // 0 ** negative
      range_error();
    }
  } else if (std::isnan(x)) {
    r = y == 0.0 ? 1.0 : x;
  } else if (std::isnan(y)) {
    r = x == 1.0 ? 1.0 : y;
  } else if (std::isinf(x)) {
    bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
    if (x > 0) {
      r = y > 0 ? x : 0.0;
    } else {
      r = y > 0 ? (odd_y ? x : -x) : (odd_y ? std::copysign(0.0, x) : 0.0);
    }
  } else {  // y is infinite
    double ax = std::fabs(x);
    r = ax == 1.0 ? 1.0 : ((y > 0) == (ax > 1.0) ? HUGE_VAL : 0.0);
  }
  return float_from(r);
}

Ref<Object> math_atan2(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("atan2", nargs, kwnames);
  return float_from(std::atan2(arg_double(ts, args[0]), arg_double(ts, args[1])));
}

Ref<Object> math_copysign(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("copysign", nargs, kwnames);
  return float_from(std::copysign(arg_double(ts, args[0]), arg_double(ts, args[1])));
}

Ref<Object> math_fmod(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("fmod", nargs, kwnames);
  double x = arg_double(ts, args[0]), y = arg_double(ts, args[1]);
  if (std::isinf(y) && std::isfinite(x)) return float_from(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) domain_error();
  return float_from(r);
}

Ref<Object> math_remainder(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("remainder", nargs, kwnames);
  double x = arg_double(ts, args[0]), y = arg_double(ts, args[1]);
  if (std::isnan(x)) return float_from(x);
  if (std::isnan(y)) return float_from(y);
  if (std::isinf(x) || y == 0.0) domain_error();
  if (std::isinf(y)) return float_from(x);
  return float_from(std::remainder(x, y));
}

Ref<Object> math_nextafter(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("nextafter", nargs, kwnames);
  return float_from(std::nextafter(arg_double(ts, args[0]), arg_double(ts, args[1])));
}

Ref<Object> math_ulp(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.ulp", nargs, kwnames);
  double x = arg_double(ts, args[0]);
  if (std::isnan(x)) return float_from(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_from(x);
  double next = std::nextafter(x, HUGE_VAL);
  if (std::isinf(next)) return float_from(x - std::nextafter(x, -HUGE_VAL));
  return float_from(next - x);
}

Ref<Object> math_degrees(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.degrees", nargs, kwnames);
  return float_from(arg_double(ts, args[0]) * (180.0 / M_PI));
}

Ref<Object> math_radians(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.radians", nargs, kwnames);
  return float_from(arg_double(ts, args[0]) * (M_PI / 180.0));
}

Ref<Object> math_modf(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.modf", nargs, kwnames);
  double x = arg_double(ts, args[0]), ip, fp;
  if (std::isinf(x)) {
    ip = x;
    fp = std::copysign(0.0, x);
  } else {
    fp = std::modf(x, &ip);
  }
  Ref<Object> a = float_from(fp), b = float_from(ip);
  return tuple_pack({a.get(), b.get()});
}

Ref<Object> math_frexp(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.frexp", nargs, kwnames);
  double x = arg_double(ts, args[0]);
  int e = 0;
  double m = (std::isfinite(x) && x != 0.0) ? std::frexp(x, &e) : x;
  Ref<Object> a = float_from(m), b = int_from_i64(e);
  return tuple_pack({a.get(), b.get()});
}

Ref<Object> math_ldexp(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("ldexp", nargs, kwnames);
  double x = arg_double(ts, args[0]);
  if (!is_int(args[1])) raise(Exc_TypeError, "Expected an int as second argument to ldexp.");
  if (x == 0.0 || !std::isfinite(x)) return float_from(x);
  int64_t e;
  if (!int_to_i64(args[1], e)) e = int_sign(args[1]) > 0 ? INT64_MAX : INT64_MIN;
  if (e > INT_MAX) range_error();
  if (e < INT_MIN) return float_from(std::copysign(0.0, x));
  double r = std::ldexp(x, int(e));
  if (std::isinf(r)) range_error();
  return float_from(r);
}

Ref<Object> math_isfinite(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.isfinite", nargs, kwnames);
  return bool_ref(std::isfinite(arg_double(ts, args[0])));
}
Ref<Object> math_isinf(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.isinf", nargs, kwnames);
  return bool_ref(std::isinf(arg_double(ts, args[0])));
}
Ref<Object> math_isnan(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.isnan", nargs, kwnames);
  return bool_ref(std::isnan(arg_double(ts, args[0])));
}

Ref<Object> math_isclose(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[4] = {};
  parse_args("isclose", args, nargs, kwnames, {"%a", "%b", "$rel_tol", "$abs_tol"}, 2, a);
  double x = arg_double(ts, a[0]), y = arg_double(ts, a[1]);
  double rel = a[2] ? arg_double(ts, a[2]) : 1e-9, abs_tol = a[3] ? arg_double(ts, a[3]) : 0.0;
  if (rel < 0.0 || abs_tol < 0.0) raise(Exc_ValueError, "tolerances must be non-negative");
  if (x == y) return bool_ref(true);
  if (std::isinf(x) || std::isinf(y)) return bool_ref(false);
  double diff = std::fabs(y - x);
  return bool_ref(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
}

// ---------------------------------------------------------------------------
// floor, ceil, trunc: ints through __floor__ / __ceil__ / __trunc__

Ref<Object> rounding(ThreadState& ts, Object* x, const char* dunder, double (*f)(double)) {
  if (type_check_exact(x, &Float_type)) return int_from_double(f(float_value(x)));
  if (is_int(x)) return int_exact(x);
  if (Ref<Object> m = lookup_special(ts, x, intern(dunder))) return call0(ts, m);
  return int_from_double(f(as_double(ts, x)));
}

double floor_d(double x) { return std::floor(x); }
double ceil_d(double x) { return std::ceil(x); }

Ref<Object> math_floor(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.floor", nargs, kwnames);
  return rounding(ts, args[0], "__floor__", floor_d);
}

Ref<Object> math_ceil(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.ceil", nargs, kwnames);
  return rounding(ts, args[0], "__ceil__", ceil_d);
}

Ref<Object> math_trunc(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.trunc", nargs, kwnames);
  Object* x = args[0];
  if (type_check_exact(x, &Float_type)) return int_from_double(float_value(x));
  Ref<Object> m = lookup_special(ts, x, intern("__trunc__"));
  if (!m) raise_fmt(Exc_TypeError, "type %s doesn't define __trunc__ method", type_name(x));
  return call0(ts, m);
}

// ---------------------------------------------------------------------------
// Integer functions

// n * (n-1) * ... * (n-count+1), by binary splitting (balanced products keep
// the big multiplications in Karatsuba range).
Ref<Object> falling_product(Object* n, uint64_t count) {
  if (count == 0) return int_from_i64(1);
  if (count == 1) return newref(n);
  int64_t top;
  if (count <= 16 && int_to_i64(n, top) && top <= (int64_t(1) << 30)) {
    // Small factors: multiply in 64 bits while it fits.
    Ref<Object> acc = int_from_i64(1);
    int64_t run = 1;
    for (uint64_t i = 0; i < count; ++i) {
      int64_t f = top - int64_t(i), t;
      if (__builtin_mul_overflow(run, f, &t)) {
        Ref<Object> r = int_from_i64(run);
        acc = int_mul(acc, r);
        run = f;
      } else {
        run = t;
      }
    }
    Ref<Object> r = int_from_i64(run);
    return int_mul(acc, r);
  }
  uint64_t half = count / 2;
  Ref<Object> h = int_from_u64(half);
  Ref<Object> rest = int_sub(n, h);
  Ref<Object> left = falling_product(n, half);
  Ref<Object> right = falling_product(rest, count - half);
  return int_mul(left, right);
}

Ref<Object> math_factorial(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.factorial", nargs, kwnames);
  Ref<Object> n = number_index(ts, args[0]);
  if (int_sign(n) < 0) raise(Exc_ValueError, "factorial() not defined for negative values");
  int64_t v;
  if (!int_to_i64(n, v)) raise(Exc_OverflowError, "factorial() argument should not exceed 9223372036854775807");
  if (v <= 1) return int_from_i64(1);
  return falling_product(n, uint64_t(v));
}

Ref<Object> int_gcd2(const Object* a, const Object* b) {
  int64_t x, y;
  if (int_to_i64(a, x) && int_to_i64(b, y) && x != INT64_MIN && y != INT64_MIN) {
    uint64_t u = uint64_t(x < 0 ? -x : x), w = uint64_t(y < 0 ? -y : y);
    while (w) {
      uint64_t t = u % w;
      u = w;
      w = t;
    }
    return int_from_u64(u);
  }
  Ref<Object> u = int_sign(a) < 0 ? int_neg(a) : int_exact(a);
  Ref<Object> w = int_sign(b) < 0 ? int_neg(b) : int_exact(b);
  while (int_sign(w) != 0) {
    Ref<Object> t = int_mod(u, w);
    u = std::move(w);
    w = std::move(t);
  }
  return u;
}

Ref<Object> math_gcd(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("gcd", kwnames);
  Ref<Object> g = int_from_i64(0);
  for (size_t i = 0; i < nargs; ++i) {
    Ref<Object> x = number_index(ts, args[i]);
    g = int_gcd2(g, x);
  }
  return g;
}

Ref<Object> math_lcm(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("lcm", kwnames);
  Ref<Object> l = int_from_i64(1);
  for (size_t i = 0; i < nargs; ++i) {
    Ref<Object> x = number_index(ts, args[i]);
    if (int_sign(l) == 0 || int_sign(x) == 0) {
      l = int_from_i64(0);
      continue;
    }
    Ref<Object> g = int_gcd2(l, x);
    Ref<Object> q = int_floordiv(l, g);
    l = int_mul(q, x);
    if (int_sign(l) < 0) l = int_neg(l);
  }
  return l;
}

// The two arguments of comb/perm as non-negative ints.
void comb_args(ThreadState& ts, Object* n_in, Object* k_in, Ref<Object>& n, Ref<Object>& k) {
  n = number_index(ts, n_in);
  k = number_index(ts, k_in);
  if (int_sign(n) < 0) raise(Exc_ValueError, "n must be a non-negative integer");
  if (int_sign(k) < 0) raise(Exc_ValueError, "k must be a non-negative integer");
}

Ref<Object> math_comb(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("comb", nargs, kwnames);
  Ref<Object> n, k;
  comb_args(ts, args[0], args[1], n, k);
  if (int_compare(k, n) > 0) return int_from_i64(0);
  Ref<Object> nk = int_sub(n, k);
  if (int_compare(nk, k) < 0) k = nk;  // comb(n, k) == comb(n, n - k)
  int64_t kv;
  if (!int_to_i64(k, kv)) raise(Exc_OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
  if (kv == 0) return int_from_i64(1);
  Ref<Object> num = falling_product(n, uint64_t(kv));
  Ref<Object> kk = int_from_i64(kv);
  Ref<Object> den = falling_product(kk, uint64_t(kv));
  return int_floordiv(num, den);
}

Ref<Object> math_perm(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("perm", kwnames);
  check_nargs("perm", nargs, 1, 2);
  if (nargs == 1 || is_none(args[1])) {
    Ref<Object> n = number_index(ts, args[0]);
    if (int_sign(n) < 0) raise(Exc_ValueError, "n must be a non-negative integer");
    return math_factorial(ts, nullptr, args, 1, nullptr);
  }
  Ref<Object> n, k;
  comb_args(ts, args[0], args[1], n, k);
  if (int_compare(k, n) > 0) return int_from_i64(0);
  int64_t kv;
  if (!int_to_i64(k, kv)) raise(Exc_OverflowError, "k must not exceed 9223372036854775807");
  return falling_product(n, uint64_t(kv));
}

Ref<Object> math_isqrt(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.isqrt", nargs, kwnames);
  Ref<Object> n = number_index(ts, args[0]);
  if (int_sign(n) < 0) raise(Exc_ValueError, "isqrt() argument must be nonnegative");
  return int_from_bigint(BigInt::isqrt(int_to_bigint(n)));
}

// ---------------------------------------------------------------------------
// Sums and norms

// fsum: Shewchuk's exact summation into non-overlapping partials, then a
// single correctly rounded (half-even) result.
Ref<Object> math_fsum(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  one_arg("math.fsum", nargs, kwnames);
  std::vector<double> partials;
  double special_sum = 0.0, inf_sum = 0.0;
  for_each(ts, args[0], [&](Object* item) {
    double x = arg_double(ts, item);
    const double xsave = x;
    size_t used = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);  // exact error of hi (|x| >= |y|)
      if (lo != 0.0) partials[used++] = lo;
      x = hi;
    }
    partials.resize(used);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // inf/nan: from the input (kept aside) or from overflow of the partials.
        if (std::isfinite(xsave)) raise(Exc_OverflowError, "intermediate overflow in fsum");
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        partials.clear();
      } else {
        partials.push_back(x);
      }
    }
    return true;
  });
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) raise(Exc_ValueError, "-inf + inf in fsum");
    return float_from(special_sum);
  }
  // Add the partials from the largest down, stopping when the sum becomes
  // inexact; then fix a half-way case that the remaining partials decide.
  size_t n = partials.size();
  double hi = 0.0, lo = 0.0;
  if (n > 0) {
    hi = partials[--n];
    while (n > 0) {
      double x = hi, y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0, x = hi + y;
      if (y == x - hi) hi = x;
    }
  }
  return float_from(hi);
}

// Exact a + b = s + err (Knuth's two-sum).
inline void two_sum(double a, double b, double& s, double& err) noexcept {
  s = a + b;
  double bb = s - a;
  err = (a - (s - bb)) + (b - bb);
}

// sqrt(sum of squares) of values, nearly always correctly rounded: the values
// are scaled by a power of two (exactly) so the largest is below 1, the squares
// are summed in double-double (fma gives each product's error), and the
// square root gets one Newton correction from the double-double residual.
double vector_norm(std::vector<double>& v, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || v.size() <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    // Subnormal maximum: rescale by 2^1022 first (2^-max_e would overflow).
    for (double& x : v) x = std::ldexp(x, 1022);
    return std::ldexp(vector_norm(v, std::ldexp(max, 1022), false), -1022);
  }
  double hi = 0.0, lo = 0.0;
  for (double x : v) {
    x = std::ldexp(x, -max_e);
    double sq = x * x, sq_err = std::fma(x, x, -sq);
    double s, e;
    two_sum(hi, sq, s, e);
    hi = s;
    lo += e + sq_err;
  }
  double sum = hi + lo;
  double h = std::sqrt(sum);
  // residual = (hi + lo) - h*h, in double-double
  double hh = h * h, hh_err = std::fma(h, h, -hh);
  double s, e;
  two_sum(hi, -hh, s, e);
  double residual = s + (e + lo - hh_err);
  h += residual / (2.0 * h);
  return std::ldexp(h, max_e);
}

Ref<Object> math_hypot(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("hypot", kwnames);
  std::vector<double> v(nargs);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < nargs; ++i) {
    double x = std::fabs(arg_double(ts, args[i]));
    v[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from(vector_norm(v, max, found_nan));
}

Ref<Object> math_dist(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  two_args("dist", nargs, kwnames);
  Ref<Object> p = is_tuple(args[0]) ? newref(args[0]) : tuple_from_iterable(ts, args[0]);
  Ref<Object> q = is_tuple(args[1]) ? newref(args[1]) : tuple_from_iterable(ts, args[1]);
  size_t n = tuple_size(p);
  if (tuple_size(q) != n) raise(Exc_ValueError, "both points must have the same number of dimensions");
  std::vector<double> v(n);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < n; ++i) {
    double x = std::fabs(arg_double(ts, tuple_get(p, i)) - arg_double(ts, tuple_get(q, i)));
    v[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from(vector_norm(v, max, found_nan));
}

Ref<Object> math_prod(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[2] = {};
  parse_args("prod", args, nargs, kwnames, {"%iterable", "$start"}, 1, a);
  Ref<Object> acc = a[1] ? newref(a[1]) : int_from_i64(1);
  for_each(ts, a[0], [&](Object* item) {
    acc = binary_op(ts, acc, item, NB_MULTIPLY);
    return true;
  });
  return acc;
}

#define GK_MATH_1_ENTRY(name, fn, ovf) {#name, math_##name},

const MethodDef kMathFunctions[] = {
    GK_MATH_1(GK_MATH_1_ENTRY)
    {"gamma", math_gamma},
    {"lgamma", math_lgamma},
    {"log", math_log},
    {"log2", math_log2},
    {"log10", math_log10},
    {"pow", math_pow},
    {"atan2", math_atan2},
    {"copysign", math_copysign},
    {"fmod", math_fmod},
    {"remainder", math_remainder},
    {"nextafter", math_nextafter},
    {"ulp", math_ulp},
    {"degrees", math_degrees},
    {"radians", math_radians},
    {"modf", math_modf},
    {"frexp", math_frexp},
    {"ldexp", math_ldexp},
    {"isfinite", math_isfinite},
    {"isinf", math_isinf},
    {"isnan", math_isnan},
    {"isclose", math_isclose},
    {"floor", math_floor},
    {"ceil", math_ceil},
    {"trunc", math_trunc},
    {"factorial", math_factorial},
    {"gcd", math_gcd},
    {"lcm", math_lcm},
    {"comb", math_comb},
    {"perm", math_perm},
    {"isqrt", math_isqrt},
    {"fsum", math_fsum},
    {"hypot", math_hypot},
    {"dist", math_dist},
    {"prod", math_prod},
    {nullptr, nullptr},
};
#undef GK_MATH_1_ENTRY

Ref<Object> init_math_module(ThreadState& ts) {
  Ref<Object> m = module_new(ts, "math");
  module_add_functions(ts, m, kMathFunctions);
  struct {
    const char* name;
    double value;
  } constants[] = {{"pi", M_PI}, {"e", M_E}, {"tau", 2.0 * M_PI}, {"inf", HUGE_VAL}, {"nan", NAN}};
  for (const auto& c : constants) {
    Ref<Object> v = float_from(c.value);
    module_add(ts, m, c.name, v);
  }
  return m;
}

}  // namespace

GK_REGISTER_MODULE(math, init_math_module);

}  // namespace gk
