// runtime/objects/float.cpp — the `float` type (an IEEE double) and the
// numeric text helpers shared by int, float and complex.
//
// Owns: Float_type; float_repr (shortest round-trip digits laid out as
// CPython's repr), float_from_string, the numeric hash, Python's % and //
// semantics, float ** float, exact int/float comparison, float.__round__
// (correctly rounded through exact integer arithmetic), hex()/fromhex(), and
// the formatting engine behind float.__format__ and int.__format__'s float
// types (format_double / format_number).
//
// Mixed int/float arithmetic lives here: int's slots return NotImplemented
// for a float operand and the float slot (called with both operands in their
// original order) converts the int, raising OverflowError "int too large to
// convert to float" when it does not fit.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bigint.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/format_spec.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "objects/unicode_ctype.hpp"
#include "objects/utf8.hpp"

namespace gk {

TypeObject Float_type;

namespace {

// ---------------------------------------------------------------------------
// Decimal digits of a double

// A finite, non-negative double as significant decimal digits d1 d2 ... dn
// (no leading zero unless the value is zero) and the exponent of d1:
// value ≈ d1.d2...dn × 10^exp.
struct Decimal {
  std::string digits;
  int exp = 0;
};

// precision < 0: the shortest digits that round-trip (repr); otherwise
// precision + 1 correctly rounded significant digits.
Decimal to_decimal(double v, int precision) {
  char buf[512];
  std::to_chars_result r = precision < 0 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific)
                                         : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific,
                                                         precision);
  std::string_view s(buf, size_t(r.ptr - buf));  // "d.ddde+XX"
  Decimal d;
  size_t e = s.find('e');
  for (size_t i = 0; i < e; ++i) {
    if (s[i] != '.') d.digits.push_back(s[i]);
  }
  std::from_chars(s.data() + e + (s[e + 1] == '+' ? 2 : 1), s.data() + s.size(), d.exp);
  return d;
}

void strip_trailing_zeros(std::string& digits) {
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

// "e+16", "e-05": at least two exponent digits, as C's printf.
std::string exponent_text(int exp, bool upper) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%c%02d", upper ? 'E' : 'e', exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return buf;
}

// Integer part and remainder (".fraction" and/or exponent) of a layout.
struct Layout {
  std::string int_part;
  std::string rest;
};

// Fixed-point layout of digits × 10^(exp - n + 1); `min_frac` pads the
// fraction with zeros, `force_point` keeps a '.' even with no fraction digits.
Layout layout_fixed(const Decimal& d, size_t min_frac, bool force_point) {
  Layout l;
  std::string frac;
  if (d.exp >= 0) {
    size_t n_int = size_t(d.exp) + 1;
    if (d.digits.size() <= n_int) {
      l.int_part = d.digits + std::string(n_int - d.digits.size(), '0');
    } else {
      l.int_part = d.digits.substr(0, n_int);
      frac = d.digits.substr(n_int);
    }
  } else {
    l.int_part = "0";
    frac = std::string(size_t(-d.exp - 1), '0') + d.digits;
  }
  if (frac.size() < min_frac) frac.append(min_frac - frac.size(), '0');
  if (!frac.empty() || force_point) l.rest = "." + frac;
  return l;
}

Layout layout_sci(const Decimal& d, size_t min_frac, bool force_point, bool upper) {
  Layout l;
  l.int_part = d.digits.substr(0, 1);
  std::string frac = d.digits.substr(1);
  if (frac.size() < min_frac) frac.append(min_frac - frac.size(), '0');
  if (!frac.empty() || force_point) l.rest = "." + frac;
  l.rest += exponent_text(d.exp, upper);
  return l;
}

// repr/str: shortest digits; fixed notation for 1e-4 <= |v| < 1e16 (with
// ".0" for integral values), scientific otherwise.
Layout layout_repr(double v, bool alternate) {
  Decimal d = to_decimal(v, -1);
  if (v == 0.0) d.exp = 0;
  if (d.exp >= -4 && d.exp < 16) {
    Layout l = layout_fixed(d, 0, true);
    if (l.rest == ".") l.rest = ".0";
    return l;
  }
  strip_trailing_zeros(d.digits);
  return layout_sci(d, 0, alternate, false);
}

}  // namespace

