// runtime/objects/set.cpp — set and frozenset: open-addressing hash tables of
// keys, their operators and methods, and set_iterator.
//
// Owns: Set_type, FrozenSet_type, SetIter_type ("set_iterator").
//
// Table (private): a power-of-two array of {key, hash} entries. An entry is
// unused (key null, hash 0), active, or a dummy (a deleted key: key ==
// dummy(), hash -1; probing continues past it). Probing follows CPython's
// scheme so that iteration order (slot order) matches CPython: from
// i = hash & mask, look at up to LINEAR_PROBES following slots when they fit
// before the end of the table, then jump to i = (5*i + 1 + perturb) & mask
// with perturb shifted right by 5 each time. A table is resized (to hold
// used*4, or used*2 for big sets) when fill reaches 3/5 of the slots.
//
// Invariants (checked by table_check() when checks >= 2):
//   used == number of active entries, fill == active + dummy entries,
//   fill * 5 < mask * 3 after every insertion (so an unused slot always exists)
//
// Lookups may run __eq__: when the table (or the compared entry) changed
// meanwhile, the lookup restarts.
//
// Concurrency (no-GIL build; under the GIL the same code runs with no-op
// critical sections and plain sa:: accesses).
//   Writers: every mutation runs inside CriticalSection(set) (two-object form
//   when merging another set). Entry stores are atomic: a new key's hash
//   (relaxed) before its key (release); a deletion stores dummy() into key
//   (release), then -1 into hash. A replaced table (resize, clear, an
//   in-place operator's new body) is unpublished with a seq_cst store and
//   freed through sa::retire (QSBR); dropped keys go through sa::drop;
//   set.pop hands the caller a new reference (sa::hand_out).
//   Readers: `in` (set_contains) and iteration are lock-free: load the table
//   (seq_cst), probe with acquire loads of keys, and compare without running
//   code (identity, exact str/int); a key that would need __eq__ falls back
//   to lookkey under the set's critical section. Other operations that read
//   another set (union, issubset, ...) iterate it lock-free too, and call
//   lookkey on a set they do not lock: lookkey only ever compares pointers
//   after a call into Python code, re-reading the table first.
//   An entry may be reused for another key once it is a dummy; a racing
//   reader can then see a key with a newer hash: it only ever answers "in"
//   for a key it found identical or equal, so the answer is one that held
//   during the call.
// Who may touch each field: SetObject in set.hpp, SetTable and SetEntry below.
// Invariant checker: set_check(s) (also run after mutations by
// -Dchecks=full).
#include "objects/table_keys.hpp"
#include "objects/set.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Set_type;
TypeObject FrozenSet_type;

// Written under the owning set's critical section with atomic stores; read
// lock-free with atomic loads (key acquire, hash relaxed).
struct SetEntry {
  Object* key;   // strong (active), dummy() (deleted) or null (unused)
  int64_t hash;  // the key's hash; -1 for a dummy, 0 for unused
};

struct SetTable {
  size_t mask;    // slots - 1; immutable
  size_t fill;    // active + dummy entries; the set's critical section only
  size_t finger;  // where pop() starts looking; the set's critical section only
  // SetEntry entries[mask + 1] follow
};

namespace {

TypeObject SetIter_type;

constexpr size_t kMinSize = 8;
constexpr size_t kLinearProbes = 9;
constexpr unsigned kPerturbShift = 5;

Object dummy_storage;  // never used as an object: only its address marks deleted entries
inline Object* dummy() noexcept { return &dummy_storage; }

inline SetObject* as_set(Object* o) noexcept { return static_cast<SetObject*>(o); }
inline bool is_exact_str(const Object* o) noexcept { return type_check_exact(o, &Str_type); }
inline bool is_set_type(const Object* o) noexcept { return type_check(o, &Set_type); }
inline bool is_frozen(const Object* o) noexcept { return type_check(o, &FrozenSet_type); }

inline SetEntry* entries(SetTable* t) noexcept { return reinterpret_cast<SetEntry*>(t + 1); }
inline size_t table_bytes(size_t mask) noexcept { return sizeof(SetTable) + (mask + 1) * sizeof(SetEntry); }

SetTable* table_new(size_t size) {
  if (size > (SIZE_MAX - sizeof(SetTable)) / sizeof(SetEntry)) raise_no_memory();
  auto* t = static_cast<SetTable*>(mem_alloc(table_bytes(size - 1)));
  std::memset(t, 0, table_bytes(size - 1));
  t->mask = size - 1;
  return t;
}
void table_free(SetTable* t) noexcept { mem_free(t, table_bytes(t->mask)); }
void table_free_thunk(void* t) noexcept { table_free(static_cast<SetTable*>(t)); }
// Free a table that was published: lock-free readers may still probe it.
inline void table_retire(SetTable* t) {
  if (t) sa::retire(t, table_free_thunk);
}
inline SetTable* table_of(const SetObject* so) noexcept { return sa::load_seq_cst(so->table); }
inline Object* entry_key(const SetEntry& e) noexcept { return sa::load_acquire(e.key); }
inline int64_t entry_hash(const SetEntry& e) noexcept { return sa::load_relaxed(e.hash); }
inline void set_entry(SetEntry& e, Object* key, int64_t hash) noexcept {
  sa::store_relaxed(e.hash, hash);
  sa::store_release(e.key, key);
}
inline void set_used(SetObject* so, size_t n) noexcept { sa::store_relaxed(so->used, n); }

// The set's table, created (8 slots) on first use.
inline SetTable* ensure_table(SetObject* so) {
  if (!so->table) sa::store_seq_cst(so->table, table_new(kMinSize));
  return so->table;
}
inline size_t mask_of(const SetObject* so) noexcept { return so->table ? so->table->mask : kMinSize - 1; }
inline size_t fill_of(const SetObject* so) noexcept { return so->table ? so->table->fill : 0; }


[[maybe_unused]] bool table_check(SetObject* so) noexcept {
  SetTable* t = so->table;
  if (!t) return so->used == 0;
  size_t active = 0, dummies = 0;
  for (size_t i = 0; i <= t->mask; ++i) {
    Object* k = entries(t)[i].key;
    if (k == dummy()) ++dummies;
    else if (k) ++active;
  }
  return active == so->used && active + dummies == t->fill;
}

inline void check(SetObject* so) noexcept {
  if constexpr (config::checks >= 2) {
    if (!table_check(so)) {
      std::fprintf(stderr, "gilkit: set invariant violated\n");
      std::abort();
    }
  }
}

// The probe sequence of `hash` over t's slots (CPython 3.11's): each
// perturbed slot, then the kLinearProbes slots after it when they fit.
class Probe {
 public:
  Probe(const SetTable* t, int64_t hash) noexcept : mask_(t->mask), perturb_(static_cast<uint64_t>(hash)) {
    start(static_cast<size_t>(hash) & mask_);
  }
  size_t slot() const noexcept { return base_ + off_; }
  void next() noexcept {
    if (off_ < probes_) {
      ++off_;
      return;
    }
    perturb_ >>= kPerturbShift;
    start((base_ * 5 + 1 + perturb_) & mask_);
  }

