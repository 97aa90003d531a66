// runtime/vm/code_cache.cpp — creating, filling and freeing the eval loop's
// inline caches (see code_cache.hpp for the validation rules).
#include "vm/code_cache.hpp"

#include <cstring>

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

void entry_clear(CacheEntry* e) noexcept {
  Object* key = e->key;
  Object* aux = e->aux;
  e->key = e->aux = e->value = nullptr;
  e->kind = CacheKind::EMPTY;
  e->type_tag = 0;
  xdecref(key);
  xdecref(aux);
}

void entry_set_refs(CacheEntry* e, Object* key, Object* aux) noexcept {
  incref(key);
  incref(aux);
  entry_clear(e);
  e->key = key;
  e->aux = aux;
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
  std::memset(c->entries, 0, sizeof(CacheEntry) * nentries);
  uint32_t next = 1;
  for (size_t i = 0; i < n; ++i) c->slot_of[i] = is_cached_op(instr_op(code->code[i])) ? next++ : 0;
  code->cache = c;
  return c;
}

void code_cache_free(CodeObject* code) noexcept {
  CodeCache* c = code->cache;
  if (!c) return;
  code->cache = nullptr;
  for (size_t i = 0; i < c->nentries; ++i) entry_clear(&c->entries[i]);
  mem_free(c->entries, sizeof(CacheEntry) * c->nentries);
  mem_free(c->slot_of, sizeof(uint32_t) * (c->ncode ? c->ncode : 1));
  mem_free(c, sizeof(CodeCache));
}

void attr_cache_fill(CacheEntry* e, TypeObject* t, Object* name, bool for_store, bool for_method) {
  bool generic = for_store ? t->setattro == static_cast<SetAttrFn>(&generic_setattr)
                           : (t->getattro == static_cast<GetAttrFn>(&generic_getattr) || !t->getattro);
  if (!generic || !t->mro || !t->dict) {
    entry_clear(e);
    return;
  }
  Object* descr = type_lookup(t, name);  // may run a key's __eq__: versions are read after
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
  entry_set_refs(e, t, t->mro);
  e->version = mro_version_sum(t->mro);
  e->type_tag = t->version_tag;  // set by the type_lookup above (0 when tags ran out)
  e->value = descr;
  e->kind = kind;
}

Object* global_cache_fill(ThreadState& ts, CacheEntry* e, Object* globals, Object* builtins, Object* name) {
  // Refills are frequent when module-level code stores globals (each store
  // changes the version): the hint finds the name's entry without probing.
  Object* v = dict_get_str_hinted(ts, globals, name, &e->dict_hint);
  CacheKind kind = CacheKind::GLOBAL;
  if (!v) {
    v = dict_get_str(ts, builtins, name);
    kind = CacheKind::BUILTIN;
  }
  if (!v) return nullptr;
  entry_set_refs(e, globals, builtins);
  e->version = dict_version(globals);
  e->version2 = dict_version(builtins);
  e->value = v;
  e->kind = kind;
  return v;
}

}  // namespace gk