std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  Layout l = layout_repr(std::fabs(v), false);
  return (std::signbit(v) ? "-" : "") + l.int_part + l.rest;
}

// ---------------------------------------------------------------------------
// Formatting

std::string format_number(const FormatSpec& spec, bool negative, std::string_view prefix, std::string_view digits,
                          std::string_view rest, int group, bool groupable) {
  std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
  FormatSpec s = spec;
  if (!s.align) s.align = s.zero_pad ? '=' : '>';
  std::string body = sign;
  body.append(prefix);
  if (spec.grouping && groupable) {
    size_t min_width = 0;
    if (s.align == '=' && s.fill == '0' && s.width > 0) {
      size_t used = sign.size() + prefix.size() + rest.size();
      if (size_t(s.width) > used) min_width = size_t(s.width) - used;
    }
    body += format_group_digits(digits, spec.grouping, group, min_width);
  } else {
    body.append(digits);
  }
  body.append(rest);
  size_t len = 0;
  for (unsigned char c : body) len += !utf8::is_cont(c);
  return format_pad(s, body, len, '>');
}

std::string format_double(double v, const FormatSpec& spec, const char* type_name, bool complex_part) {
  char type = spec.type;
  switch (type) {
    case '\0': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      break;
    default:
      raise_unknown_format_code(spec, type_name);
  }
  const bool upper = type == 'E' || type == 'F' || type == 'G';
  if (type == '%') v *= 100.0;
  const std::string suffix = type == '%' ? "%" : "";
  bool negative = std::signbit(v) && !std::isnan(v);
  if (!std::isfinite(v)) {
    std::string text = std::isnan(v) ? "nan" : "inf";
    if (upper) text = std::isnan(v) ? "NAN" : "INF";
    return format_number(spec, negative, "", text, suffix, 3, false);
  }
  const double a = std::fabs(v);
  Layout l;
  int precision = spec.precision;
  switch (type) {
    case 'f': case 'F': case '%': {
      int p = precision < 0 ? 6 : precision;
      char stack[512];
      std::string heap;
      char* buf = stack;
      size_t cap = sizeof stack;
      if (size_t(p) + 320 > cap) {  // the integer part of a double has at most 309 digits
        heap.resize(size_t(p) + 320);
        buf = heap.data();
        cap = heap.size();
      }
      auto r = std::to_chars(buf, buf + cap, a, std::chars_format::fixed, p);
      std::string_view s(buf, size_t(r.ptr - buf));
      size_t dot = s.find('.');
      l.int_part = std::string(s.substr(0, dot));
      if (dot != std::string_view::npos) {
        l.rest = std::string(s.substr(dot));
      } else if (spec.alternate) {
        l.rest = ".";
      }
      break;
    }
    case 'e': case 'E': {
      int p = precision < 0 ? 6 : precision;
      Decimal d = to_decimal(a, p);
      l = layout_sci(d, size_t(p), spec.alternate, upper);
      break;
    }
    default: {  // 'g', 'G', 'n', and '' (repr-like)
      if (type == '\0' && precision < 0) {
        l = layout_repr(a, spec.alternate);
        if (complex_part && l.rest == ".0") l.rest = spec.alternate ? "." : "";
        break;
      }
      int p = precision < 0 ? 6 : (precision == 0 ? 1 : precision);
      Decimal d = to_decimal(a, p - 1);
      if (a == 0.0) d.exp = 0;
      // '' switches to exponent notation one digit earlier than 'g' and
      // always shows a digit after the point.
      const bool add_dot_0 = type == '\0';
      const int limit = add_dot_0 ? p - 1 : p;
      if (!spec.alternate) strip_trailing_zeros(d.digits);
      if (d.exp >= -4 && d.exp < limit) {
        size_t min_frac = spec.alternate ? size_t(std::max(0, p - 1 - d.exp)) : 0;
        l = layout_fixed(d, min_frac, spec.alternate);
        if (add_dot_0 && (l.rest.empty() || l.rest == ".")) l.rest = ".0";
      } else {
        l = layout_sci(d, spec.alternate ? size_t(p - 1) : 0, spec.alternate, upper);
      }
      break;
    }
  }
  if (spec.no_neg_zero && negative) {
    // 'z': a value that rounds to zero loses its sign.
    bool all_zero = l.int_part.find_first_not_of('0') == std::string::npos;
    size_t e = l.rest.find_first_of("eE");
    std::string_view frac = std::string_view(l.rest).substr(0, e);
    for (char c : frac) all_zero = all_zero && (c == '0' || c == '.');
    if (all_zero) negative = false;
  }
  return format_number(spec, negative, "", l.int_part, l.rest + suffix);
}

