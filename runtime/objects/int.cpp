// runtime/objects/int.cpp — the `int` type: arbitrary-precision integers.
//
// Owns: Int_type and everything declared in int.hpp — the small-int cache,
// construction (int(x), int(s, base)), conversions, CPython's hash, the
// arithmetic entry points used by the eval loop, the number slots, and the
// methods and attributes of int (bit_length, to_bytes, __format__, ...).
//
// Representation (see int.hpp): a value that fits in int64_t is stored inline
// in IntObject::small (`big == nullptr`); any other value lives in an owned
// BigInt (bigint.hpp) allocated from the allocator policy. Every operation
// first tries an int64_t fast path with overflow detection
// (__builtin_*_overflow) and falls back to BigInt; results are normalised by
// int_from_big(), so the two forms never overlap.
// Invariant: big != nullptr implies the value does not fit in int64_t.
// Checker: int_check().
//
// The bool type (a subclass) lives in bool.cpp; float/int mixed arithmetic
// and comparison live in float.cpp (int slots return NotImplemented for floats).
#include "objects/int.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bigint.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/format_spec.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Int_type;

IntObject small_ints[kSmallIntMax - kSmallIntMin + 1];  // immortal; headers set by init_int_cache()

namespace {

// ---------------------------------------------------------------------------
// Storage

constexpr int64_t kSmallMin = kSmallIntMin, kSmallMax = kSmallIntMax;

// Result sizes beyond this many bits raise instead of trying to allocate them.
constexpr uint64_t kMaxBits = uint64_t(1) << 40;

inline IntObject* as_int(const Object* o) noexcept { return static_cast<IntObject*>(const_cast<Object*>(o)); }

BigInt* new_big(BigInt&& v) {
  void* mem = mem_alloc(sizeof(BigInt));
  return new (mem) BigInt(std::move(v));
}

void free_big(BigInt* b) noexcept {
  b->~BigInt();
  mem_free(b, sizeof(BigInt));
}

// BigInt's limb storage reports exhaustion as std::bad_alloc; Python code sees MemoryError.
template <class F>
auto big_op(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  }
}

// A borrowed BigInt view of any int object (small values are widened into a
// temporary).
class BigArg {
 public:
  explicit BigArg(const Object* o) {
    const IntObject* i = as_int(o);
    if (i->big) {
      p_ = i->big;
    } else {
      tmp_ = BigInt::from_i64(i->small);
      p_ = &tmp_;
    }
  }
  const BigInt& operator*() const noexcept { return *p_; }
  const BigInt* operator->() const noexcept { return p_; }

 private:
  BigInt tmp_;
  const BigInt* p_;
};

bool int_check(const Object* o) noexcept {
  const IntObject* i = as_int(o);
  int64_t v;
  return !i->big || (i->big->check() && !i->big->to_i64(v));
}

// An exact int holding `v`, normalised to the inline form when it fits.
Ref<Object> int_from_big(BigInt&& v) {
  int64_t s;
  if (v.to_i64(s)) return int_from_i64(s);
  if (v.bit_length() > kMaxBits) raise(Exc_OverflowError, "too many digits in integer");
  IntObject* o = alloc_object<IntObject>(&Int_type);
  Ref<Object> r = steal<Object>(o);
  o->big = new_big(std::move(v));
  if constexpr (config::checks >= 1) {
    if (!int_check(o)) {
      std::fprintf(stderr, "gilkit: int invariant violated\n");
      std::abort();
    }
  }
  return r;
}

[[noreturn]] void zero_division(const char* msg) { raise(Exc_ZeroDivisionError, msg); }

inline Ref<Object> not_implemented() { return newref(NotImplemented()); }

