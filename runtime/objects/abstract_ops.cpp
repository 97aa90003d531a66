// runtime/objects/abstract_ops.cpp — the abstract object layer, part 2:
// binary and unary operators, three-argument pow, rich comparison, truth,
// `in`, numeric conversions (operator.index, int(), float()), and
// isinstance/issubclass — with CPython 3.11's dispatch rules and messages.
//
// Binary operator dispatch (CPython's binary_op1): with slotv = type(a)->nb[op]
// and slotw = type(b)->nb[op] (only when the types differ and the slots are
// different functions), the right operand goes first when its type is a
// proper subclass of the left's; each slot is called as slot(a, b) and
// returns NotImplemented for operand types it does not handle. In-place
// operators try type(a)->nb_inplace[op] first, then fall back to the binary
// form. Comparison is the same with reflected operators (a < b <-> b > a),
// and == / != fall back to identity.
#include <cstring>

#include "objects/abstract.hpp"
#include "objects/bytes.hpp"
#include "objects/descr.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"

namespace gk {

namespace {

constexpr const char* kBinarySymbols[NB_COUNT] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"};
constexpr const char* kInplaceSymbols[NB_COUNT] = {"+=", "&=", "//=", "<<=", "@=", "*=", "%=",
                                                   "|=", "**=", ">>=", "-=", "/=", "^="};

inline bool is_not_implemented(const Ref<Object>& r) noexcept { return r.get() == NotImplemented(); }

// The binary_op1 dance: left slot, right slot, subclass priority.
Ref<Object> binary_op1(ThreadState& ts, Object* a, Object* b, int op) {
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  BinaryFn slotv = ta->nb[op];
  BinaryFn slotw = nullptr;
  if (tb != ta) {
    slotw = tb->nb[op];
    if (slotw == slotv) slotw = nullptr;
  }
  if (slotv) {
    if (slotw && is_subtype(tb, ta)) {
      Ref<Object> r = slotw(ts, a, b);
      if (!is_not_implemented(r)) return r;
      slotw = nullptr;
    }
    Ref<Object> r = slotv(ts, a, b);
    if (!is_not_implemented(r)) return r;
  }
  if (slotw) {
    Ref<Object> r = slotw(ts, a, b);
    if (!is_not_implemented(r)) return r;
  }
  return newref(NotImplemented());
}

// Sequences that CPython concatenates/repeats through sq_concat/sq_repeat.
bool is_builtin_sequence(Object* o) noexcept {
  return is_list(o) || is_tuple(o) || is_str(o) || type_check(o, &Bytes_type) || type_check(o, &ByteArray_type);
}
const char* sequence_kind(Object* o) noexcept {
  if (is_list(o)) return "list";
  if (is_tuple(o)) return "tuple";
  if (is_str(o)) return "str";
  if (type_check(o, &ByteArray_type)) return "bytearray";
  return "bytes";
}
bool is_index_like(Object* o) noexcept { return type_of(o)->nb_index != nullptr; }

[[noreturn]] void binary_op_error(Object* a, Object* b, int kind) {
  bool inplace = kind >= NB_INPLACE_OFFSET;
  int op = inplace ? kind - NB_INPLACE_OFFSET : kind;
  // CPython's sequence messages (sq_concat / sq_repeat).
  if (op == NB_ADD && is_builtin_sequence(a) && !(inplace && is_list(a))) {
    if (is_str(a))
      raise_fmt(Exc_TypeError, "can only concatenate str (not \"%s\") to str", type_name(b));
    if (is_list(a) || is_tuple(a))
      raise_fmt(Exc_TypeError, "can only concatenate %s (not \"%s\") to %s", sequence_kind(a), type_name(b),
                sequence_kind(a));
    raise_fmt(Exc_TypeError, "can't concat %s to %s", type_name(b), type_name(a));
  }
  if (op == NB_MULTIPLY) {
    if (is_builtin_sequence(a) && !is_index_like(b))
      raise_fmt(Exc_TypeError, "can't multiply sequence by non-int of type '%s'", type_name(b));
    if (is_builtin_sequence(b) && !is_index_like(a))
      raise_fmt(Exc_TypeError, "can't multiply sequence by non-int of type '%s'", type_name(a));
  }
  const char* sym = op == NB_POWER && !inplace ? "** or pow()" : inplace ? kInplaceSymbols[op] : kBinarySymbols[op];
  raise_fmt(Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym, type_name(a), type_name(b));
}

[[noreturn]] void unary_error(const char* sym, Object* o) {
  raise_fmt(Exc_TypeError, "bad operand type for unary %s: '%s'", sym, type_name(o));
}

CompareOp swapped(CompareOp op) noexcept {
  switch (op) {
    case CompareOp::LT: return CompareOp::GT;
    case CompareOp::LE: return CompareOp::GE;
    case CompareOp::GT: return CompareOp::LT;
    case CompareOp::GE: return CompareOp::LE;
    default: return op;
  }
}

}  // namespace

const char* binary_op_symbol(int kind) noexcept {
  if (kind >= NB_INPLACE_OFFSET && kind < NB_INPLACE_OFFSET + NB_COUNT) return kInplaceSymbols[kind - NB_INPLACE_OFFSET];
  if (kind >= 0 && kind < NB_COUNT) return kBinarySymbols[kind];
  return "?";
}

const char* compare_op_symbol(CompareOp op) noexcept {
  static constexpr const char* kSyms[] = {"<", "<=", "==", "!=", ">", ">="};
  return kSyms[static_cast<int>(op)];
}

// ---------------------------------------------------------------------------
// Operators

Ref<Object> binary_op(ThreadState& ts, Object* a, Object* b, int kind) {
  if (kind >= NB_INPLACE_OFFSET) {
    int op = kind - NB_INPLACE_OFFSET;
    if (BinaryFn f = type_of(a)->nb_inplace[op]) {
      Ref<Object> r = f(ts, a, b);
      if (!is_not_implemented(r)) return r;
    }
    Ref<Object> r = binary_op1(ts, a, b, op);
    if (!is_not_implemented(r)) return r;
    binary_op_error(a, b, kind);
  }
  Ref<Object> r = binary_op1(ts, a, b, kind);
  if (!is_not_implemented(r)) return r;
  binary_op_error(a, b, kind);
}

Ref<Object> unary_negative(ThreadState& ts, Object* o) {
  if (UnaryFn f = type_of(o)->nb_negative) return f(ts, o);
  unary_error("-", o);
}

Ref<Object> unary_positive(ThreadState& ts, Object* o) {
  if (UnaryFn f = type_of(o)->nb_positive) return f(ts, o);
  unary_error("+", o);
}

Ref<Object> unary_invert(ThreadState& ts, Object* o) {
  if (UnaryFn f = type_of(o)->nb_invert) return f(ts, o);
  unary_error("~", o);
}

Ref<Object> power3(ThreadState& ts, Object* base, Object* exp, Object* mod) {
  if (!mod || is_none(mod)) return binary_op(ts, base, exp, NB_POWER);
  if (is_int(base) && is_int(exp) && is_int(mod)) return int_pow(base, exp, mod);
  // A class's __pow__(self, exp, mod) (no reflected form for three arguments).
  if (Ref<Object> meth = lookup_special(ts, base, names::__pow__)) {
    if (type_of(base)->flags & TPFLAG_HEAPTYPE) {
      Ref<Object> r = call2(ts, meth, exp, mod);
      if (!is_not_implemented(r)) return r;
    }
  }
  auto numeric = [](Object* o) { return is_int(o) || is_float(o) || type_check(o, &Complex_type); };
  if (numeric(base) && numeric(exp) && numeric(mod))
    raise(Exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  raise_fmt(Exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'", type_name(base),
            type_name(exp), type_name(mod));
}

// ---------------------------------------------------------------------------
// Comparison

Ref<Object> rich_compare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  check_c_stack(ts);
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  bool checked_reverse = false;
  if (ta != tb && tb->richcompare && is_subtype(tb, ta)) {
    checked_reverse = true;
    Ref<Object> r = tb->richcompare(ts, b, a, swapped(op));
    if (!is_not_implemented(r)) return r;
  }
  if (ta->richcompare) {
    Ref<Object> r = ta->richcompare(ts, a, b, op);
    if (!is_not_implemented(r)) return r;
  }
  if (!checked_reverse && tb->richcompare) {
    Ref<Object> r = tb->richcompare(ts, b, a, swapped(op));
    if (!is_not_implemented(r)) return r;
  }
  if (op == CompareOp::EQ) return bool_ref(a == b);
  if (op == CompareOp::NE) return bool_ref(a != b);
  raise_fmt(Exc_TypeError, "'%s' not supported between instances of '%s' and '%s'", compare_op_symbol(op),
            type_name(a), type_name(b));
}

bool rich_compare_bool(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (a == b) {
    if (op == CompareOp::EQ) return true;
    if (op == CompareOp::NE) return false;
  }
  if (type_check_exact(a, &Str_type) && type_check_exact(b, &Str_type)) {
    if (op == CompareOp::EQ) return str_equal(a, b);
    if (op == CompareOp::NE) return !str_equal(a, b);
  }
  Ref<Object> r = rich_compare(ts, a, b, op);
  if (r.get() == True()) return true;
  if (r.get() == False()) return false;
  return is_true(ts, r);
}

bool equals(ThreadState& ts, Object* a, Object* b) { return rich_compare_bool(ts, a, b, CompareOp::EQ); }

// ---------------------------------------------------------------------------
// Truth and membership

bool is_true(ThreadState& ts, Object* o) {
  if (o == True()) return true;
  if (o == False() || o == None()) return false;
  TypeObject* t = type_of(o);
  if (t->nb_bool) return t->nb_bool(ts, o);
  if (t->len) return t->len(ts, o) != 0;
  return true;
}

bool contains(ThreadState& ts, Object* container, Object* item) {
  TypeObject* t = type_of(container);
  if (t->contains) return t->contains(ts, container, item);
  if (!t->iter && !t->getitem) raise_fmt(Exc_TypeError, "argument of type '%s' is not iterable", type_name(container));
  Ref<Object> it = get_iter(ts, container);
  while (Ref<Object> x = iter_next(ts, it)) {
    if (equals(ts, x, item)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Numeric conversions

Ref<Object> number_index(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Int_type)) return newref(o);
  if (is_int(o)) return int_exact(o);
  UnaryFn f = type_of(o)->nb_index;
  if (!f) raise_fmt(Exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(o));
  Ref<Object> r = f(ts, o);
  if (!is_int(r)) raise_fmt(Exc_TypeError, "__index__ returned non-int (type %s)", type_name(r));
  if (!type_check_exact(r, &Int_type)) return int_exact(r);
  return r;
}

int64_t index_as_i64(ThreadState& ts, Object* o) {
  int64_t v;
  if (is_int(o) && int_to_i64(o, v)) return v;
  Ref<Object> i = number_index(ts, o);
  if (!int_to_i64(i, v)) raise_fmt(Exc_IndexError, "cannot fit '%s' into an index-sized integer", type_name(o));
  return v;
}

Ref<Object> number_int(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Int_type)) return newref(o);
  TypeObject* t = type_of(o);
  if (t->nb_int) {
    Ref<Object> r = t->nb_int(ts, o);
    if (!is_int(r)) raise_fmt(Exc_TypeError, "__int__ returned non-int (type %s)", type_name(r));
    if (!type_check_exact(r, &Int_type)) return int_exact(r);
    return r;
  }
  if (t->nb_index) return number_index(ts, o);
  if (is_int(o)) return int_exact(o);
  if (Ref<Object> trunc = lookup_special(ts, o, intern("__trunc__"))) {
    Ref<Object> r = call0(ts, trunc);
    if (!is_int(r)) raise_fmt(Exc_TypeError, "__trunc__ returned non-Integral (type %s)", type_name(r));
    return int_exact(r);
  }
  if (is_str(o)) return int_from_string(str_view(o), 10);
  if (type_check(o, &Bytes_type)) return int_from_string(bytes_view(o), 10);
  raise_fmt(Exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
            type_name(o));
}