bool normalize_number_text(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  // Decode, trimming whitespace at both ends.
  size_t last_non_space = 0;
  bool started = false;
  while (p < end) {
    uint32_t cp = static_cast<unsigned char>(*p) < 0x80 ? uint32_t(static_cast<unsigned char>(*p++)) : utf8::decode(p);
    if (uni::is_space(cp)) {
      if (started) out.push_back(' ');  // kept only if something follows
      continue;
    }
    started = true;
    if (cp < 0x80) {
      out.push_back(char(cp));
    } else {
      int dv = uni::decimal_value(cp);
      if (dv < 0) return false;
      out.push_back(char('0' + dv));
    }
    last_non_space = out.size();
  }
  out.resize(last_non_space);
  // Any whitespace left inside the text is an error for the parsers; a NUL
  // too (it cannot come from valid text).
  return out.find('\0') == std::string::npos;
}

// ---------------------------------------------------------------------------
// Parsing

namespace {

// Python's float syntax (after whitespace/sign handling): digits with single
// underscores between them, an optional fraction and exponent. Writes the
// text without underscores to `clean`.
bool float_syntax(std::string_view s, std::string& clean) {
  size_t i = 0, n = s.size();
  auto digits = [&](bool& any) {
    any = false;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) {
      clean.push_back(s[i++]);
      any = true;
      if (i + 1 < n && s[i] == '_' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) ++i;
    }
  };
  bool int_digits, frac_digits = false;
  digits(int_digits);
  if (i < n && s[i] == '.') {
    clean.push_back(s[i++]);
    digits(frac_digits);
  }
  if (!int_digits && !frac_digits) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    clean.push_back(s[i++]);
    if (i < n && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
    bool exp_digits;
    digits(exp_digits);
    if (!exp_digits) return false;
  }
  return i == n;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

bool parse_float_text(std::string_view text, double& out) {
  std::string norm;
  if (!normalize_number_text(text, norm)) return false;
  std::string_view s = norm;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (iequals(s, "inf") || iequals(s, "infinity")) {
    out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (iequals(s, "nan")) {
    out = negative ? -std::nan("") : std::nan("");
    return true;
  }
  std::string clean;
  if (!float_syntax(s, clean)) return false;
  // strtod is correctly rounded (glibc) and gives ±HUGE_VAL / 0 out of range.
  double v = std::strtod(clean.c_str(), nullptr);
  out = negative ? -v : v;
  return true;
}

Ref<Object> parse_float_or_raise(std::string_view text, std::string_view shown) {
  double v;
  if (!parse_float_text(text, v)) {
    raise_fmt(Exc_ValueError, "could not convert string to float: %.*s", int(shown.size()), shown.data());
  }
  return float_from(v);
}

}  // namespace

Ref<Object> float_from_string(std::string_view s) { return parse_float_or_raise(s, str_view(str_repr(str_new(s)))); }

void float_free_list_clear() noexcept {
  FloatFreeList& fl = float_free_list;
  while (fl.count > 0) {
    FloatObject* o = fl.items[--fl.count];
    object_free(o, Float_type.basicsize);
  }
}

Ref<Object> float_from_alloc(double v) {
  FloatObject* o = alloc_object<FloatObject>(&Float_type);
  o->value = v;
  return steal<Object>(o);
}

// ---------------------------------------------------------------------------
// Hash, arithmetic helpers, comparison

int64_t float_hash(double v) noexcept {
  constexpr uint64_t P = (uint64_t(1) << 61) - 1;
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;  // the float slot hashes nan by identity, as CPython 3.10+
  // |v| = M * 2^E with M a 53-bit integer; 2^61 ≡ 1 (mod P), so multiplying
  // by 2^E is a rotation of the 61-bit residue by E mod 61 bits.
  int e;
  double m = std::frexp(std::fabs(v), &e);
  uint64_t M = uint64_t(std::ldexp(m, 53));
  int k = (e - 53) % 61;
  if (k < 0) k += 61;
  uint64_t h = k ? (((M << k) & P) | (M >> (61 - k))) : M;
  if (h >= P) h -= P;
  int64_t r = std::signbit(v) ? -int64_t(h) : int64_t(h);
  return r == -1 ? -2 : r;
}

double float_mod(double a, double b) {
  if (b == 0.0) raise(Exc_ZeroDivisionError, "float modulo");
  double mod = std::fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;  // the result takes the divisor's sign
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

namespace {

// Python's divmod for doubles: floor quotient q and remainder r with r having
// b's sign and a == q*b + r as nearly as the arithmetic allows.
void float_divmod_parts(double a, double b, double& q, double& r) {
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;  // exact multiple of b up to rounding
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, b);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;  // div was a hair below an integer
  } else {
    floordiv = std::copysign(0.0, a / b);
  }
  q = floordiv;
  r = mod;
}

}  // namespace