// The inline value of both operands when both are small.
inline bool both_small(const Object* a, const Object* b, int64_t& x, int64_t& y) noexcept {
  if (as_int(a)->big || as_int(b)->big) return false;
  x = as_int(a)->small;
  y = as_int(b)->small;
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Construction

void init_int_cache() {
  static bool done = false;
  if (done) return;
  done = true;
  for (int64_t v = kSmallMin; v <= kSmallMax; ++v) {
    IntObject& o = small_ints[v - kSmallMin];
    LockPolicy::init_header(o.ob, &Int_type);
    LockPolicy::make_immortal(o.ob);
    o.small = v;
    o.big = nullptr;
  }
  LockPolicy::init_header(True_obj.ob, &Bool_type);
  LockPolicy::make_immortal(True_obj.ob);
  True_obj.small = 1;
  LockPolicy::init_header(False_obj.ob, &Bool_type);
  LockPolicy::make_immortal(False_obj.ob);
  False_obj.small = 0;
}

Ref<Object> int_from_i64_alloc(int64_t v) {
  IntObject* o = alloc_object<IntObject>(&Int_type);
  o->small = v;
  return steal<Object>(o);
}

Ref<Object> int_from_u64(uint64_t v) {
  if (v <= uint64_t(INT64_MAX)) return int_from_i64(int64_t(v));
  return big_op([&] { return int_from_big(BigInt::from_u64(v)); });
}

Ref<Object> int_from_double(double d) {
  if (std::isinf(d)) raise(Exc_OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(d)) raise(Exc_ValueError, "cannot convert float NaN to integer");
  if (d > -9223372036854775808.0 && d < 9223372036854775808.0) return int_from_i64(int64_t(d));
  return big_op([&] { return int_from_big(BigInt::from_double(d)); });
}

Ref<Object> int_exact(const Object* o) {
  if (type_check_exact(o, &Int_type)) return newref(const_cast<Object*>(o));
  const IntObject* i = as_int(o);
  if (!i->big) return int_from_i64(i->small);
  return big_op([&] { return int_from_big(BigInt(*i->big)); });
}

Ref<Object> int_from_bigint(BigInt&& v) {
  return big_op([&] { return int_from_big(std::move(v)); });
}

BigInt int_to_bigint(const Object* o) {
  const IntObject* i = as_int(o);
  return big_op([&] { return i->big ? BigInt(*i->big) : BigInt::from_i64(i->small); });
}

// ---------------------------------------------------------------------------
// Conversions and queries

bool int_to_i64(const Object* o, int64_t& out) noexcept {
  const IntObject* i = as_int(o);
  if (i->big) return false;
  out = i->small;
  return true;
}

int64_t int_as_i64(const Object* o) {
  int64_t v;
  if (!int_to_i64(o, v)) raise(Exc_OverflowError, "Python int too large to convert to C int64");
  return v;
}

double int_to_double(const Object* o) {
  const IntObject* i = as_int(o);
  if (!i->big) return double(i->small);
  bool overflow;
  double d = i->big->to_double(&overflow);
  if (overflow) raise(Exc_OverflowError, "int too large to convert to float");
  return d;
}

int int_sign(const Object* o) noexcept {
  const IntObject* i = as_int(o);
  if (i->big) return i->big->sign();
  return (i->small > 0) - (i->small < 0);
}

std::string int_to_decimal(const Object* o) {
  const IntObject* i = as_int(o);
  if (!i->big) return std::to_string(i->small);
  return big_op([&] { return i->big->to_string(10); });
}

std::string int_to_base(const Object* o, int base, bool prefix) {
  std::string digits = big_op([&] { return BigArg(o)->to_string(base); });
  if (!prefix || base == 10) return digits;
  const char* p = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
  if (digits[0] == '-') return "-" + std::string(p) + digits.substr(1);
  return p + digits;
}

int64_t int_hash(const Object* o) noexcept {
  // hash(x) = sign(x) * (|x| mod (2^61 - 1)), with -1 mapped to -2.
  constexpr uint64_t P = (uint64_t(1) << 61) - 1;
  const IntObject* i = as_int(o);
  uint64_t h;
  bool negative;
  if (!i->big) {
    negative = i->small < 0;
    uint64_t m = negative ? uint64_t(0) - uint64_t(i->small) : uint64_t(i->small);
    h = m % P;
  } else {
    negative = i->big->is_neg();
    h = 0;
    const auto& mag = i->big->mag;
    for (size_t k = mag.size(); k-- > 0;) {
      // h * 2^32 mod P: a 61-bit rotation by 32 bits, then add the limb.
      h = ((h << 32) & P) | (h >> 29);
      h += mag[k];
      if (h >= P) h -= P;
    }
  }
  int64_t r = negative ? -int64_t(h) : int64_t(h);
  return r == -1 ? -2 : r;
}

int int_compare(const Object* a, const Object* b) noexcept {
  int64_t x, y;
  if (both_small(a, b, x, y)) return (x > y) - (x < y);
  // A big value is outside the int64 range, so its sign decides against a small one.
  const IntObject *ia = as_int(a), *ib = as_int(b);
  if (ia->big && ib->big) return BigInt::compare(*ia->big, *ib->big);
  if (ia->big) return ia->big->sign();
  return -ib->big->sign();
}

size_t int_bit_length(const Object* o) noexcept {
  const IntObject* i = as_int(o);
  if (i->big) return i->big->bit_length();
  uint64_t m = i->small < 0 ? uint64_t(0) - uint64_t(i->small) : uint64_t(i->small);
  return m ? size_t(64 - __builtin_clzll(m)) : 0;
}

// ---------------------------------------------------------------------------
// Arithmetic

Ref<Object> int_add(const Object* a, const Object* b) {
  int64_t x, y, r;
  if (both_small(a, b, x, y) && !__builtin_add_overflow(x, y, &r)) return int_from_i64(r);
  return big_op([&] { return int_from_big(*BigArg(a) + *BigArg(b)); });
}

Ref<Object> int_sub(const Object* a, const Object* b) {
  int64_t x, y, r;
  if (both_small(a, b, x, y) && !__builtin_sub_overflow(x, y, &r)) return int_from_i64(r);
  return big_op([&] { return int_from_big(*BigArg(a) - *BigArg(b)); });
}

Ref<Object> int_mul(const Object* a, const Object* b) {
  int64_t x, y, r;
  if (both_small(a, b, x, y) && !__builtin_mul_overflow(x, y, &r)) return int_from_i64(r);
  return big_op([&] { return int_from_big(*BigArg(a) * *BigArg(b)); });
}

Ref<Object> int_floordiv(const Object* a, const Object* b) {
  if (int_sign(b) == 0) zero_division("integer division or modulo by zero");
  int64_t x, y;
  if (both_small(a, b, x, y) && !(x == INT64_MIN && y == -1)) {
    int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
    return int_from_i64(q);
  }
  return big_op([&] {
    BigInt q;
    BigInt::divmod_floor(*BigArg(a), *BigArg(b), &q, nullptr);
    return int_from_big(std::move(q));
  });
}

Ref<Object> int_mod(const Object* a, const Object* b) {
  if (int_sign(b) == 0) zero_division("integer modulo by zero");
  int64_t x, y;
  if (both_small(a, b, x, y)) {
    if (y == -1) return int_from_i64(0);
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return int_from_i64(r);
  }
  return big_op([&] {
    BigInt r;
    BigInt::divmod_floor(*BigArg(a), *BigArg(b), nullptr, &r);
    return int_from_big(std::move(r));
  });
}

namespace {

// int / int, correctly rounded.
Ref<Object> int_truediv(const Object* a, const Object* b) {
  if (int_sign(b) == 0) zero_division("division by zero");
  int64_t x, y;
  constexpr int64_t kExact = int64_t(1) << 53;  // doubles hold every integer up to here
  if (both_small(a, b, x, y) && x >= -kExact && x <= kExact && y >= -kExact && y <= kExact) {
    return float_from(double(x) / double(y));
  }
  bool overflow = false;
  double d = big_op([&] { return BigInt::true_divide(*BigArg(a), *BigArg(b), &overflow); });
  if (overflow) raise(Exc_OverflowError, "integer division result too large for a float");
  return float_from(d);
}

// x ** e for e >= 0 on int64 values; false on overflow.
bool pow_small(int64_t x, uint64_t e, int64_t& out) noexcept {
  int64_t result = 1;
  while (true) {
    if (e & 1) {
      if (__builtin_mul_overflow(result, x, &result)) return false;
    }
    e >>= 1;
    if (!e) break;
    if (__builtin_mul_overflow(x, x, &x)) return false;
  }
  out = result;
  return true;
}

Ref<Object> int_pow_mod(const Object* a, const Object* b, const Object* m) {
  if (int_sign(m) == 0) raise(Exc_ValueError, "pow() 3rd argument cannot be 0");
  return big_op([&]() -> Ref<Object> {
    BigArg mod(m);
    BigInt base = *BigArg(a), exp = *BigArg(b);
    if (exp.is_neg()) {
      // pow(a, -e, m) == pow(inverse of a modulo m, e, m)
      BigInt inv;
      if (!BigInt::mod_inverse(base, *mod, inv)) raise(Exc_ValueError, "base is not invertible for the given modulus");
      base = std::move(inv);
      exp = -exp;
    }
    int64_t x, e, mm;
    if (base.to_i64(x) && exp.to_i64(e) && mod->to_i64(mm) && mm != INT64_MIN) {
      // All in range: square-and-multiply with 128-bit products.
      const __int128 M = mm < 0 ? -__int128(mm) : __int128(mm);
      __int128 r = 1 % M, bb = ((__int128(x) % M) + M) % M;
      for (uint64_t k = uint64_t(e); k; k >>= 1) {
        if (k & 1) r = r * bb % M;
        bb = bb * bb % M;
      }
      if (mm < 0 && r != 0) r -= M;
      return int_from_i64(int64_t(r));
    }
    return int_from_big(BigInt::pow_mod(base, exp, *mod));
  });
}

}  // namespace

Ref<Object> int_pow(const Object* a, const Object* b, const Object* mod) {
  if (mod) return int_pow_mod(a, b, mod);
  if (int_sign(b) < 0) {
    // A negative exponent gives a float, as float(a) ** float(b) would; with
    // an integral exponent and |a| >= 1 that cannot overflow or turn complex.
    double x = int_to_double(a), y = int_to_double(b);
    if (x == 0.0) zero_division("0.0 cannot be raised to a negative power");
    return float_from(std::pow(x, y));
  }
  int64_t x, e, r;
  if (both_small(a, b, x, e) && pow_small(x, uint64_t(e), r)) return int_from_i64(r);
  // Bases 0, 1 and -1 stay small for any exponent.
  if (!as_int(a)->big && (as_int(a)->small >= -1 && as_int(a)->small <= 1)) {
    int64_t base = as_int(a)->small;
    if (base != -1) return int_from_i64(base);
    return int_from_i64(BigArg(b)->is_odd() ? -1 : 1);
  }
  uint64_t ue;
  if (!BigArg(b)->to_u64(ue) || int_bit_length(a) > kMaxBits / std::max<uint64_t>(ue, 1)) {
    raise(Exc_OverflowError, "too many digits in integer");
  }
  return big_op([&] { return int_from_big(BigInt::pow(*BigArg(a), ue)); });
}

Ref<Object> int_neg(const Object* a) {
  const IntObject* i = as_int(a);
  if (!i->big && i->small != INT64_MIN) return int_from_i64(-i->small);
  return big_op([&] { return int_from_big(-*BigArg(a)); });
}

Ref<Object> int_lshift(const Object* a, const Object* b) {
  if (int_sign(b) < 0) raise(Exc_ValueError, "negative shift count");
  if (int_sign(a) == 0) return int_from_i64(0);
  int64_t x, n;
  if (both_small(a, b, x, n) && n < 63) {
    int64_t r;
    if (!__builtin_mul_overflow(x, int64_t(1) << n, &r)) return int_from_i64(r);
  }
  uint64_t count;
  if (!BigArg(b)->to_u64(count) || count > kMaxBits) raise(Exc_OverflowError, "too many digits in integer");
  return big_op([&] { return int_from_big(BigArg(a)->shl(count)); });
}

Ref<Object> int_rshift(const Object* a, const Object* b) {
  if (int_sign(b) < 0) raise(Exc_ValueError, "negative shift count");
  int64_t x, n;
  if (both_small(a, b, x, n)) return int_from_i64(n >= 63 ? (x < 0 ? -1 : 0) : x >> n);
  uint64_t count;
  if (!BigArg(b)->to_u64(count)) return int_from_i64(int_sign(a) < 0 ? -1 : 0);
  return big_op([&] { return int_from_big(BigArg(a)->shr(count)); });
}

Ref<Object> int_and(const Object* a, const Object* b) {
  int64_t x, y;
  if (both_small(a, b, x, y)) return int_from_i64(x & y);
  return big_op([&] { return int_from_big(*BigArg(a) & *BigArg(b)); });
}

Ref<Object> int_or(const Object* a, const Object* b) {
  int64_t x, y;
  if (both_small(a, b, x, y)) return int_from_i64(x | y);
  return big_op([&] { return int_from_big(*BigArg(a) | *BigArg(b)); });
}

Ref<Object> int_xor(const Object* a, const Object* b) {
  int64_t x, y;
  if (both_small(a, b, x, y)) return int_from_i64(x ^ y);
  return big_op([&] { return int_from_big(*BigArg(a) ^ *BigArg(b)); });
}

Ref<Object> int_invert(const Object* a) {
  const IntObject* i = as_int(a);
  if (!i->big) return int_from_i64(~i->small);
  return big_op([&] { return int_from_big(~*BigArg(a)); });
}

// ---------------------------------------------------------------------------
// Parsing

namespace {

// Parses the text of int(s, base) (already normalised to ASCII and stripped
// of surrounding whitespace). False on a syntax error.
bool parse_int_text(std::string_view s, int base, BigInt& out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  bool prefixed = false;
  if (s.size() >= 2 && s[0] == '0') {
    char p = char(s[1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) {
      base = pb;
      s.remove_prefix(2);
      prefixed = true;
    }
  }
  bool zero_literal_check = false;
  if (base == 0) {
    base = 10;
    zero_literal_check = true;  // base 0 forbids leading zeros on non-zero decimals ("09")
  }
  // Underscores: single ones between digits, or right after a base prefix.
  std::string digits;
  digits.reserve(s.size());
  bool prev_underscore = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev_underscore || (digits.empty() && !prefixed)) return false;
      prev_underscore = true;
      continue;
    }
    prev_underscore = false;
    digits.push_back(c);
  }
  if (prev_underscore || digits.empty()) return false;
  if (!BigInt::from_digits(digits, base, out)) return false;
  if (zero_literal_check && !prefixed && digits.size() > 1 && digits[0] == '0' && !out.is_zero()) return false;
  if (negative) out = -out;
  return true;
}

