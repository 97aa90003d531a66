// runtime/gc/traverse.cpp — the cyclic GC's per-type slots: traverse (every
// strong reference an object holds) and gc_clear (drop the references that
// can close a cycle), and the one table of built-in types that are tracked.
//
// Why one file rather than a function beside each type: list.cpp, dict.cpp
// and set.cpp change often, so their slots use only their public API
// (list_size/list_get, dict_next/dict_clear, set_next, the `clear` method);
// the others follow the same pattern so that the list of tracked types and
// what each visits can be read (and checked against the structs) in one place.
//
// Rules for a traverse function: visit only strong, counted references
// (visiting a borrowed pointer would make the collector free a live object);
// missing one is safe (its target just counts as referenced from outside).
// It runs with the world stopped: no Python code, no allocation of objects.
// gc_clear may run Python code (the decrefs it does may free objects) and
// must leave the object valid for its dealloc and for readers.
//
// Tracked built-in types: list, dict, set, frozenset, tuple, function, cell,
// bound method, builtin function, module, property, classmethod, staticmethod, and classes
// (heap types). Every class's instances are tracked (gc_init_heap_type).
// Not tracked yet (their references count as from outside, so cycles
// through them are not collected; docs/gc.md): generators, exceptions,
// iterators, super, dict views, native-module objects.
#include <cstring>

#include "gc/collector.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/function.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/object.hpp"
#include "objects/set.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

namespace {

inline void visit_x(Object* o, VisitFn visit, void* arg) {
  if (o) visit(o, arg);
}

// --- list, dict, set, tuple: public API only ---------------------------------------------

void list_traverse(Object* o, VisitFn visit, void* arg) {
  for (size_t i = 0, n = list_size(o); i < n; ++i) visit_x(list_get(o, i), visit, arg);
}

// A built-in method by name from a type's MethodDef table (found once).
NativeFn find_method(const TypeObject& t, const char* name) noexcept {
  for (const MethodDef* m = t.methods; m && m->name; ++m)
    if (std::strcmp(m->name, name) == 0) return m->fn;
  return nullptr;
}

void list_gc_clear(ThreadState& ts, Object* o) {
  static const NativeFn clear = find_method(List_type, "clear");
  if (clear && list_size(o) != 0) clear(ts, o, nullptr, 0, nullptr);
}

void dict_traverse(Object* o, VisitFn visit, void* arg) {
  Object *k, *v;
  for (size_t pos = 0; dict_next(o, pos, &k, &v);) {
    visit_x(k, visit, arg);
    visit_x(v, visit, arg);
  }
}

void dict_gc_clear(ThreadState&, Object* o) { dict_clear(o); }

void set_traverse(Object* o, VisitFn visit, void* arg) {
  Object* k;
  for (size_t pos = 0; set_next(o, pos, &k);) visit_x(k, visit, arg);
}

void set_gc_clear(ThreadState& ts, Object* o) {
  static const NativeFn clear = find_method(Set_type, "clear");
  if (clear && set_size(o) != 0) clear(ts, o, nullptr, 0, nullptr);
}

void tuple_traverse(Object* o, VisitFn visit, void* arg) {
  for (size_t i = 0, n = tuple_size(o); i < n; ++i) visit_x(tuple_get(o, i), visit, arg);
}

// --- functions, cells, methods, modules, descriptors -------------------------------------

void function_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = static_cast<FunctionObject*>(o);
  for (Object* x : {f->code, f->globals, f->builtins, f->name, f->qualname, f->defaults, f->kwdefaults,
                    f->closure, f->dict, f->doc, f->module, f->annotations})
    visit_x(x, visit, arg);
}

// Code, globals, builtins, names and closure stay: a function is never left
// unable to run. Cycles through globals break at the dict, through the
// closure at the cell.
void function_gc_clear(ThreadState&, Object* o) {
  auto* f = static_cast<FunctionObject*>(o);
  clear(f->defaults);
  clear(f->kwdefaults);
  clear(f->dict);
  clear(f->annotations);
  clear(f->module);
  clear(f->doc);
}

void cell_traverse(Object* o, VisitFn visit, void* arg) { visit_x(static_cast<CellObject*>(o)->ref, visit, arg); }
void cell_gc_clear(ThreadState&, Object* o) { clear(static_cast<CellObject*>(o)->ref); }

void method_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<MethodObject*>(o);
  visit_x(m->func, visit, arg);
  visit_x(m->self, visit, arg);
}

void builtin_function_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = static_cast<BuiltinFunctionObject*>(o);
  visit_x(f->self, visit, arg);
  visit_x(f->module_name, visit, arg);
}

void module_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<ModuleObject*>(o);
  visit_x(m->dict, visit, arg);
  visit_x(m->name, visit, arg);
}

