// runtime/vm/code_cache.cpp — creating, filling and freeing the eval loop's
// inline caches (see code_cache.hpp for the validation rules).
#include "vm/code_cache.hpp"

#include <cstring>
#include <new>

#include "objects/abstract.hpp"
#include "objects/descr.hpp"
#include "objects/function.hpp"
#include "vm/opcodes.hpp"

namespace gk {

namespace {

bool is_cached_op(uint32_t op) noexcept {
  return op == OP_LOAD_GLOBAL || op == OP_LOAD_ATTR || op == OP_STORE_ATTR || op == OP_LOAD_METHOD ||
         op == OP_LOAD_NAME || op == OP_STORE_NAME;  // these two use only dict_hint
}

constexpr auto kRel = std::memory_order_release;
constexpr auto kRlx = std::memory_order_relaxed;

// The seqlock's write side: true when this thread may write e (seq now odd).
bool entry_lock(CacheEntry* e) noexcept {
  uint32_t seq = e->seq.load(kRlx);
  return (seq & 1) == 0 && e->seq.compare_exchange_strong(seq, seq + 1, std::memory_order_acquire, kRlx);
}
void entry_unlock(CacheEntry* e) noexcept { e->seq.store(e->seq.load(kRlx) + 1, kRel); }

// Empties a locked entry; returns its old key and aux for the caller to drop
// after unlocking (a decref may run a finaliser that uses this entry).
void entry_empty(CacheEntry* e, Object*& old_key, Object*& old_aux) noexcept {
  old_key = e->key.load(kRlx);
  old_aux = e->aux.load(kRlx);
  e->kind.store(CacheKind::EMPTY, kRel);
  e->key.store(nullptr, kRel);
  e->aux.store(nullptr, kRel);
  e->value.store(nullptr, kRel);
  e->type_tag.store(0, kRel);
}

// Fills a locked entry (key and aux: new strong references) and unlocks it.
void entry_fill(CacheEntry* e, CacheKind kind, Object* key, Object* aux, uint64_t version, uint64_t version2,
                Object* value, uint32_t tag) noexcept {
  Object *old_key, *old_aux;
  entry_empty(e, old_key, old_aux);
  incref(key);
  incref(aux);
  e->key.store(key, kRel);
  e->aux.store(aux, kRel);
  e->version.store(version, kRel);
  e->version2.store(version2, kRel);
  e->value.store(value, kRel);
  e->type_tag.store(tag, kRel);
  e->kind.store(kind, kRel);
  entry_unlock(e);
  xdecref(old_key);
  xdecref(old_aux);
}

void entry_clear(CacheEntry* e) noexcept {
  // Already empty: no write, so threads running the same uncacheable
  // instruction (a type with its own getattro) do not contend on seq.
  if (e->key.load(std::memory_order_acquire) == nullptr && e->kind.load(std::memory_order_acquire) == CacheKind::EMPTY)
    return;
  if (!entry_lock(e)) return;  // another thread is refilling it
  Object *old_key, *old_aux;
  entry_empty(e, old_key, old_aux);
  entry_unlock(e);
  xdecref(old_key);
  xdecref(old_aux);
}

}  // namespace

CodeCache* code_cache_create(CodeObject* code) {
  size_t n = code->ncode;
  size_t nentries = 1;  // entry 0: a never-filled dummy for instructions without a cache
  for (size_t i = 0; i < n; ++i)
    if (is_cached_op(instr_op(code->code[i]))) ++nentries;
  auto* c = static_cast<CodeCache*>(mem_alloc(sizeof(CodeCache)));
  c->ncode = n;
  c->nentries = nentries;
  c->slot_of = static_cast<uint32_t*>(mem_alloc(sizeof(uint32_t) * (n ? n : 1)));
  try {
    c->entries = static_cast<CacheEntry*>(mem_alloc(sizeof(CacheEntry) * nentries));
  } catch (...) {
    mem_free(c->slot_of, sizeof(uint32_t) * (n ? n : 1));
    mem_free(c, sizeof(CodeCache));
    throw;
  }
  for (size_t i = 0; i < nentries; ++i) new (&c->entries[i]) CacheEntry{};
  uint32_t next = 1;
  for (size_t i = 0; i < n; ++i) c->slot_of[i] = is_cached_op(instr_op(code->code[i])) ? next++ : 0;
  // Publish; a thread that lost the race frees its copy and uses the winner's.
  CodeCache* expected = nullptr;
  if (std::atomic_ref<CodeCache*>(code->cache).compare_exchange_strong(expected, c, std::memory_order_acq_rel,
                                                                       std::memory_order_acquire))
    return c;
  mem_free(c->entries, sizeof(CacheEntry) * nentries);
  mem_free(c->slot_of, sizeof(uint32_t) * (n ? n : 1));
  mem_free(c, sizeof(CodeCache));
  return expected;
}

void code_cache_free(CodeObject* code) noexcept {
  CodeCache* c = code->cache;  // the code is dead: no other thread uses it
  if (!c) return;
  code->cache = nullptr;
  for (size_t i = 0; i < c->nentries; ++i) entry_clear(&c->entries[i]);
  mem_free(c->entries, sizeof(CacheEntry) * c->nentries);
  mem_free(c->slot_of, sizeof(uint32_t) * (c->ncode ? c->ncode : 1));
  mem_free(c, sizeof(CodeCache));
}

bool cache_entry_check(const CacheEntry* e) noexcept {
  uint32_t seq = cache_read_begin(e);
  CacheKind kind = e->kind.load(kAcq);
  Object* key = e->key.load(kAcq);
  Object* aux = e->aux.load(kAcq);
  Object* value = e->value.load(kAcq);
  if (!cache_read_ok(e, seq)) return true;  // being written: nothing to check in this snapshot
  switch (kind) {
    case CacheKind::EMPTY:
      return key == nullptr && aux == nullptr && value == nullptr;
    case CacheKind::GLOBAL:
    case CacheKind::BUILTIN:
      return key && aux && value && is_dict(key) && is_dict(aux);
    case CacheKind::ATTR_ABSENT:
      return key && aux && value == nullptr && is_type(key);
    case CacheKind::ATTR_DATA:
    case CacheKind::ATTR_OTHER:
    case CacheKind::ATTR_METHOD:
      return key && aux && value && is_type(key);
  }
  return false;
}

AttrView attr_cache_fill(CacheEntry* e, TypeObject* t, Object* name, bool for_store, bool for_method) {
  bool generic = for_store ? t->setattro == static_cast<SetAttrFn>(&generic_setattr)
                           : (t->getattro == static_cast<GetAttrFn>(&generic_getattr) || !t->getattro);
  if (!generic || !t->mro || !t->dict) {
    entry_clear(e);
    return {CacheKind::EMPTY, nullptr};
  }
  // The tag (type_lookup assigns one) and the version sum are read BEFORE the
  // lookup that the entry records: a concurrent change of a dict on the MRO
  // then resets that tag / grows that sum, so the entry can go stale only
  // as an invalid one (see the top of code_cache.hpp).
  uint32_t tag = type_version_tag(t);
  if (!tag) {
    type_lookup(t, name);  // tags the type (and its bases), when tags remain
    tag = type_version_tag(t);
  }
  Object* mro = t->mro;
  uint64_t sum = mro_version_sum(mro);
  Object* descr = type_lookup(t, name);  // may run a key's __eq__
  CacheKind kind;
  if (!descr) {
    kind = CacheKind::ATTR_ABSENT;
  } else if (is_data_descriptor(descr) && (for_store || type_of(descr)->descr_get)) {
    // (A __set__-only descriptor does not hide the instance dict on loads.)
    kind = CacheKind::ATTR_DATA;
  } else if (for_method && (type_of(descr) == &Function_type ||
                            (type_of(descr) == &MethodDescr_type &&
                             static_cast<MethodDescrObject*>(descr)->def->flags == METH_DEFAULT))) {
    kind = CacheKind::ATTR_METHOD;
  } else {
    kind = CacheKind::ATTR_OTHER;
  }
  if (entry_lock(e)) entry_fill(e, kind, t, mro, sum, 0, descr, tag);
  return {kind, descr};
}

Object* global_cache_fill(ThreadState& ts, CacheEntry* e, Object* globals, Object* builtins, Object* name) {
  // Versions first, then the lookup (see attr_cache_fill).
  uint64_t version = dict_version(globals);
  uint64_t version2 = dict_version(builtins);
  // Refills are frequent when module-level code stores globals (each store
  // changes the version): the hint finds the name's entry without probing.
  Object* v = hinted_get(ts, e, globals, name);
  CacheKind kind = CacheKind::GLOBAL;
  if (!v) {
    v = dict_get_str(ts, builtins, name);
    kind = CacheKind::BUILTIN;
  }
  if (!v) return nullptr;
  if (entry_lock(e)) entry_fill(e, kind, globals, builtins, version, version2, v, 0);
  return v;
}

}  // namespace gk