// int(text, base); `shown` is the repr used in the error message.
Ref<Object> int_parse_or_raise(std::string_view text, int base, std::string_view shown) {
  std::string norm;
  BigInt v;
  bool ok = normalize_number_text(text, norm) && big_op([&] { return parse_int_text(norm, base, v); });
  if (!ok) {
    raise_fmt(Exc_ValueError, "invalid literal for int() with base %d: %.*s", base, int(shown.size()), shown.data());
  }
  return big_op([&] { return int_from_big(std::move(v)); });
}

// CPython shows at most 200 characters of the offending string.
std::string shown_str(std::string_view s) {
  Ref<Object> o = str_new(s);
  if (str_length(o) > 200) {
    size_t bytes = 0;
    for (size_t cps = 0; cps < 200; ++cps) {
      unsigned char c = static_cast<unsigned char>(s[bytes]);
      bytes += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    o = str_new(s.substr(0, bytes));
  }
  return std::string(str_view(str_repr(o)));
}

}  // namespace

Ref<Object> int_from_string(std::string_view s, int base) {
  if (base != 0 && (base < 2 || base > 36)) raise(Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
  return int_parse_or_raise(s, base, shown_str(s));
}

Ref<Object> int_from_decimal_literal(std::string_view digits) {
  std::string clean;
  clean.reserve(digits.size());
  for (char c : digits) {
    if (c != '_') clean.push_back(c);
  }
  BigInt v;
  if (!BigInt::from_digits(clean, 10, v)) raise(Exc_ValueError, "invalid decimal literal");
  return big_op([&] { return int_from_big(std::move(v)); });
}

// ---------------------------------------------------------------------------
// Formatting (int.__format__)

namespace {

std::string format_int(Object* self, const FormatSpec& spec) {
  const char* tname = type_name(self);
  switch (spec.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return format_double(int_to_double(self), spec, tname);
    case 'b': case 'c': case 'd': case 'n': case 'o': case 'x': case 'X': case '\0':
      break;
    default:
      raise_unknown_format_code(spec, tname);
  }
  if (spec.precision >= 0) raise(Exc_ValueError, "Precision not allowed in integer format specifier");
  if (spec.no_neg_zero) raise(Exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
  if (spec.type == 'c') {
    if (spec.sign) raise(Exc_ValueError, "Sign not allowed with integer format specifier 'c'");
    if (spec.alternate) raise(Exc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
    int64_t cp;
    if (!int_to_i64(self, cp)) raise(Exc_OverflowError, "Python int too large to convert to C long");
    if (cp < 0 || cp > 0x10FFFF) raise(Exc_OverflowError, "%c arg not in range(0x110000)");
    std::string ch;
    utf8_append(ch, uint32_t(cp));
    return format_number(spec, false, "", ch, "", 3, false);
  }
  int base = 10, group = 3;
  const char* prefix = "";
  switch (spec.type) {
    case 'b': base = 2; prefix = "0b"; group = 4; break;
    case 'o': base = 8; prefix = "0o"; group = 4; break;
    case 'x': base = 16; prefix = "0x"; group = 4; break;
    case 'X': base = 16; prefix = "0X"; group = 4; break;
    default: break;
  }
  std::string digits = big_op([&] { return BigArg(self)->to_string(base); });
  bool negative = digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (spec.type == 'X') {
    for (char& c : digits) c = char(std::toupper(static_cast<unsigned char>(c)));
  }
  return format_number(spec, negative, spec.alternate ? prefix : "", digits, "", group);
}

// ---------------------------------------------------------------------------
// Slots

void int_dealloc(Object* o) noexcept {
  IntObject* i = as_int(o);
  if (i->big) free_big(i->big);
  i->big = nullptr;
  object_free(o, type_of(o)->basicsize);
}

Ref<Object> int_repr_slot(ThreadState&, Object* o) { return str_new(int_to_decimal(o)); }

int64_t int_hash_slot(ThreadState&, Object* o) { return int_hash(o); }

bool compare_result(int c, CompareOp op) noexcept {
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

Ref<Object> int_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if (!is_int(a) || !is_int(b)) return not_implemented();
  return bool_ref(compare_result(int_compare(a, b), op));
}

template <Ref<Object> (*F)(const Object*, const Object*)>
Ref<Object> binary_slot(ThreadState&, Object* a, Object* b) {
  if (!is_int(a) || !is_int(b)) return not_implemented();
  return F(a, b);
}

Ref<Object> int_pow_slot(ThreadState&, Object* a, Object* b) {
  if (!is_int(a) || !is_int(b)) return not_implemented();
  return int_pow(a, b, nullptr);
}

Ref<Object> int_neg_slot(ThreadState&, Object* o) { return int_neg(o); }
Ref<Object> int_pos_slot(ThreadState&, Object* o) { return int_exact(o); }
Ref<Object> int_invert_slot(ThreadState&, Object* o) { return int_invert(o); }
Ref<Object> int_abs_slot(ThreadState&, Object* o) { return int_sign(o) < 0 ? int_neg(o) : int_exact(o); }
bool int_bool_slot(ThreadState&, Object* o) { return int_sign(o) != 0; }
Ref<Object> int_index_slot(ThreadState&, Object* o) { return int_exact(o); }
Ref<Object> int_float_slot(ThreadState&, Object* o) { return float_from(int_to_double(o)); }

// A new instance of `type` (int or a subclass) with the value of the exact int `v`.
Ref<Object> int_subtype_from(TypeObject* type, Object* v) {
  if (type == &Int_type) return newref(v);
  Ref<Object> r = steal(type_alloc(type));
  IntObject* dst = as_int(r.get());
  const IntObject* src = as_int(v);
  dst->small = src->small;
  if (src->big) dst->big = big_op([&] { return new_big(BigInt(*src->big)); });
  return r;
}

Ref<Object> int_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2] = {};
  parse_args("int", args, nargs, kwnames, {"%x", "base"}, 0, a);
  Object* x = a[0];
  Ref<Object> value;
  if (!a[1]) {
    if (!x) {
      value = int_from_i64(0);
    } else if (type_check(x, &Bytes_type) && !type_of(x)->nb_int && !type_of(x)->nb_index) {
      value = int_parse_or_raise(bytes_view(x), 10, str_view(bytes_repr(x)));
    } else {
      value = number_int(ts, x);
    }
  } else {
    if (!x) raise(Exc_TypeError, "int() missing string argument");
    int64_t base = index_as_i64(ts, a[1]);
    if (base != 0 && (base < 2 || base > 36)) raise(Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (is_str(x)) {
      value = int_parse_or_raise(str_view(x), int(base), shown_str(str_view(x)));
    } else if (type_check(x, &Bytes_type)) {
      value = int_parse_or_raise(bytes_view(x), int(base), str_view(bytes_repr(x)));
    } else {
      raise(Exc_TypeError, "int() can't convert non-string with explicit base");
    }
  }
  if (!type_check_exact(value, &Int_type)) value = int_exact(value);
  return int_subtype_from(type, value);
}

// ---------------------------------------------------------------------------
// Methods

using Args = Object* const*;

Ref<Object> int_bit_length_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bit_length", kwnames);
  check_nargs("bit_length", nargs, 0, 0);
  return int_from_u64(int_bit_length(self));
}

Ref<Object> int_bit_count_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bit_count", kwnames);
  check_nargs("bit_count", nargs, 0, 0);
  const IntObject* i = as_int(self);
  if (i->big) return int_from_u64(i->big->bit_count());
  uint64_t m = i->small < 0 ? uint64_t(0) - uint64_t(i->small) : uint64_t(i->small);
  return int_from_i64(__builtin_popcountll(m));
}

Ref<Object> int_self_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("method", kwnames);
  check_nargs("method", nargs, 0, 0);
  return int_exact(self);
}

