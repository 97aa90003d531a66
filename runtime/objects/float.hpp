// runtime/objects/float.hpp — float (IEEE double) and complex.
#pragma once

#include <string>

#include "objects/object.hpp"

namespace gk {

struct FloatObject : Object {
  double value;
};

struct ComplexObject : Object {
  double real, imag;
};

Ref<Object> float_from(double v);
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

}  // namespace gk
