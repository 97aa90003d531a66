// runtime/objects/table_keys.hpp — hashing and comparing keys for the hash
// tables of dict and set: fast paths for exact str and int keys, which run no
// user code, and the generic protocol otherwise.
#pragma once

#include "objects/abstract.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"

namespace gk {

inline int64_t table_key_hash(ThreadState& ts, Object* key) {
  TypeObject* t = type_of(key);
  if (t == &Str_type) {
    int64_t h = static_cast<StrObject*>(key)->hash;
    return h != -1 ? h : str_hash(key);
  }
  if (t == &Int_type) return int_hash(key);
  return hash(ts, key);
}

// Equality of two keys with equal hashes when no user code can be involved
// (exact str or exact int on both sides): 1 equal, 0 different, -1 unknown.
inline int table_builtin_key_eq(Object* a, Object* b) noexcept {
  TypeObject* ta = type_of(a);
  if (ta != type_of(b)) return -1;
  if (ta == &Str_type) return str_equal(a, b);
  if (ta == &Int_type) return int_compare(a, b) == 0;
  return -1;
}

}  // namespace gk