Ref<Object> int_as_integer_ratio_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("as_integer_ratio", kwnames);
  check_nargs("as_integer_ratio", nargs, 0, 0);
  Ref<Object> n = int_exact(self), d = int_from_i64(1);
  return tuple_pack({n.get(), d.get()});
}

Ref<Object> int_getnewargs_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__getnewargs__", kwnames);
  check_nargs("__getnewargs__", nargs, 0, 0);
  Ref<Object> v = int_exact(self);
  return tuple_pack({v.get()});
}

Ref<Object> int_round_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  Object* a[1] = {};
  parse_args("__round__", args, nargs, kwnames, {"%ndigits"}, 0, a);
  if (!a[0] || is_none(a[0])) return int_exact(self);
  Ref<Object> nd = number_index(ts, a[0]);
  if (int_sign(nd) >= 0) return int_exact(self);
  // Round half to even at 10**k, k = -ndigits.
  int64_t k;
  if (!int_to_i64(nd, k) || -uint64_t(k) > int_bit_length(self) / 3 + 2) return int_from_i64(0);  // |self| < 10**k / 2
  k = -k;
  return big_op([&] {
    BigArg v(self);
    BigInt p = BigInt::pow(BigInt::from_i64(10), uint64_t(k)), q, r;
    BigInt::divmod_floor(*v, p, &q, &r);
    int c = BigInt::compare(r.shl(1), p);
    if (c > 0 || (c == 0 && q.is_odd())) q = q + BigInt::from_i64(1);
    return int_from_big(q * p);
  });
}

