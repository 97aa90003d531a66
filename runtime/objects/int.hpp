// runtime/objects/int.hpp — int (arbitrary precision) and bool.
//
// An int holds its value inline when it fits in int64_t (`big == nullptr`),
// otherwise in an owned arbitrary-precision magnitude `big` (sign and limbs,
// layout private to int.cpp); the two forms never overlap: a value that fits
// in int64_t is always stored inline. Small ints −5..256 are preallocated and
// immortal (one object each); True and False are the two bool instances.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"

namespace gk {

struct BigInt;  // private to int.cpp

struct IntObject : Object {
  int64_t small;  // the value, when big == nullptr
  BigInt* big;    // owned; non-null only when the value does not fit in int64_t
};

extern IntObject True_obj, False_obj;
inline Object* True() noexcept { return &True_obj; }
inline Object* False() noexcept { return &False_obj; }
inline Ref<Object> bool_ref(bool b) noexcept { return Ref<Object>::borrow(b ? &True_obj : &False_obj); }

inline bool int_is_small(const Object* o) noexcept { return static_cast<const IntObject*>(o)->big == nullptr; }
inline int64_t int_small_value(const Object* o) noexcept { return static_cast<const IntObject*>(o)->small; }

// The cached small ints (immortal; CPython's range, -5..256).
inline constexpr int64_t kSmallIntMin = -5, kSmallIntMax = 256;
extern IntObject small_ints[kSmallIntMax - kSmallIntMin + 1];
Ref<Object> int_from_i64_alloc(int64_t v);  // a new int object (v outside the cache)
inline Ref<Object> int_from_i64(int64_t v) {  // small ints come from the cache
  if (v >= kSmallIntMin && v <= kSmallIntMax) return Ref<Object>::borrow(&small_ints[v - kSmallIntMin]);
  return int_from_i64_alloc(v);
}
Ref<Object> int_from_u64(uint64_t v);
Ref<Object> int_from_double(double d);   // truncates; OverflowError for inf, ValueError for nan (CPython's messages)
// Parse like int(s, base): whitespace, sign, underscores, prefixes for base 0/16/8/2.
// ValueError "invalid literal for int() with base 10: 'x'" on failure.
Ref<Object> int_from_string(std::string_view s, int base);
// Parse a literal from source (the compiler's big-int constants): decimal digits only.
Ref<Object> int_from_decimal_literal(std::string_view digits);

bool int_to_i64(const Object* o, int64_t& out) noexcept;   // false if it does not fit
int64_t int_as_i64(const Object* o);                       // OverflowError "Python int too large to convert to C int64"
double int_to_double(const Object* o);                     // OverflowError "int too large to convert to float"
int int_sign(const Object* o) noexcept;                    // -1, 0, 1
std::string int_to_decimal(const Object* o);
std::string int_to_base(const Object* o, int base, bool prefix);  // hex/oct/bin; prefix "0x"/"0o"/"0b"
int64_t int_hash(const Object* o) noexcept;                // CPython's modular hash (so hash(-1) == -2, hash(2**61-1) == 0)
int int_compare(const Object* a, const Object* b) noexcept;  // -1/0/1
size_t int_bit_length(const Object* o) noexcept;

// Arithmetic on two ints (used by the eval loop fast paths and by float/complex).
Ref<Object> int_add(const Object* a, const Object* b);
Ref<Object> int_sub(const Object* a, const Object* b);
Ref<Object> int_mul(const Object* a, const Object* b);
Ref<Object> int_floordiv(const Object* a, const Object* b);  // ZeroDivisionError "integer division or modulo by zero"
Ref<Object> int_mod(const Object* a, const Object* b);
Ref<Object> int_pow(const Object* a, const Object* b, const Object* mod /*nullable*/);  // negative exp -> float
Ref<Object> int_neg(const Object* a);
Ref<Object> int_lshift(const Object* a, const Object* b);
Ref<Object> int_rshift(const Object* a, const Object* b);
Ref<Object> int_and(const Object* a, const Object* b);
Ref<Object> int_or(const Object* a, const Object* b);
Ref<Object> int_xor(const Object* a, const Object* b);
Ref<Object> int_invert(const Object* a);

// Returns an exact int with o's value (for int subclasses and bool).
Ref<Object> int_exact(const Object* o);

// For numeric code that works on BigInt (objects/bigint.hpp) directly (math):
// an exact int with v's value, and o's value as a BigInt.
Ref<Object> int_from_bigint(BigInt&& v);
BigInt int_to_bigint(const Object* o);

void init_int_cache();  // preallocates −5..256 (immortal)

}  // namespace gk
