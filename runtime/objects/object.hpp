// runtime/objects/object.hpp — the object model's core: Object, TypeObject,
// owned references (Ref), allocation, and the slot table every type fills.
//
// Glossary
//   Object       every Python value starts with an ObjectHeader (lock policy)
//   TypeObject   a Python type: name, bases, MRO, dict, and the slot table
//   Ref<T>       an owned (strong) reference; raw T* parameters are borrowed
//   slot         a C++ function pointer on a type for one protocol operation
//
// Errors are C++ exceptions: a Python exception is thrown as gk::PyError (see
// exceptions.hpp) and every function here may throw it unless it is noexcept.
// Functions return new references as Ref<>; parameters are borrowed Object*.
//
// Object layout rules (so that classes can subclass built-in types, as in
// CPython): an object struct derives from Object, is standard-layout and is
// valid when zero-filled (raw pointers and integers only; a C++ container may
// live behind an owned pointer). Instances are allocated with the type's
// basicsize (zero-filled), so a subclass instance is the base layout followed
// by the subclass's own fields (e.g. its __dict__ pointer at dictoffset).
//
// Invariant: every reference count change goes through incref()/decref() below,
// which call the lock policy; nothing else reads or writes header fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "alloc/policy.hpp"
#include "gc/heap.hpp"
#include "gil/policy.hpp"
#include "threads/thread_state.hpp"