Ref<Object> int_format_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__format__", kwnames);
  check_nargs("__format__", nargs, 1, 1);
  if (!is_str(args[0])) raise_type_not("__format__() argument must be str", args[0]);
  std::string_view sv = str_view(args[0]);
  if (sv.empty()) return str(ts, self);
  FormatSpec spec = parse_format_spec(sv, type_name(self));
  return str_new(format_int(self, spec));
}

bool parse_byteorder(Object* o, const char* fname) {
  if (!o) return false;  // default 'big'
  if (!is_str(o)) raise_fmt(Exc_TypeError, "%s() argument 'byteorder' must be str, not %s", fname, type_name(o));
  std::string_view s = str_view(o);
  if (s == "little") return true;
  if (s == "big") return false;
  raise(Exc_ValueError, "byteorder must be either 'little' or 'big'");
}

Ref<Object> int_to_bytes_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  Object* a[3] = {};
  parse_args("to_bytes", args, nargs, kwnames, {"length", "byteorder", "$signed"}, 0, a);
  int64_t length = a[0] ? index_as_i64(ts, a[0]) : 1;
  if (length < 0) raise(Exc_ValueError, "length argument must be non-negative");
  bool little = parse_byteorder(a[1], "to_bytes");
  bool is_signed = a[2] && is_true(ts, a[2]);
  std::string buf(size_t(length), '\0');
  bool ok = big_op([&] {
    return BigArg(self)->to_bytes_le(reinterpret_cast<uint8_t*>(buf.data()), buf.size(), is_signed);
  });
  if (!ok) {
    if (int_sign(self) < 0 && !is_signed) raise(Exc_OverflowError, "can't convert negative int to unsigned");
    raise(Exc_OverflowError, "int too big to convert");
  }
  if (!little) std::reverse(buf.begin(), buf.end());
  return bytes_new(buf);
}

