// runtime/objects/type_slots.cpp — the bridge between dunder methods and the
// C++ slots of TypeObject, in both directions:
//
//   * slot wrappers: a built-in type's C slot seen from Python
//     (int.__add__, object.__init__, list.__len__): SlotDef::wrapper calls the
//     C function with the Python arguments;
//   * slot functions: a class's dunder seen from C++ (slot_tp_repr calls
//     type(self).__repr__(self)); these are what heap types' slots point at;
//   * slot updates: fixup_slot_dispatchers (class creation) and
//     type_update_slot (C.__add__ = f later) pick, for every slot, either the
//     generic slot function, or — when the dunder found along the MRO is a
//     built-in slot wrapper — that wrapper's C function, so that a class which
//     only inherits list.__len__ keeps list's C slot;
//   * instance deallocation of heap types (__del__, __slots__, __dict__).
//
// The whole mapping is one table, kSlotDefs; see the design notes in type.cpp.
#include <cstdio>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "objects/abstract.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

namespace {

// ---------------------------------------------------------------------------
// Calling a dunder on type(self)

// type(self).<name>(self, *args): null when the type has no such attribute.
// Plain functions and built-in method descriptors are called unbound, so no
// bound method is allocated.
Ref<Object> call_dunder(ThreadState& ts, Object* self, Object* name, Object* const* args, size_t nargs,
                        Object* kwnames = nullptr) {
  Object* descr = type_lookup(type_of(self), name);
  if (!descr) return nullptr;
  Ref<Object> keep = newref(descr);
  TypeObject* dt = type_of(descr);
  if (dt == &Function_type || dt == &MethodDescr_type || dt == &WrapperDescr_type)
    return call_with_self(ts, descr, self, args, nargs, kwnames);
  if (dt->descr_get) {
    Ref<Object> bound = dt->descr_get(ts, descr, self, type_of(self));
    return call(ts, bound, args, nargs, kwnames);
  }
  return call(ts, descr, args, nargs, kwnames);
}
Ref<Object> call_dunder0(ThreadState& ts, Object* self, Object* name) { return call_dunder(ts, self, name, nullptr, 0); }
Ref<Object> call_dunder1(ThreadState& ts, Object* self, Object* name, Object* a) {
  Object* args[1] = {a};
  return call_dunder(ts, self, name, args, 1);
}
Ref<Object> call_dunder2(ThreadState& ts, Object* self, Object* name, Object* a, Object* b) {
  Object* args[2] = {a, b};
  return call_dunder(ts, self, name, args, 2);
}
// As call_dunder0, but a missing dunder is an AttributeError (it was there when the slot was set).
Ref<Object> require_dunder0(ThreadState& ts, Object* self, Object* name) {
  Ref<Object> r = call_dunder0(ts, self, name);
  if (!r) raise_attribute_error(self, name);
  return r;
}
Ref<Object> require_dunder1(ThreadState& ts, Object* self, Object* name, Object* a) {
  Ref<Object> r = call_dunder1(ts, self, name, a);
  if (!r) raise_attribute_error(self, name);
  return r;
}

Ref<Object> not_implemented() { return newref(NotImplemented()); }

// ---------------------------------------------------------------------------
// Slot functions for heap types

Ref<Object> slot_tp_repr(ThreadState& ts, Object* self) {
  if (Ref<Object> r = call_dunder0(ts, self, names::__repr__)) return r;
  return object_repr(ts, self);
}

Ref<Object> slot_tp_str(ThreadState& ts, Object* self) { return require_dunder0(ts, self, names::__str__); }

int64_t slot_tp_hash(ThreadState& ts, Object* self) {
  Ref<Object> r = require_dunder0(ts, self, names::__hash__);
  if (!is_int(r)) raise(Exc_TypeError, "__hash__ method should return an integer");
  int64_t v;
  if (!int_to_i64(r, v)) v = int_hash(r);
  return v == -1 ? -2 : v;
}

Object* const* richcompare_names() {
  static Object* n[6];
  if (!n[0]) {
    n[0] = names::__lt__, n[1] = names::__le__, n[2] = names::__eq__;
    n[3] = names::__ne__, n[4] = names::__gt__, n[5] = names::__ge__;
  }
  return n;
}

Ref<Object> slot_tp_richcompare(ThreadState& ts, Object* self, Object* other, CompareOp op) {
  Ref<Object> r = call_dunder1(ts, self, richcompare_names()[static_cast<int>(op)], other);
  return r ? std::move(r) : not_implemented();
}

// __getattribute__, then __getattr__ when it is missing or raises AttributeError.
Ref<Object> slot_tp_getattr_hook(ThreadState& ts, Object* self, Object* name) {
  TypeObject* t = type_of(self);
  Object* getattr_fn = type_lookup(t, names::__getattr__);
  Object* getattribute = type_lookup(t, names::__getattribute__);
  Ref<Object> res;
  bool generic = !getattribute || (type_of(getattribute) == &WrapperDescr_type &&
                                   reinterpret_cast<GetAttrFn>(static_cast<WrapperDescrObject*>(getattribute)->fn) ==
                                       generic_getattr);
  if (!getattr_fn) {
    if (generic) return generic_getattr(ts, self, name);
    return call_dunder1(ts, self, names::__getattribute__, name);
  }
  Ref<Object> keep = newref(getattr_fn);
  try {
    res = generic ? generic_getattr(ts, self, name) : call_dunder1(ts, self, names::__getattribute__, name);
  } catch (PyError& e) {
    if (!e.matches(Exc_AttributeError)) throw;
  }
  if (res) return res;
  return call_dunder1(ts, self, names::__getattr__, name);
}

void slot_tp_setattro(ThreadState& ts, Object* self, Object* name, Object* value) {
  if (value) call_dunder2(ts, self, names::__setattr__, name, value);
  else call_dunder1(ts, self, names::__delattr__, name);
}

Ref<Object> slot_tp_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Ref<Object> r = call_dunder(ts, self, names::__call__, args, nargs, kwnames);
  if (!r) raise_fmt(Exc_TypeError, "'%s' object is not callable", type_name(self));
  return r;
}

