// runtime/objects/type.hpp — `type` and `object`: type readiness, class
// creation (C3 MRO, __slots__, __init_subclass__, __set_name__, metaclasses),
// the generic instance layout, and the slot functions that route protocol
// operations on classes to their dunder methods (slot_tp_repr -> __repr__, ...).
#pragma once

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

}  // namespace gk