Ref<Object> int_from_bytes_m(ThreadState& ts, Object* cls, Args args, size_t nargs, Object* kwnames) {
  Object* a[3] = {};
  parse_args("from_bytes", args, nargs, kwnames, {"bytes", "byteorder", "$signed"}, 1, a);
  bool little = parse_byteorder(a[1], "from_bytes");
  bool is_signed = a[2] && is_true(ts, a[2]);
  Ref<Object> data = type_check(a[0], &Bytes_type) ? newref(a[0]) : call1(ts, &Bytes_type, a[0]);
  std::string buf(bytes_view(data));
  if (!little) std::reverse(buf.begin(), buf.end());
  Ref<Object> v = big_op([&] {
    return int_from_big(BigInt::from_bytes_le(reinterpret_cast<const uint8_t*>(buf.data()), buf.size(), is_signed));
  });
  if (cls != &Int_type) return call1(ts, cls, v);
  return v;
}

// divmod() has no slot of its own: int.__divmod__ / __rdivmod__ are methods.
Ref<Object> divmod_pair(const Object* a, const Object* b) {
  if (int_sign(b) == 0) zero_division("integer division or modulo by zero");
  Ref<Object> q = int_floordiv(a, b), r = int_mod(a, b);
  return tuple_pack({q.get(), r.get()});
}