Ref<Object> number_float(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Float_type)) return newref(o);
  TypeObject* t = type_of(o);
  if (t->nb_float) {
    Ref<Object> r = t->nb_float(ts, o);
    if (!is_float(r))
      raise_fmt(Exc_TypeError, "%s.__float__ returned non-float (type %s)", type_name(o), type_name(r));
    if (!type_check_exact(r, &Float_type)) return float_from(float_value(r));
    return r;
  }
  if (is_float(o)) return float_from(float_value(o));
  if (t->nb_index) return float_from(int_to_double(number_index(ts, o)));
  if (is_str(o)) return float_from_string(str_view(o));
  if (type_check(o, &Bytes_type)) return float_from_string(bytes_view(o));
  raise_fmt(Exc_TypeError, "float() argument must be a string or a real number, not '%s'", type_name(o));
}

double as_double(ThreadState& ts, Object* o) {
  if (is_float(o)) return float_value(o);
  if (is_int(o)) return int_to_double(o);
  TypeObject* t = type_of(o);
  if (t->nb_float) {
    Ref<Object> r = t->nb_float(ts, o);
    if (!is_float(r))
      raise_fmt(Exc_TypeError, "%s.__float__ returned non-float (type %s)", type_name(o), type_name(r));
    return float_value(r);
  }
  if (t->nb_index) return int_to_double(number_index(ts, o));
  raise_fmt(Exc_TypeError, "must be real number, not %s", type_name(o));
}

