// runtime/objects/tuple.hpp — tuple: an immutable array of strong references
// stored inline after the header. The empty tuple is a single immortal object.
#pragma once

#include <initializer_list>

#include "objects/object.hpp"

namespace gk {

struct TupleObject : Object {
  size_t size;  // immutable after creation
  // Object* items[size] follow (strong references; null only while being filled,
  // by the creating thread, before the tuple is shared)
};

inline Object** tuple_items(Object* t) noexcept { return reinterpret_cast<Object**>(static_cast<TupleObject*>(t) + 1); }
inline size_t tuple_size(const Object* t) noexcept { return static_cast<const TupleObject*>(t)->size; }
inline Object* tuple_get(Object* t, size_t i) noexcept { return tuple_items(t)[i]; }  // borrowed

// A tuple of n null items for the caller to fill with tuple_set_steal (n == 0: the empty tuple).
Ref<Object> tuple_new(size_t n);
inline void tuple_set_steal(Object* t, size_t i, Object* v) noexcept { tuple_items(t)[i] = v; }
Ref<Object> tuple_pack(std::initializer_list<Object*> items);        // increfs each item
Ref<Object> tuple_from_array(Object* const* items, size_t n);         // increfs each item
Ref<Object> tuple_from_iterable(ThreadState& ts, Object* iterable);   // tuple(x)
Ref<Object> tuple_empty();

}  // namespace gk