Ref<Object> int_divmod_m(ThreadState&, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__divmod__", kwnames);
  check_nargs("__divmod__", nargs, 1, 1);
  if (!is_int(args[0])) return not_implemented();
  return divmod_pair(self, args[0]);
}

Ref<Object> int_rdivmod_m(ThreadState&, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__rdivmod__", kwnames);
  check_nargs("__rdivmod__", nargs, 1, 1);
  if (!is_int(args[0])) return not_implemented();
  return divmod_pair(args[0], self);
}

// CPython's size: a 24-byte header plus 4 bytes per 30-bit digit (sys.getsizeof).
Ref<Object> int_sizeof_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__sizeof__", kwnames);
  check_nargs("__sizeof__", nargs, 0, 0);
  size_t digits = (int_bit_length(self) + 29) / 30;
  return int_from_u64(24 + 4 * std::max<size_t>(digits, 1));  // 0 has one digit too
}

const MethodDef kIntMethods[] = {
    {"bit_length", int_bit_length_m, METH_DEFAULT, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count_m, METH_DEFAULT, "Number of ones in the binary representation of abs(self)."},
    {"to_bytes", int_to_bytes_m, METH_DEFAULT, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes_m, METH_CLASS, "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio_m, METH_DEFAULT, "Return integer ratio."},
    {"conjugate", int_self_m, METH_DEFAULT, "Returns self, the complex conjugate of any int."},
    {"__trunc__", int_self_m, METH_DEFAULT, "Truncating an Integral returns itself."},
    {"__floor__", int_self_m, METH_DEFAULT, "Flooring an Integral returns itself."},
    {"__ceil__", int_self_m, METH_DEFAULT, "Ceiling of an Integral returns itself."},
    {"__round__", int_round_m, METH_DEFAULT, "Rounding an Integral returns itself."},
    {"__format__", int_format_m, METH_DEFAULT, "Convert to a string according to format_spec."},
    {"__getnewargs__", int_getnewargs_m, METH_DEFAULT, nullptr},
    {"__divmod__", int_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", int_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {"__sizeof__", int_sizeof_m, METH_DEFAULT, "Returns size in memory, in bytes."},
    {nullptr, nullptr},
};

Ref<Object> int_get_self(ThreadState&, Object* self) { return int_exact(self); }
Ref<Object> int_get_zero(ThreadState&, Object*) { return int_from_i64(0); }
Ref<Object> int_get_one(ThreadState&, Object*) { return int_from_i64(1); }

const GetSetDef kIntGetSets[] = {
    {"real", int_get_self, nullptr},
    {"imag", int_get_zero, nullptr},
    {"numerator", int_get_self, nullptr},
    {"denominator", int_get_one, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_int(TypeObject& t) {
  init_int_cache();
  t.name = "int";
  t.basicsize = sizeof(IntObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_INT_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc =
      "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
      "Convert a number or string to an integer, or return 0 if no arguments are given.";
  t.methods = kIntMethods;
  t.getsets = kIntGetSets;
  t.dealloc = int_dealloc;
  t.dealloc_is_leaf = true;  // frees only its own memory
  t.repr = int_repr_slot;
  t.hash = int_hash_slot;
  t.richcompare = int_richcompare;
  t.new_ = int_new;
  t.nb[NB_ADD] = binary_slot<int_add>;
  t.nb[NB_SUBTRACT] = binary_slot<int_sub>;
  t.nb[NB_MULTIPLY] = binary_slot<int_mul>;
  t.nb[NB_FLOOR_DIVIDE] = binary_slot<int_floordiv>;
  t.nb[NB_REMAINDER] = binary_slot<int_mod>;
  t.nb[NB_TRUE_DIVIDE] = binary_slot<int_truediv>;
  t.nb[NB_POWER] = int_pow_slot;
  t.nb[NB_LSHIFT] = binary_slot<int_lshift>;
  t.nb[NB_RSHIFT] = binary_slot<int_rshift>;
  t.nb[NB_AND] = binary_slot<int_and>;
  t.nb[NB_OR] = binary_slot<int_or>;
  t.nb[NB_XOR] = binary_slot<int_xor>;
  t.nb_negative = int_neg_slot;
  t.nb_positive = int_pos_slot;
  t.nb_invert = int_invert_slot;
  t.nb_absolute = int_abs_slot;
  t.nb_bool = int_bool_slot;
  t.nb_index = int_index_slot;
  t.nb_int = int_index_slot;
  t.nb_float = int_float_slot;
}

}  // namespace

GK_REGISTER_TYPE(Int_type, setup_int);

}  // namespace gk