namespace gk {

struct TypeObject;
struct Object;

struct Object {
  ObjectHeader ob;  // refcount fields, owned by the lock policy
};

inline TypeObject* type_of(const Object* o) noexcept { return o->ob.type; }

void object_dealloc(Object* o) noexcept;  // calls type_of(o)->dealloc

[[gnu::always_inline]] inline void incref(Object* o) noexcept { LockPolicy::incref(o->ob); }
inline void xincref(Object* o) noexcept {
  if (o) incref(o);
}
[[gnu::always_inline]] inline void decref(Object* o) noexcept {
  if (LockPolicy::decref(o->ob)) [[unlikely]] object_dealloc(o);
}
inline void xdecref(Object* o) noexcept {
  if (o) decref(o);
}
// Drop a reference that a container (list item, dict key or value, set key)
// held, after unpublishing it from the container with a seq_cst store: a
// lock-free reader on another thread may have loaded the pointer and not yet
// increfed it, so when readers_may_race() the decref waits for a QSBR grace
// period (every thread has passed its eval breaker). Otherwise — the GIL
// build, or a single thread — it happens at once.
void decref_deferred_thunk(void* o) noexcept;
inline void decref_shared(ThreadState& ts, Object* o) {
  if (LockPolicy::readers_may_race()) LockPolicy::defer_free(ts, o, decref_deferred_thunk);
  else decref(o);
}
inline void xdecref_shared(ThreadState& ts, Object* o) {
  if (o) decref_shared(ts, o);
}
inline intptr_t refcount(const Object* o) noexcept { return LockPolicy::refcount(o->ob); }
inline void make_immortal(Object* o) noexcept { LockPolicy::make_immortal(o->ob); }
inline bool is_immortal(const Object* o) noexcept { return LockPolicy::is_immortal(o->ob); }

// Replace *slot (a strong reference) by v (borrowed; increfed). Decrefs the old
// value last, so a finaliser that runs sees a consistent slot.
inline void assign(Object*& slot, Object* v) noexcept {
  Object* old = slot;
  xincref(v);
  slot = v;
  xdecref(old);
}
inline void clear(Object*& slot) noexcept {
  Object* old = slot;
  slot = nullptr;
  xdecref(old);
}

// ---------------------------------------------------------------------------
// Ref<T>: an owned reference. Moves are free; copies incref.
template <class T = Object>
class Ref {
 public:
  Ref() noexcept = default;
  Ref(std::nullptr_t) noexcept {}
  Ref(const Ref& o) noexcept : p_(o.p_) { xincref(obj()); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  template <class U>
    requires std::is_convertible_v<U*, T*>
  Ref(Ref<U>&& o) noexcept : p_(o.release()) {}
  template <class U>
    requires std::is_convertible_v<U*, T*>
  Ref(const Ref<U>& o) noexcept : p_(o.get()) { xincref(obj()); }
  ~Ref() { xdecref(obj()); }

  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  // Take over a reference the caller owns.
  static Ref steal(T* p) noexcept {
    Ref r;
    r.p_ = p;
    return r;
  }
  // Take a new reference to a borrowed pointer.
  static Ref borrow(T* p) noexcept {
    Ref r;
    r.p_ = p;
    xincref(r.obj());
    return r;
  }

  T* get() const noexcept { return p_; }
  T* operator->() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  operator T*() const noexcept { return p_; }  // borrow for a call
  [[nodiscard]] T* release() noexcept {
    T* p = p_;
    p_ = nullptr;
    return p;
  }
  void reset() noexcept {
    T* p = p_;
    p_ = nullptr;
    xdecref(reinterpret_cast<Object*>(p));
  }

 private:
  Object* obj() const noexcept { return reinterpret_cast<Object*>(p_); }
  T* p_ = nullptr;
};

template <class T>
Ref<T> newref(T* p) noexcept {
  return Ref<T>::borrow(p);
}
template <class T>
Ref<T> steal(T* p) noexcept {
  return Ref<T>::steal(p);
}
template <class To, class From>
Ref<To> ref_cast(Ref<From>&& r) noexcept {
  return Ref<To>::steal(reinterpret_cast<To*>(r.release()));
}

// ---------------------------------------------------------------------------
// Slots. Every slot may throw PyError. `args` is a vector of borrowed
// arguments: args[0..nargs) positional, then one value per name in `kwnames`
// (a tuple of str, or nullptr when there are no keyword arguments) — the
// "vectorcall" convention.

enum class CompareOp : int { LT = 0, LE = 1, EQ = 2, NE = 3, GT = 4, GE = 5 };

// BINARY_OP's argument and the index of TypeObject::nb: CPython 3.11's order.
enum BinaryOpKind : int {
  NB_ADD = 0, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY, NB_MULTIPLY,
  NB_REMAINDER, NB_OR, NB_POWER, NB_RSHIFT, NB_SUBTRACT, NB_TRUE_DIVIDE, NB_XOR,
  NB_COUNT,  // 13; BINARY_OP's in-place forms are NB_INPLACE_OFFSET + kind
};
inline constexpr int NB_INPLACE_OFFSET = 13;

using DeallocFn = void (*)(Object*) noexcept;
using UnaryFn = Ref<Object> (*)(ThreadState&, Object*);
using BinaryFn = Ref<Object> (*)(ThreadState&, Object*, Object*);  // may return NotImplemented
using HashFn = int64_t (*)(ThreadState&, Object*);                  // never returns -1
using RichCompareFn = Ref<Object> (*)(ThreadState&, Object*, Object*, CompareOp);
using GetAttrFn = Ref<Object> (*)(ThreadState&, Object*, Object* name);  // null = not found (no throw needed)
using SetAttrFn = void (*)(ThreadState&, Object*, Object* name, Object* value);  // value null = delete
using CallFn = Ref<Object> (*)(ThreadState&, Object* callable, Object* const* args, size_t nargs, Object* kwnames);
using NewFn = Ref<Object> (*)(ThreadState&, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames);
using InitFn = void (*)(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames);
using IterNextFn = Ref<Object> (*)(ThreadState&, Object*);  // null = exhausted (no StopIteration thrown)
using DescrGetFn = Ref<Object> (*)(ThreadState&, Object* descr, Object* obj /*nullable*/, Object* type);
using DescrSetFn = void (*)(ThreadState&, Object* descr, Object* obj, Object* value /*null = delete*/);
using BoolFn = bool (*)(ThreadState&, Object*);
using LenFn = size_t (*)(ThreadState&, Object*);
using GetItemFn = Ref<Object> (*)(ThreadState&, Object*, Object* key);
using SetItemFn = void (*)(ThreadState&, Object*, Object* key, Object* value /*null = delete*/);
using ContainsFn = bool (*)(ThreadState&, Object*, Object* item);
// The cyclic GC's slots (runtime/gc/collector.hpp). traverse calls visit(ref,
// arg) once for each strong, counted reference the object holds (nulls
// skipped); it runs while the world is stopped, calls no Python code and
// allocates nothing. gc_clear drops the references that can form cycles,
// leaving the object valid for its dealloc.
using VisitFn = void (*)(Object* ref, void* arg);
using TraverseFn = void (*)(Object*, VisitFn visit, void* arg);
using GcClearFn = void (*)(ThreadState&, Object*);

// A native method or function: the "vectorcall" signature. `self` is the bound
// object (or the module for module functions).
using NativeFn = Ref<Object> (*)(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames);

// A method table entry of a built-in type or module; tables end with {nullptr}.
enum MethodFlags : uint32_t {
  METH_DEFAULT = 0,
  METH_CLASS = 1,   // classmethod: self is the type
  METH_STATIC = 2,  // staticmethod: self is null
};
struct MethodDef {
  const char* name;
  NativeFn fn;
  uint32_t flags = METH_DEFAULT;
  const char* doc = nullptr;
};

// A data attribute of a built-in type (a getset descriptor); set may be null
// (read-only: AttributeError "readonly attribute" / CPython's messages).
struct GetSetDef {
  const char* name;
  Ref<Object> (*get)(ThreadState&, Object* self);
  void (*set)(ThreadState&, Object* self, Object* value /*null = delete*/);
};

enum TypeFlags : uint32_t {
  TPFLAG_HEAPTYPE = 1u << 0,      // created by a class statement or type(); refcounted
  TPFLAG_BASETYPE = 1u << 1,      // may be subclassed
  TPFLAG_HAS_DICT = 1u << 2,      // instances have a __dict__ at dictoffset
  TPFLAG_READY = 1u << 3,         // type_ready() has run
  TPFLAG_IMMUTABLE = 1u << 4,     // setting attributes on the type is an error (built-ins)
  TPFLAG_ABSTRACT = 1u << 5,
  // Fast subclass checks (as CPython's Py_TPFLAGS_*_SUBCLASS): set on the type and every subclass.
  TPFLAG_INT_SUBCLASS = 1u << 8,
  TPFLAG_STR_SUBCLASS = 1u << 9,
  TPFLAG_TUPLE_SUBCLASS = 1u << 10,
  TPFLAG_LIST_SUBCLASS = 1u << 11,
  TPFLAG_DICT_SUBCLASS = 1u << 12,
  TPFLAG_EXC_SUBCLASS = 1u << 13,   // BaseException and subclasses
  TPFLAG_TYPE_SUBCLASS = 1u << 14,
  TPFLAG_BYTES_SUBCLASS = 1u << 15,
  TPFLAG_HAS_FINALIZER = 1u << 16,  // heap type whose MRO defines __del__ (kept by type_update_slot)
  TPFLAG_EXTERNAL_DICT = 1u << 17,  // heap type over a var-sized base: __dict__ lives in a side table
  // Instances are containers tracked by the cyclic GC (runtime/gc/heap.hpp):
  // allocated with a GcLink pre-header, `traverse` is set. Set before the
  // first instance is allocated (gc_init_types, type_new), never cleared.
  TPFLAG_HAVE_GC = 1u << 18,
};

struct TypeObject : Object {
  // --- identity and layout (immutable after type_ready, except as noted) ---
  const char* name;           // tp_name, e.g. "int", "MyClass" (heap types: owned copy in name_obj)
  Object* name_obj;           // str __name__ (strong)
  Object* qualname;           // str __qualname__ (strong)
  size_t basicsize;           // bytes of a fixed-size instance
  size_t itemsize;            // bytes per item of a variable-size instance (0 = fixed)
  size_t dictoffset;          // offset of the Object* __dict__ slot in instances, 0 = none
  uint32_t flags;             // TypeFlags
  TypeObject* base;           // tp_base (borrowed for static types, strong for heap types)
  Object* bases;              // tuple of types (strong)
  Object* mro;                // tuple of types, C3 linearisation (strong)
  Object* dict;               // the type's namespace: a dict (strong). Mutated only by setattr on the type.
  Object* subclasses;         // list of weak-ish back references, or null (optional)
  const MethodDef* methods;   // built-in methods, installed into dict by type_ready
  const GetSetDef* getsets;   // built-in data descriptors, installed into dict by type_ready
  const char* doc;

