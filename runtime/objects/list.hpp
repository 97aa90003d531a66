// runtime/objects/list.hpp — list: a growable array of strong references.
// Writes take CriticalSection(list) (a no-op under the GIL).
#pragma once

#include "objects/object.hpp"

namespace gk {

struct ListObject : Object {
  size_t size;        // guarded by the list's critical section
  size_t capacity;    // guarded by the list's critical section
  Object** items;     // mem_alloc'ed array of `capacity`; strong references in [0, size)
};

inline size_t list_size(const Object* l) noexcept { return static_cast<const ListObject*>(l)->size; }
inline Object** list_items(Object* l) noexcept { return static_cast<ListObject*>(l)->items; }
inline Object* list_get(Object* l, size_t i) noexcept { return list_items(l)[i]; }  // borrowed

Ref<Object> list_new(size_t n = 0);   // n null items, to be filled with list_set_steal
inline void list_set_steal(Object* l, size_t i, Object* v) noexcept { list_items(l)[i] = v; }
void list_append(Object* l, Object* v);                       // increfs v
void list_extend(ThreadState& ts, Object* l, Object* iterable);
Ref<Object> list_from_iterable(ThreadState& ts, Object* iterable);
Ref<Object> list_from_array(Object* const* items, size_t n);  // increfs
Ref<Object> list_as_tuple(Object* l);
void list_insert(Object* l, int64_t index, Object* v);
// list.sort(key=..., reverse=...): stable; key may be null. Raises ValueError
// "list modified during sort" as CPython does.
void list_sort(ThreadState& ts, Object* l, Object* key, bool reverse);
void list_reverse(Object* l) noexcept;

// Recursion guard for container reprs (the "[...]" / "{...}" of a container
// that contains itself). Registers `o` in ts.repr_active for its lifetime:
//   ReprGuard g(ts, self);
//   if (g.recursive()) return str_new("[...]");
// Also raises RecursionError when the C stack is nearly exhausted.
class ReprGuard {
 public:
  ReprGuard(ThreadState& ts, Object* o);
  ~ReprGuard();
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;
  bool recursive() const noexcept { return recursive_; }

 private:
  ThreadState& ts_;
  bool recursive_;
};

}  // namespace gk