// ---------------------------------------------------------------------------
// isinstance / issubclass

namespace {

// True when `descr` is type's own __instancecheck__/__subclasscheck__ (then
// the check can be done directly without a call).
bool is_type_builtin(Object* descr) noexcept {
  return descr && type_of(descr) == &MethodDescr_type && static_cast<MethodDescrObject*>(descr)->owner == &Type_type;
}

bool real_isinstance(ThreadState& ts, Object* o, TypeObject* cls) {
  if (type_check(o, cls)) return true;
  // An object may claim another class through __class__ (proxies).
  if (type_of(o)->flags & TPFLAG_HEAPTYPE) {
    Ref<Object> c = lookup_attr(ts, o, names::__class__);
    if (c && c.get() != type_of(o) && is_type(c)) return is_subtype(static_cast<TypeObject*>(c.get()), cls);
  }
  return false;
}

}  // namespace

bool object_isinstance(ThreadState& ts, Object* o, Object* cls) {
  if (type_of(o) == cls) return true;
  if (type_check_exact(cls, &Type_type)) return real_isinstance(ts, o, static_cast<TypeObject*>(cls));
  if (is_tuple(cls)) {
    Ref<Object> keep = newref(cls);
    for (size_t i = 0, n = tuple_size(cls); i < n; ++i)
      if (object_isinstance(ts, o, tuple_get(cls, i))) return true;
    return false;
  }
  Object* checker = type_lookup(type_of(cls), names::__instancecheck__);
  if (checker && !is_type_builtin(checker)) {
    Ref<Object> meth = lookup_special(ts, cls, names::__instancecheck__);
    check_c_stack(ts);
    return is_true(ts, call1(ts, meth, o));
  }
  if (!is_type(cls)) raise(Exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  return real_isinstance(ts, o, static_cast<TypeObject*>(cls));
}

bool object_issubclass(ThreadState& ts, Object* c, Object* cls) {
  if (type_check_exact(cls, &Type_type)) {
    if (c == cls) return true;
    if (!is_type(c)) raise(Exc_TypeError, "issubclass() arg 1 must be a class");
    return is_subtype(static_cast<TypeObject*>(c), static_cast<TypeObject*>(cls));
  }
  if (is_tuple(cls)) {
    Ref<Object> keep = newref(cls);
    for (size_t i = 0, n = tuple_size(cls); i < n; ++i)
      if (object_issubclass(ts, c, tuple_get(cls, i))) return true;
    return false;
  }
  Object* checker = type_lookup(type_of(cls), names::__subclasscheck__);
  if (checker && !is_type_builtin(checker)) {
    Ref<Object> meth = lookup_special(ts, cls, names::__subclasscheck__);
    check_c_stack(ts);
    return is_true(ts, call1(ts, meth, c));
  }
  if (!is_type(c)) raise(Exc_TypeError, "issubclass() arg 1 must be a class");
  if (!is_type(cls)) raise(Exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return is_subtype(static_cast<TypeObject*>(c), static_cast<TypeObject*>(cls));
}

}  // namespace gk
