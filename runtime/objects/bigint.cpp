// runtime/objects/bigint.cpp — the arithmetic of BigInt (see bigint.hpp).
//
// Layout of the file: magnitude kernels on raw limb arrays (add, subtract,
// multiply with Karatsuba, Knuth's division), then the signed BigInt
// operations built on them, then conversions (strings, doubles, bytes).
//
// Magnitude kernels work on little-endian arrays of 32-bit limbs with 64-bit
// intermediates; they take (pointer, length) pairs and may be handed arrays
// with leading zero limbs unless they say otherwise.
#include "objects/bigint.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace gk {

namespace {

using Limb = BigInt::Limb;
using DLimb = BigInt::DLimb;
using Limbs = BigInt::Limbs;

constexpr int kBits = BigInt::kLimbBits;
constexpr size_t kKaratsubaThreshold = 40;  // limbs of the shorter operand; measured crossover ~32..64

// Length without leading zero limbs.
size_t norm_len(const Limb* a, size_t n) noexcept {
  while (n > 0 && a[n - 1] == 0) --n;
  return n;
}

int cmp_mag(const Limb* a, size_t na, const Limb* b, size_t nb) noexcept {
  na = norm_len(a, na);
  nb = norm_len(b, nb);
  if (na != nb) return na < nb ? -1 : 1;
  for (size_t i = na; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// r[0..nr) += a[0..na), na <= nr; returns the carry out of r's top limb.
Limb add_into(Limb* r, size_t nr, const Limb* a, size_t na) noexcept {
  DLimb carry = 0;
  size_t i = 0;
  for (; i < na; ++i) {
    DLimb s = DLimb(r[i]) + a[i] + carry;
    r[i] = Limb(s);
    carry = s >> kBits;
  }
  for (; carry && i < nr; ++i) {
    DLimb s = DLimb(r[i]) + carry;
    r[i] = Limb(s);
    carry = s >> kBits;
  }
  return Limb(carry);
}

// r[0..nr) -= a[0..na), na <= nr; returns the borrow out of r's top limb.
Limb sub_into(Limb* r, size_t nr, const Limb* a, size_t na) noexcept {
  Limb borrow = 0;
  size_t i = 0;
  for (; i < na; ++i) {
    DLimb d = DLimb(r[i]) - a[i] - borrow;
    r[i] = Limb(d);
    borrow = Limb((d >> kBits) & 1);
  }
  for (; borrow && i < nr; ++i) {
    DLimb d = DLimb(r[i]) - borrow;
    r[i] = Limb(d);
    borrow = Limb((d >> kBits) & 1);
  }
  return borrow;
}

// In place: a = a * m + add, growing a by one limb when needed.
void mul_limb_add_inplace(Limbs& a, Limb m, Limb add) {
  DLimb carry = add;
  for (Limb& x : a) {
    DLimb p = DLimb(x) * m + carry;
    x = Limb(p);
    carry = p >> kBits;
  }
  if (carry) a.push_back(Limb(carry));
}

// In place: a = a / d; returns a % d. Leaves leading zeros for the caller to trim.
Limb div_limb_inplace(Limb* a, size_t na, Limb d) noexcept {
  DLimb rem = 0;
  for (size_t i = na; i-- > 0;) {
    DLimb cur = (rem << kBits) | a[i];
    a[i] = Limb(cur / d);
    rem = cur % d;
  }
  return Limb(rem);
}

void mul_schoolbook(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* out) noexcept {
  std::fill(out, out + na + nb, 0);
  for (size_t j = 0; j < nb; ++j) {
    DLimb carry = 0;
    const DLimb bj = b[j];
    if (bj == 0) continue;
    Limb* o = out + j;
    for (size_t i = 0; i < na; ++i) {
      DLimb p = DLimb(a[i]) * bj + o[i] + carry;
      o[i] = Limb(p);
      carry = p >> kBits;
    }
    o[na] = Limb(carry);
  }
}

void mul_square(const Limb* a, size_t n, Limb* out) noexcept;

// out[0..na+nb) = a * b. Karatsuba when both operands are long; an operand
// more than twice as long as the other is cut into pieces of the shorter's size.
void mul_mag(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* out) {
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  if (nb < kKaratsubaThreshold) {
    if (a == b && na == nb) {
      mul_square(a, na, out);
    } else {
      mul_schoolbook(a, na, b, nb, out);
    }
    return;
  }
  if (na >= 2 * nb) {
    // Unbalanced: out = sum of (piece_k * b) << (k * nb limbs).
    std::fill(out, out + na + nb, 0);
    Limbs tmp(2 * nb);
    for (size_t off = 0; off < na; off += nb) {
      size_t len = std::min(nb, na - off);
      mul_mag(a + off, len, b, nb, tmp.data());
      add_into(out + off, na + nb - off, tmp.data(), len + nb);
    }
    return;
  }
  // Karatsuba: a = a1*B^m + a0, b = b1*B^m + b0 (nb > m because na < 2*nb).
  const size_t m = na / 2;
  const Limb *a0 = a, *a1 = a + m, *b0 = b, *b1 = b + m;
  const size_t na1 = na - m, nb1 = nb - m;
  Limbs z0(2 * m), z2(na1 + nb1), sa(m + 2, 0), sb(m + 2, 0), z1(2 * m + 4);
  mul_mag(a0, m, b0, m, z0.data());
  mul_mag(a1, na1, b1, nb1, z2.data());
  // sa = a0 + a1, sb = b0 + b1 (each at most m + 2 limbs; the high halves
  // may be one limb longer than the low ones)
  std::copy(a0, a0 + m, sa.begin());
  add_into(sa.data(), sa.size(), a1, na1);
  std::copy(b0, b0 + m, sb.begin());
  add_into(sb.data(), sb.size(), b1, nb1);
  size_t nsa = norm_len(sa.data(), sa.size()), nsb = norm_len(sb.data(), sb.size());
  std::fill(z1.begin(), z1.end(), 0);
  if (nsa && nsb) mul_mag(sa.data(), nsa, sb.data(), nsb, z1.data());
  sub_into(z1.data(), z1.size(), z0.data(), z0.size());
  sub_into(z1.data(), z1.size(), z2.data(), z2.size());
  // out = z0 + z1*B^m + z2*B^2m
  const size_t nout = na + nb;
  std::fill(out, out + nout, 0);
  std::copy(z0.begin(), z0.end(), out);
  std::copy(z2.begin(), z2.end(), out + 2 * m);
  size_t nz1 = std::min(norm_len(z1.data(), z1.size()), nout - m);
  add_into(out + m, nout - m, z1.data(), nz1);
}

// out[0..2n) = a^2: each cross product computed once, then doubled.
void mul_square(const Limb* a, size_t n, Limb* out) noexcept {
  std::fill(out, out + 2 * n, 0);
  for (size_t i = 0; i < n; ++i) {
    DLimb carry = 0;
    const DLimb ai = a[i];
    for (size_t j = i + 1; j < n; ++j) {
      DLimb p = ai * a[j] + out[i + j] + carry;
      out[i + j] = Limb(p);
      carry = p >> kBits;
    }
    out[i + n] = Limb(carry);
  }
  // double the cross products
  Limb top = 0;
  for (size_t i = 0; i < 2 * n; ++i) {
    Limb v = out[i];
    out[i] = (v << 1) | top;
    top = v >> 31;
  }
  // add the squares on the diagonal
  DLimb carry = 0;
  for (size_t i = 0; i < n; ++i) {
    DLimb sq = DLimb(a[i]) * a[i];
    DLimb lo = DLimb(out[2 * i]) + Limb(sq) + carry;
    out[2 * i] = Limb(lo);
    DLimb hi = DLimb(out[2 * i + 1]) + (sq >> kBits) + (lo >> kBits);
    out[2 * i + 1] = Limb(hi);
    carry = hi >> kBits;
  }
}

// Knuth's algorithm D. u (nu limbs) / v (nv limbs, nv >= 2, v[nv-1] != 0,
// nu >= nv): q gets nu-nv+1 limbs, r gets nv limbs (either may be null).
void divmod_knuth(const Limb* u, size_t nu, const Limb* v, size_t nv, Limbs* q, Limbs* r) {
  const int s = std::countl_zero(v[nv - 1]);
  Limbs vn(nv), un(nu + 1);
  // Normalise: shift both so that the divisor's top bit is set.
  for (size_t i = nv; i-- > 1;) vn[i] = (v[i] << s) | (s ? Limb(DLimb(v[i - 1]) >> (kBits - s)) : 0);
  vn[0] = v[0] << s;
  un[nu] = s ? Limb(DLimb(u[nu - 1]) >> (kBits - s)) : 0;
  for (size_t i = nu; i-- > 1;) un[i] = (u[i] << s) | (s ? Limb(DLimb(u[i - 1]) >> (kBits - s)) : 0);
  un[0] = u[0] << s;

  Limbs qq(nu - nv + 1);
  const DLimb vtop = vn[nv - 1], vnext = vn[nv - 2];
  constexpr DLimb B = DLimb(1) << kBits;
  for (size_t j = nu - nv + 1; j-- > 0;) {
    // Estimate qhat from the top two limbs of the current remainder, then
    // correct it with the next limb: the estimate is at most one too large after.
    DLimb num = (DLimb(un[j + nv]) << kBits) | un[j + nv - 1];
    DLimb qhat = num / vtop, rhat = num % vtop;
    while (qhat >= B || qhat * vnext > ((rhat << kBits) | un[j + nv - 2])) {
      --qhat;
      rhat += vtop;
      if (rhat >= B) break;
    }
    // un[j..j+nv] -= qhat * vn
    int64_t borrow = 0;
    DLimb carry = 0;
    for (size_t i = 0; i < nv; ++i) {
      DLimb p = qhat * vn[i] + carry;
      carry = p >> kBits;
      int64_t t = int64_t(un[i + j]) - int64_t(Limb(p)) - borrow;
      un[i + j] = Limb(t);
      borrow = t < 0 ? 1 : 0;
    }
    int64_t t = int64_t(un[j + nv]) - int64_t(carry) - borrow;
    un[j + nv] = Limb(t);
    if (t < 0) {
      // qhat was one too large: add the divisor back.
      --qhat;
      add_into(un.data() + j, nv + 1, vn.data(), nv);
    }
    qq[j] = Limb(qhat);
  }
  if (q) *q = std::move(qq);
  if (r) {
    r->assign(nv, 0);
    for (size_t i = 0; i < nv; ++i) {
      (*r)[i] = (un[i] >> s) | (s ? Limb(DLimb(un[i + 1]) << (kBits - s)) : 0);
    }
  }
}

// Magnitude division: q = |a| / |b|, r = |a| % |b| (nb normalised, nonzero).
void divmod_mag(const Limbs& a, const Limbs& b, Limbs* q, Limbs* r) {
  if (cmp_mag(a.data(), a.size(), b.data(), b.size()) < 0) {
    if (q) q->clear();
    if (r) *r = a;
    return;
  }
  if (b.size() == 1) {
    Limbs qq = a;
    Limb rem = div_limb_inplace(qq.data(), qq.size(), b[0]);
    if (q) *q = std::move(qq);
    if (r) {
      r->clear();
      if (rem) r->push_back(rem);
    }
    return;
  }
  divmod_knuth(a.data(), a.size(), b.data(), b.size(), q, r);
}

BigInt make(Limbs&& mag, bool neg) {
  BigInt r;
  r.mag = std::move(mag);
  size_t n = norm_len(r.mag.data(), r.mag.size());
  r.mag.resize(n);
  r.neg = neg && n > 0;
  return r;
}

Limbs mag_add(const Limbs& a, const Limbs& b) {
  const Limbs& lo = a.size() < b.size() ? a : b;
  const Limbs& hi = a.size() < b.size() ? b : a;
  Limbs r(hi.size() + 1, 0);
  std::copy(hi.begin(), hi.end(), r.begin());
  r[hi.size()] = add_into(r.data(), hi.size(), lo.data(), lo.size());
  return r;
}

// |a| - |b|, requires |a| >= |b|.
Limbs mag_sub(const Limbs& a, const Limbs& b) {
  Limbs r = a;
  sub_into(r.data(), r.size(), b.data(), b.size());
  return r;
}

// a + b where a and b carry explicit signs.
BigInt signed_add(const BigInt& a, bool aneg, const BigInt& b, bool bneg) {
  if (aneg == bneg) return make(mag_add(a.mag, b.mag), aneg);
  int c = cmp_mag(a.mag.data(), a.mag.size(), b.mag.data(), b.mag.size());
  if (c == 0) return BigInt();
  if (c > 0) return make(mag_sub(a.mag, b.mag), aneg);
  return make(mag_sub(b.mag, a.mag), bneg);
}

// Two's complement of value over n limbs (n large enough to hold a sign bit).
Limbs to_twos(const BigInt& v, size_t n) {
  Limbs r(n, 0);
  std::copy(v.mag.begin(), v.mag.end(), r.begin());
  if (v.neg) {
    for (Limb& x : r) x = ~x;
    Limb one = 1;
    add_into(r.data(), n, &one, 1);
  }
  return r;
}

BigInt from_twos(Limbs&& r) {
  bool neg = !r.empty() && (r.back() >> (kBits - 1));
  if (neg) {
    for (Limb& x : r) x = ~x;
    Limb one = 1;
    add_into(r.data(), r.size(), &one, 1);
  }
  return make(std::move(r), neg);
}

template <class Op>
BigInt bitwise(const BigInt& a, const BigInt& b, Op op) {
  size_t n = std::max(a.mag.size(), b.mag.size()) + 1;
  Limbs x = to_twos(a, n), y = to_twos(b, n);
  for (size_t i = 0; i < n; ++i) x[i] = op(x[i], y[i]);
  return from_twos(std::move(x));
}

int digit_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

// ---------------------------------------------------------------------------
// Construction, invariant.

void BigInt::trim() noexcept {
  mag.resize(norm_len(mag.data(), mag.size()));
  if (mag.empty()) neg = false;
}

bool BigInt::check() const noexcept { return (mag.empty() || mag.back() != 0) && !(mag.empty() && neg); }

BigInt BigInt::from_u64(uint64_t v) {
  BigInt r;
  if (v) r.mag.push_back(Limb(v));
  if (v >> kBits) r.mag.push_back(Limb(v >> kBits));
  return r;
}

BigInt BigInt::from_i64(int64_t v) {
  BigInt r = from_u64(v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v));
  r.neg = v < 0;
  return r;
}

BigInt BigInt::from_double(double d) {
  d = std::trunc(d);
  bool negative = d < 0;
  d = std::fabs(d);
  if (d < 18446744073709551616.0) {  // 2^64
    BigInt r = from_u64(uint64_t(d));
    r.neg = negative && !r.mag.empty();
    return r;
  }
  int e;
  double m = std::frexp(d, &e);  // d = m * 2^e, m in [0.5, 1), e > 64
  BigInt r = from_u64(uint64_t(std::ldexp(m, 53))).shl(uint64_t(e - 53));
  r.neg = negative;
  return r;
}

// ---------------------------------------------------------------------------
// Queries.

bool BigInt::to_u64(uint64_t& out) const noexcept {
  if (neg || mag.size() > 2) return false;
  out = mag.empty() ? 0 : (mag.size() == 1 ? mag[0] : (uint64_t(mag[1]) << kBits) | mag[0]);
  return true;
}

bool BigInt::to_i64(int64_t& out) const noexcept {
  if (mag.size() > 2) return false;
  uint64_t m = mag.empty() ? 0 : (mag.size() == 1 ? mag[0] : (uint64_t(mag[1]) << kBits) | mag[0]);
  if (!neg) {
    if (m > uint64_t(INT64_MAX)) return false;
    out = int64_t(m);
  } else {
    if (m > uint64_t(INT64_MAX) + 1) return false;
    out = int64_t(uint64_t(0) - m);
  }
  return true;
}

size_t BigInt::bit_length() const noexcept {
  if (mag.empty()) return 0;
  return (mag.size() - 1) * kBits + (kBits - std::countl_zero(mag.back()));
}

uint64_t BigInt::bit_count() const noexcept {
  uint64_t n = 0;
  for (Limb x : mag) n += std::popcount(x);
  return n;
}

// The top 64 bits of |value| (value has nbits > 64 bits), with the lowest bit
// set when any bit below them is non-zero ("sticky"): converting that to a
// double rounds exactly as converting the whole value would.
static uint64_t top64_sticky(const BigInt::Limbs& mag, size_t nbits) noexcept {
  size_t shift = nbits - 64;
  size_t limb = shift / kBits, bit = shift % kBits;
  // gather 96 bits starting at limb `limb`
  unsigned __int128 acc = 0;
  for (size_t i = 0; i < 3 && limb + i < mag.size(); ++i) acc |= (unsigned __int128)mag[limb + i] << (kBits * i);
  uint64_t top = uint64_t(acc >> bit);
  bool sticky = (bit && (mag[limb] & ((Limb(1) << bit) - 1)));
  for (size_t i = 0; !sticky && i < limb; ++i) sticky = mag[i] != 0;
  return top | (sticky ? 1 : 0);
}

double BigInt::to_double(bool* overflow) const noexcept {
  if (overflow) *overflow = false;
  size_t nbits = bit_length();
  double d;
  if (nbits <= 64) {
    uint64_t m = mag.empty() ? 0 : (mag.size() == 1 ? mag[0] : (uint64_t(mag[1]) << kBits) | mag[0]);
    d = double(m);  // one correctly rounded conversion
  } else if (nbits > 1024) {
    if (overflow) *overflow = true;
    d = HUGE_VAL;
  } else {
    uint64_t top = top64_sticky(mag, nbits);
    d = std::ldexp(double(top), int(nbits - 64));
    if (std::isinf(d) && overflow) *overflow = true;
  }
  return neg ? -d : d;
}

double BigInt::frexp(int64_t* exp) const noexcept {
  size_t nbits = bit_length();
  if (nbits == 0) {
    *exp = 0;
    return 0.0;
  }
  uint64_t top;
  if (nbits <= 64) {
    top = mag.size() == 1 ? mag[0] : (uint64_t(mag[1]) << kBits) | mag[0];
  } else {
    top = top64_sticky(mag, nbits);
  }
  int e;
  double m = std::frexp(double(top), &e);  // rounding may carry into a new power of two
  *exp = int64_t(e) + int64_t(nbits > 64 ? nbits - 64 : 0);
  return m;
}

int BigInt::compare_abs(const BigInt& a, const BigInt& b) noexcept {
  return cmp_mag(a.mag.data(), a.mag.size(), b.mag.data(), b.mag.size());
}

int BigInt::compare(const BigInt& a, const BigInt& b) noexcept {
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  int c = compare_abs(a, b);
  return a.neg ? -c : c;
}

// ---------------------------------------------------------------------------
// Arithmetic.

BigInt operator+(const BigInt& a, const BigInt& b) { return signed_add(a, a.neg, b, b.neg); }
BigInt operator-(const BigInt& a, const BigInt& b) { return signed_add(a, a.neg, b, !b.neg); }

BigInt BigInt::operator-() const {
  BigInt r = *this;
  r.neg = !neg && !mag.empty();
  return r;
}

BigInt BigInt::abs() const {
  BigInt r = *this;
  r.neg = false;
  return r;
}

BigInt operator*(const BigInt& a, const BigInt& b) {
  if (a.mag.empty() || b.mag.empty()) return BigInt();
  Limbs r(a.mag.size() + b.mag.size());
  mul_mag(a.mag.data(), a.mag.size(), b.mag.data(), b.mag.size(), r.data());
  return make(std::move(r), a.neg != b.neg);
}

void BigInt::divmod_trunc(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
  if (b.mag.empty()) throw std::domain_error("BigInt division by zero");
  const bool qneg = a.neg != b.neg, rneg = a.neg;  // read before q or r (which may alias a or b) is written
  Limbs qm, rm;
  divmod_mag(a.mag, b.mag, q ? &qm : nullptr, &rm);
  if (q) *q = make(std::move(qm), qneg);
  if (r) *r = make(std::move(rm), rneg);
}

void BigInt::divmod_floor(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
  BigInt qt, rt;
  divmod_trunc(a, b, &qt, &rt);
  // Truncation and floor differ when the remainder is non-zero and the signs differ.
  if (!rt.is_zero() && rt.neg != b.neg) {
    if (q) qt = qt - from_i64(1);
    if (r) rt = rt + b;
  }
  if (q) *q = std::move(qt);
  if (r) *r = std::move(rt);
}

BigInt::Limb BigInt::mod_limb(const BigInt& a, Limb d) noexcept {
  DLimb rem = 0;
  for (size_t i = a.mag.size(); i-- > 0;) rem = ((rem << kBits) | a.mag[i]) % d;
  return Limb(rem);
}

double BigInt::true_divide(const BigInt& a, const BigInt& b, bool* overflow) {
  constexpr int kMant = 53;      // DBL_MANT_DIG
  constexpr int kMinExp = -1021;  // DBL_MIN_EXP
  constexpr int kMaxExp = 1024;   // DBL_MAX_EXP
  *overflow = false;
  if (b.mag.empty()) throw std::domain_error("BigInt division by zero");
  const bool negative = a.neg != b.neg;
  if (a.mag.empty()) return negative ? -0.0 : 0.0;
  const int64_t abits = int64_t(a.bit_length()), bbits = int64_t(b.bit_length());
  // Both exactly representable: one correctly rounded IEEE division.
  if (abits <= kMant && bbits <= kMant) {
    double x = a.to_double(nullptr), y = b.to_double(nullptr);
    return x / y;
  }
  // 2^(diff-1) < |a/b| < 2^(diff+1)
  const int64_t diff = abits - bbits;
  if (diff > kMaxExp + 1) {
    *overflow = true;
    return 0.0;
  }
  if (diff < kMinExp - kMant - 2) return negative ? -0.0 : 0.0;
  // Scale so the integer quotient has kMant+2 or kMant+3 bits (fewer in the
  // subnormal range), then round it once with a sticky bit for the remainder.
  const int64_t shift = std::max<int64_t>(diff, kMinExp) - kMant - 3;
  BigInt x = a.abs(), y = b.abs();
  if (shift < 0) {
    x = x.shl(uint64_t(-shift));
  } else {
    y = y.shl(uint64_t(shift));
  }
  BigInt q, r;
  divmod_trunc(x, y, &q, &r);
  uint64_t qv = 0;
  q.to_u64(qv);  // fits: at most kMant + 4 bits
  if (!r.is_zero()) qv |= 1;
  const int64_t qbits = 64 - std::countl_zero(qv);
  const int64_t e = qbits + shift;  // |a/b| in [2^(e-1), 2^e)
  int64_t drop = std::max<int64_t>(e, kMinExp) - kMant - shift;  // low bits of qv to round away
  if (drop > 0) {
    uint64_t low = qv & ((uint64_t(1) << drop) - 1), half = uint64_t(1) << (drop - 1);
    qv >>= drop;
    if (low > half || (low == half && (qv & 1))) ++qv;
  } else {
    drop = 0;
  }
  if (e > kMaxExp || (e == kMaxExp && qv >> kMant)) {
    *overflow = true;
    return 0.0;
  }
  double d = std::ldexp(double(qv), int(shift + drop));
  if (std::isinf(d)) {
    *overflow = true;
    return 0.0;
  }
  return negative ? -d : d;
}

BigInt BigInt::pow(const BigInt& base, uint64_t exp) {
  BigInt result = from_i64(1);
  if (exp == 0) return result;
  // Left-to-right binary exponentiation.
  int top = 63 - std::countl_zero(exp);
  for (int i = top; i >= 0; --i) {
    result = result * result;
    if ((exp >> i) & 1) result = result * base;
  }
  return result;
}

BigInt BigInt::pow_mod(const BigInt& base, const BigInt& exp, const BigInt& m) {
  BigInt mod = m.abs();
  BigInt b;
  divmod_floor(base, mod, nullptr, &b);  // 0 <= b < |m|
  BigInt result = from_i64(1);
  divmod_floor(result, mod, nullptr, &result);  // |m| == 1 gives 0
  size_t nbits = exp.bit_length();
  for (size_t i = nbits; i-- > 0;) {
    result = result * result;
    divmod_trunc(result, mod, nullptr, &result);
    if ((exp.mag[i / kBits] >> (i % kBits)) & 1) {
      result = result * b;
      divmod_trunc(result, mod, nullptr, &result);
    }
  }
  if (m.neg && !result.is_zero()) result = result - mod;
  return result;
}

bool BigInt::mod_inverse(const BigInt& a, const BigInt& m, BigInt& out) {
  // Extended Euclid on (a mod |m|, |m|), tracking only a's coefficient.
  BigInt mod = m.abs();
  BigInt r0, r1 = mod;
  divmod_floor(a, mod, nullptr, &r0);
  BigInt s0 = from_i64(1), s1;
  while (!r1.is_zero()) {
    BigInt q, r;
    divmod_floor(r0, r1, &q, &r);
    BigInt s = s0 - q * s1;
    r0 = std::move(r1);
    r1 = std::move(r);
    s0 = std::move(s1);
    s1 = std::move(s);
  }
  if (!(r0.mag.size() == 1 && r0.mag[0] == 1)) {
    if (!(mod.mag.size() == 1 && mod.mag[0] == 1)) return false;
  }
  divmod_floor(s0, mod, nullptr, &out);
  return true;
}

BigInt BigInt::gcd(const BigInt& a, const BigInt& b) {
  BigInt x = a.abs(), y = b.abs();
  while (!y.is_zero()) {
    uint64_t xs, ys;
    if (x.to_u64(xs) && y.to_u64(ys)) {
      while (ys) {
        uint64_t t = xs % ys;
        xs = ys;
        ys = t;
      }
      return from_u64(xs);
    }
    BigInt r;
    divmod_trunc(x, y, nullptr, &r);
    x = std::move(y);
    y = std::move(r);
  }
  return x;
}

BigInt BigInt::isqrt(const BigInt& a) {
  if (a.is_zero()) return BigInt();
  uint64_t small;
  if (a.to_u64(small) && small < (uint64_t(1) << 52)) {
    uint64_t s = uint64_t(std::sqrt(double(small)));  // exact for values below 2^52
    while (s * s > small) --s;
    while ((s + 1) * (s + 1) <= small) ++s;
    return from_u64(s);
  }
  // Newton's iteration from a power of two above the root; decreases monotonically.
  BigInt x = from_i64(1).shl((a.bit_length() + 1) / 2);
  for (;;) {
    BigInt q;
    divmod_trunc(a, x, &q, nullptr);
    BigInt y = (x + q).shr(1);
    if (compare(y, x) >= 0) return x;
    x = std::move(y);
  }
}

BigInt BigInt::shl(uint64_t n) const {
  if (mag.empty() || n == 0) return *this;
  size_t limbs = size_t(n / kBits);
  int bits = int(n % kBits);
  Limbs r(mag.size() + limbs + 1, 0);
  for (size_t i = 0; i < mag.size(); ++i) {
    DLimb v = DLimb(mag[i]) << bits;
    r[i + limbs] |= Limb(v);
    r[i + limbs + 1] = Limb(v >> kBits);
  }
  return make(std::move(r), neg);
}

BigInt BigInt::shr(uint64_t n) const {
  if (mag.empty() || n == 0) return *this;
  if (n >= uint64_t(mag.size()) * kBits) return neg ? from_i64(-1) : BigInt();
  size_t limbs = size_t(n / kBits);
  int bits = int(n % kBits);
  bool lost = false;  // any 1 bit shifted out (for the floor of negatives)
  for (size_t i = 0; i < limbs && !lost; ++i) lost = mag[i] != 0;
  if (bits && (mag[limbs] & ((Limb(1) << bits) - 1))) lost = true;
  Limbs r(mag.size() - limbs);
  for (size_t i = 0; i < r.size(); ++i) {
    DLimb v = mag[i + limbs];
    if (i + limbs + 1 < mag.size()) v |= DLimb(mag[i + limbs + 1]) << kBits;
    r[i] = Limb(v >> bits);
  }
  BigInt res = make(std::move(r), neg);
  if (neg && lost) res = res - from_i64(1);
  return res;
}

BigInt operator&(const BigInt& a, const BigInt& b) {
  if (!a.neg && !b.neg) {
    Limbs r(std::min(a.mag.size(), b.mag.size()));
    for (size_t i = 0; i < r.size(); ++i) r[i] = a.mag[i] & b.mag[i];
    return make(std::move(r), false);
  }
  return bitwise(a, b, [](Limb x, Limb y) { return Limb(x & y); });
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return Limb(x | y); });
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return Limb(x ^ y); });
}
BigInt BigInt::operator~() const { return -(*this + from_i64(1)); }

