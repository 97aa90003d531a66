// runtime/objects/function.hpp — functions, cells, bound methods, and
// built-in (native) functions.
#pragma once

#include <atomic>

#include "objects/object.hpp"

namespace gk {

struct FunctionObject : Object {
  Object* code;        // CodeObject (strong)
  Object* globals;     // dict (strong)
  Object* builtins;    // dict (strong)
  Object* name;        // str
  Object* qualname;    // str
  Object* defaults;    // tuple or null
  Object* kwdefaults;  // dict or null
  Object* closure;     // tuple of cells or null
  Object* dict;        // __dict__ or null
  Object* doc;         // or null (None)
  Object* module;      // __module__ value or null
  Object* annotations; // dict or null
};

struct CellObject : Object {
  // The contents (strong) or null when empty. Closures running on several
  // threads share a cell, so the eval loop reads it with cell_load (acquire)
  // and writes it with cell_exchange + decref_shared: a reader that loaded
  // the old value can still incref it (see decref_shared in object.hpp).
  Object* ref;
};
inline Object* cell_load(CellObject* c) noexcept {
  return std::atomic_ref<Object*>(c->ref).load(std::memory_order_acquire);
}
// Stores v (a reference the cell takes over); returns the old contents for
// the caller to drop with xdecref_shared.
inline Object* cell_exchange(CellObject* c, Object* v) noexcept {
  return std::atomic_ref<Object*>(c->ref).exchange(v, std::memory_order_seq_cst);
}

struct MethodObject : Object {  // a bound method
  Object* func;  // strong
  Object* self;  // strong
};

struct BuiltinFunctionObject : Object {
  const MethodDef* def;  // static table entry
  Object* self;          // bound object or module (strong, nullable)
  Object* module_name;   // str or null
};

Ref<Object> function_new(Object* code, Object* globals, Object* qualname /*nullable: code's*/);
Ref<Object> cell_new(Object* contents /*nullable*/);
Ref<Object> method_new(Object* func, Object* self);
Ref<Object> builtin_function_new(const MethodDef* def, Object* self, Object* module_name = nullptr);

}  // namespace gk
