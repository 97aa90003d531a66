// runtime/objects/object.cpp — the core of the object model: allocation of
// objects and raw buffers through the allocator policy, deallocation, subtype
// checks, and the three singletons None, NotImplemented and Ellipsis with
// their types.
//
// Allocation and heap types. A class statement may subclass a built-in type
// whose own code allocates instances with `alloc_object<T>(type)` (sizeof(T)
// bytes) and frees them with `object_free(o, sizeof(T))`. The class adds its
// own fields (the __dict__ pointer, __slots__) after the built-in layout, so
// object_alloc/object_free add the heap type's extra bytes themselves:
//   extra(type) = type->basicsize - basicsize of its nearest static base.
// Built-in code therefore never needs to know whether it allocates for a
// subclass; the block size passed to the allocator policy always matches.
#include <cstdio>
#include <cstring>
#include <new>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/object.hpp"
#include "objects/str.hpp"
#include "objects/type.hpp"

namespace gk {

Object None_obj, NotImplemented_obj, Ellipsis_obj;
TypeObject None_type, NotImplemented_type, Ellipsis_type;

// ---------------------------------------------------------------------------
// Allocation

// The nearest base that is not a heap type (the layout built-in code knows).
static inline TypeObject* static_base(TypeObject* t) noexcept {
  while (t && (t->flags & TPFLAG_HEAPTYPE)) t = t->base;
  return t;
}

// Bytes a heap type adds after its static base's layout (0 for static types).
static inline size_t heap_extra(TypeObject* t) noexcept {
  if (!(t->flags & TPFLAG_HEAPTYPE)) return 0;
  TypeObject* sb = static_base(t);
  return sb && t->basicsize > sb->basicsize ? t->basicsize - sb->basicsize : 0;
}

// The block size for an object of `type` whose own code asked for `size`
// bytes. Built-in code may pass either its struct size (sizeof(T), to which
// the class's fields are added) or type_of(o)->basicsize (already complete);
// both give the same block. Classes over var-sized bases add no fields here.
static inline size_t block_size(TypeObject* t, size_t size) noexcept {
  size_t extra = heap_extra(t);
  return extra && size < t->basicsize ? size + extra : size;
}

void* mem_alloc(size_t size) {
  try {
    return AllocPolicy::allocate(size);
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  }
}

void* mem_realloc(void* p, size_t old_size, size_t new_size) {
  if (!p) return mem_alloc(new_size);
  try {
    return AllocPolicy::reallocate(p, old_size, new_size);
  } catch (std::bad_alloc&) {
    raise_no_memory();
  }
}

void mem_free(void* p, size_t size) noexcept {
  if (p) AllocPolicy::deallocate(p, size);
}

Object* object_alloc(TypeObject* type, size_t size) {
  size = block_size(type, size);
  // Containers get the GC pre-header (gc/heap.hpp) and are tracked at once.
  const bool gc = (type->flags & TPFLAG_HAVE_GC) != 0;
  const size_t pre = gc ? sizeof(GcLink) : 0;
  void* mem;
  try {
    mem = AllocPolicy::allocate(size + pre);
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  }
  Object* o = reinterpret_cast<Object*>(static_cast<char*>(mem) + pre);
  // The body only: init_header writes every header field, gc_link the pre-header.
  std::memset(reinterpret_cast<char*>(o) + sizeof(ObjectHeader), 0, size - sizeof(ObjectHeader));
  LockPolicy::init_header(o->ob, type);
  if (type->flags & TPFLAG_HEAPTYPE) incref(type);
  if (gc) gc_link(static_cast<GcLink*>(mem), o->ob, 0);
  return o;
}

Object* type_alloc(TypeObject* type, size_t nitems) {
  TypeObject* sb = static_base(type);
  return object_alloc(type, sb->basicsize + nitems * type->itemsize);
}

void object_free_heap_type(Object* o, size_t size) noexcept {
  TypeObject* type = type_of(o);
  if (type->flags & TPFLAG_HAVE_GC)
    AllocPolicy::deallocate(gc_link_of(o), block_size(type, size) + sizeof(GcLink));
  else
    AllocPolicy::deallocate(o, block_size(type, size));
  if (type->flags & TPFLAG_HEAPTYPE) decref(type);
}

// The trashcan. Freeing a long chain (a linked list of 10^6 nodes, a deeply
// nested list) recurses once per link: dealloc -> decref(child) -> dealloc.
// Past kTrashcanDepth nested deallocations an object is parked on this
// thread's trash list instead, and the outermost object_dealloc frees the
// parked objects iteratively before it returns — so everything is still
// freed (and __del__ run) before control returns to Python code.
namespace {
constexpr int kTrashcanDepth = 500;
thread_local int t_dealloc_depth = 0;       // owner thread only
thread_local bool t_trash_pending = false;  // owner thread only: t_trash may be non-empty
// Touched only when the depth limit is reached (its thread_local guard stays
// off the common path).
thread_local std::vector<Object*> t_trash;  // owner thread only

inline void dealloc_now(Object* o) noexcept {
  TypeObject* t = type_of(o);
  if (t->dealloc) {
    t->dealloc(o);
  } else {
    object_free(o, static_base(t)->basicsize);
  }
}
}  // namespace

// The cold halves of object_dealloc (kept out of its common path).
[[gnu::noinline, gnu::cold]] static void trash_park(Object* o) noexcept {
  try {
    t_trash.push_back(o);
    t_trash_pending = true;
    return;
  } catch (...) {
    // No memory for the list: free it now and hope the stack suffices.
  }
  ++t_dealloc_depth;
  dealloc_now(o);
  --t_dealloc_depth;
}

[[gnu::noinline, gnu::cold]] static void trash_drain() noexcept {
  t_dealloc_depth = 1;  // parked objects' own chains may nest again, up to the limit
  while (!t_trash.empty()) {
    Object* x = t_trash.back();
    t_trash.pop_back();
    dealloc_now(x);
  }
  t_trash_pending = false;
  t_dealloc_depth = 0;
}

void decref_deferred_thunk(void* o) noexcept { decref(static_cast<Object*>(o)); }

// Everything but a leaf: kept out of object_dealloc so that the leaf path (a
// float, an int, a str) is a tail call with no register saves.
[[gnu::noinline]] static void object_dealloc_counted(Object* o, TypeObject* t) noexcept {
  // A dying container leaves the GC's lists first: a collection that runs
  // while it is torn down (a __del__ it triggers) must not see it.
  if ((t->flags & TPFLAG_HAVE_GC) && gc_link_of(o)->next()) gc_untrack(o);
  int depth = t_dealloc_depth;
  if (__builtin_expect(depth >= kTrashcanDepth, 0)) return trash_park(o);
  t_dealloc_depth = depth + 1;
  dealloc_now(o);
  t_dealloc_depth = depth;
  if (__builtin_expect(depth == 0 && t_trash_pending, 0)) trash_drain();
}

void object_dealloc(Object* o) noexcept {
  TypeObject* t = type_of(o);
  if (t->dealloc_is_leaf) return t->dealloc(o);  // cannot nest: no depth to count
  object_dealloc_counted(o, t);
}

bool is_subtype(TypeObject* a, TypeObject* b) noexcept {
  if (a == b) return true;
  if (Object* mro = a->mro) {
    size_t n = tuple_size(mro);
    Object** items = tuple_items(mro);
    for (size_t i = 0; i < n; ++i)
      if (items[i] == b) return true;
    return false;
  }
  // Not ready yet: follow the single-inheritance chain.
  for (TypeObject* t = a->base; t; t = t->base)
    if (t == b) return true;
  return b == &Object_type;
}

// ---------------------------------------------------------------------------
// None, NotImplemented, Ellipsis

static Ref<Object> none_repr(ThreadState&, Object*) { return newref(intern("None")); }
static bool none_bool(ThreadState&, Object*) { return false; }
static Ref<Object> notimpl_repr(ThreadState&, Object*) { return newref(intern("NotImplemented")); }
static Ref<Object> ellipsis_repr(ThreadState&, Object*) { return newref(intern("Ellipsis")); }

static Ref<Object> singleton_new(TypeObject* type, Object* value, size_t nargs, Object* kwnames) {
  if (nargs != 0 || kwnames_count(kwnames) != 0) raise_fmt(Exc_TypeError, "%s takes no arguments", type->name);
  return newref(value);
}
static Ref<Object> none_new(ThreadState&, TypeObject* t, Object* const*, size_t nargs, Object* kwnames) {
  return singleton_new(t, None(), nargs, kwnames);
}
static Ref<Object> notimpl_new(ThreadState&, TypeObject* t, Object* const*, size_t nargs, Object* kwnames) {
  return singleton_new(t, NotImplemented(), nargs, kwnames);
}
static Ref<Object> ellipsis_new(ThreadState&, TypeObject* t, Object* const*, size_t nargs, Object* kwnames) {
  return singleton_new(t, Ellipsis(), nargs, kwnames);
}

// The singletons are statics: never freed.
static void singleton_dealloc(Object*) noexcept {}

static void init_singleton(Object& o, TypeObject& t) {
  LockPolicy::init_header(o.ob, &t);
  make_immortal(&o);
}

static void setup_none(TypeObject& t) {
  t.name = "NoneType";
  t.basicsize = sizeof(Object);
  t.dealloc = singleton_dealloc;
  t.repr = none_repr;
  t.nb_bool = none_bool;
  t.new_ = none_new;
  init_singleton(None_obj, t);
}
static void setup_notimpl(TypeObject& t) {
  t.name = "NotImplementedType";
  t.basicsize = sizeof(Object);
  t.dealloc = singleton_dealloc;
  t.repr = notimpl_repr;
  t.new_ = notimpl_new;
  init_singleton(NotImplemented_obj, t);
}
static void setup_ellipsis(TypeObject& t) {
  t.name = "ellipsis";
  t.basicsize = sizeof(Object);
  t.dealloc = singleton_dealloc;
  t.repr = ellipsis_repr;
  t.new_ = ellipsis_new;
  init_singleton(Ellipsis_obj, t);
}
GK_REGISTER_TYPE(None_type, setup_none);
GK_REGISTER_TYPE(NotImplemented_type, setup_notimpl);
GK_REGISTER_TYPE(Ellipsis_type, setup_ellipsis);

}  // namespace gk