// ---------------------------------------------------------------------------
// Strings.

namespace {

// The largest power of `base` that fits in a limb, and its exponent.
void chunk_for_base(int base, Limb& power, int& digits) noexcept {
  power = Limb(base);
  digits = 1;
  while (DLimb(power) * Limb(base) <= 0xFFFFFFFFu) {
    power *= Limb(base);
    ++digits;
  }
}

}  // namespace

bool BigInt::from_digits(std::string_view s, int base, BigInt& out) {
  if (s.empty() || base < 2 || base > 36) return false;
  for (char c : s) {
    if (digit_value(c) >= base) return false;
  }
  out = BigInt();
  if (std::has_single_bit(unsigned(base))) {
    // Power-of-two base: pack bits from the least significant digit up.
    const int bpd = std::countr_zero(unsigned(base));
    Limbs r((s.size() * bpd + kBits - 1) / kBits + 1, 0);
    size_t bitpos = 0;
    for (size_t i = s.size(); i-- > 0; bitpos += bpd) {
      DLimb v = DLimb(digit_value(s[i])) << (bitpos % kBits);
      r[bitpos / kBits] |= Limb(v);
      if (v >> kBits) r[bitpos / kBits + 1] |= Limb(v >> kBits);
    }
    out = make(std::move(r), false);
    return true;
  }
  Limb power;
  int per;
  chunk_for_base(base, power, per);
  Limbs r;
  r.reserve(s.size() / per + 2);
  size_t i = 0;
  // First chunk is the remainder so the rest are whole chunks.
  size_t first = s.size() % per;
  if (first == 0) first = per;
  while (i < s.size()) {
    size_t len = i == 0 ? first : size_t(per);
    Limb chunk = 0, scale = 1;
    for (size_t k = 0; k < len; ++k) {
      chunk = chunk * Limb(base) + Limb(digit_value(s[i + k]));
      scale *= Limb(base);
    }
    mul_limb_add_inplace(r, scale, chunk);
    i += len;
  }
  out = make(std::move(r), false);
  return true;
}

