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
// Owner: the code object (code->cache), created on first use (published with
// a compare-and-swap, so two threads racing to create it keep one) and filled
// by whichever thread runs the code — under the GIL one at a time, without
// it by several at once. Each entry is therefore a seqlock:
//
//   seq even   stable: the fields are one fill's values
//   seq odd    a writer is filling it (it won the CAS even -> odd)
//
// Writer: CAS seq even -> odd (a thread that loses does not cache: it keeps
// the value it looked up), release-store the fields, release-store seq + 1.
// Reader: acquire-load seq (odd: miss), acquire-load the fields it needs,
// re-load seq: unchanged means the fields it read belong to one fill. Every
// field is a std::atomic, so this is race-free for ThreadSanitizer; on x86
// each load and store is a plain move, so the GIL build pays two loads of
// seq per cached instruction.
//
// Borrowed values and concurrent writers: a reader that validated an entry
// may incref its value after another thread replaced it in the dict; dicts
// drop replaced values with decref_shared (objects/object.hpp), which waits
// for a QSBR grace period whenever another thread may be reading, so the
// object is still alive. Fills read the versions and the type tag BEFORE the
// lookup, so a concurrent change can only make an entry stale-and-invalid,
// never stale-and-valid.
//
// Invariant (checker: cache_entry_check): an even-seq entry is EMPTY with
// null key/aux/value, or holds strong key and aux references and a kind that
// matches its fields.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

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
  std::atomic<uint32_t> seq;       // the seqlock (see above)
  std::atomic<CacheKind> kind;
  std::atomic<Object*> key;        // strong: globals dict / the type; null when EMPTY
  std::atomic<Object*> aux;        // strong: builtins dict / the type's MRO tuple
  std::atomic<uint64_t> version;   // globals' version / the MRO dicts' version sum
  std::atomic<uint64_t> version2;  // builtins' version (globals only)
  std::atomic<Object*> value;      // borrowed: the global value / the descriptor (null for ATTR_ABSENT)
  std::atomic<uint32_t> type_tag;  // ATTR_*: the type's version tag when filled (0: validate by the version sum)
  // Where `name` was last found in a dict (ATTR_*: an instance dict, of any
  // instance; GLOBAL: the globals; LOAD_NAME / STORE_NAME: the locals dict): dict_get_str_hinted / dict_set_str_hinted
  // try that entry first, and an entry holding this very key needs no other
  // validation. Kept across refills; only a hint, so outside the seqlock
  // (relaxed loads and stores, see hinted_get / hinted_set).
  std::atomic<uint32_t> dict_hint;
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
  CodeCache* c = std::atomic_ref<CodeCache*>(code->cache).load(std::memory_order_acquire);
  if (__builtin_expect(c == nullptr, 0)) c = code_cache_create(code);
  return &c->entries[c->slot_of[lasti]];
}

constexpr auto kAcq = std::memory_order_acquire;

// The seqlock's read side: begin() returns the sequence to re-check, or an
// odd value (being written: treat as a miss); still_valid() re-checks it.
inline uint32_t cache_read_begin(const CacheEntry* e) noexcept { return e->seq.load(kAcq); }
inline bool cache_read_ok(const CacheEntry* e, uint32_t seq) noexcept {
  return (seq & 1) == 0 && e->seq.load(std::memory_order_relaxed) == seq;
}

// Invariant checker for one entry (see the top of the file); a snapshot.
bool cache_entry_check(const CacheEntry* e) noexcept;

// A dict's version, read without its lock (writers bump it under the dict's
// critical section with an atomic store).
inline uint64_t dict_version(Object* d) noexcept {
  return std::atomic_ref<uint64_t>(static_cast<DictObject*>(d)->version).load(kAcq);
}

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

// A validated snapshot of an attribute entry.
struct AttrView {
  CacheKind kind;
  Object* value;
};

// Reads e for instances of t: true with a consistent view when the entry is
// valid for t.
inline bool attr_entry_read(const CacheEntry* e, TypeObject* t, AttrView& v) noexcept {
  uint32_t seq = cache_read_begin(e);
  if (e->key.load(kAcq) != t) return false;
  uint32_t tag = e->type_tag.load(kAcq);
  if (tag) {
    if (tag != type_version_tag(t)) return false;
  } else if (e->aux.load(kAcq) != t->mro || mro_version_sum(t->mro) != e->version.load(kAcq)) {
    return false;
  }
  v.kind = e->kind.load(kAcq);
  v.value = e->value.load(kAcq);
  return cache_read_ok(e, seq);
}