  // --- slots (filled statically for built-ins; by type_ready/slot updates for classes) ---
  DeallocFn dealloc;
  UnaryFn repr;
  UnaryFn str;
  HashFn hash;                // null = unhashable ("unhashable type: 'list'")
  RichCompareFn richcompare;
  GetAttrFn getattro;
  SetAttrFn setattro;
  CallFn call;
  UnaryFn iter;
  IterNextFn iternext;
  DescrGetFn descr_get;
  DescrSetFn descr_set;
  NewFn new_;
  InitFn init;

  // number protocol
  BinaryFn nb[NB_COUNT];          // a OP b; called with either operand of this type (CPython's rule)
  BinaryFn nb_inplace[NB_COUNT];  // a OP= b; null = fall back to nb[]
  UnaryFn nb_negative;
  UnaryFn nb_positive;
  UnaryFn nb_invert;
  UnaryFn nb_absolute;
  BoolFn nb_bool;
  UnaryFn nb_index;               // __index__: returns an exact int
  UnaryFn nb_int;                 // __int__
  UnaryFn nb_float;               // __float__

  // sequence / mapping protocol
  LenFn len;
  GetItemFn getitem;
  SetItemFn setitem;
  ContainsFn contains;

  // cyclic GC (TPFLAG_HAVE_GC types; see VisitFn). Set with the flag.
  TraverseFn traverse;
  GcClearFn gc_clear;          // null: the type breaks no cycle itself (tuple)

