// runtime/objects/type.hpp — `type` and `object`: type readiness, class
// creation (C3 MRO, __slots__, __init_subclass__, __set_name__, metaclasses),
// the generic instance layout, and the slot functions that route protocol
// operations on classes to their dunder methods (slot_tp_repr -> __repr__, ...).
#pragma once

#include <atomic>

#include "objects/object.hpp"

namespace gk {

// Fill inherited slots, compute mro, install methods/getsets into the dict,
// and mark TPFLAG_READY. Every static type goes through it at start-up.
void type_ready(ThreadState& ts, TypeObject* type);

// type(name, bases, ns) — the metaclass call behind `class` statements.
Ref<Object> type_new_class(ThreadState& ts, TypeObject* metatype, Object* name, Object* bases, Object* ns,
                           Object* kwds /*dict or null: passed to __init_subclass__*/);

// The __build_class__ builtin: evaluates the class body function in a fresh
// namespace (metaclass.__prepare__ if defined), calls the metaclass, fills the
// __class__ cell returned by the body.
Ref<Object> build_class(ThreadState& ts, Object* const* args, size_t nargs, Object* kwnames);

// After a dunder is assigned on a class (or at class creation), point the
// matching slot at the generic dunder-calling slot function.
void type_update_slot(TypeObject* type, Object* name);

// Instance helpers for heap types.
Ref<Object> object_generic_new(ThreadState& ts, TypeObject* type);  // allocate basicsize, zero-filled
Object* instance_get_dict(ThreadState& ts, Object* o);  // creates the __dict__ on first use; null if none
// *slot (o's instance-dict slot), created on first use. Threads racing to
// create it keep one (compare-and-swap); the result is borrowed from o.
Object* instance_dict_get_or_create(Object* o, Object** slot);
// A type's method-cache version tag (0: none), read without a lock.
inline uint32_t type_version_tag(const TypeObject* t) noexcept {
  return std::atomic_ref<uint32_t>(const_cast<uint32_t&>(t->version_tag)).load(std::memory_order_acquire);
}

Ref<Object> type_repr_name(TypeObject* t);  // "<class 'x'>"
std::string type_qualified_name(TypeObject* t);  // "module.Qual" or builtin "int"

void init_types(ThreadState& ts);  // readies every registered built-in type; called once at start-up

// Built-in types are zero-initialised statics that register a setup function
// (filling name, basicsize, slots, methods, base, flags) from a static
// initialiser; init_types() runs every setup, then type_ready(), bases first.
//   TypeObject ListIter_type;
//   static void setup_list_iter(TypeObject& t) { t.name = "list_iterator"; ... }
//   GK_REGISTER_TYPE(ListIter_type, setup_list_iter);
using TypeSetupFn = void (*)(TypeObject&);
bool register_builtin_type(TypeObject* type, TypeSetupFn setup) noexcept;
#define GK_REGISTER_TYPE(type, setup) \
  [[maybe_unused]] static const bool gk_type_registered_##type = ::gk::register_builtin_type(&(type), (setup))

// ---------------------------------------------------------------------------
// Internals shared by type.cpp, type_slots.cpp and descr.cpp.

// One dunder name <-> one slot of TypeObject. A slot that several dunders
// feed (richcompare: __lt__..__ge__; nb[NB_ADD]: __add__ and __radd__;
// setattro: __setattr__ and __delattr__) has one SlotDef per name.
using AnyFn = void (*)();
enum class SlotField : uint8_t {
  REPR, STR, HASH, RICHCOMPARE, GETATTRO, SETATTRO, CALL, ITER, ITERNEXT, DESCR_GET, DESCR_SET,
  NEW, INIT, NB, NB_INPLACE, NEGATIVE, POSITIVE, INVERT, ABSOLUTE, BOOL, INDEX, INT, FLOAT,
  LEN, GETITEM, SETITEM, CONTAINS,
};
struct SlotDef;
// Calls the C slot function `fn` for a slot wrapper (int.__add__(1, 2)).
using SlotWrapperFn = Ref<Object> (*)(ThreadState&, const SlotDef&, AnyFn fn, Object* self, Object* const* args,
                                      size_t nargs, Object* kwnames);
struct SlotDef {
  const char* name;      // "__add__"
  SlotField field;
  int index;             // nb/nb_inplace index, CompareOp for RICHCOMPARE, 1 for "the other name" (__delattr__...)
  SlotWrapperFn wrapper;
  AnyFn generic;         // the heap-type slot function that calls the dunder
  const char* doc;
};

AnyFn type_get_slot(TypeObject* type, SlotField field, int index) noexcept;
// Static types: a slot wrapper in the dict for every slot the type itself defines.
void add_slot_wrappers(ThreadState& ts, TypeObject* type);
// Heap types: point every slot at the dunder found along the MRO (or at the
// C function of a built-in slot wrapper found there).
void fixup_slot_dispatchers(TypeObject* type);
// Instance deallocation of heap types: __del__, __slots__, __dict__, then the static base.
void subtype_dealloc(Object* o) noexcept;
// The nearest base that is not a heap type.
TypeObject* type_static_base(TypeObject* type) noexcept;
// __dict__ slots of instances of classes whose static base is var-sized (str, tuple, bytes).
Object** external_dict_slot(Object* o) noexcept;
void external_dict_drop(Object* o) noexcept;
// `__new__` of a built-in type: a builtin function bound to the type (tp_new_wrapper).
extern const MethodDef kTpNewDef;
// object.__init__ / object.__new__ (the excess-argument rules depend on them).
void object_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames);
Ref<Object> object_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames);
Ref<Object> type_getattro(ThreadState& ts, Object* type, Object* name);
Ref<Object> object_repr(ThreadState& ts, Object* self);
// Invariant checker of a ready type (mro, base, version tags, layout); see type.cpp.
bool type_invariants_ok(TypeObject* type) noexcept;
// True for the slot function of classes that define __new__ (type_slots.cpp).
bool is_slot_tp_new(NewFn f) noexcept;
// True for the slot function of classes that define __init__ in Python: it
// calls type(self).__init__(self, *args) and requires None back (type_slots.cpp;
// the eval loop runs such calls in its own activation).
bool is_slot_tp_init(InitFn f) noexcept;
// The metaclass of a class with these bases: the most derived of `meta` and
// every base's type (TypeError "metaclass conflict: ...").
TypeObject* calculate_metaclass(TypeObject* meta, Object* bases);

}  // namespace gk
