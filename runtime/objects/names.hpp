// runtime/objects/names.hpp — interned identifier strings used by the runtime
// (dunder names, common attribute names), created once at start-up.
//   getattr(ts, o, names::__init__)  — a borrowed, immortal str object.
#pragma once

#include "objects/object.hpp"

namespace gk::names {

#define GK_NAMES(X)                                                                          \
  X(__init__) X(__new__) X(__del__) X(__repr__) X(__str__) X(__format__) X(__hash__)        \
  X(__eq__) X(__ne__) X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__bool__) X(__len__)        \
  X(__iter__) X(__next__) X(__contains__) X(__getitem__) X(__setitem__) X(__delitem__)      \
  X(__call__) X(__enter__) X(__exit__) X(__get__) X(__set__) X(__delete__) X(__set_name__)  \
  X(__getattr__) X(__getattribute__) X(__setattr__) X(__delattr__) X(__dict__)              \
  X(__class__) X(__name__) X(__qualname__) X(__module__) X(__doc__) X(__mro__) X(__bases__) \
  X(__base__) X(__slots__) X(__init_subclass__) X(__class_getitem__) X(__build_class__)      \
  X(__builtins__) X(__main__) X(__file__) X(__annotations__) X(__index__) X(__int__)        \
  X(__float__) X(__neg__) X(__pos__) X(__invert__) X(__abs__) X(__round__) X(__reversed__)  \
  X(__missing__) X(__import__) X(__all__) X(__prepare__) X(__mro_entries__) X(__classcell__) \
  X(__instancecheck__) X(__subclasscheck__) X(__traceback__) X(__cause__) X(__context__)    \
  X(__add__) X(__radd__) X(__iadd__) X(__sub__) X(__rsub__) X(__isub__) X(__mul__)         \
  X(__rmul__) X(__imul__) X(__truediv__) X(__rtruediv__) X(__itruediv__) X(__floordiv__)   \
  X(__rfloordiv__) X(__ifloordiv__) X(__mod__) X(__rmod__) X(__imod__) X(__pow__)          \
  X(__rpow__) X(__ipow__) X(__lshift__) X(__rlshift__) X(__ilshift__) X(__rshift__)        \
  X(__rrshift__) X(__irshift__) X(__and__) X(__rand__) X(__iand__) X(__or__) X(__ror__)    \
  X(__ior__) X(__xor__) X(__rxor__) X(__ixor__) X(__matmul__) X(__rmatmul__) X(__imatmul__) \
  X(__divmod__) X(__rdivmod__) X(__length_hint__) X(__await__)                               \
  X(send) X(throw_) X(close) X(args) X(value) X(keys) X(items) X(values) X(append)          \
  X(extend) X(write) X(flush) X(name) X(self) X(cls) X(end) X(sep) X(file) X(key)          \
  X(reverse) X(default_) X(metaclass) X(builtins) X(sys) X(modules) X(stdout) X(stderr)    \
  X(argv) X(top) X(lambda_name) X(listcomp) X(dictcomp) X(setcomp) X(genexpr) X(module)

#define GK_DECLARE_NAME(n) extern Object* n;
GK_NAMES(GK_DECLARE_NAME)
#undef GK_DECLARE_NAME

// Names whose Python spelling is not a valid C++ identifier as written above:
//   throw_ -> "throw", default_ -> "default", lambda_name -> "<lambda>",
//   listcomp -> "<listcomp>", dictcomp -> "<dictcomp>", setcomp -> "<setcomp>",
//   genexpr -> "<genexpr>", module -> "<module>", top -> "<module>" (alias).
void init_names();

}  // namespace gk::names
