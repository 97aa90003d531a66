// runtime/objects/bigint.hpp — BigInt: a pure C++ arbitrary-precision signed
// integer (sign + magnitude), the arithmetic engine behind Python's `int`.
//
// Owns: BigInt and its operations — add/sub/mul (schoolbook, Karatsuba above
// a threshold), floor and truncating division (Knuth's algorithm D), powers
// (plain and modular, modular inverse), shifts with floor semantics, bitwise
// operations with two's-complement semantics on negative values, conversion
// to and from strings in bases 2..36, to and from doubles (correctly rounded),
// correctly rounded true division, integer square root and gcd.
//
// It knows nothing of the object model: int.cpp wraps it in IntObject (only
// values that do not fit in int64_t are stored as a BigInt there, but BigInt
// itself accepts every value). Limb storage comes from the allocator policy;
// allocation failure throws std::bad_alloc.
//
// Representation
//   mag   little-endian base-2^32 limbs of |value|
//   neg   true iff value < 0
// Invariant: mag has no leading (most significant) zero limbs, and zero is
// {mag empty, neg false}. Checker: BigInt::check().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alloc/policy.hpp"

namespace gk {

// std::allocator-compatible adaptor over the build's allocator policy.
template <class T>
struct PolicyAllocator {
  using value_type = T;
  PolicyAllocator() noexcept = default;
  template <class U>
  PolicyAllocator(const PolicyAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return static_cast<T*>(AllocPolicy::allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { AllocPolicy::deallocate(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const PolicyAllocator<U>&) const noexcept { return true; }
};

struct BigInt {
  using Limb = uint32_t;
  using DLimb = uint64_t;
  static constexpr int kLimbBits = 32;
  using Limbs = std::vector<Limb, PolicyAllocator<Limb>>;

  Limbs mag;         // |value|, little-endian, no leading zero limbs
  bool neg = false;  // never true for zero

  BigInt() noexcept = default;

  // --- construction and conversion -------------------------------------------
  static BigInt from_i64(int64_t v);
  static BigInt from_u64(uint64_t v);
  // Truncates toward zero. Precondition: d is finite.
  static BigInt from_double(double d);
  // Parses bare digits ('0'-'9', 'a'-'z', 'A'-'Z') in `base` (2..36): no sign,
  // whitespace, prefix or underscores. Returns false on an empty string or a
  // digit not valid in the base.
  static bool from_digits(std::string_view digits, int base, BigInt& out);
  // Little-endian two's-complement (is_signed) or unsigned bytes.
  static BigInt from_bytes_le(const uint8_t* p, size_t n, bool is_signed);

  bool is_zero() const noexcept { return mag.empty(); }
  bool is_neg() const noexcept { return neg; }
  int sign() const noexcept { return neg ? -1 : (mag.empty() ? 0 : 1); }
  bool is_odd() const noexcept { return !mag.empty() && (mag[0] & 1); }

  bool to_i64(int64_t& out) const noexcept;  // false if out of range
  bool to_u64(uint64_t& out) const noexcept;  // false if negative or out of range
  // Correctly rounded (round-half-even). Sets *overflow (and returns ±inf)
  // when |value| rounds to 2^1024 or more.
  double to_double(bool* overflow) const noexcept;
  // |value| ≈ m * 2^exp with m in [0.5, 1) (m == 0 for zero); for logarithms
  // of values beyond the double range.
  double frexp(int64_t* exp) const noexcept;
  // Digits in base 2..36 (lowercase), with a leading '-' for negatives.
  std::string to_string(int base = 10) const;
  // Little-endian bytes, two's complement when is_signed. Returns false when
  // the value does not fit in n bytes (or is negative and !is_signed).
  bool to_bytes_le(uint8_t* p, size_t n, bool is_signed) const;

  size_t bit_length() const noexcept;  // of |value|
  uint64_t bit_count() const noexcept;  // popcount of |value|
  bool check() const noexcept;         // the invariant above

  // --- comparison ----------------------------------------------------------------
  static int compare(const BigInt& a, const BigInt& b) noexcept;      // -1/0/1
  static int compare_abs(const BigInt& a, const BigInt& b) noexcept;  // of magnitudes
  friend bool operator==(const BigInt& a, const BigInt& b) noexcept { return a.neg == b.neg && a.mag == b.mag; }
  friend bool operator<(const BigInt& a, const BigInt& b) noexcept { return compare(a, b) < 0; }

  // --- arithmetic -----------------------------------------------------------------
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  BigInt operator-() const;
  BigInt abs() const;

  // Floor division (Python's // and %): r has the sign of b. Either output may
  // be null. Precondition: b != 0 (throws std::domain_error otherwise).
  static void divmod_floor(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r);
  // Truncating division (C's / and %): r has the sign of a.
  static void divmod_trunc(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r);
  // Remainder of |a| divided by a single limb.
  static Limb mod_limb(const BigInt& a, Limb d) noexcept;
  // Correctly rounded a / b. Sets *overflow when the quotient's magnitude is
  // 2^1024 or more after rounding. Precondition: b != 0.
  static double true_divide(const BigInt& a, const BigInt& b, bool* overflow);

  static BigInt pow(const BigInt& base, uint64_t exp);
  // base**exp mod m with exp >= 0 and m != 0; the result has the sign of m
  // (Python's pow(a, b, m)).
  static BigInt pow_mod(const BigInt& base, const BigInt& exp, const BigInt& m);
  // x with a*x ≡ 1 (mod |m|), 0 <= x < |m|; false when gcd(a, m) != 1.
  static bool mod_inverse(const BigInt& a, const BigInt& m, BigInt& out);
  static BigInt gcd(const BigInt& a, const BigInt& b);  // >= 0
  static BigInt isqrt(const BigInt& a);                   // precondition a >= 0

  BigInt shl(uint64_t n) const;  // value * 2^n
  BigInt shr(uint64_t n) const;  // floor(value / 2^n)

  // Bitwise operations with the semantics of infinite two's complement.
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  BigInt operator~() const;  // -(value + 1)

 private:
  void trim() noexcept;  // restore the invariant after an operation
};

}  // namespace gk