std::string BigInt::to_string(int base) const {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (mag.empty()) return "0";
  std::string out;
  if (std::has_single_bit(unsigned(base))) {
    const int bpd = std::countr_zero(unsigned(base));
    const size_t nbits = bit_length();
    const size_t ndigits = (nbits + bpd - 1) / bpd;
    out.resize(ndigits);
    for (size_t d = 0; d < ndigits; ++d) {
      size_t bitpos = d * bpd;
      DLimb v = mag[bitpos / kBits];
      if (bitpos / kBits + 1 < mag.size()) v |= DLimb(mag[bitpos / kBits + 1]) << kBits;
      out[ndigits - 1 - d] = kDigits[(v >> (bitpos % kBits)) & (unsigned(base) - 1)];
    }
  } else {
    // Repeated division by the largest power of the base that fits in a limb;
    // chunks come out least significant first.
    Limb power;
    int per;
    chunk_for_base(base, power, per);
    Limbs work = mag;
    size_t n = work.size();
    Limbs chunks;
    chunks.reserve(n * kBits / (per * 3) + 2);
    while (n > 0) {
      chunks.push_back(div_limb_inplace(work.data(), n, power));
      n = norm_len(work.data(), n);
    }
    out.reserve(chunks.size() * per);
    char buf[40];
    for (size_t c = chunks.size(); c-- > 0;) {
      Limb v = chunks[c];
      int len = 0;
      do {
        buf[len++] = kDigits[v % Limb(base)];
        v /= Limb(base);
      } while (v);
      if (c + 1 != chunks.size()) {
        for (int k = len; k < per; ++k) out.push_back('0');  // inner chunks are zero-padded
      }
      while (len) out.push_back(buf[--len]);
    }
  }
  if (neg) out.insert(out.begin(), '-');
  return out;
}