void property_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = static_cast<PropertyObject*>(o);
  for (Object* x : {p->fget, p->fset, p->fdel, p->doc, p->name}) visit_x(x, visit, arg);
}
void property_gc_clear(ThreadState&, Object* o) {
  auto* p = static_cast<PropertyObject*>(o);
  clear(p->fget);
  clear(p->fset);
  clear(p->fdel);
  clear(p->doc);
}

void classmethod_traverse(Object* o, VisitFn visit, void* arg) {
  auto* c = static_cast<ClassMethodObject*>(o);
  visit_x(c->callable, visit, arg);
  visit_x(c->dict, visit, arg);
}
void classmethod_gc_clear(ThreadState&, Object* o) {
  auto* c = static_cast<ClassMethodObject*>(o);
  clear(c->callable);
  clear(c->dict);
}

// --- classes and their instances ----------------------------------------------------------

// A type object: the static types are immortal and have no pre-header; a
// heap type holds its namespace, MRO, bases, base and subclass list.
void type_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TypeObject*>(o);
  if (!(t->flags & TPFLAG_HEAPTYPE)) return;
  for (Object* x : {t->dict, t->mro, t->bases, static_cast<Object*>(t->base), t->subclasses, t->name_obj,
                    t->qualname})
    visit_x(x, visit, arg);
}

// As CPython's type_clear: empty the namespace (methods refer back to the
// class); the MRO and bases stay, so instances freed afterwards still work.
void type_gc_clear(ThreadState&, Object* o) {
  auto* t = static_cast<TypeObject*>(o);
  if (!(t->flags & TPFLAG_HEAPTYPE) || !t->dict) return;
  type_modified(t);
  dict_clear(t->dict);
}

// An instance of a class: its type (instances hold a reference to a heap
// type), the fields the class adds after its static base (every one an
// Object*: __slots__ and __dict__), a side-table __dict__, then the static
// base's own references (a class over list visits the items).
void subtype_traverse(Object* o, VisitFn visit, void* arg) {
  TypeObject* t = type_of(o);
  visit(t, arg);
  TypeObject* sb = type_static_base(t);
  for (size_t off = sb->basicsize; off + sizeof(Object*) <= t->basicsize; off += sizeof(Object*))
    visit_x(*reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + off), visit, arg);
  if (t->flags & TPFLAG_EXTERNAL_DICT)
    if (Object** d = external_dict_slot(o)) visit_x(*d, visit, arg);
  if (sb->traverse) sb->traverse(o, visit, arg);
}

void subtype_gc_clear(ThreadState& ts, Object* o) {
  TypeObject* t = type_of(o);
  TypeObject* sb = type_static_base(t);
  for (size_t off = sb->basicsize; off + sizeof(Object*) <= t->basicsize; off += sizeof(Object*))
    clear(*reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + off));
  if (t->flags & TPFLAG_EXTERNAL_DICT)
    if (Object** d = external_dict_slot(o); d && *d) dict_clear(*d);
  if (sb->gc_clear) sb->gc_clear(ts, o);
}

struct TrackedType {
  TypeObject* type;
  TraverseFn traverse;
  GcClearFn gc_clear;
};

}  // namespace

void gc_init_types() noexcept {
  const TrackedType table[] = {
      {&List_type, list_traverse, list_gc_clear},
      {&Dict_type, dict_traverse, dict_gc_clear},
      {&Set_type, set_traverse, set_gc_clear},
      {&FrozenSet_type, set_traverse, nullptr},
      {&Tuple_type, tuple_traverse, nullptr},
      {&Function_type, function_traverse, function_gc_clear},
      {&Cell_type, cell_traverse, cell_gc_clear},
      {&Method_type, method_traverse, nullptr},
      {&BuiltinFunction_type, builtin_function_traverse, nullptr},
      {&Module_type, module_traverse, nullptr},
      {&Property_type, property_traverse, property_gc_clear},
      {&ClassMethod_type, classmethod_traverse, classmethod_gc_clear},
      {&StaticMethod_type, classmethod_traverse, classmethod_gc_clear},
      {&Type_type, type_traverse, type_gc_clear},
  };
  for (const TrackedType& e : table) {
    e.type->flags |= TPFLAG_HAVE_GC;
    e.type->dealloc_is_leaf = false;  // object_dealloc must untrack it first
    e.type->traverse = e.traverse;
    e.type->gc_clear = e.gc_clear;
  }
}

void gc_init_heap_type(Object* type) noexcept {
  auto* t = static_cast<TypeObject*>(type);
  t->flags |= TPFLAG_HAVE_GC;
  t->traverse = subtype_traverse;
  t->gc_clear = subtype_gc_clear;
}

}  // namespace gk