Ref<Object> slot_tp_iter(ThreadState& ts, Object* self) {
  Object* descr = type_lookup(type_of(self), names::__iter__);
  if (!descr || is_none(descr)) raise_fmt(Exc_TypeError, "'%s' object is not iterable", type_name(self));
  return call_dunder0(ts, self, names::__iter__);
}

Ref<Object> slot_tp_iternext(ThreadState& ts, Object* self) {
  try {
    return require_dunder0(ts, self, names::__next__);
  } catch (PyError& e) {
    if (e.matches(Exc_StopIteration)) return nullptr;
    throw;
  }
}

Ref<Object> slot_tp_descr_get(ThreadState& ts, Object* self, Object* obj, Object* type) {
  Object* args[2] = {obj ? obj : None(), type ? type : None()};
  Ref<Object> r = call_dunder(ts, self, names::__get__, args, 2);
  if (!r) raise_attribute_error(self, names::__get__);
  return r;
}

void slot_tp_descr_set(ThreadState& ts, Object* self, Object* obj, Object* value) {
  Ref<Object> r = value ? call_dunder2(ts, self, names::__set__, obj, value)
                        : call_dunder1(ts, self, names::__delete__, obj);
  if (!r) raise_attribute_error(self, value ? names::__set__ : names::__delete__);
}

Ref<Object> slot_tp_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  Ref<Object> func = getattr(ts, type, names::__new__);
  return call_with_self(ts, func, type, args, nargs, kwnames);
}

void slot_tp_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Ref<Object> r = call_dunder(ts, self, names::__init__, args, nargs, kwnames);
  if (!r) raise_attribute_error(self, names::__init__);
  if (!is_none(r)) raise_fmt(Exc_TypeError, "__init__() should return None, not '%s'", type_name(r));
}

// --- numbers ----------------------------------------------------------------------

struct BinaryNames {
  Object** left;
  Object** right;
  Object** inplace;
};
const BinaryNames kBinaryNames[NB_COUNT] = {
    {&names::__add__, &names::__radd__, &names::__iadd__},
    {&names::__and__, &names::__rand__, &names::__iand__},
    {&names::__floordiv__, &names::__rfloordiv__, &names::__ifloordiv__},
    {&names::__lshift__, &names::__rlshift__, &names::__ilshift__},
    {&names::__matmul__, &names::__rmatmul__, &names::__imatmul__},
    {&names::__mul__, &names::__rmul__, &names::__imul__},
    {&names::__mod__, &names::__rmod__, &names::__imod__},
    {&names::__or__, &names::__ror__, &names::__ior__},
    {&names::__pow__, &names::__rpow__, &names::__ipow__},
    {&names::__rshift__, &names::__rrshift__, &names::__irshift__},
    {&names::__sub__, &names::__rsub__, &names::__isub__},
    {&names::__truediv__, &names::__rtruediv__, &names::__itruediv__},
    {&names::__xor__, &names::__rxor__, &names::__ixor__},
};

