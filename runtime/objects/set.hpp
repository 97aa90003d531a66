// runtime/objects/set.hpp — set and frozenset: hash tables of keys.
// Writes take CriticalSection(set); `in` and iteration are lock-free (see the
// top of set.cpp). Table layout private to set.cpp.
#pragma once

#include "objects/object.hpp"
#include "objects/shared_access.hpp"

namespace gk {

struct SetTable;  // private to set.cpp

struct SetObject : Object {
  size_t used;      // active keys; written under the set's critical section (relaxed store),
                    // read lock-free (relaxed)
  int64_t hash;     // frozenset hash cache (-1 = not computed): written once by whoever
                    // computes it first (idempotent, frozensets never change)
  SetTable* table;  // owned; null for an empty set; written under the set's critical section
                    // (seq_cst store; a replaced table is retired through QSBR); read lock-free (seq_cst)
};

Ref<Object> set_new();                                                // empty set
Ref<Object> set_from_iterable(ThreadState& ts, TypeObject* type, Object* iterable /*nullable*/);  // set or frozenset
inline size_t set_size(const Object* s) noexcept { return sa::load_relaxed(static_cast<const SetObject*>(s)->used); }
void set_add(ThreadState& ts, Object* s, Object* key);
bool set_contains(ThreadState& ts, Object* s, Object* key);
bool set_discard(ThreadState& ts, Object* s, Object* key);  // false if missing
bool set_next(Object* s, size_t& pos, Object** key) noexcept;  // borrowed key; lock-free
// Invariant checker (see set.cpp); takes the set's critical section.
bool set_check(Object* s) noexcept;
inline bool is_anyset(const Object* o) noexcept {
  return type_check(o, &Set_type) || type_check(o, &FrozenSet_type);
}

}  // namespace gk