 private:
  void start(size_t base) noexcept {
    base_ = base;
    off_ = 0;
    probes_ = base + kLinearProbes <= mask_ ? kLinearProbes : 0;
  }
  size_t mask_;
  uint64_t perturb_;
  size_t base_ = 0, off_ = 0, probes_ = 0;
};

// Insert a key known to be absent into a table without dummies (resize, copy).
void insert_clean(SetTable* t, Object* key, int64_t hash) noexcept {
  Probe p(t, hash);
  while (entries(t)[p.slot()].key) p.next();
  set_entry(entries(t)[p.slot()], key, hash);  // the table may be published (merge into an empty set)
}

// Rebuild with the smallest power-of-two size > minused (at least 8),
// re-inserting active keys in slot order.
void table_resize(SetObject* so, size_t minused) {
  size_t size = kMinSize;
  while (size <= minused) {
    if (size > SIZE_MAX / 2) raise_no_memory();
    size <<= 1;
  }
  SetTable* old = so->table;
  SetTable* t = table_new(size);
  if (old) {
    t->finger = old->finger;
    SetEntry* oe = entries(old);
    for (size_t i = 0; i <= old->mask; ++i) {
      Object* k = oe[i].key;
      if (k && k != dummy()) insert_clean(t, k, oe[i].hash);
    }
  }
  t->fill = so->used;
  sa::store_seq_cst(so->table, t);
  table_retire(old);
}

// The active entry holding key, or null. May run __eq__ (restarts when the
// table changed under it).
SetEntry* lookkey(ThreadState& ts, SetObject* so, Object* key, int64_t hash) {
restart:
  SetTable* t = table_of(so);
  if (!t) return nullptr;
  for (Probe p(t, hash);; p.next()) {
    SetEntry* e = &entries(t)[p.slot()];
    Object* startkey = entry_key(*e);
    if (!startkey) return nullptr;
    if (startkey != dummy() && entry_hash(*e) == hash) {
      if (startkey == key) return e;
      if (int fast = table_builtin_key_eq(startkey, key); fast >= 0) {
        if (fast) return e;
      } else {
        Ref<Object> hold = newref(startkey);
        bool eq = rich_compare_bool(ts, startkey, key, CompareOp::EQ);
        // The table pointer first: t may be freed if it is no longer the set's.
        if (table_of(so) != t || entry_key(*e) != startkey) goto restart;
        if (eq) return e;
      }
    }
  }
}

// Add key (borrowed; increfed when stored) with its hash.
void add_entry(ThreadState& ts, SetObject* so, Object* key, int64_t hash) {
  Ref<Object> hold = newref(key);  // a comparison must not free the key before it is stored
  CriticalSection cs(so);
restart:
  SetTable* t = ensure_table(so);
  const size_t mask = t->mask;
  SetEntry* freeslot = nullptr;
  for (Probe p(t, hash);; p.next()) {
    SetEntry* e = &entries(t)[p.slot()];
    if (e->hash == 0 && !e->key) {
      if (freeslot) {  // reuse a dummy seen on the probe path
        set_entry(*freeslot, hold.release(), hash);
        set_used(so, so->used + 1);
        check(so);
        return;
      }
      set_entry(*e, hold.release(), hash);
      ++t->fill;
      set_used(so, so->used + 1);
      if (t->fill * 5 >= mask * 3) table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
      check(so);
      return;
    }
    if (e->hash == hash) {
      Object* startkey = e->key;
      if (startkey == key) return;
      if (int fast = table_builtin_key_eq(startkey, key); fast >= 0) {
        if (fast) return;
      } else {
        Ref<Object> hold_start = newref(startkey);
        bool eq = rich_compare_bool(ts, startkey, key, CompareOp::EQ);
        if (eq) return;
        if (so->table != t || t->mask != mask || e->key != startkey) goto restart;
      }
    } else if (e->hash == -1) {
      freeslot = e;  // the last dummy on the probe path (CPython 3.11's choice)
    }
  }
}

// Remove key; false if absent.
bool discard_entry(ThreadState& ts, SetObject* so, Object* key, int64_t hash) {
  Object* old;
  {
    CriticalSection cs(so);
    SetEntry* e = lookkey(ts, so, key, hash);
    if (!e) return false;
    old = e->key;
    sa::store_release(e->key, dummy());
    sa::store_relaxed(e->hash, -1);
    set_used(so, so->used - 1);
    check(so);
  }
  sa::drop(old);
  return true;
}

// `key in so` without running code when possible: 1 / 0, or -1 when a key
// with the same hash needs __eq__ (then the caller uses lookkey under the
// set's critical section). Lock-free.
int contains_nolock(SetObject* so, Object* key, int64_t hash) noexcept {
  SetTable* t = table_of(so);
  if (!t) return 0;
  for (Probe p(t, hash);; p.next()) {
    const SetEntry& e = entries(t)[p.slot()];
    Object* k = entry_key(e);
    if (!k) return 0;
    if (k == key) return 1;
    if (k != dummy() && entry_hash(e) == hash) {
      int eq = table_builtin_key_eq(k, key);
      if (eq != 0) return eq;
    }
  }
}

bool contains_hashed(ThreadState& ts, SetObject* so, Object* key, int64_t hash) {
  int r = contains_nolock(so, key, hash);
  if (r >= 0) return r != 0;
  CriticalSection cs(so);
  return lookkey(ts, so, key, hash) != nullptr;
}

// Drop every key; the set becomes empty (no table).
void clear_internal(SetObject* so) noexcept {
  SetTable* t;
  {
    CriticalSection cs(so);
    t = so->table;
    sa::store_seq_cst(so->table, nullptr);
    set_used(so, 0);
    so->hash = -1;
  }
  if (!t) return;
  for (size_t i = 0; i <= t->mask; ++i) {
    Object* k = entries(t)[i].key;
    if (k && k != dummy()) sa::drop(k);
  }
  table_retire(t);
}

// Iterate the active entries, lock-free: for (size_t pos = 0; next_entry(so, pos, e);)
// with `e` pointing at the caller's SetEntry, which receives a snapshot of
// the entry (a borrowed key, valid until the caller's next eval-breaker check).
inline bool next_entry(SetObject* so, size_t& pos, SetEntry* out) noexcept {
  SetTable* t = table_of(so);
  if (!t) return false;
  SetEntry* table = entries(t);
  while (pos <= t->mask) {
    SetEntry* e = &table[pos++];
    Object* k = entry_key(*e);
    if (k && k != dummy()) {
      out->key = k;
      out->hash = entry_hash(*e);
      return true;
    }
  }
  return false;
}

// Add every key of another set (CPython's set_merge: copies the layout when it can).
void merge(ThreadState& ts, SetObject* so, SetObject* other) {
  if (so == other || other->used == 0) return;
  {
    CriticalSection cs(so, other);
    if ((fill_of(so) + other->used) * 5 >= mask_of(so) * 3) table_resize(so, (so->used + other->used) * 2);
    SetTable* t = ensure_table(so);
    SetTable* ot = other->table;
    if (t->fill == 0 && t->mask == ot->mask && ot->fill == other->used) {
      // Same size, no dummies: copy slot for slot.
      SetEntry* dst = entries(t);
      SetEntry* src = entries(ot);
      for (size_t i = 0; i <= ot->mask; ++i) {
        if (src[i].key) {
          incref(src[i].key);
          set_entry(dst[i], src[i].key, src[i].hash);
        }
      }
      t->fill = ot->fill;
      set_used(so, other->used);
      check(so);
      return;
    }
    if (t->fill == 0) {  // empty target: no comparisons needed
      SetEntry* src = entries(ot);
      for (size_t i = 0; i <= ot->mask; ++i) {
        Object* k = src[i].key;
        if (k && k != dummy()) {
          incref(k);
          insert_clean(t, k, src[i].hash);
        }
      }
      t->fill = other->used;
      set_used(so, other->used);
      check(so);
      return;
    }
  }
  // General case: ordinary insertions (may run __eq__). Walk by slot index,
  // re-reading the other table each time.
  SetEntry es;
  for (size_t pos = 0; next_entry(other, pos, &es);) add_entry(ts, so, es.key, es.hash);
}

// set.update(other) for one iterable.
void update_internal(ThreadState& ts, SetObject* so, Object* other) {
  if (is_anyset(other)) return merge(ts, so, as_set(other));
  if (type_check_exact(other, &Dict_type)) {
    size_t n = dict_size(other);
    {
      CriticalSection cs(so);  // fill is read under the section: writers change it
      if ((fill_of(so) + n) * 5 >= mask_of(so) * 3) table_resize(so, (so->used + n) * 2);
    }
    size_t pos = 0;
    Object *k, *v;
    int64_t h;
    while (dict_next_hashed(other, pos, &k, &v, &h)) {
      Ref<Object> hold = newref(k);
      add_entry(ts, so, k, h);
    }
    return;
  }
  Ref<Object> it = get_iter(ts, other);
  while (Ref<Object> key = iter_next(ts, it)) add_entry(ts, so, key, table_key_hash(ts, key));
}

// A new empty set or frozenset of exactly `type` (a subclass gets its layout).
Ref<Object> alloc_set(TypeObject* type) {
  Object* o = type_alloc(type);
  as_set(o)->hash = -1;
  return steal(o);
}

// set or frozenset (the base type of `type`) holding iterable's items.
Ref<Object> new_basetype(ThreadState& ts, TypeObject* type, Object* iterable) {
  TypeObject* base = (type == &Set_type || is_subtype(type, &Set_type)) ? &Set_type : &FrozenSet_type;
  Ref<Object> r = alloc_set(base);
  if (iterable) update_internal(ts, as_set(r), iterable);
  return r;
}

inline Ref<Object> set_copy(ThreadState& ts, Object* so) { return new_basetype(ts, type_of(so), so); }

// For `key in s`, s.remove(key), s.discard(key): an unhashable set key is
// looked up as the equal frozenset (CPython's rule).
template <class F>
auto with_key(ThreadState& ts, Object* key, F f) {
  int64_t h;
  try {
    h = table_key_hash(ts, key);
  } catch (PyError& e) {
    if (!e.matches(Exc_TypeError) || !is_set_type(key)) throw;
    Ref<Object> fkey = new_basetype(ts, &FrozenSet_type, key);
    return f(fkey.get(), table_key_hash(ts, fkey));
  }
  return f(key, h);
}

// Swap the contents of two sets (intersection_update and friends).
// a (published) takes b's (private) body and b takes a's old one; b dies
// soon after, so a's old table must outlive readers of a: b gets a copy and
// a's old table is retired.
void swap_bodies(SetObject* a, SetObject* b) {
  SetTable* old = a->table;
  size_t old_used = a->used;
  sa::store_seq_cst(a->table, b->table);
  set_used(a, b->used);
  b->used = old_used;
  b->table = nullptr;
  if (old) {
    if (LockPolicy::readers_may_race()) {
      // b keeps its own copy of the references; a's old table goes through QSBR.
      SetTable* copy = static_cast<SetTable*>(mem_alloc(table_bytes(old->mask)));
      std::memcpy(copy, old, table_bytes(old->mask));
      b->table = copy;
      table_retire(old);
    } else {
      b->table = old;
    }
  }
  std::swap(a->hash, b->hash);
}

// --- the set algebra (CPython's algorithms, so results iterate in the same order) ---

Ref<Object> intersection(ThreadState& ts, Object* so, Object* other) {
  if (so == other) return set_copy(ts, so);
  Ref<Object> result = new_basetype(ts, type_of(so), nullptr);
  SetObject* r = as_set(result);
  if (is_anyset(other)) {
    Object* big = so;
    Object* small = other;
    if (set_size(other) > set_size(so)) std::swap(big, small);
    SetEntry es, *e = &es;
    for (size_t pos = 0; next_entry(as_set(small), pos, e);) {
      Ref<Object> key = newref(e->key);
      int64_t h = e->hash;
      if (lookkey(ts, as_set(big), key, h)) add_entry(ts, r, key, h);
    }
    return result;
  }
  Ref<Object> it = get_iter(ts, other);
  while (Ref<Object> key = iter_next(ts, it)) {
    int64_t h = table_key_hash(ts, key);
    if (lookkey(ts, as_set(so), key, h)) add_entry(ts, r, key, h);
  }
  return result;
}

void difference_update_internal(ThreadState& ts, SetObject* so, Object* other) {
  if (so == other) return clear_internal(so);
  if (is_anyset(other)) {
    SetEntry es, *e = &es;
    for (size_t pos = 0; next_entry(as_set(other), pos, e);) {
      Ref<Object> key = newref(e->key);
      discard_entry(ts, so, key, e->hash);
    }
  } else {
    Ref<Object> it = get_iter(ts, other);
    while (Ref<Object> key = iter_next(ts, it)) discard_entry(ts, so, key, table_key_hash(ts, key));
  }
  // More than 1/4 dummies: rebuild (fill is read under the section: writers change it).
  CriticalSection cs(so);
  if (so->table && so->table->fill - so->used > so->table->mask / 4)
    table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

Ref<Object> difference(ThreadState& ts, Object* so, Object* other) {
  size_t other_size;
  if (is_anyset(other))
    other_size = set_size(other);
  else if (type_check_exact(other, &Dict_type))
    other_size = dict_size(other);
  else
    other_size = SIZE_MAX;
  if (other_size == SIZE_MAX || (set_size(so) >> 2) > other_size) {
    Ref<Object> result = set_copy(ts, so);
    difference_update_internal(ts, as_set(result), other);
    return result;
  }
  Ref<Object> result = new_basetype(ts, type_of(so), nullptr);
  bool is_dict_other = !is_anyset(other);
  SetEntry es, *e = &es;
  for (size_t pos = 0; next_entry(as_set(so), pos, e);) {
    Ref<Object> key = newref(e->key);
    int64_t h = e->hash;
    bool found = is_dict_other ? dict_get_hashed(ts, other, key, h) != nullptr : lookkey(ts, as_set(other), key, h) != nullptr;
    if (!found) add_entry(ts, as_set(result), key, h);
  }
  return result;
}

void symmetric_difference_update(ThreadState& ts, SetObject* so, Object* other) {
  if (so == other) return clear_internal(so);
  if (type_check_exact(other, &Dict_type)) {
    size_t pos = 0;
    Object *k, *v;
    int64_t h;
    while (dict_next_hashed(other, pos, &k, &v, &h)) {
      Ref<Object> key = newref(k);
      if (!discard_entry(ts, so, key, h)) add_entry(ts, so, key, h);
    }
    return;
  }
  Ref<Object> otherset = is_anyset(other) ? newref(other) : new_basetype(ts, type_of(so), other);
  SetEntry es, *e = &es;
  for (size_t pos = 0; next_entry(as_set(otherset), pos, e);) {
    Ref<Object> key = newref(e->key);
    int64_t h = e->hash;
    if (!discard_entry(ts, so, key, h)) add_entry(ts, so, key, h);
  }
}

Ref<Object> symmetric_difference(ThreadState& ts, Object* so, Object* other) {
  Ref<Object> result = new_basetype(ts, type_of(so), other);
  symmetric_difference_update(ts, as_set(result), so);
  return result;
}

bool issubset(ThreadState& ts, Object* so, Object* other) {
  if (!is_anyset(other)) {
    Ref<Object> tmp = new_basetype(ts, &Set_type, other);
    return issubset(ts, so, tmp);
  }
  if (set_size(so) > set_size(other)) return false;
  SetEntry es, *e = &es;
  for (size_t pos = 0; next_entry(as_set(so), pos, e);) {
    Ref<Object> key = newref(e->key);
    if (!lookkey(ts, as_set(other), key, e->hash)) return false;
  }
  return true;
}

bool issuperset(ThreadState& ts, Object* so, Object* other) {
  if (is_anyset(other)) return issubset(ts, other, so);
  Ref<Object> it = get_iter(ts, other);
  while (Ref<Object> key = iter_next(ts, it))
    if (!lookkey(ts, as_set(so), key, table_key_hash(ts, key))) return false;
  return true;
}

bool isdisjoint(ThreadState& ts, Object* so, Object* other) {
  if (so == other) return set_size(so) == 0;
  if (is_anyset(other)) {
    Object* big = so;
    Object* small = other;
    if (set_size(other) > set_size(so)) std::swap(big, small);
    SetEntry es, *e = &es;
    for (size_t pos = 0; next_entry(as_set(small), pos, e);) {
      Ref<Object> key = newref(e->key);
      if (lookkey(ts, as_set(big), key, e->hash)) return false;
    }
    return true;
  }
  Ref<Object> it = get_iter(ts, other);
  while (Ref<Object> key = iter_next(ts, it))
    if (lookkey(ts, as_set(so), key, table_key_hash(ts, key))) return false;
  return true;
}

// --- slots -------------------------------------------------------------------------------

void set_dealloc(Object* o) noexcept {
  SetObject* so = as_set(o);
  if (SetTable* t = so->table) {
    for (size_t i = 0; i <= t->mask; ++i) {
      Object* k = entries(t)[i].key;
      if (k && k != dummy()) decref(k);
    }
    table_free(t);
  }
  object_free(o, sizeof(SetObject));
}

Ref<Object> set_repr(ThreadState& ts, Object* self) {
  const char* tname = type_of(self)->name;
  if (set_size(self) == 0) return str_new(std::string(tname) + "()");
  ReprGuard guard(ts, self);
  if (guard.recursive()) return str_new(std::string(tname) + "(...)");
  Ref<Object> keys = list_from_iterable(ts, self);
  std::string items = repr_utf8(ts, keys);  // "[a, b]"
  items = items.substr(1, items.size() - 2);
  if (type_check_exact(self, &Set_type)) return str_new("{" + items + "}");
  return str_new(std::string(tname) + "({" + items + "})");
}

// frozenset's hash (CPython 3.11's): xor of shuffled entry hashes, mixed with the size.
inline uint64_t shuffle_bits(uint64_t h) noexcept { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

int64_t frozenset_hash(ThreadState&, Object* self) {
  SetObject* so = as_set(self);
  if (int64_t cached = sa::load_relaxed(so->hash); cached != -1) return cached;
  uint64_t h = 0;
  SetEntry es, *e = &es;
  for (size_t pos = 0; next_entry(so, pos, e);) h ^= shuffle_bits(static_cast<uint64_t>(e->hash));
  h ^= (static_cast<uint64_t>(set_size(so)) + 1) * 1927868237ULL;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069U + 907133923ULL;
  if (h == UINT64_MAX) h = 590923713ULL;
  sa::store_relaxed(so->hash, static_cast<int64_t>(h));  // idempotent: racing threads store the same value
  return static_cast<int64_t>(h);
}

Ref<Object> set_richcompare(ThreadState& ts, Object* v, Object* w, CompareOp op) {
  if (!is_anyset(v) || !is_anyset(w)) return newref(NotImplemented());
  switch (op) {
    case CompareOp::EQ:
    case CompareOp::NE: {
      bool eq = set_size(v) == set_size(w);
      int64_t hv = sa::load_relaxed(as_set(v)->hash), hw = sa::load_relaxed(as_set(w)->hash);
      if (eq && is_frozen(v) && is_frozen(w) && hv != -1 && hw != -1 && hv != hw) eq = false;
      if (eq) eq = issubset(ts, v, w);
      return bool_ref(op == CompareOp::EQ ? eq : !eq);
    }
    case CompareOp::LE: return bool_ref(issubset(ts, v, w));
    case CompareOp::GE: return bool_ref(issuperset(ts, v, w));
    case CompareOp::LT: return bool_ref(set_size(v) < set_size(w) && issubset(ts, v, w));
    case CompareOp::GT: return bool_ref(set_size(v) > set_size(w) && issuperset(ts, v, w));
  }
  return newref(NotImplemented());
}

size_t set_len(ThreadState&, Object* self) { return set_size(self); }
bool set_bool(ThreadState&, Object* self) { return set_size(self) != 0; }

bool set_contains_slot(ThreadState& ts, Object* self, Object* key) {
  return with_key(ts, key, [&](Object* k, int64_t h) { return contains_hashed(ts, as_set(self), k, h); });
}

Ref<Object> set_or(ThreadState& ts, Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return newref(NotImplemented());
  Ref<Object> result = set_copy(ts, a);
  if (a != b) update_internal(ts, as_set(result), b);
  return result;
}
Ref<Object> set_and(ThreadState& ts, Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return newref(NotImplemented());
  return intersection(ts, a, b);
}
Ref<Object> set_sub(ThreadState& ts, Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return newref(NotImplemented());
  return difference(ts, a, b);
}
Ref<Object> set_xor(ThreadState& ts, Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return newref(NotImplemented());
  return symmetric_difference(ts, a, b);
}
Ref<Object> set_ior(ThreadState& ts, Object* a, Object* b) {
  if (!is_set_type(a) || !is_anyset(b)) return newref(NotImplemented());
  update_internal(ts, as_set(a), b);
  return newref(a);
}
Ref<Object> set_iand(ThreadState& ts, Object* a, Object* b) {
  if (!is_set_type(a) || !is_anyset(b)) return newref(NotImplemented());
  Ref<Object> tmp = intersection(ts, a, b);
  {
    CriticalSection cs(a);
    swap_bodies(as_set(a), as_set(tmp));
  }
  return newref(a);
}
Ref<Object> set_isub(ThreadState& ts, Object* a, Object* b) {
  if (!is_set_type(a) || !is_anyset(b)) return newref(NotImplemented());
  difference_update_internal(ts, as_set(a), b);
  return newref(a);
}
Ref<Object> set_ixor(ThreadState& ts, Object* a, Object* b) {
  if (!is_set_type(a) || !is_anyset(b)) return newref(NotImplemented());
  symmetric_difference_update(ts, as_set(a), b);
  return newref(a);
}

Ref<Object> set_new_slot(ThreadState&, TypeObject* type, Object* const*, size_t, Object* kwnames) {
  if (type == &Set_type) check_no_kwargs("set", kwnames);
  return alloc_set(type);  // the items come from set.__init__
}

void set_init_slot(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("set", kwnames);
  if (nargs > 1) raise_fmt(Exc_TypeError, "%s expected at most 1 argument, got %zu", type_of(self)->name, nargs);
  if (set_size(self) != 0 || as_set(self)->table) clear_internal(as_set(self));
  if (nargs == 1) update_internal(ts, as_set(self), args[0]);
}

Ref<Object> frozenset_new_slot(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs,
                               Object* kwnames) {
  if (type == &FrozenSet_type) check_no_kwargs("frozenset", kwnames);
  if (nargs > 1) raise_fmt(Exc_TypeError, "%s expected at most 1 argument, got %zu", type->name, nargs);
  if (type == &FrozenSet_type && nargs == 1 && type_check_exact(args[0], &FrozenSet_type)) return newref(args[0]);
  Ref<Object> r = alloc_set(type);
  if (nargs == 1) update_internal(ts, as_set(r), args[0]);
  return r;
}

// --- methods -------------------------------------------------------------------------------

Ref<Object> m_add(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("add", kwnames);
  check_nargs("add", nargs, 1, 1);
  set_add(ts, self, args[0]);
  return none_ref();
}

Ref<Object> m_clear(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("clear", nargs, 0, 0);
  clear_internal(as_set(self));
  return none_ref();
}

Ref<Object> m_copy(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("copy", nargs, 0, 0);
  if (type_check_exact(self, &FrozenSet_type)) return newref(self);
  return set_copy(ts, self);
}

Ref<Object> m_discard(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("discard", kwnames);
  check_nargs("discard", nargs, 1, 1);
  with_key(ts, args[0], [&](Object* k, int64_t h) { return discard_entry(ts, as_set(self), k, h); });
  return none_ref();
}

Ref<Object> m_remove(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("remove", kwnames);
  check_nargs("remove", nargs, 1, 1);
  if (!with_key(ts, args[0], [&](Object* k, int64_t h) { return discard_entry(ts, as_set(self), k, h); }))
    raise_with_arg(Exc_KeyError, args[0]);
  return none_ref();
}

Ref<Object> m_pop(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("pop", nargs, 0, 0);
  SetObject* so = as_set(self);
  CriticalSection cs(so);
  if (so->used == 0) raise_with_arg(Exc_KeyError, str_new("pop from an empty set"));
  SetTable* t = so->table;
  size_t i = t->finger & t->mask;
  SetEntry* table = entries(t);
  while (!table[i].key || table[i].key == dummy()) i = (i + 1) & t->mask;
  Object* key = table[i].key;
  sa::store_release(table[i].key, dummy());
  sa::store_relaxed(table[i].hash, -1);
  set_used(so, so->used - 1);
  t->finger = i + 1;
  check(so);
  return sa::hand_out(key);
}

Ref<Object> m_union(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("union", kwnames);
  Ref<Object> result = set_copy(ts, self);
  for (size_t i = 0; i < nargs; ++i)
    if (args[i] != self) update_internal(ts, as_set(result), args[i]);
  return result;
}

Ref<Object> intersection_multi(ThreadState& ts, Object* self, Object* const* args, size_t nargs) {
  if (nargs == 0) return set_copy(ts, self);
  Ref<Object> result = newref(self);
  for (size_t i = 0; i < nargs; ++i) result = intersection(ts, result, args[i]);
  return result;
}

Ref<Object> m_intersection(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("intersection", kwnames);
  return intersection_multi(ts, self, args, nargs);
}

Ref<Object> m_intersection_update(ThreadState& ts, Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  check_no_kwargs("intersection_update", kwnames);
  Ref<Object> tmp = intersection_multi(ts, self, args, nargs);
  if (tmp.get() != self) {
    CriticalSection cs(self);
    swap_bodies(as_set(self), as_set(tmp));
  }
  return none_ref();
}

Ref<Object> m_difference(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("difference", kwnames);
  if (nargs == 0) return set_copy(ts, self);
  Ref<Object> result = difference(ts, self, args[0]);
  for (size_t i = 1; i < nargs; ++i) difference_update_internal(ts, as_set(result), args[i]);
  return result;
}

Ref<Object> m_difference_update(ThreadState& ts, Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  check_no_kwargs("difference_update", kwnames);
  for (size_t i = 0; i < nargs; ++i) difference_update_internal(ts, as_set(self), args[i]);
  return none_ref();
}

Ref<Object> m_symmetric_difference(ThreadState& ts, Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  check_no_kwargs("symmetric_difference", kwnames);
  check_nargs("symmetric_difference", nargs, 1, 1);
  return symmetric_difference(ts, self, args[0]);
}

Ref<Object> m_symmetric_difference_update(ThreadState& ts, Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  check_no_kwargs("symmetric_difference_update", kwnames);
  check_nargs("symmetric_difference_update", nargs, 1, 1);
  symmetric_difference_update(ts, as_set(self), args[0]);
  return none_ref();
}

Ref<Object> m_update(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("update", kwnames);
  for (size_t i = 0; i < nargs; ++i) update_internal(ts, as_set(self), args[i]);
  return none_ref();
}

Ref<Object> m_issubset(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("issubset", kwnames);
  check_nargs("issubset", nargs, 1, 1);
  return bool_ref(issubset(ts, self, args[0]));
}

Ref<Object> m_issuperset(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("issuperset", kwnames);
  check_nargs("issuperset", nargs, 1, 1);
  return bool_ref(issuperset(ts, self, args[0]));
}

Ref<Object> m_isdisjoint(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("isdisjoint", kwnames);
  check_nargs("isdisjoint", nargs, 1, 1);
  return bool_ref(isdisjoint(ts, self, args[0]));
}

Ref<Object> m_sizeof(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__sizeof__", nargs, 0, 0);
  SetTable* t = table_of(as_set(self));
  return int_from_u64(sizeof(SetObject) + (t ? table_bytes(t->mask) : 0));
}

const MethodDef set_methods[] = {
    {"add", m_add, METH_DEFAULT, "Add an element to a set."},
    {"clear", m_clear, METH_DEFAULT, "Remove all elements from this set."},
    {"copy", m_copy, METH_DEFAULT, "Return a shallow copy of a set."},
    {"discard", m_discard, METH_DEFAULT, "Remove an element from a set if it is a member."},
    {"remove", m_remove, METH_DEFAULT, "Remove an element from a set; it must be a member."},
    {"pop", m_pop, METH_DEFAULT, "Remove and return an arbitrary set element."},
    {"union", m_union, METH_DEFAULT, "Return the union of sets as a new set."},
    {"intersection", m_intersection, METH_DEFAULT, "Return the intersection of two sets as a new set."},
    {"intersection_update", m_intersection_update, METH_DEFAULT, "Update a set with the intersection of itself and another."},
    {"difference", m_difference, METH_DEFAULT, "Return the difference of two or more sets as a new set."},
    {"difference_update", m_difference_update, METH_DEFAULT, "Remove all elements of another set from this set."},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, "Return the symmetric difference of two sets as a new set."},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_DEFAULT, "Update a set with the symmetric difference of itself and another."},
    {"update", m_update, METH_DEFAULT, "Update a set with the union of itself and others."},
    {"issubset", m_issubset, METH_DEFAULT, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_DEFAULT, "Report whether this set contains another set."},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, "Return True if two sets have a null intersection."},
    {"__sizeof__", m_sizeof},
    {nullptr, nullptr},
};