// Whether `right` overrides the reflected method that `left` would use.
bool method_is_overloaded(TypeObject* left, TypeObject* right, Object* name) {
  Object* b = type_lookup(right, name);
  if (!b) return false;
  Object* a = type_lookup(left, name);
  return a != b;
}

// a OP b for classes (CPython's SLOT1BINFULL): called with either operand's
// type having this slot; a.__op__(b), then b.__rop__(a) — the reflected one
// first when b's class is a subclass of a's that overrides it.
template <int OP>
Ref<Object> slot_nb_binary(ThreadState& ts, Object* a, Object* b) {
  Object* lname = *kBinaryNames[OP].left;
  Object* rname = *kBinaryNames[OP].right;
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  bool do_other = ta != tb && tb->nb[OP] == &slot_nb_binary<OP> && type_lookup(tb, rname);
  if (ta->nb[OP] == &slot_nb_binary<OP>) {
    if (do_other && is_subtype(tb, ta) && method_is_overloaded(ta, tb, rname)) {
      Ref<Object> r = call_dunder1(ts, b, rname, a);
      if (r && r.get() != NotImplemented()) return r;
      do_other = false;
    }
    Ref<Object> r = call_dunder1(ts, a, lname, b);
    if (r && (r.get() != NotImplemented() || ta == tb)) return r;
  }
  if (do_other) {
    Ref<Object> r = call_dunder1(ts, b, rname, a);
    if (r) return r;
  }
  return not_implemented();
}

template <int OP>
Ref<Object> slot_nb_inplace(ThreadState& ts, Object* a, Object* b) {
  Ref<Object> r = call_dunder1(ts, a, *kBinaryNames[OP].inplace, b);
  return r ? std::move(r) : not_implemented();
}

template <Object** kName>
Ref<Object> slot_unary(ThreadState& ts, Object* self) {
  return require_dunder0(ts, self, *kName);
}

bool slot_nb_bool(ThreadState& ts, Object* self) {
  Ref<Object> r = require_dunder0(ts, self, names::__bool__);
  if (r.get() == True()) return true;
  if (r.get() == False()) return false;
  raise_fmt(Exc_TypeError, "__bool__ should return bool, returned %s", type_name(r));
}

size_t slot_sq_len(ThreadState& ts, Object* self) {
  Ref<Object> r = require_dunder0(ts, self, names::__len__);
  Ref<Object> i = number_index(ts, r);
  if (int_sign(i) < 0) raise(Exc_ValueError, "__len__() should return >= 0");
  int64_t v;
  if (!int_to_i64(i, v)) raise_fmt(Exc_OverflowError, "cannot fit '%s' into an index-sized integer", type_name(r));
  return static_cast<size_t>(v);
}

Ref<Object> slot_getitem(ThreadState& ts, Object* self, Object* key) {
  return require_dunder1(ts, self, names::__getitem__, key);
}

void slot_setitem(ThreadState& ts, Object* self, Object* key, Object* value) {
  Ref<Object> r = value ? call_dunder2(ts, self, names::__setitem__, key, value)
                        : call_dunder1(ts, self, names::__delitem__, key);
  if (!r) raise_attribute_error(self, value ? names::__setitem__ : names::__delitem__);
}

bool slot_contains(ThreadState& ts, Object* self, Object* item) {
  Object* descr = type_lookup(type_of(self), names::__contains__);
  if (descr && is_none(descr))
    raise_fmt(Exc_TypeError, "argument of type '%s' is not a container or iterable", type_name(self));
  Ref<Object> r = require_dunder1(ts, self, names::__contains__, item);
  return is_true(ts, r);
}

// ---------------------------------------------------------------------------
// Slot wrappers: calling a C slot function from Python

void no_keywords(const SlotDef& d, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) != 0) raise_fmt(Exc_TypeError, "wrapper %s() takes no keyword arguments", d.name);
}
void expect_args(const SlotDef& d, size_t nargs, size_t n, Object* kwnames) {
  no_keywords(d, kwnames);
  if (nargs != n) raise_fmt(Exc_TypeError, "expected %zu argument%s, got %zu", n, n == 1 ? "" : "s", nargs);
}

