// runtime/objects/dict.hpp — dict: an insertion-ordered hash table (compact
// layout: a sparse index array into a dense entry array, like CPython's).
// Writes take CriticalSection(dict); lookups, len and iteration are
// lock-free (see the top of dict.cpp). The table layout is private to dict.cpp.
#pragma once

#include "objects/object.hpp"
#include "objects/shared_access.hpp"

namespace gk {

struct DictTable;  // private to dict.cpp

struct DictObject : Object {
  size_t used;        // live entries; written under the dict's critical section (relaxed
                      // store), read lock-free (relaxed)
  uint64_t version;   // bumped on every mutation (iteration-safety checks, caches); per dict,
                      // so compare it only against the same (live) dict. Written under the
                      // critical section with a release store after the change; read
                      // lock-free with acquire (dict_version_of)
  DictTable* table;   // owned; null for a new empty dict. Written under the critical section
                      // (seq_cst store; a replaced table is retired through QSBR); read
                      // lock-free (seq_cst)
  uint32_t foreign;   // no-GIL build: 1 once a thread other than the dict's owner has read its
                      // table (seq_cst store, never cleared); see "Private dicts" in dict.cpp.
                      // (Free in memory: the object stays in the same size class.)
};

Ref<Object> dict_new();
inline size_t dict_size(const Object* d) noexcept { return sa::load_relaxed(static_cast<const DictObject*>(d)->used); }
// The version, read without the dict's lock (for inline caches).
inline uint64_t dict_version_of(const Object* d) noexcept {
  return sa::load_acquire(static_cast<const DictObject*>(d)->version);
}
// Invariant checker (see dict.cpp); takes the dict's critical section.
bool dict_check(Object* d) noexcept;

// Lookup: borrowed value or null when missing. May run __hash__/__eq__ (hence ts).
// Borrowed values stay valid until the caller's next eval-breaker check even
// if another thread replaces them (their drop is deferred): incref before that.
Object* dict_get(ThreadState& ts, Object* d, Object* key);
// Lookup with a precomputed hash (for callers that already have it).
Object* dict_get_hashed(ThreadState& ts, Object* d, Object* key, int64_t hash);
// Lookup by an exact-str key; never runs user code when the dict holds only str keys.
Object* dict_get_str(ThreadState& ts, Object* d, Object* key);
void dict_set(ThreadState& ts, Object* d, Object* key, Object* value);  // increfs both
// For inline caches (runtime/vm/code_cache.hpp): dict_get_str / dict_set for
// an exact-str key, first trying the entry at position *hint. The hint needs
// no validation of its own: an entry whose key IS `key` is the key's entry.
// *hint is updated to the position the key was found at (or inserted at).
Object* dict_get_str_hinted(ThreadState& ts, Object* d, Object* key, uint32_t* hint);
void dict_set_str_hinted(ThreadState& ts, Object* d, Object* key, Object* value, uint32_t* hint);
bool dict_del(ThreadState& ts, Object* d, Object* key);                 // false if missing (no raise)
Ref<Object> dict_pop(ThreadState& ts, Object* d, Object* key);          // null if missing
void dict_clear(Object* d) noexcept;
// Iterate entries in insertion order: for (size_t pos = 0; dict_next(d, pos, &k, &v);) — borrowed k, v.
bool dict_next(Object* d, size_t& pos, Object** key, Object** value) noexcept;
// The same, also giving each key's stored hash (for set.update(dict) and copies).
bool dict_next_hashed(Object* d, size_t& pos, Object** key, Object** value, int64_t* hash) noexcept;
void dict_update(ThreadState& ts, Object* d, Object* other);   // dict.update(other): mapping or iterable of pairs
Ref<Object> dict_copy(ThreadState& ts, Object* d);
Ref<Object> dict_keys_list(Object* d);
Ref<Object> dict_values_list(Object* d);
Ref<Object> dict_items_list(Object* d);

// Convenience for C++ callers with C-string keys (interns the key).
Object* dict_get_cstr(ThreadState& ts, Object* d, const char* key);
void dict_set_cstr(ThreadState& ts, Object* d, const char* key, Object* value);

}  // namespace gk