  // --- owned by type_lookup's method cache (abstract.cpp), guarded by the GIL ---
  uint32_t version_tag;  // 0 = no cache entries; reset by type_modified() when a dict on the MRO changes

  // Set by a built-in type's setup (never inherited; immutable after): its
  // dealloc only frees the object's own memory (drops no reference, runs no
  // code), so object_dealloc calls it without the trashcan's depth count.
  bool dealloc_is_leaf;
};

// A type's dict (or a base's) changed: drop its and its subclasses' cached lookups.
void type_modified(TypeObject* type) noexcept;

// The built-in type objects (defined beside each type's implementation).
extern TypeObject Type_type, Object_type, None_type, NotImplemented_type, Ellipsis_type;
extern TypeObject Int_type, Bool_type, Float_type, Complex_type;
extern TypeObject Str_type, Bytes_type, ByteArray_type;
extern TypeObject Tuple_type, List_type, Dict_type, Set_type, FrozenSet_type, Range_type, Slice_type;
extern TypeObject Function_type, BuiltinFunction_type, Method_type, Cell_type, Code_type, Module_type;
extern TypeObject Generator_type, Property_type, ClassMethod_type, StaticMethod_type, Super_type;
extern TypeObject MethodDescr_type, ClassMethodDescr_type, GetSetDescr_type, MemberDescr_type, WrapperDescr_type;
extern TypeObject Traceback_type, Frame_type;

// The singletons (static, immortal).
extern Object None_obj, NotImplemented_obj, Ellipsis_obj;
inline Object* None() noexcept { return &None_obj; }
inline Object* NotImplemented() noexcept { return &NotImplemented_obj; }
inline Object* Ellipsis() noexcept { return &Ellipsis_obj; }
inline Ref<Object> none_ref() noexcept { return Ref<Object>::borrow(&None_obj); }
inline bool is_none(const Object* o) noexcept { return o == &None_obj; }

// ---------------------------------------------------------------------------
// Allocation. Every object block comes from the allocator policy.

// Allocate `size` zero-filled bytes and initialise the header (refcount 1,
// type increfed if it is a heap type). Throws MemoryError on exhaustion.
// For a class over a built-in type, the class's own fields (__dict__,
// __slots__) are added when `size` is the built-in struct size, so built-in
// constructors may allocate subclass instances with alloc_object<T>(type).
Object* object_alloc(TypeObject* type, size_t size);
// Raw (non-object) memory — list item arrays, dict tables, string buffers —
// also comes from the allocator policy. Sizes are passed back on free.
void* mem_alloc(size_t size);                                  // throws MemoryError
void* mem_realloc(void* p, size_t old_size, size_t new_size);  // throws MemoryError
void mem_free(void* p, size_t size) noexcept;

// The type's generic allocation: basicsize + nitems * itemsize.
Object* type_alloc(TypeObject* type, size_t nitems = 0);
// Return the block of a dead object to the allocator; decrefs a heap type.
// `size` is what the type's own code allocated: sizeof(T) plus any inline
// variable part, or type_of(o)->basicsize for fixed-size objects. Either way
// the fields a class (heap subtype) adds after the built-in layout are
// accounted for here, matching object_alloc.
void object_free_heap_type(Object* o, size_t size) noexcept;  // object_free for a class instance
inline void object_free(Object* o, size_t size) noexcept {
  const uint32_t f = type_of(o)->flags;
  if (f & TPFLAG_HEAPTYPE) return object_free_heap_type(o, size);
  // A built-in type: the block is exactly `size`, after the GC pre-header if any.
  if (f & TPFLAG_HAVE_GC) return AllocPolicy::deallocate(reinterpret_cast<GcLink*>(o) - 1, size + sizeof(GcLink));
  AllocPolicy::deallocate(o, size);
}

// Allocate and construct a built-in object of struct T with type `type`:
//   auto* l = alloc_object<ListObject>(&List_type);
[[noreturn]] void raise_no_memory();  // exceptions.hpp
template <class T>
[[gnu::always_inline]] inline T* alloc_object(TypeObject* type, size_t extra_bytes = 0) {
  if (type->flags & TPFLAG_HEAPTYPE) return static_cast<T*>(object_alloc(type, sizeof(T) + extra_bytes));
  // A built-in type: object_alloc inline (no class fields to add, no type
  // reference to take), with a zero-fill of constant size for fixed types.
  // Containers get the GC pre-header and are tracked at once.
  const size_t size = sizeof(T) + extra_bytes;
  const bool gc = (type->flags & TPFLAG_HAVE_GC) != 0;
  const size_t pre = gc ? sizeof(GcLink) : 0;
  void* mem;
  try {
    mem = AllocPolicy::allocate(size + pre);
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  }
  Object* o = reinterpret_cast<Object*>(static_cast<char*>(mem) + pre);
  // Zero the body only: init_header writes every header field and gc_link
  // both pre-header words. For a fixed-size T the size is a constant even
  // where this function is not inlined, so the compiler emits plain stores.
  char* body = reinterpret_cast<char*>(o) + sizeof(ObjectHeader);
  if (extra_bytes == 0)
    std::memset(body, 0, sizeof(T) - sizeof(ObjectHeader));
  else
    std::memset(body, 0, size - sizeof(ObjectHeader));
  LockPolicy::init_header(o->ob, type);
  if (gc) gc_link(static_cast<GcLink*>(mem), o->ob, 0);
  return static_cast<T*>(o);
}

// ---------------------------------------------------------------------------
// Type checks.
bool is_subtype(TypeObject* a, TypeObject* b) noexcept;  // via mro
inline bool type_check_exact(const Object* o, const TypeObject* t) noexcept { return o->ob.type == t; }
inline bool type_check(const Object* o, TypeObject* t) noexcept {
  return o->ob.type == t || is_subtype(o->ob.type, t);
}
inline bool has_flag(const Object* o, uint32_t f) noexcept { return (o->ob.type->flags & f) != 0; }
inline bool is_int(const Object* o) noexcept { return has_flag(o, TPFLAG_INT_SUBCLASS); }  // includes bool
inline bool is_str(const Object* o) noexcept { return has_flag(o, TPFLAG_STR_SUBCLASS); }
inline bool is_tuple(const Object* o) noexcept { return has_flag(o, TPFLAG_TUPLE_SUBCLASS); }
inline bool is_list(const Object* o) noexcept { return has_flag(o, TPFLAG_LIST_SUBCLASS); }
inline bool is_dict(const Object* o) noexcept { return has_flag(o, TPFLAG_DICT_SUBCLASS); }
inline bool is_type(const Object* o) noexcept { return has_flag(o, TPFLAG_TYPE_SUBCLASS); }
inline bool is_exception(const Object* o) noexcept { return has_flag(o, TPFLAG_EXC_SUBCLASS); }
inline bool is_exception_type(const Object* o) noexcept {
  return is_type(o) && (static_cast<const TypeObject*>(o)->flags & TPFLAG_EXC_SUBCLASS);
}
inline bool is_float(const Object* o) noexcept { return type_check(o, &Float_type); }

// The cyclic GC's view of an object (runtime/gc/heap.hpp). An object has a
// pre-header when its type has TPFLAG_HAVE_GC — except the static built-in
// type objects (instances of `type` that were never allocated).
inline bool object_is_gc(const Object* o) noexcept {
  const uint32_t f = type_of(o)->flags;
  if (!(f & TPFLAG_HAVE_GC)) return false;
  return !(f & TPFLAG_TYPE_SUBCLASS) || (static_cast<const TypeObject*>(o)->flags & TPFLAG_HEAPTYPE);
}
inline GcLink* gc_link_of(Object* o) noexcept { return reinterpret_cast<GcLink*>(o) - 1; }
inline bool gc_is_tracked(Object* o) noexcept { return object_is_gc(o) && gc_link_of(o)->next() != nullptr; }
inline void gc_track(Object* o) noexcept {  // o untracked, has a pre-header; keeps its flags
  gc_link(gc_link_of(o), o->ob, gc_link_of(o)->flags());
}
inline void gc_untrack(Object* o) noexcept { gc_unlink(gc_link_of(o), o->ob); }  // o tracked
inline bool gc_is_finalized(Object* o) noexcept { return object_is_gc(o) && (gc_link_of(o)->flags() & kGcFinalized); }
// Before running o's __del__ (PEP 442: once per object); o has a pre-header.
// Only while o is untracked (its dealloc) or the world is stopped: a
// neighbour's unlink may rewrite the word otherwise.
inline void gc_set_finalized(Object* o) noexcept {
  GcLink* g = gc_link_of(o);
  g->set_prev_word(g->prev_word() | kGcFinalized);
}

// The instance __dict__ slot of o, or null when its type has none.
Object** external_dict_slot(Object* o) noexcept;  // type.cpp (classes over str/tuple/bytes)
inline Object** instance_dict_slot(Object* o) noexcept {
  const TypeObject* t = type_of(o);
  if (size_t off = t->dictoffset) return reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + off);
  if (t->flags & TPFLAG_EXTERNAL_DICT) return external_dict_slot(o);
  return nullptr;
}

}  // namespace gk
