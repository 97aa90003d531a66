// runtime/objects/float.hpp — float (IEEE double) and complex.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"

namespace gk {

struct FloatObject : Object {
  double value;
};

struct ComplexObject : Object {
  double real, imag;
};

// Dead exact floats kept for reuse (float arithmetic makes one object per
// result): float's dealloc pushes up to kMax of them, float_from pops. The
// blocks stay allocated from the allocator policy while on the list (they
// were object_alloc'ed; object_free'd only when the list is full). One list
// per thread (thread_local: no lock in either build; a float freed by another
// thread than the one that made it simply joins the freeing thread's list).
// A VM thread empties its list when it ends (float_free_list_clear).
struct FloatFreeList {
  static constexpr int kMax = 100;
  int count;                  // owner thread only
  FloatObject* items[kMax];   // owner thread only; refcount 0, type float
};
inline constinit thread_local FloatFreeList float_free_list{};
// Frees the calling thread's list (at thread end).
void float_free_list_clear() noexcept;

Ref<Object> float_from_alloc(double v);  // a new block from the allocator
inline Ref<Object> float_from(double v) {
  FloatFreeList& fl = float_free_list;
  if (fl.count > 0) {
    FloatObject* o = fl.items[--fl.count];
    LockPolicy::init_header(o->ob, &Float_type);
    o->value = v;
    return steal<Object>(o);
  }
  return float_from_alloc(v);
}
inline double float_value(const Object* o) noexcept { return static_cast<const FloatObject*>(o)->value; }
// CPython's repr: shortest round-trip digits, 'e' notation when exp < -4 or >= 16, "inf", "nan", "-0.0".
std::string float_repr(double v);
// Parse like float(s): whitespace, underscores between digits, inf/nan, sign.
// ValueError "could not convert string to float: 'x'".
Ref<Object> float_from_string(std::string_view s);
int64_t float_hash(double v) noexcept;  // CPython's numeric hash (equal to int hash for integral values)
// Python's float % and // semantics (sign of the divisor); ZeroDivisionError "float modulo" etc.
double float_mod(double a, double b);
double float_floordiv(double a, double b);

Ref<Object> complex_from(double real, double imag);

// --- shared by the numeric types (int.cpp, float.cpp, complex.cpp, math.cpp) ---
struct FormatSpec;
// Lays out a formatted number: sign (from `negative` and spec.sign), `prefix`
// ("0x" ...), the integer digits — grouped by spec.grouping every `group`
// digits, and zero-padded inside the grouping when the fill is '0' with '='
// alignment, as CPython does — then `rest` (fraction, exponent, '%'), padded
// to spec.width (numbers align right by default; '0' before the width means
// '=' with fill '0'). `digits` are not grouped when `groupable` is false (inf, nan).
std::string format_number(const FormatSpec& spec, bool negative, std::string_view prefix, std::string_view digits,
                          std::string_view rest, int group = 3, bool groupable = true);
// float.__format__ of a double for a parsed spec (int.__format__ uses it for
// the e/E/f/F/g/G/% types). `type_name` is for error messages. With
// `complex_part`, the empty type without precision gives repr digits without
// the ".0" float adds to integral values (complex's components).
std::string format_double(double v, const FormatSpec& spec, const char* type_name, bool complex_part = false);
// The text of int(), float() and complex() arguments: strips leading and
// trailing (Unicode) whitespace and maps Unicode decimal digits to ASCII.
// Returns false when another non-ASCII code point remains.
bool normalize_number_text(std::string_view s, std::string& out);
// Python's float ** float (also int ** negative int): ZeroDivisionError for
// 0.0 ** negative, OverflowError (34, 'Numerical result out of range') on
// overflow, a complex result for a negative base and a non-integral exponent.
Ref<Object> float_pow(ThreadState& ts, double base, double exp);
// Exact comparison of an int with a double: -1/0/1, or 2 when d is nan.
int int_compare_double(const Object* i, double d) noexcept;
// (ar + ai j) ** (br + bi j) with CPython's algorithm (repeated multiplication
// for small integral exponents); ZeroDivisionError / OverflowError as CPython.
Ref<Object> complex_pow(ThreadState& ts, double ar, double ai, double br, double bi);

}  // namespace gk