const MethodDef frozenset_methods[] = {
    {"copy", m_copy, METH_DEFAULT, "Return a shallow copy of a set."},
    {"union", m_union, METH_DEFAULT, "Return the union of sets as a new set."},
    {"intersection", m_intersection, METH_DEFAULT, "Return the intersection of two sets as a new set."},
    {"difference", m_difference, METH_DEFAULT, "Return the difference of two or more sets as a new set."},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, "Return the symmetric difference of two sets as a new set."},
    {"issubset", m_issubset, METH_DEFAULT, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_DEFAULT, "Report whether this set contains another set."},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, "Return True if two sets have a null intersection."},
    {"__sizeof__", m_sizeof},
    {nullptr, nullptr},
};

// --- set_iterator ----------------------------------------------------------------------------

// Threads may share one iterator: `set` is loaded with acquire and cleared by
// exchange (only the thread that takes it drops it); the counters use relaxed
// atomic loads and stores.
struct SetIterObject : Object {
  Object* set;   // strong; null once exhausted
  size_t used;   // size when iteration started; SIZE_MAX after a "changed size" error
  size_t pos;    // next slot
  size_t len;    // items left
};

void set_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<SetIterObject*>(o)->set);
  object_free(o, sizeof(SetIterObject));
}

Ref<Object> set_iter(ThreadState&, Object* self) {
  auto* it = alloc_object<SetIterObject>(&SetIter_type);
  incref(self);
  it->set = self;
  it->used = set_size(self);
  it->len = set_size(self);
  return steal<Object>(it);
}

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> set_iter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<SetIterObject*>(o);
  Object* s = sa::load_acquire(it->set);
  if (!s) return nullptr;
  SetObject* so = as_set(s);
  if (sa::load_relaxed(it->used) != set_size(so)) {
    sa::store_relaxed(it->used, SIZE_MAX);
    raise(Exc_RuntimeError, "Set changed size during iteration");
  }
  SetEntry es;
  size_t pos = sa::load_relaxed(it->pos);
  bool more = next_entry(so, pos, &es);
  sa::store_relaxed(it->pos, pos);
  if (more) {
    if (size_t len = sa::load_relaxed(it->len)) sa::store_relaxed(it->len, len - 1);
    return newref(es.key);
  }
  if constexpr (LockPolicy::lock_free_readers()) {
    if (Object* taken = sa::ref(it->set).exchange(nullptr, std::memory_order_acq_rel)) decref_shared(ts, taken);
  } else {
    it->set = nullptr;
    decref(s);
  }
  return nullptr;
}

