// runtime/objects/bool.cpp — the `bool` type: a subclass of int with exactly
// two instances, True and False (immortal statics; their headers are set up
// by init_int_cache() in int.cpp). Owns Bool_type, True_obj and False_obj.
//
// bool inherits every int slot except repr and the three bitwise operators,
// which return a bool when both operands are bools. bool cannot be subclassed
// (no TPFLAG_BASETYPE: "type 'bool' is not an acceptable base type").
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Bool_type;
IntObject True_obj, False_obj;

namespace {

inline bool is_bool(const Object* o) noexcept { return type_of(o) == &Bool_type; }
inline bool bool_value(const Object* o) noexcept { return o == &True_obj; }

Ref<Object> bool_repr(ThreadState&, Object* o) { return newref(intern(bool_value(o) ? "True" : "False")); }

Ref<Object> bool_new(ThreadState& ts, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bool", kwnames);
  check_nargs("bool", nargs, 0, 1);
  return bool_ref(nargs == 1 && is_true(ts, args[0]));
}

// a & b, a | b, a ^ b: a bool for two bools, int arithmetic otherwise.
template <int Op>
Ref<Object> bool_bitwise(ThreadState& ts, Object* a, Object* b) {
  if (!is_bool(a) || !is_bool(b)) return Int_type.nb[Op](ts, a, b);
  bool x = bool_value(a), y = bool_value(b);
  switch (Op) {
    case NB_AND: return bool_ref(x && y);
    case NB_OR: return bool_ref(x || y);
    default: return bool_ref(x != y);
  }
}

void setup_bool(TypeObject& t) {
  init_int_cache();
  t.name = "bool";
  t.base = &Int_type;
  t.basicsize = sizeof(IntObject);
  t.flags = TPFLAG_INT_SUBCLASS | TPFLAG_IMMUTABLE;  // not a base type
  t.doc =
      "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
      "The builtins True and False are the only two instances of the class bool.";
  t.repr = bool_repr;
  t.new_ = bool_new;
  t.nb[NB_AND] = bool_bitwise<NB_AND>;
  t.nb[NB_OR] = bool_bitwise<NB_OR>;
  t.nb[NB_XOR] = bool_bitwise<NB_XOR>;
}

}  // namespace

GK_REGISTER_TYPE(Bool_type, setup_bool);

}  // namespace gk