Ref<Object> wrap_unary(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const*, size_t nargs,
                       Object* kw) {
  expect_args(d, nargs, 0, kw);
  return reinterpret_cast<UnaryFn>(fn)(ts, self);
}
Ref<Object> wrap_hash(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const*, size_t nargs,
                      Object* kw) {
  expect_args(d, nargs, 0, kw);
  return int_from_i64(reinterpret_cast<HashFn>(fn)(ts, self));
}
Ref<Object> wrap_next(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const*, size_t nargs,
                      Object* kw) {
  expect_args(d, nargs, 0, kw);
  Ref<Object> r = reinterpret_cast<IterNextFn>(fn)(ts, self);
  if (!r) raise_stop_iteration(nullptr);
  return r;
}
Ref<Object> wrap_bool(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const*, size_t nargs,
                      Object* kw) {
  expect_args(d, nargs, 0, kw);
  return bool_ref(reinterpret_cast<BoolFn>(fn)(ts, self));
}
Ref<Object> wrap_len(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const*, size_t nargs,
                     Object* kw) {
  expect_args(d, nargs, 0, kw);
  return int_from_u64(reinterpret_cast<LenFn>(fn)(ts, self));
}
Ref<Object> wrap_binary_l(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                          size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  return reinterpret_cast<BinaryFn>(fn)(ts, self, args[0]);
}
Ref<Object> wrap_binary_r(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                          size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  return reinterpret_cast<BinaryFn>(fn)(ts, args[0], self);
}
// __pow__(self, other, mod=None) / __rpow__(self, other, mod=None)
Ref<Object> wrap_pow(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args, size_t nargs,
                     Object* kw) {
  no_keywords(d, kw);
  if (nargs < 1 || nargs > 2) raise_fmt(Exc_TypeError, "expected 1 or 2 arguments, got %zu", nargs);
  bool reflected = d.name[2] == 'r';
  if (nargs == 2 && !is_none(args[1])) {
    return reflected ? power3(ts, args[0], self, args[1]) : power3(ts, self, args[0], args[1]);
  }
  auto f = reinterpret_cast<BinaryFn>(fn);
  return reflected ? f(ts, args[0], self) : f(ts, self, args[0]);
}
Ref<Object> wrap_richcmp(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  return reinterpret_cast<RichCompareFn>(fn)(ts, self, args[0], static_cast<CompareOp>(d.index));
}
Ref<Object> wrap_getattribute(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                              size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(args[0]));
  Ref<Object> r = reinterpret_cast<GetAttrFn>(fn)(ts, self, args[0]);
  if (!r) raise_attribute_error(self, args[0]);
  return r;
}
// CPython's "hackcheck": object.__setattr__ must not bypass a built-in type's own setattr.
void setattr_hackcheck(Object* self, AnyFn fn, const char* what) {
  TypeObject* t = type_of(self);
  TypeObject* sb = type_static_base(t);
  if (sb && reinterpret_cast<AnyFn>(sb->setattro) != fn)
    raise_fmt(Exc_TypeError, "can't apply this %s to %s object", what, sb->name);
}
Ref<Object> wrap_setattr(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 2, kw);
  setattr_hackcheck(self, fn, "__setattr__");
  reinterpret_cast<SetAttrFn>(fn)(ts, self, args[0], args[1]);
  return none_ref();
}
Ref<Object> wrap_delattr(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  setattr_hackcheck(self, fn, "__delattr__");
  reinterpret_cast<SetAttrFn>(fn)(ts, self, args[0], nullptr);
  return none_ref();
}
Ref<Object> wrap_call(ThreadState& ts, const SlotDef&, AnyFn fn, Object* self, Object* const* args, size_t nargs,
                      Object* kw) {
  return reinterpret_cast<CallFn>(fn)(ts, self, args, nargs, kw);
}
Ref<Object> wrap_init(ThreadState& ts, const SlotDef&, AnyFn fn, Object* self, Object* const* args, size_t nargs,
                      Object* kw) {
  reinterpret_cast<InitFn>(fn)(ts, self, args, nargs, kw);
  return none_ref();
}
Ref<Object> wrap_descr_get(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                           size_t nargs, Object* kw) {
  no_keywords(d, kw);
  if (nargs < 1 || nargs > 2) raise_fmt(Exc_TypeError, "expected 1 or 2 arguments, got %zu", nargs);
  Object* obj = is_none(args[0]) ? nullptr : args[0];
  Object* type = nargs > 1 && !is_none(args[1]) ? args[1] : nullptr;
  if (!obj && !type) raise(Exc_TypeError, "__get__(None, None) is invalid");
  return reinterpret_cast<DescrGetFn>(fn)(ts, self, obj, type ? type : type_of(obj));
}
Ref<Object> wrap_descr_set(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                           size_t nargs, Object* kw) {
  expect_args(d, nargs, 2, kw);
  reinterpret_cast<DescrSetFn>(fn)(ts, self, args[0], args[1]);
  return none_ref();
}
Ref<Object> wrap_descr_delete(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                              size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  reinterpret_cast<DescrSetFn>(fn)(ts, self, args[0], nullptr);
  return none_ref();
}
Ref<Object> wrap_getitem(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  return reinterpret_cast<GetItemFn>(fn)(ts, self, args[0]);
}
Ref<Object> wrap_setitem(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 2, kw);
  reinterpret_cast<SetItemFn>(fn)(ts, self, args[0], args[1]);
  return none_ref();
}
Ref<Object> wrap_delitem(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                         size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  reinterpret_cast<SetItemFn>(fn)(ts, self, args[0], nullptr);
  return none_ref();
}
Ref<Object> wrap_contains(ThreadState& ts, const SlotDef& d, AnyFn fn, Object* self, Object* const* args,
                          size_t nargs, Object* kw) {
  expect_args(d, nargs, 1, kw);
  return bool_ref(reinterpret_cast<ContainsFn>(fn)(ts, self, args[0]));
}