// The global `name` through a valid LOAD_GLOBAL entry (borrowed), or null.
inline Object* global_entry_read(const CacheEntry* e, Object* globals, Object* builtins) noexcept {
  uint32_t seq = cache_read_begin(e);
  if (e->key.load(kAcq) != globals || e->aux.load(kAcq) != builtins) return nullptr;
  if (e->version.load(kAcq) != dict_version(globals) || e->version2.load(kAcq) != dict_version(builtins))
    return nullptr;
  Object* v = e->value.load(kAcq);
  return cache_read_ok(e, seq) ? v : nullptr;
}

// Fill `e` for attribute `name` looked up on instances of `t` and return the
// view it was filled with (EMPTY when the type cannot be cached). `for_store`:
// STORE_ATTR (needs generic setattr), else LOAD_ATTR/LOAD_METHOD (generic
// getattr).
AttrView attr_cache_fill(CacheEntry* e, TypeObject* t, Object* name, bool for_store, bool for_method);
// Fill `e` for LOAD_GLOBAL of `name`: returns the value (borrowed) or null.
Object* global_cache_fill(ThreadState& ts, CacheEntry* e, Object* globals, Object* builtins, Object* name);

// dict_get_str_hinted / dict_set_str_hinted through an entry's hint.
inline Object* hinted_get(ThreadState& ts, CacheEntry* e, Object* d, Object* name) {
  uint32_t hint = e->dict_hint.load(std::memory_order_relaxed);
  uint32_t was = hint;
  Object* v = dict_get_str_hinted(ts, d, name, &hint);
  if (hint != was) e->dict_hint.store(hint, std::memory_order_relaxed);
  return v;
}
inline void hinted_set(ThreadState& ts, CacheEntry* e, Object* d, Object* name, Object* value) {
  uint32_t hint = e->dict_hint.load(std::memory_order_relaxed);
  uint32_t was = hint;
  dict_set_str_hinted(ts, d, name, value, &hint);
  if (hint != was) e->dict_hint.store(hint, std::memory_order_relaxed);
}

// --- the cached fast paths (null result: take the generic path) ---------------

// The value of `name` in obj's instance dict (new reference) or null.
inline Object* instance_dict_lookup(ThreadState& ts, CacheEntry* e, Object* obj, Object* name) {
  Object** dp = instance_dict_slot(obj);
  if (!dp) return nullptr;
  Object* d = std::atomic_ref<Object*>(*dp).load(kAcq);
  if (!d) return nullptr;
  Object* v = hinted_get(ts, e, d, name);
  if (v) incref(v);
  return v;
}

// obj.name through a valid attribute entry (new reference), or null. Always
// inlined into the eval loop: GCC keeps it inline in the GIL build but not in
// the no-GIL one (its larger refcount paths tip the inliner), and the call
// cost ~4% of the no-GIL build's instructions on attribute-heavy code.
[[gnu::always_inline]] inline Object* cached_load_attr(ThreadState& ts, CacheEntry* e, const AttrView& view, Object* obj, Object* name) {
  switch (view.kind) {
    case CacheKind::ATTR_ABSENT:
      return instance_dict_lookup(ts, e, obj, name);
    case CacheKind::ATTR_OTHER:
    case CacheKind::ATTR_METHOD: {
      if (Object* v = instance_dict_lookup(ts, e, obj, name)) return v;
      Object* descr = view.value;
      if (DescrGetFn f = type_of(descr)->descr_get) {
        Ref<Object> keep = newref(descr);  // the call may change the class and drop it
        return f(ts, descr, obj, type_of(obj)).release();
      }
      incref(descr);
      return descr;
    }
    case CacheKind::ATTR_DATA: {
      Object* descr = view.value;
      Ref<Object> keep = newref(descr);
      return type_of(descr)->descr_get(ts, descr, obj, type_of(obj)).release();
    }
    default:
      return nullptr;
  }
}

// obj.name = v through a valid attribute entry; false: take the generic path.
inline bool cached_store_attr(ThreadState& ts, CacheEntry* e, const AttrView& view, Object* obj, Object* name,
                              Object* v) {
  switch (view.kind) {
    case CacheKind::ATTR_ABSENT:
    case CacheKind::ATTR_OTHER: {
      Object** dp = instance_dict_slot(obj);
      if (!dp) return false;
      hinted_set(ts, e, instance_dict_get_or_create(obj, dp), name, v);  // the first attribute creates it
      return true;
    }
    case CacheKind::ATTR_DATA: {
      Object* descr = view.value;
      Ref<Object> keep = newref(descr);
      type_of(descr)->descr_set(ts, descr, obj, v);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace gk