double float_floordiv(double a, double b) {
  if (b == 0.0) raise(Exc_ZeroDivisionError, "float floor division by zero");
  double q, r;
  float_divmod_parts(a, b, q, r);
  return q;
}

int int_compare_double(const Object* i, double d) noexcept {
  if (std::isnan(d)) return 2;
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  int64_t small;
  constexpr int64_t kExact = int64_t(1) << 53;
  if (int_to_i64(i, small) && small >= -kExact && small <= kExact) {
    double x = double(small);
    return (x > d) - (x < d);
  }
  int si = int_sign(i), sd = (d > 0) - (d < 0);
  if (si != sd) return si < sd ? -1 : 1;
  // Same sign, |i| > 2^53: compare bit lengths, then exactly.
  int e;
  std::frexp(d, &e);  // |d| in [2^(e-1), 2^e)
  int64_t ibits = int64_t(int_bit_length(i));
  int mag;
  if (ibits != e) {
    mag = ibits < e ? -1 : 1;
  } else {
    // |d| >= 2^53 here, so d is an integer: compare as integers.
    Ref<Object> di = int_from_double(d);
    mag = int_compare(i, di) * si;
  }
  return si < 0 ? -mag : mag;
}

Ref<Object> float_pow(ThreadState& ts, double x, double y) {
  if (y == 0.0) return float_from(1.0);
  if (std::isnan(x)) return float_from(x);
  if (std::isnan(y)) return float_from(x == 1.0 ? 1.0 : y);
  const bool y_is_int = std::floor(y) == y;
  const bool y_is_odd = y_is_int && std::fabs(std::fmod(y, 2.0)) == 1.0;
  if (std::isinf(y)) {
    double ax = std::fabs(x);
    if (ax == 1.0) return float_from(1.0);
    return float_from((y > 0) == (ax > 1.0) ? HUGE_VAL : 0.0);
  }
  if (std::isinf(x)) {
    if (y_is_odd) return float_from(y > 0 ? x : std::copysign(0.0, x));
    return float_from(y > 0 ? HUGE_VAL : 0.0);
  }
  if (x == 0.0) {
    if (y < 0) raise(Exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return float_from(y_is_odd ? x : 0.0);
  }
  bool negate = false;
  if (x < 0) {
    if (!y_is_int) return complex_pow(ts, x, 0.0, y, 0.0);  // (-8) ** (1/3) is complex
    x = -x;
    negate = y_is_odd;
  }
  if (x == 1.0) return float_from(negate ? -1.0 : 1.0);
  double r = std::pow(x, y);
  if (std::isinf(r)) {
    Ref<Object> n = int_from_i64(34), msg = str_new("Numerical result out of range");
    Ref<Object> args = tuple_pack({n.get(), msg.get()});
    raise_obj(exception_new_args(ts, Exc_OverflowError, args));
  }
  return float_from(negate ? -r : r);
}

namespace {

// ---------------------------------------------------------------------------
// Slots

inline Ref<Object> not_implemented() { return newref(NotImplemented()); }

// The double value of a float or int operand; false for other types.
bool as_operand(const Object* o, double& out) {
  if (is_float(o)) {
    out = float_value(o);
    return true;
  }
  if (is_int(o)) {
    out = int_to_double(o);
    return true;
  }
  return false;
}

void float_dealloc(Object* o) noexcept {
  FloatFreeList& fl = float_free_list;
  if (type_of(o) == &Float_type && fl.count < FloatFreeList::kMax) {
    fl.items[fl.count++] = static_cast<FloatObject*>(o);
    return;
  }
  object_free(o, type_of(o)->basicsize);
}

Ref<Object> float_repr_slot(ThreadState&, Object* o) { return str_new(float_repr(float_value(o))); }

int64_t float_hash_slot(ThreadState&, Object* o) {
  double v = float_value(o);
  if (std::isnan(v)) {
    uintptr_t p = reinterpret_cast<uintptr_t>(o);
    int64_t h = int64_t((p >> 4) | (p << (8 * sizeof(p) - 4)));
    return h == -1 ? -2 : h;
  }
  return float_hash(v);
}

bool compare_result(int c, CompareOp op) noexcept {
  if (c == 2) return op == CompareOp::NE;  // nan: unordered
  switch (op) {
    case CompareOp::LT: return c < 0;
    case CompareOp::LE: return c <= 0;
    case CompareOp::EQ: return c == 0;
    case CompareOp::NE: return c != 0;
    case CompareOp::GT: return c > 0;
    case CompareOp::GE: return c >= 0;
  }
  return false;
}

Ref<Object> float_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  // a is a float (this slot is only called on floats, operands possibly swapped).
  if (!is_float(a)) return not_implemented();
  double x = float_value(a);
  int c;
  if (is_float(b)) {
    double y = float_value(b);
    c = (std::isnan(x) || std::isnan(y)) ? 2 : (x > y) - (x < y);
  } else if (is_int(b)) {
    int ic = int_compare_double(b, x);  // int vs float, exactly
    c = ic == 2 ? 2 : -ic;
  } else {
    return not_implemented();
  }
  return bool_ref(compare_result(c, op));
}

template <int Op>
Ref<Object> float_binary(ThreadState& ts, Object* a, Object* b) {
  if (!is_float(a) && !is_float(b)) return not_implemented();
  double x, y;
  if (!as_operand(a, x) || !as_operand(b, y)) return not_implemented();
  switch (Op) {
    case NB_ADD: return float_from(x + y);
    case NB_SUBTRACT: return float_from(x - y);
    case NB_MULTIPLY: return float_from(x * y);
    case NB_TRUE_DIVIDE:
      if (y == 0.0) raise(Exc_ZeroDivisionError, "float division by zero");
      return float_from(x / y);
    case NB_FLOOR_DIVIDE: return float_from(float_floordiv(x, y));
    case NB_REMAINDER: return float_from(float_mod(x, y));
    case NB_POWER: return float_pow(ts, x, y);
  }
  return not_implemented();
}

Ref<Object> float_neg(ThreadState&, Object* o) { return float_from(-float_value(o)); }
Ref<Object> float_pos(ThreadState&, Object* o) {
  if (type_check_exact(o, &Float_type)) return newref(o);
  return float_from(float_value(o));
}
Ref<Object> float_abs(ThreadState&, Object* o) { return float_from(std::fabs(float_value(o))); }
bool float_bool(ThreadState&, Object* o) { return float_value(o) != 0.0; }
Ref<Object> float_int(ThreadState&, Object* o) { return int_from_double(float_value(o)); }

Ref<Object> float_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("float", kwnames);
  check_nargs("float", nargs, 0, 1);
  Ref<Object> value;
  if (nargs == 0) {
    value = float_from(0.0);
  } else {
    Object* x = args[0];
    if (type_check(x, &Bytes_type) && !type_of(x)->nb_float && !type_of(x)->nb_index) {
      value = parse_float_or_raise(bytes_view(x), str_view(bytes_repr(x)));
    } else {
      value = number_float(ts, x);
    }
  }
  if (type == &Float_type) return value;
  Ref<Object> r = steal(type_alloc(type));
  static_cast<FloatObject*>(r.get())->value = float_value(value);
  return r;
}