// ---------------------------------------------------------------------------
// Bytes.

BigInt BigInt::from_bytes_le(const uint8_t* p, size_t n, bool is_signed) {
  Limbs r((n + 3) / 4 + 1, 0);
  for (size_t i = 0; i < n; ++i) r[i / 4] |= Limb(p[i]) << (8 * (i % 4));
  if (is_signed && n > 0 && (p[n - 1] & 0x80)) {
    // Sign-extend to the full limb array, then read it as two's complement.
    for (size_t i = n; i < r.size() * 4; ++i) r[i / 4] |= Limb(0xFF) << (8 * (i % 4));
    return from_twos(std::move(r));
  }
  return make(std::move(r), false);
}

bool BigInt::to_bytes_le(uint8_t* p, size_t n, bool is_signed) const {
  if (neg && !is_signed) return false;
  const size_t nbits = bit_length();
  if (!is_signed) {
    if (nbits > n * 8) return false;
  } else if (!neg) {
    if (nbits + 1 > n * 8 && !mag.empty()) return false;
  } else {
    // -2^(8n-1) is the most negative value that fits: |v| - 1 needs < 8n bits.
    if ((*this + from_i64(1)).bit_length() + 1 > n * 8) return false;
  }
  Limbs t = to_twos(*this, mag.size() + 1);
  const uint8_t fill = neg ? 0xFF : 0x00;
  for (size_t i = 0; i < n; ++i) {
    p[i] = i / 4 < t.size() ? uint8_t(t[i / 4] >> (8 * (i % 4))) : fill;
  }
  return true;
}

}  // namespace gk
