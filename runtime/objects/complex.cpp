// runtime/objects/complex.cpp — the `complex` type (kept basic): construction
// from numbers and strings, repr, + - * / ** with ints, floats and complexes,
// abs, ==/!=, hash, real/imag, conjugate. Owns Complex_type, complex_from and
// complex_pow (also used by float ** float with a negative base).
#include <cctype>
#include <cmath>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/format_spec.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Complex_type;

namespace {

struct C {
  double re, im;
};

inline C cval(const Object* o) noexcept {
  auto* c = static_cast<const ComplexObject*>(o);
  return {c->real, c->imag};
}

C c_mul(C a, C b) noexcept { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

// a / b by scaling with the larger component of b (avoids needless overflow).
C c_div(C a, C b) {
  const double abs_br = std::fabs(b.re), abs_bi = std::fabs(b.im);
  if (abs_br >= abs_bi) {
    if (abs_br == 0.0) raise(Exc_ZeroDivisionError, "complex division by zero");
    const double ratio = b.im / b.re, denom = b.re + b.im * ratio;
    return {(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
  }
  if (abs_bi >= abs_br) {
    const double ratio = b.re / b.im, denom = b.re * ratio + b.im;
    return {(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
  }
  return {NAN, NAN};  // a component of b is nan
}

// x ** n for n >= 1 by binary powering.
C c_powu(C x, long n) noexcept {
  C r{1.0, 0.0}, p = x;
  for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = c_mul(r, p);
    p = c_mul(p, p);
  }
  return r;
}

// The double value of an int, float or complex operand; false otherwise.
bool as_complex(const Object* o, C& out) {
  if (type_check(o, &Complex_type)) {
    out = cval(o);
  } else if (is_float(o)) {
    out = {float_value(o), 0.0};
  } else if (is_int(o)) {
    out = {int_to_double(o), 0.0};
  } else {
    return false;
  }
  return true;
}

// One component as repr shows it: repr digits without a trailing ".0".
std::string component_repr(double v) {
  std::string s = float_repr(v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

}  // namespace

Ref<Object> complex_from(double real, double imag) {
  ComplexObject* o = alloc_object<ComplexObject>(&Complex_type);
  o->real = real;
  o->imag = imag;
  return steal<Object>(o);
}

Ref<Object> complex_pow(ThreadState&, double ar, double ai, double br, double bi) {
  C a{ar, ai}, b{br, bi}, r;
  if (b.re == 0.0 && b.im == 0.0) {
    r = {1.0, 0.0};
  } else if (a.re == 0.0 && a.im == 0.0) {
    if (b.im != 0.0 || b.re < 0.0) raise(Exc_ZeroDivisionError, "0.0 to a negative or complex power");
    r = {0.0, 0.0};
  } else if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
    long n = long(b.re);
    r = n > 0 ? c_powu(a, n) : c_div({1.0, 0.0}, c_powu(a, -n));
  } else {
    // Polar form: |a|^b.re * e^(-arg(a) b.im), angle arg(a) b.re + b.im ln|a|.
    double vabs = std::hypot(a.re, a.im);
    double len = std::pow(vabs, b.re);
    double at = std::atan2(a.im, a.re);
    double phase = at * b.re;
    if (b.im != 0.0) {
      len /= std::exp(at * b.im);
      phase += b.im * std::log(vabs);
    }
    r = {len * std::cos(phase), len * std::sin(phase)};
  }
  if (std::isinf(r.re) || std::isinf(r.im)) raise(Exc_OverflowError, "complex exponentiation");
  return complex_from(r.re, r.im);
}

namespace {

// ---------------------------------------------------------------------------
// Parsing complex("...")

// Reads a float at s[i...] (Python syntax, no whitespace); false if none.
bool read_float(std::string_view s, size_t& i, double& out) {
  size_t j = i;
  if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
  size_t start = j;
  // inf / infinity / nan
  auto word = [&](std::string_view w) {
    if (s.size() - j < w.size()) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      if ((s[j + k] | 0x20) != w[k]) return false;
    }
    return true;
  };
  if (word("infinity")) {
    j += 8;
  } else if (word("inf") || word("nan")) {
    j += 3;
  } else {
    bool digit = false;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.')) {
      digit = digit || std::isdigit(static_cast<unsigned char>(s[j]));
      ++j;
    }
    if (!digit) return false;
    if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
      size_t k = j + 1;
      if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
      size_t d0 = k;
      while (k < s.size() && (std::isdigit(static_cast<unsigned char>(s[k])) || s[k] == '_')) ++k;
      if (k > d0) j = k;
    }
  }
  if (j == start) return false;
  try {
    Ref<Object> f = float_from_string(s.substr(i, j - i));
    out = float_value(f);
  } catch (PyError&) {
    return false;
  }
  i = j;
  return true;
}

C parse_complex(std::string_view text) {
  std::string norm;
  auto bad = [] { raise(Exc_ValueError, "complex() arg is a malformed string"); };
  if (!normalize_number_text(text, norm)) bad();
  std::string_view s = norm;
  if (!s.empty() && s.front() == '(') {
    if (s.back() != ')') bad();
    s = s.substr(1, s.size() - 2);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  }
  if (s.empty()) bad();
  size_t i = 0;
  double x = 0.0, y = 0.0;
  // "j", "+j", "-j"
  auto lone_j = [&](size_t at, double& out) {
    size_t k = at;
    double sign = 1.0;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) sign = s[k++] == '-' ? -1.0 : 1.0;
    if (k < s.size() && (s[k] | 0x20) == 'j' && k + 1 == s.size()) {
      out = sign;
      return true;
    }
    return false;
  };
  if (lone_j(0, y)) return {0.0, y};
  if (!read_float(s, i, x)) bad();
  if (i == s.size()) return {x, 0.0};
  if ((s[i] | 0x20) == 'j') {
    if (i + 1 != s.size()) bad();
    return {0.0, x};
  }
  if (s[i] != '+' && s[i] != '-') bad();
  if (lone_j(i, y)) return {x, y};
  if (!read_float(s, i, y) || i + 1 != s.size() || (s[i] | 0x20) != 'j') bad();
  return {x, y};
}

// ---------------------------------------------------------------------------
// Slots

inline Ref<Object> not_implemented() { return newref(NotImplemented()); }

void complex_dealloc(Object* o) noexcept { object_free(o, type_of(o)->basicsize); }

Ref<Object> complex_repr(ThreadState&, Object* o) {
  C c = cval(o);
  std::string im = component_repr(c.im);
  if (c.re == 0.0 && !std::signbit(c.re)) return str_new(im + "j");
  std::string sign = (im[0] == '-') ? "" : "+";
  return str_new("(" + component_repr(c.re) + sign + im + "j)");
}

int64_t complex_hash(ThreadState& ts, Object* o) {
  C c = cval(o);
  Ref<Object> re = float_from(c.re), im = float_from(c.im);
  uint64_t h = uint64_t(hash(ts, re)) + 1000003u * uint64_t(hash(ts, im));
  int64_t r = int64_t(h);
  return r == -1 ? -2 : r;
}

Ref<Object> complex_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if (op != CompareOp::EQ && op != CompareOp::NE) return not_implemented();
  C x = cval(a);
  bool equal;
  if (type_check(b, &Complex_type)) {
    C y = cval(b);
    equal = x.re == y.re && x.im == y.im;
  } else if (is_float(b)) {
    equal = x.im == 0.0 && x.re == float_value(b);
  } else if (is_int(b)) {
    equal = x.im == 0.0 && int_compare_double(b, x.re) == 0;  // exact, like float == int
  } else {
    return not_implemented();
  }
  return bool_ref(op == CompareOp::EQ ? equal : !equal);
}

template <int Op>
Ref<Object> complex_binary(ThreadState& ts, Object* a, Object* b) {
  C x, y;
  if (!as_complex(a, x) || !as_complex(b, y)) return not_implemented();
  switch (Op) {
    case NB_ADD: return complex_from(x.re + y.re, x.im + y.im);
    case NB_SUBTRACT: return complex_from(x.re - y.re, x.im - y.im);
    case NB_MULTIPLY: {
      C r = c_mul(x, y);
      return complex_from(r.re, r.im);
    }
    case NB_TRUE_DIVIDE: {
      C r = c_div(x, y);
      return complex_from(r.re, r.im);
    }
    case NB_POWER: return complex_pow(ts, x.re, x.im, y.re, y.im);
  }
  return not_implemented();
}

Ref<Object> complex_neg(ThreadState&, Object* o) { return complex_from(-cval(o).re, -cval(o).im); }
Ref<Object> complex_pos(ThreadState&, Object* o) {
  if (type_check_exact(o, &Complex_type)) return newref(o);
  return complex_from(cval(o).re, cval(o).im);
}
Ref<Object> complex_abs(ThreadState&, Object* o) {
  C c = cval(o);
  double r = std::hypot(c.re, c.im);
  if (std::isinf(r) && std::isfinite(c.re) && std::isfinite(c.im)) raise(Exc_OverflowError, "absolute value too large");
  return float_from(r);
}
bool complex_bool(ThreadState&, Object* o) { return cval(o).re != 0.0 || cval(o).im != 0.0; }

// A complex() argument that is not a string: complex, __complex__, or a real number.
C complex_arg(ThreadState& ts, Object* o, bool first) {
  if (type_check(o, &Complex_type)) return cval(o);
  if (!is_float(o) && !is_int(o)) {
    if (Ref<Object> m = lookup_special(ts, o, intern("__complex__"))) {
      Ref<Object> r = call0(ts, m);
      if (!type_check(r, &Complex_type))
        raise_fmt(Exc_TypeError, "__complex__ returned non-complex (type %s)", type_name(r));
      return cval(r);
    }
    TypeObject* t = type_of(o);
    if (!t->nb_float && !t->nb_index) {
      raise_fmt(Exc_TypeError, "complex() %s must be a %snumber, not '%s'", first ? "first argument" : "second argument",
                first ? "string or a " : "", type_name(o));
    }
  }
  return {as_double(ts, o), 0.0};
}

Ref<Object> complex_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2] = {};
  parse_args("complex", args, nargs, kwnames, {"real", "imag"}, 0, a);
  C r{0.0, 0.0};
  if (a[0] && is_str(a[0])) {
    if (a[1]) raise(Exc_TypeError, "complex() can't take second arg if first is a string");
    r = parse_complex(str_view(a[0]));
  } else {
    if (a[1] && is_str(a[1])) raise(Exc_TypeError, "complex() second arg can't be a string");
    if (a[0] && !a[1] && type == &Complex_type && type_check_exact(a[0], &Complex_type)) return newref(a[0]);
    C x = a[0] ? complex_arg(ts, a[0], true) : C{0.0, 0.0};
    C y = a[1] ? complex_arg(ts, a[1], false) : C{0.0, 0.0};
    // real + imag*1j; a component only takes part when its argument is
    // complex, so signed zeros survive: complex(1, -0.0) == (1-0j).
    const bool x_complex = a[0] && type_check(a[0], &Complex_type);
    const bool y_complex = a[1] && type_check(a[1], &Complex_type);
    r.re = y_complex ? x.re - y.im : x.re;
    if (!a[1]) {
      r.im = x.im;
    } else {
      r.im = x_complex ? y.re + x.im : y.re;
    }
  }
  if (type == &Complex_type) return complex_from(r.re, r.im);
  Ref<Object> o = steal(type_alloc(type));
  static_cast<ComplexObject*>(o.get())->real = r.re;
  static_cast<ComplexObject*>(o.get())->imag = r.im;
  return o;
}