Ref<Object> set_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  auto* it = static_cast<SetIterObject*>(o);
  Object* s = sa::load_acquire(it->set);
  return int_from_u64(s && sa::load_relaxed(it->used) == set_size(s) ? sa::load_relaxed(it->len) : 0);
}

const MethodDef set_iter_methods[] = {
    {"__length_hint__", set_iter_length_hint},
    {nullptr, nullptr},
};

// --- type setup --------------------------------------------------------------------------------

void setup_common(TypeObject& t) {
  t.basicsize = sizeof(SetObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.dealloc = set_dealloc;
  t.repr = set_repr;
  t.richcompare = set_richcompare;
  t.iter = set_iter;
  t.nb[NB_OR] = set_or;
  t.nb[NB_AND] = set_and;
  t.nb[NB_SUBTRACT] = set_sub;
  t.nb[NB_XOR] = set_xor;
  t.nb_bool = set_bool;
  t.len = set_len;
  t.contains = set_contains_slot;
}

void setup_set(TypeObject& t) {
  setup_common(t);
  t.name = "set";
  t.doc = "set() -> new empty set object\nset(iterable) -> new set object";
  t.hash = nullptr;  // unhashable
  t.new_ = set_new_slot;
  t.init = set_init_slot;
  t.nb_inplace[NB_OR] = set_ior;
  t.nb_inplace[NB_AND] = set_iand;
  t.nb_inplace[NB_SUBTRACT] = set_isub;
  t.nb_inplace[NB_XOR] = set_ixor;
  t.methods = set_methods;
}

void setup_frozenset(TypeObject& t) {
  setup_common(t);
  t.name = "frozenset";
  t.doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object";
  t.hash = frozenset_hash;
  t.new_ = frozenset_new_slot;
  t.methods = frozenset_methods;
}

void setup_set_iter(TypeObject& t) {
  t.name = "set_iterator";
  t.basicsize = sizeof(SetIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = set_iter_dealloc;
  t.iter = self_iter;
  t.iternext = set_iter_next;
  t.methods = set_iter_methods;
}

}  // namespace

GK_REGISTER_TYPE(Set_type, setup_set);
GK_REGISTER_TYPE(FrozenSet_type, setup_frozenset);
GK_REGISTER_TYPE(SetIter_type, setup_set_iter);

// --- public API ------------------------------------------------------------------------------------

Ref<Object> set_new() { return alloc_set(&Set_type); }

Ref<Object> set_from_iterable(ThreadState& ts, TypeObject* type, Object* iterable) {
  if (type == &FrozenSet_type && iterable && type_check_exact(iterable, &FrozenSet_type)) return newref(iterable);
  Ref<Object> r = alloc_set(type);
  if (iterable) update_internal(ts, as_set(r), iterable);
  return r;
}

void set_add(ThreadState& ts, Object* s, Object* key) { add_entry(ts, as_set(s), key, table_key_hash(ts, key)); }

bool set_contains(ThreadState& ts, Object* s, Object* key) { return set_contains_slot(ts, s, key); }

bool set_discard(ThreadState& ts, Object* s, Object* key) {
  return with_key(ts, key, [&](Object* k, int64_t h) { return discard_entry(ts, as_set(s), k, h); });
}

bool set_next(Object* s, size_t& pos, Object** key) noexcept {
  SetEntry es, *e = &es;
  if (!next_entry(as_set(s), pos, e)) return false;
  *key = e->key;
  return true;
}

bool set_check(Object* s) noexcept {
  CriticalSection cs(s);
  return table_check(as_set(s));
}

}  // namespace gk
