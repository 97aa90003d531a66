// runtime/vm/code_cache.hpp — inline caches of the eval loop: one entry per
// LOAD_GLOBAL, LOAD_ATTR, STORE_ATTR and LOAD_METHOD instruction of a code
// object, remembering what the last lookup found and how to re-validate it
// (LOAD_NAME and STORE_NAME entries keep only a dict hint, see dict_hint).
//
// Validation uses dict versions (DictObject::version, bumped by every
// mutation, so it only ever grows):
//   global  the globals and builtins dicts are the cached ones and their
//           versions are unchanged -> the cached value is still right.
//   attr    type(obj) is the cached type and its version tag (the method
//           cache's, abstract.cpp: unique, reset by type_modified() on any
//           change to a dict along the MRO) is the one read when the entry was
//           filled -> type_lookup(name) would return the cached descriptor
//           again. When the type had no tag (tags exhausted), the entry is
//           validated instead by: its __mro__ is the cached tuple and the sum
//           of the versions of the MRO's dicts is unchanged (any mutation of
//           any of those dicts grows the sum).
// Entries hold strong references to the dicts / type / MRO they were filled
// for, so those addresses cannot be reused by other objects while cached.
// Values (descriptor, global) are borrowed: valid exactly while the owning
// dict is unchanged, which is what validation checks.
//
// Owner: the code object (code->cache), filled by whichever thread runs the
// code. Under the GIL one thread at a time; a no-GIL build must make these
// per-thread or disable them (like CPython 3.13t's specialisation).
#pragma once

#include <cstdint>

#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/tuple.hpp"

namespace gk {

enum class CacheKind : uint32_t {
  EMPTY = 0,
  GLOBAL,         // value found in globals (aux: builtins, version2 its version)
  BUILTIN,        // value found in builtins, absent from globals
  ATTR_ABSENT,    // name not on the type: the instance dict decides
  ATTR_DATA,      // a data descriptor on the type (property, __slots__ member)
  ATTR_OTHER,     // a non-data descriptor or plain class attribute: instance dict first
  ATTR_METHOD,    // LOAD_METHOD: a plain function / method descriptor on the type
};

struct CacheEntry {
  Object* key;       // strong: globals dict / the type; null when EMPTY
  Object* aux;       // strong: builtins dict / the type's MRO tuple
  uint64_t version;  // globals' version / the MRO dicts' version sum
  uint64_t version2; // builtins' version (globals only)
  Object* value;     // borrowed: the global value / the descriptor (null for ATTR_ABSENT)
  CacheKind kind;
  uint32_t type_tag;  // ATTR_*: the type's version tag when filled (0: validate by the version sum)
  // Where `name` was last found in a dict (ATTR_*: an instance dict, of any
  // instance; GLOBAL: the globals; LOAD_NAME / STORE_NAME: the locals dict): dict_get_str_hinted / dict_set_str_hinted
  // try that entry first, and an entry holding this very key needs no other
  // validation. Kept across refills.
  uint32_t dict_hint;
};

struct CodeCache {
  uint32_t* slot_of;    // ncode entries: instruction index -> entry index
  CacheEntry* entries;  // nentries
  size_t ncode;
  size_t nentries;
};

// The code's cache, created on first use (throws MemoryError).
CodeCache* code_cache_create(CodeObject* code);

inline CacheEntry* cache_entry(CodeObject* code, int lasti) {
  CodeCache* c = code->cache;
  if (__builtin_expect(c == nullptr, 0)) c = code_cache_create(code);
  return &c->entries[c->slot_of[lasti]];
}

inline uint64_t dict_version(Object* d) noexcept { return static_cast<DictObject*>(d)->version; }

// The sum of the versions of the dicts along `mro` (see the file comment).
inline uint64_t mro_version_sum(Object* mro) noexcept {
  uint64_t sum = 0;
  Object** items = tuple_items(mro);
  for (size_t i = 0, n = tuple_size(mro); i < n; ++i) {
    Object* d = static_cast<TypeObject*>(items[i])->dict;
    if (d) sum += dict_version(d);
  }
  return sum;
}

inline bool attr_entry_valid(const CacheEntry* e, TypeObject* t) noexcept {
  if (e->key != t) return false;
  if (e->type_tag) return e->type_tag == t->version_tag;
  return e->aux == t->mro && mro_version_sum(t->mro) == e->version;
}

// Fill `e` for attribute `name` looked up on instances of `t`. `for_store`:
// STORE_ATTR (needs generic setattr), else LOAD_ATTR/LOAD_METHOD (generic
// getattr). Leaves the entry EMPTY when the type cannot be cached.
void attr_cache_fill(CacheEntry* e, TypeObject* t, Object* name, bool for_store, bool for_method);
// Fill `e` for LOAD_GLOBAL of `name`: returns the value (borrowed) or null.
Object* global_cache_fill(ThreadState& ts, CacheEntry* e, Object* globals, Object* builtins, Object* name);

// --- the cached fast paths (null result: take the generic path) ---------------

// The value of `name` in obj's instance dict (new reference) or null.
inline Object* instance_dict_lookup(ThreadState& ts, CacheEntry* e, Object* obj, Object* name) {
  Object** dp = instance_dict_slot(obj);
  if (!dp || !*dp) return nullptr;
  Object* v = dict_get_str_hinted(ts, *dp, name, &e->dict_hint);
  if (v) incref(v);
  return v;
}

// obj.name through a valid attribute entry (new reference), or null.
inline Object* cached_load_attr(ThreadState& ts, CacheEntry* e, Object* obj, Object* name) {
  switch (e->kind) {
    case CacheKind::ATTR_ABSENT:
      return instance_dict_lookup(ts, e, obj, name);
    case CacheKind::ATTR_OTHER:
    case CacheKind::ATTR_METHOD: {
      if (Object* v = instance_dict_lookup(ts, e, obj, name)) return v;
      Object* descr = e->value;
      if (DescrGetFn f = type_of(descr)->descr_get) {
        Ref<Object> keep = newref(descr);  // the call may change the class and drop it
        return f(ts, descr, obj, type_of(obj)).release();
      }
      incref(descr);
      return descr;
    }
    case CacheKind::ATTR_DATA: {
      Object* descr = e->value;
      Ref<Object> keep = newref(descr);
      return type_of(descr)->descr_get(ts, descr, obj, type_of(obj)).release();
    }
    default:
      return nullptr;
  }
}

// obj.name = v through a valid attribute entry; false: take the generic path.
inline bool cached_store_attr(ThreadState& ts, CacheEntry* e, Object* obj, Object* name, Object* v) {
  switch (e->kind) {
    case CacheKind::ATTR_ABSENT:
    case CacheKind::ATTR_OTHER: {
      Object** dp = instance_dict_slot(obj);
      if (!dp) return false;
      if (!*dp) *dp = dict_new().release();  // the first attribute (as instance_get_dict)
      dict_set_str_hinted(ts, *dp, name, v, &e->dict_hint);
      return true;
    }
    case CacheKind::ATTR_DATA: {
      Object* descr = e->value;
      Ref<Object> keep = newref(descr);
      type_of(descr)->descr_set(ts, descr, obj, v);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace gk