using Args = Object* const*;

Ref<Object> complex_conjugate(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("conjugate", kwnames);
  check_nargs("conjugate", nargs, 0, 0);
  return complex_from(cval(self).re, -cval(self).im);
}

Ref<Object> complex_complex(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__complex__", kwnames);
  check_nargs("__complex__", nargs, 0, 0);
  return complex_pos(ts, self);
}

Ref<Object> complex_getnewargs(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__getnewargs__", kwnames);
  check_nargs("__getnewargs__", nargs, 0, 0);
  Ref<Object> re = float_from(cval(self).re), im = float_from(cval(self).im);
  return tuple_pack({re.get(), im.get()});
}

Ref<Object> complex_format(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__format__", kwnames);
  check_nargs("__format__", nargs, 1, 1);
  if (!is_str(args[0])) raise_type_not("__format__() argument must be str", args[0]);
  std::string_view sv = str_view(args[0]);
  if (sv.empty()) return str(ts, self);
  const char* tname = type_name(self);
  FormatSpec spec = parse_format_spec(sv, tname);
  if (spec.align == '=') raise(Exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
  if (spec.zero_pad || spec.fill == '0') raise(Exc_ValueError, "Zero padding is not allowed in complex format specifier");
  switch (spec.type) {
    case '\0': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n':
      break;
    default:
      raise_unknown_format_code(spec, tname);
  }
  // Each part is formatted alone (the imaginary one signed after a real part),
  // then the whole is padded. Without a type: parentheses, and no real part
  // when it is +0.
  const bool bare = spec.type == '\0';
  FormatSpec part = spec;
  part.width = -1;
  part.align = '\0';
  part.fill = ' ';
  if (bare && spec.precision >= 0) part.type = 'g';
  C c = cval(self);
  const bool skip_re = bare && c.re == 0.0 && !std::signbit(c.re);
  const bool parens = bare && !skip_re;
  std::string body = parens ? "(" : "";
  if (!skip_re) body += format_double(c.re, part, tname, true);
  if (!skip_re) part.sign = '+';
  body += format_double(c.im, part, tname, true) + "j";
  if (parens) body += ")";
  size_t len = 0;
  for (unsigned char ch : body) len += (ch & 0xC0) != 0x80;
  return str_new(format_pad(spec, body, len, '>'));
}

const MethodDef kComplexMethods[] = {
    {"conjugate", complex_conjugate, METH_DEFAULT, "Return the complex conjugate of its argument."},
    {"__complex__", complex_complex, METH_DEFAULT, "Convert this value to exact type complex."},
    {"__getnewargs__", complex_getnewargs, METH_DEFAULT, nullptr},
    {"__format__", complex_format, METH_DEFAULT, nullptr},
    {nullptr, nullptr},
};

Ref<Object> complex_get_real(ThreadState&, Object* self) { return float_from(cval(self).re); }
Ref<Object> complex_get_imag(ThreadState&, Object* self) { return float_from(cval(self).im); }

const GetSetDef kComplexGetSets[] = {
    {"real", complex_get_real, nullptr},
    {"imag", complex_get_imag, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_complex(TypeObject& t) {
  t.name = "complex";
  t.basicsize = sizeof(ComplexObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "Create a complex number from a real part and an optional imaginary part.";
  t.methods = kComplexMethods;
  t.getsets = kComplexGetSets;
  t.dealloc = complex_dealloc;
  t.repr = complex_repr;
  t.hash = complex_hash;
  t.richcompare = complex_richcompare;
  t.new_ = complex_new;
  t.nb[NB_ADD] = complex_binary<NB_ADD>;
  t.nb[NB_SUBTRACT] = complex_binary<NB_SUBTRACT>;
  t.nb[NB_MULTIPLY] = complex_binary<NB_MULTIPLY>;
  t.nb[NB_TRUE_DIVIDE] = complex_binary<NB_TRUE_DIVIDE>;
  t.nb[NB_POWER] = complex_binary<NB_POWER>;
  t.nb_negative = complex_neg;
  t.nb_positive = complex_pos;
  t.nb_absolute = complex_abs;
  t.nb_bool = complex_bool;
}

}  // namespace

GK_REGISTER_TYPE(Complex_type, setup_complex);

}  // namespace gk