#define GK_FN(f) reinterpret_cast<AnyFn>(f)
#define GK_BINARY(op, l, r, i)                                                                          \
  {"__" #l "__", SlotField::NB, op, wrap_binary_l, GK_FN(&slot_nb_binary<op>), "Return self" #l "value."}, \
  {"__" #r "__", SlotField::NB, op, wrap_binary_r, GK_FN(&slot_nb_binary<op>), "Return value" #l "self."}, \
  {"__" #i "__", SlotField::NB_INPLACE, op, wrap_binary_l, GK_FN(&slot_nb_inplace<op>), nullptr},

const SlotDef kSlotDefs[] = {
    {"__repr__", SlotField::REPR, 0, wrap_unary, GK_FN(slot_tp_repr), "Return repr(self)."},
    {"__str__", SlotField::STR, 0, wrap_unary, GK_FN(slot_tp_str), "Return str(self)."},
    {"__hash__", SlotField::HASH, 0, wrap_hash, GK_FN(slot_tp_hash), "Return hash(self)."},
    {"__lt__", SlotField::RICHCOMPARE, 0, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self<value."},
    {"__le__", SlotField::RICHCOMPARE, 1, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self<=value."},
    {"__eq__", SlotField::RICHCOMPARE, 2, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self==value."},
    {"__ne__", SlotField::RICHCOMPARE, 3, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self!=value."},
    {"__gt__", SlotField::RICHCOMPARE, 4, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self>value."},
    {"__ge__", SlotField::RICHCOMPARE, 5, wrap_richcmp, GK_FN(slot_tp_richcompare), "Return self>=value."},
    {"__getattribute__", SlotField::GETATTRO, 0, wrap_getattribute, GK_FN(slot_tp_getattr_hook),
     "Return getattr(self, name)."},
    {"__getattr__", SlotField::GETATTRO, 1, nullptr, GK_FN(slot_tp_getattr_hook), nullptr},
    {"__setattr__", SlotField::SETATTRO, 0, wrap_setattr, GK_FN(slot_tp_setattro),
     "Implement setattr(self, name, value)."},
    {"__delattr__", SlotField::SETATTRO, 1, wrap_delattr, GK_FN(slot_tp_setattro), "Implement delattr(self, name)."},
    {"__call__", SlotField::CALL, 0, wrap_call, GK_FN(slot_tp_call), "Call self as a function."},
    {"__iter__", SlotField::ITER, 0, wrap_unary, GK_FN(slot_tp_iter), "Implement iter(self)."},
    {"__next__", SlotField::ITERNEXT, 0, wrap_next, GK_FN(slot_tp_iternext), "Implement next(self)."},
    {"__get__", SlotField::DESCR_GET, 0, wrap_descr_get, GK_FN(slot_tp_descr_get),
     "Return an attribute of instance, which is of type owner."},
    {"__set__", SlotField::DESCR_SET, 0, wrap_descr_set, GK_FN(slot_tp_descr_set),
     "Set an attribute of instance to value."},
    {"__delete__", SlotField::DESCR_SET, 1, wrap_descr_delete, GK_FN(slot_tp_descr_set),
     "Delete an attribute of instance."},
    {"__new__", SlotField::NEW, 0, nullptr, GK_FN(slot_tp_new), nullptr},
    {"__init__", SlotField::INIT, 0, wrap_init, GK_FN(slot_tp_init),
     "Initialize self.  See help(type(self)) for accurate signature."},
    GK_BINARY(NB_ADD, add, radd, iadd)
    GK_BINARY(NB_AND, and, rand, iand)
    GK_BINARY(NB_FLOOR_DIVIDE, floordiv, rfloordiv, ifloordiv)
    GK_BINARY(NB_LSHIFT, lshift, rlshift, ilshift)
    GK_BINARY(NB_MATRIX_MULTIPLY, matmul, rmatmul, imatmul)
    GK_BINARY(NB_MULTIPLY, mul, rmul, imul)
    GK_BINARY(NB_REMAINDER, mod, rmod, imod)
    GK_BINARY(NB_OR, or, ror, ior)
    GK_BINARY(NB_RSHIFT, rshift, rrshift, irshift)
    GK_BINARY(NB_SUBTRACT, sub, rsub, isub)
    GK_BINARY(NB_TRUE_DIVIDE, truediv, rtruediv, itruediv)
    GK_BINARY(NB_XOR, xor, rxor, ixor)
    {"__pow__", SlotField::NB, NB_POWER, wrap_pow, GK_FN(&slot_nb_binary<NB_POWER>), "Return pow(self, value, mod)."},
    {"__rpow__", SlotField::NB, NB_POWER, wrap_pow, GK_FN(&slot_nb_binary<NB_POWER>), "Return pow(value, self, mod)."},
    {"__ipow__", SlotField::NB_INPLACE, NB_POWER, wrap_binary_l, GK_FN(&slot_nb_inplace<NB_POWER>), nullptr},
    {"__neg__", SlotField::NEGATIVE, 0, wrap_unary, GK_FN(&slot_unary<&names::__neg__>), "-self"},
    {"__pos__", SlotField::POSITIVE, 0, wrap_unary, GK_FN(&slot_unary<&names::__pos__>), "+self"},
    {"__invert__", SlotField::INVERT, 0, wrap_unary, GK_FN(&slot_unary<&names::__invert__>), "~self"},
    {"__abs__", SlotField::ABSOLUTE, 0, wrap_unary, GK_FN(&slot_unary<&names::__abs__>), "abs(self)"},
    {"__bool__", SlotField::BOOL, 0, wrap_bool, GK_FN(slot_nb_bool), "True if self else False"},
    {"__index__", SlotField::INDEX, 0, wrap_unary, GK_FN(&slot_unary<&names::__index__>),
     "Return self converted to an integer, if self is suitable for use as an index into a list."},
    {"__int__", SlotField::INT, 0, wrap_unary, GK_FN(&slot_unary<&names::__int__>), "int(self)"},
    {"__float__", SlotField::FLOAT, 0, wrap_unary, GK_FN(&slot_unary<&names::__float__>), "float(self)"},
    {"__len__", SlotField::LEN, 0, wrap_len, GK_FN(slot_sq_len), "Return len(self)."},
    {"__getitem__", SlotField::GETITEM, 0, wrap_getitem, GK_FN(slot_getitem), "Return self[key]."},
    {"__setitem__", SlotField::SETITEM, 0, wrap_setitem, GK_FN(slot_setitem), "Set self[key] to value."},
    {"__delitem__", SlotField::SETITEM, 1, wrap_delitem, GK_FN(slot_setitem), "Delete self[key]."},
    {"__contains__", SlotField::CONTAINS, 0, wrap_contains, GK_FN(slot_contains), "Return key in self."},
};
#undef GK_BINARY

constexpr size_t kNumSlotDefs = sizeof(kSlotDefs) / sizeof(kSlotDefs[0]);

// The interned name of each SlotDef (filled on first use, after init_names).
Object* slot_name(size_t i) {
  static Object* names_[kNumSlotDefs];
  if (!names_[i]) names_[i] = intern(kSlotDefs[i].name);
  return names_[i];
}

// Which physical slot a SlotDef feeds: nb/nb_inplace are arrays; every
// other field is one slot whatever its name variant.
inline int slot_index(const SlotDef& d) noexcept {
  return d.field == SlotField::NB || d.field == SlotField::NB_INPLACE ? d.index : 0;
}
inline bool same_slot(const SlotDef& a, const SlotDef& b) noexcept {
  return a.field == b.field && slot_index(a) == slot_index(b);
}

// Every slot field by SlotField, for reading and writing a slot generically.
#define GK_SLOT_FIELDS(X)                                                                                      \
  X(REPR, repr) X(STR, str) X(HASH, hash) X(RICHCOMPARE, richcompare) X(GETATTRO, getattro)                \
  X(SETATTRO, setattro) X(CALL, call) X(ITER, iter) X(ITERNEXT, iternext) X(DESCR_GET, descr_get)         \
  X(DESCR_SET, descr_set) X(NEW, new_) X(INIT, init) X(NB, nb[i]) X(NB_INPLACE, nb_inplace[i])            \
  X(NEGATIVE, nb_negative) X(POSITIVE, nb_positive) X(INVERT, nb_invert) X(ABSOLUTE, nb_absolute)         \
  X(BOOL, nb_bool) X(INDEX, nb_index) X(INT, nb_int) X(FLOAT, nb_float) X(LEN, len) X(GETITEM, getitem)   \
  X(SETITEM, setitem) X(CONTAINS, contains)

AnyFn get_slot(TypeObject* t, SlotField f, int i) noexcept {
  switch (f) {
#define GK_GET(F, member) \
  case SlotField::F:      \
    return reinterpret_cast<AnyFn>(t->member);
    GK_SLOT_FIELDS(GK_GET)
#undef GK_GET
  }
  return nullptr;
}

void set_slot(TypeObject* t, SlotField f, int i, AnyFn fn) noexcept {
  switch (f) {
#define GK_SET(F, member)                                        \
  case SlotField::F:                                             \
    t->member = reinterpret_cast<std::remove_reference_t<decltype(t->member)>>(fn); \
    return;
    GK_SLOT_FIELDS(GK_SET)
#undef GK_SET
  }
}

// Recomputes one slot of a heap type from the dunders found along its MRO
// (CPython's update_one_slot). `first` is the index of the slot's first SlotDef.
void update_one_slot(TypeObject* type, size_t first) {
  const SlotDef& key = kSlotDefs[first];
  AnyFn specific = nullptr;
  bool use_generic = false;
  bool explicit_null = false;
  for (size_t i = first; i < kNumSlotDefs; ++i) {
    const SlotDef& d = kSlotDefs[i];
    if (!same_slot(d, key)) continue;
    Object* descr = type_lookup(type, slot_name(i));
    if (!descr) continue;
    if (type_of(descr) == &WrapperDescr_type) {
      auto* w = static_cast<WrapperDescrObject*>(descr);
      if (same_slot(*w->slot, key) && is_subtype(type, w->owner)) {
        if (!specific || specific == w->fn) {
          specific = w->fn;
          continue;
        }
      }
      use_generic = true;
    } else if (key.field == SlotField::NEW && type_of(descr) == &BuiltinFunction_type &&
               static_cast<BuiltinFunctionObject*>(descr)->def == &kTpNewDef) {
      specific = reinterpret_cast<AnyFn>(static_cast<TypeObject*>(static_cast<BuiltinFunctionObject*>(descr)->self)->new_);
    } else if (key.field == SlotField::HASH && is_none(descr)) {
      explicit_null = true;  // __hash__ = None: unhashable
    } else {
      use_generic = true;
    }
  }
  set_slot(type, key.field, slot_index(key), use_generic ? key.generic : explicit_null ? nullptr : specific);
}

void update_finalizer_flag(TypeObject* type) {
  if (type_lookup(type, names::__del__)) type->flags |= TPFLAG_HAS_FINALIZER;
  else type->flags &= ~TPFLAG_HAS_FINALIZER;
}

void update_slot_recursive(TypeObject* type, Object* name) {
  if (!(type->flags & TPFLAG_HEAPTYPE)) return;
  if (name == names::__del__) update_finalizer_flag(type);
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    if (slot_name(i) != name) continue;
    // Recompute from the slot's first SlotDef (all name variants are consulted).
    size_t first = 0;
    while (!same_slot(kSlotDefs[first], kSlotDefs[i])) ++first;
    update_one_slot(type, first);
  }
  if (Object* subs = type->subclasses) {
    Ref<Object> keep = newref(subs);
    for (size_t i = 0, n = list_size(subs); i < n; ++i)
      if (Ref<Object> sub = list_item_ref(subs, i))  // safe while another thread adds a subclass
        update_slot_recursive(static_cast<TypeObject*>(sub.get()), name);
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Public entry points

bool is_slot_tp_new(NewFn f) noexcept { return f == &slot_tp_new; }
bool is_slot_tp_init(InitFn f) noexcept { return f == &slot_tp_init; }

AnyFn type_get_slot(TypeObject* type, SlotField field, int index) noexcept { return get_slot(type, field, index); }

void add_slot_wrappers(ThreadState& ts, TypeObject* type) {
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    const SlotDef& d = kSlotDefs[i];
    if (!d.wrapper) continue;
    AnyFn fn = get_slot(type, d.field, slot_index(d));
    if (!fn) continue;
    Object* name = slot_name(i);
    if (dict_get_str(ts, type->dict, name)) continue;
    // A slot the type inherited unchanged gets no wrapper of its own.
    if (type->base && fn == get_slot(type->base, d.field, slot_index(d))) continue;
    Ref<Object> w = wrapper_descr_new(type, &d, fn);
    dict_set(ts, type->dict, name, w);
  }
}

void fixup_slot_dispatchers(TypeObject* type) {
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = same_slot(kSlotDefs[j], kSlotDefs[i]);
    if (!seen) update_one_slot(type, i);
  }
  update_finalizer_flag(type);
}

void type_update_slot(TypeObject* type, Object* name) {
  if (!is_str(name)) return;
  std::string_view n = str_view(name);
  if (n.size() < 5 || n.substr(0, 2) != "__" || n.substr(n.size() - 2) != "__") return;
  Object* interned = intern(n);
  update_slot_recursive(type, interned);
}

// ---------------------------------------------------------------------------
// Instance deallocation of heap types

namespace {

// Runs type(o).__del__(o) with o temporarily resurrected. Returns false when
// the finaliser stored a new reference to o (then o stays alive).
bool call_finalizer(Object* o) noexcept {
  ThreadState* ts = current_thread_state();
  if (!ts) return true;
  incref(o);  // 0 -> 1: o is alive again while __del__ runs
  Object* saved_exc = ts->exc_info;
  if (saved_exc) incref(saved_exc);
  Object* del = type_lookup(type_of(o), names::__del__);
  if (del) {
    Ref<Object> keep = newref(del);
    try {
      call_dunder0(*ts, o, names::__del__);
    } catch (PyError& e) {
      Ref<Object> exc = e.take();
      print_unraisable(*ts, exc, del);
    } catch (...) {
    }
  }
  Object* cur = ts->exc_info;
  ts->exc_info = saved_exc;
  xdecref(cur);
  // Drop the temporary reference without re-entering dealloc.
  return LockPolicy::decref(o->ob);
}

}  // namespace

void subtype_dealloc(Object* o) noexcept {
  TypeObject* t = type_of(o);
  // PEP 442: __del__ runs at most once (the cyclic GC may have run it). o
  // was untracked by object_dealloc; it is tracked again while __del__ runs,
  // like any live object, and for good if __del__ resurrects it.
  if ((t->flags & TPFLAG_HAS_FINALIZER) && !(gc_link_of(o)->flags() & kGcFinalized)) {
    gc_set_finalized(o);
    gc_track(o);
    if (!call_finalizer(o)) return;  // resurrected
    gc_untrack(o);
  }
  TypeObject* sb = type_static_base(t);
  // Every field a heap type adds after its static base is an Object*:
  // __slots__ members and the __dict__ pointer.
  for (size_t off = sb->basicsize; off + sizeof(Object*) <= t->basicsize; off += sizeof(Object*)) {
    Object*& field = *reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + off);
    clear(field);
  }
  if (t->flags & TPFLAG_EXTERNAL_DICT) external_dict_drop(o);
  if (sb->dealloc) sb->dealloc(o);  // frees the block and releases the type
  else object_free(o, sb->basicsize);
}

}  // namespace gk