// ---------------------------------------------------------------------------
// Methods

using Args = Object* const*;

void no_args(const char* name, size_t nargs, Object* kwnames) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 0, 0);
}

Ref<Object> float_is_integer(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("is_integer", nargs, kwnames);
  double v = float_value(self);
  return bool_ref(std::isfinite(v) && std::floor(v) == v);
}

Ref<Object> float_as_integer_ratio(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("as_integer_ratio", nargs, kwnames);
  double v = float_value(self);
  if (std::isinf(v)) raise(Exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(v)) raise(Exc_ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = std::frexp(v, &e);
  // Scale the mantissa up until it is an integer (at most 53 steps: frexp
  // normalises subnormals too).
  while (m != std::floor(m)) {
    m *= 2.0;
    --e;
  }
  Ref<Object> num = int_from_double(m), den = int_from_i64(1);
  Ref<Object> shift = int_from_i64(e < 0 ? -int64_t(e) : int64_t(e));
  if (e > 0) {
    num = int_lshift(num, shift);
  } else {
    den = int_lshift(den, shift);
  }
  return tuple_pack({num.get(), den.get()});
}

Ref<Object> float_conjugate(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("conjugate", nargs, kwnames);
  return float_from(float_value(self));
}

Ref<Object> float_trunc(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("__trunc__", nargs, kwnames);
  return int_from_double(float_value(self));
}
Ref<Object> float_floor(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("__floor__", nargs, kwnames);
  return int_from_double(std::floor(float_value(self)));
}
Ref<Object> float_ceil(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("__ceil__", nargs, kwnames);
  return int_from_double(std::ceil(float_value(self)));
}

Ref<Object> float_getnewargs(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("__getnewargs__", nargs, kwnames);
  Ref<Object> v = float_from(float_value(self));
  return tuple_pack({v.get()});
}

// divmod() has no slot of its own: float.__divmod__ / __rdivmod__ are methods.
Ref<Object> float_divmod_pair(Object* a, Object* b) {
  double x, y;
  if (!as_operand(a, x) || !as_operand(b, y)) return not_implemented();
  if (y == 0.0) raise(Exc_ZeroDivisionError, "float divmod()");
  double q, r;
  float_divmod_parts(x, y, q, r);
  Ref<Object> qo = float_from(q), ro = float_from(r);
  return tuple_pack({qo.get(), ro.get()});
}

Ref<Object> float_divmod_m(ThreadState&, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__divmod__", kwnames);
  check_nargs("__divmod__", nargs, 1, 1);
  return float_divmod_pair(self, args[0]);
}

Ref<Object> float_rdivmod_m(ThreadState&, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__rdivmod__", kwnames);
  check_nargs("__rdivmod__", nargs, 1, 1);
  return float_divmod_pair(args[0], self);
}

// round(v / den) to the nearest integer, ties to even (num, den > 0).
BigInt round_half_even(const BigInt& num, const BigInt& den) {
  BigInt q, r;
  BigInt::divmod_floor(num, den, &q, &r);
  int c = BigInt::compare(r.shl(1), den);
  if (c > 0 || (c == 0 && q.is_odd())) q = q + BigInt::from_i64(1);
  return q;
}

// round(v, ndigits), correctly rounded: v = M * 2^E exactly, so the decimal
// rounding is done on exact integers and converted back once.
double round_to_digits(double v, int64_t ndigits) {
  constexpr int64_t kMaxDigits = 323, kMinDigits = -308;  // beyond: v itself / a signed zero
  if (!std::isfinite(v) || v == 0.0 || ndigits > kMaxDigits) return v;
  if (ndigits < kMinDigits) return 0.0 * v;
  int e;
  double m = std::frexp(std::fabs(v), &e);
  BigInt M = BigInt::from_double(std::ldexp(m, 53));
  const int64_t E = int64_t(e) - 53;
  const BigInt ten = BigInt::from_i64(10);
  double result;
  bool overflow = false;
  if (ndigits >= 0) {
    if (E >= 0) return v;  // an integer: already has no fractional digits
    BigInt p = BigInt::pow(ten, uint64_t(ndigits));
    BigInt q = round_half_even(M * p, BigInt::from_i64(1).shl(uint64_t(-E)));
    result = BigInt::true_divide(q, p, &overflow);
  } else {
    BigInt p = BigInt::pow(ten, uint64_t(-ndigits));
    BigInt num = E >= 0 ? M.shl(uint64_t(E)) : M;
    BigInt den = E >= 0 ? p : p.shl(uint64_t(-E));
    BigInt q = round_half_even(num, den);
    result = (q * p).to_double(&overflow);
  }
  if (overflow) raise(Exc_OverflowError, "rounded value too large to represent");
  return std::copysign(result, v);
}

Ref<Object> float_round(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  Object* a[1] = {};
  parse_args("__round__", args, nargs, kwnames, {"%ndigits"}, 0, a);
  double v = float_value(self);
  if (!a[0] || is_none(a[0])) {
    return int_from_double(std::nearbyint(v));  // the default rounding mode: half to even
  }
  int64_t nd;
  Ref<Object> ndi = number_index(ts, a[0]);
  if (!int_to_i64(ndi, nd)) nd = int_sign(ndi) > 0 ? INT64_MAX : INT64_MIN;
  try {
    return float_from(round_to_digits(v, nd));
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  }
}

Ref<Object> float_format_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__format__", kwnames);
  check_nargs("__format__", nargs, 1, 1);
  if (!is_str(args[0])) raise_type_not("__format__() argument must be str", args[0]);
  std::string_view sv = str_view(args[0]);
  if (sv.empty()) return str(ts, self);
  FormatSpec spec = parse_format_spec(sv, type_name(self));
  return str_new(format_double(float_value(self), spec, type_name(self)));
}

