// runtime/objects/list.hpp — list: a growable array of strong references.
// Writes take CriticalSection(list) (a no-op under the GIL); the hot reads
// (len, indexing, iteration) are lock-free: see the top of list.cpp.
#pragma once

#include "objects/object.hpp"
#include "objects/shared_access.hpp"

namespace gk {

// The item array is one allocation: a size_t header holding its capacity,
// then `capacity` slots; `items` points at the first slot. A lock-free reader
// bounds an index by the capacity of the array it loaded
// (list_items_capacity), never by a size that may belong to another array.
struct ListObject : Object {
  size_t size;        // written under the list's critical section (release store); read lock-free (acquire)
  size_t capacity;    // == list_items_capacity(items); the list's critical section only
  Object** items;     // written under the critical section (seq_cst store when replaced, the old array
                      // retired through QSBR); read lock-free (seq_cst). Strong references in [0, size);
                      // in the no-GIL build slots [size, capacity) are null.
};

inline size_t list_size(const Object* l) noexcept { return sa::load_acquire(static_cast<const ListObject*>(l)->size); }
inline Object** list_items(Object* l) noexcept { return sa::load_seq_cst(static_cast<ListObject*>(l)->items); }
inline size_t list_items_capacity(Object* const* items) noexcept {
  return items ? reinterpret_cast<const size_t*>(items)[-1] : 0;
}
// Item i (borrowed; valid until the caller's next eval-breaker check, which is
// when a racing writer's dropped references are released). Callers check
// i < list_size(l) first. Returns null only while another thread mutates the
// list (the slot is empty or beyond the array the caller loaded): fall back
// to the locked list_item_ref.
inline Object* list_get(Object* l, size_t i) noexcept {
  Object** items = list_items(l);
  if constexpr (LockPolicy::lock_free_readers()) {
    if (i >= list_items_capacity(items)) return nullptr;
  }
  return sa::load_acquire(items[i]);
}
// Item i as a new reference, or null when i >= len (the list's critical
// section when the lock-free read races with a writer). Safe on a shared list.
Ref<Object> list_item_ref_locked(Object* l, size_t i);
inline Ref<Object> list_item_ref(Object* l, size_t i) {
  if (i >= list_size(l)) return nullptr;
  if (Object* v = list_get(l, i)) return newref(v);
  return list_item_ref_locked(l, i);  // a writer is at work: ask under the section
}
// For unpacking (the eval loop's UNPACK_SEQUENCE): when the list has exactly
// n items, stores item i as a new reference into out[n - 1 - i] (the eval
// stack's order) and returns true; false otherwise, out untouched. Takes the
// list's critical section: safe on a shared list.
bool list_unpack_exact(Object* l, size_t n, Object** out);
// l[i] = v for 0 <= i (after adding len for a negative i) < len: stores v
// (stolen) and drops the old item (decref_shared); false (v not stolen) when
// i is out of range. Safe on a shared list.
bool list_store_steal(Object* l, int64_t i, Object* v);

Ref<Object> list_new(size_t n = 0);   // n null items, to be filled with list_set_steal
// Only on a list no other thread can see yet (just made by list_new(n)).
inline void list_set_steal(Object* l, size_t i, Object* v) noexcept {
  sa::store_relaxed(static_cast<ListObject*>(l)->items[i], v);
}
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
// Invariant checker (see list.cpp); takes the list's critical section.
bool list_check(Object* l) noexcept;

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