Ref<Object> float_hex(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  no_args("hex", nargs, kwnames);
  double v = float_value(self);
  if (!std::isfinite(v)) return str_new(float_repr(v));
  std::string out = std::signbit(v) ? "-" : "";
  if (v == 0.0) return str_new(out + "0x0.0p+0");
  // 1.xxx × 2^e for normal values, 0.xxx × 2^-1022 for subnormals; 13 hex digits.
  int e;
  double m = std::frexp(std::fabs(v), &e);
  int shift = 1 - std::max(-1021 - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  static constexpr char kHex[] = "0123456789abcdef";
  out += "0x";
  out += kHex[int(m)];
  m -= int(m);
  out += '.';
  for (int i = 0; i < 13; ++i) {
    m *= 16.0;
    out += kHex[int(m)];
    m -= int(m);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "p%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
  return str_new(out + buf);
}

Ref<Object> float_fromhex(ThreadState& ts, Object* cls, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("fromhex", kwnames);
  check_nargs("fromhex", nargs, 1, 1);
  if (!is_str(args[0])) raise_type_not("fromhex() argument must be str", args[0]);
  std::string text;
  bool ok = normalize_number_text(str_view(args[0]), text);
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  double v = 0.0;
  if (ok && (iequals(s, "inf") || iequals(s, "infinity"))) {
    v = HUGE_VAL;
  } else if (ok && iequals(s, "nan")) {
    v = std::nan("");
  } else {
    // [0x] hexdigits [. hexdigits] [p [sign] digits], then a C99 hex float for strtod.
    if (s.size() >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x') s.remove_prefix(2);
    size_t i = 0, ndig = 0;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i, ++ndig;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i, ++ndig;
    }
    if (ndig == 0) ok = false;
    size_t mant_end = i;
    std::string exp = "p0";
    if (ok && i < s.size() && (s[i] | 0x20) == 'p') {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
      size_t d0 = j;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j == d0) ok = false;
      exp = "p" + std::string(s.substr(i + 1, j - i - 1));
      i = j;
    }
    if (!ok || i != s.size()) raise(Exc_ValueError, "invalid hexadecimal floating-point string");
    std::string c = "0x" + std::string(s.substr(0, mant_end)) + exp;
    v = std::strtod(c.c_str(), nullptr);
    if (std::isinf(v)) raise(Exc_OverflowError, "hexadecimal value too large to represent as a float");
  }
  if (!ok) raise(Exc_ValueError, "invalid hexadecimal floating-point string");
  Ref<Object> r = float_from(negative ? -v : v);
  if (cls != &Float_type) return call1(ts, cls, r);
  return r;
}

const MethodDef kFloatMethods[] = {
    {"is_integer", float_is_integer, METH_DEFAULT, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio, METH_DEFAULT, "Return integer ratio."},
    {"conjugate", float_conjugate, METH_DEFAULT, "Return self, the complex conjugate of any float."},
    {"hex", float_hex, METH_DEFAULT, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex, METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"__trunc__", float_trunc, METH_DEFAULT, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, METH_DEFAULT, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, METH_DEFAULT, "Return the ceiling as an Integral."},
    {"__round__", float_round, METH_DEFAULT, "Return the Integral closest to x, rounding half toward even."},
    {"__format__", float_format_m, METH_DEFAULT, "Formats the float according to format_spec."},
    {"__getnewargs__", float_getnewargs, METH_DEFAULT, nullptr},
    {"__divmod__", float_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", float_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {nullptr, nullptr},
};

Ref<Object> float_get_real(ThreadState&, Object* self) { return float_from(float_value(self)); }
Ref<Object> float_get_imag(ThreadState&, Object*) { return float_from(0.0); }

const GetSetDef kFloatGetSets[] = {
    {"real", float_get_real, nullptr},
    {"imag", float_get_imag, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_float(TypeObject& t) {
  t.name = "float";
  t.basicsize = sizeof(FloatObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "Convert a string or number to a floating point number, if possible.";
  t.methods = kFloatMethods;
  t.getsets = kFloatGetSets;
  t.dealloc = float_dealloc;
  t.dealloc_is_leaf = true;  // frees only its own memory
  t.repr = float_repr_slot;
  t.hash = float_hash_slot;
  t.richcompare = float_richcompare;
  t.new_ = float_new;
  t.nb[NB_ADD] = float_binary<NB_ADD>;
  t.nb[NB_SUBTRACT] = float_binary<NB_SUBTRACT>;
  t.nb[NB_MULTIPLY] = float_binary<NB_MULTIPLY>;
  t.nb[NB_TRUE_DIVIDE] = float_binary<NB_TRUE_DIVIDE>;
  t.nb[NB_FLOOR_DIVIDE] = float_binary<NB_FLOOR_DIVIDE>;
  t.nb[NB_REMAINDER] = float_binary<NB_REMAINDER>;
  t.nb[NB_POWER] = float_binary<NB_POWER>;
  t.nb_negative = float_neg;
  t.nb_positive = float_pos;
  t.nb_absolute = float_abs;
  t.nb_bool = float_bool;
  t.nb_int = float_int;
  t.nb_float = float_pos;
}

}  // namespace

GK_REGISTER_TYPE(Float_type, setup_float);

}  // namespace gk
