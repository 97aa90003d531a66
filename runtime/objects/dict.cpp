// runtime/objects/dict.cpp — dict: a compact, insertion-ordered hash table,
// its views (dict_keys / dict_values / dict_items) and their iterators.
//
// Owns: Dict_type, the three view types, the six iterator types
// (dict_keyiterator, dict_valueiterator, dict_itemiterator and the
// dict_reverse*iterator forms).
//
// Table layout (one mem_alloc block, private to this file):
//
//   DictTable header | indices[size] (int8/16/32/64) | entries[capacity]
//
// `indices` is the open-addressing hash table; each slot holds kEmpty, kDummy
// (a deleted entry; probing continues past it) or the position of an entry
// in the dense `entries` array, which keeps insertion order. capacity is 2/3
// of size. A deletion leaves a hole (key == null) in `entries`; holes are
// squeezed out when the table is rebuilt (resize), so iteration is always a
// walk over entries[0, nentries) skipping holes.
//
// Probing visits i = hash & mask, then i = (5*i + 1 + perturb) & mask with
// perturb = hash >> 5, >> 10, ... so every slot is eventually reached.
//
// Invariants (checked by table_check() when checks >= 2):
//   used == number of entries with key != null
//   nentries + usable <= capacity
//   every index slot >= 0 refers to a live entry, each live entry is referred to once
//
// Lookups call hash() and equals(): a user __eq__ may mutate the dict, so a
// lookup that ran user code restarts when the dict's version changed.
//
// Concurrency (no-GIL build; under the GIL the same code runs with no-op
// critical sections and plain sa:: accesses).
//
//   Writers: every mutation runs inside CriticalSection(dict) (dict.update
//   reads the other dict lock-free, entry by entry). Each store to a field a
//   reader may see is atomic: an entry is filled (hash relaxed, key and value
//   release) before the index slot that points at it (release), and before
//   nentries (release); deletion stores kDummy into the slot and null into
//   key and value; `version` is bumped with a release store after the change.
//   A replaced table (resize, clear, clone) is unpublished with a seq_cst
//   store and freed through sa::retire (QSBR); dropped keys and values go
//   through sa::drop (decref_shared); dict.pop/popitem hand the caller new
//   references (sa::hand_out). In the no-GIL build an entry position is
//   never reused within a table (popitem does not truncate nentries), so a
//   reader that matched an entry's key never reads another key's value.
//   Readers: lookups (d[k], get, in, dict_get*, the eval loop's global,
//   builtin and attribute lookups) load the table (seq_cst), probe with
//   acquire loads and compare keys without running code: identity, then
//   exact str / exact int equality (table_builtin_key_eq). A key comparison
//   that would run __eq__ falls back to the locked lookup (lookup under the
//   critical section, which may run Python code and restarts on change). A
//   reader that finds a deleted entry (null key/value) treats it as absent.
//   Iteration walks entries[0, nentries of the loaded table) skipping holes.
//   Values are returned borrowed: a writer's drop of them is deferred past
//   the reader's next eval-breaker check.
//
//   Private dicts. Deferring every replaced value costs a QSBR record per
//   store, and most stores go to a dict only its creating thread ever reads
//   (a thread's own instances: `self.n = ...` in a loop). So a dict counts
//   as private while only its biased owner has read it: every other thread
//   marks it `foreign` (seq_cst store, once) before its first table load
//   (table_of, which every reader and every lookup goes through). A writer
//   that replaces a value stores the new one seq_cst and then reads
//   `foreign` (seq_cst); if the dict is still private and the writer is its
//   owner, the old value is released at once. Why that is safe: the reader's
//   seq_cst flag store and value load, and the writer's seq_cst value store
//   and flag load, are all in one total order. If the writer read 0, its
//   value store came before the reader's flag store, so the reader's later
//   value load sees the new value and never the old one; a reader that found
//   the flag already set read it after the marker's store, hence after the
//   writer's store too. The owner needs no mark: it never reads while it
//   writes. Only replacements take this path; deletions and clears defer as
//   before.
//
// Who may touch each field: DictObject in dict.hpp, DictTable below.
// Invariant checker: dict_check(d) (also run after mutations by
// -Dchecks=full): the invariants above, plus table->str_keys => every live
// key is an exact str.
#include "objects/table_keys.hpp"
#include "objects/dict.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/set.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Dict_type;

// Entry fields and index slots are written under the owning dict's critical
// section with atomic stores and read lock-free with atomic loads.
struct DictEntry {
  int64_t hash;   // relaxed; written before key
  Object* key;    // strong; null for a deleted entry (release / acquire)
  Object* value;  // strong; null for a deleted entry (release / acquire)
};

struct DictTable {
  uint8_t log2_size;    // indices has 1 << log2_size slots; immutable
  uint8_t index_bytes;  // width of one index slot: 1, 2, 4 or 8; immutable
  bool str_keys;        // every key inserted so far is an exact str; critical section (relaxed store),
                        // read lock-free (relaxed; a reader re-checks key types itself)
  size_t usable;        // entries that can still be appended before a resize; critical section only
  size_t nentries;      // entries[0, nentries) are used (live or deleted); critical section
                        // (release store), read lock-free (acquire)
};

namespace {

TypeObject DictKeys_type, DictValues_type, DictItems_type;
TypeObject DictKeyIter_type, DictValueIter_type, DictItemIter_type;
TypeObject DictRevKeyIter_type, DictRevValueIter_type, DictRevItemIter_type;

constexpr int64_t kEmpty = -1;
constexpr int64_t kDummy = -2;
constexpr uint8_t kMinLog2 = 3;  // 8 slots, 5 entries
constexpr unsigned kPerturbShift = 5;

inline DictObject* as_dict(Object* o) noexcept { return static_cast<DictObject*>(o); }
inline bool is_exact_str(const Object* o) noexcept { return type_check_exact(o, &Str_type); }

// --- table memory -----------------------------------------------------------------

inline size_t table_size(const DictTable* t) noexcept { return size_t(1) << t->log2_size; }
inline size_t capacity_for(size_t size) noexcept { return (size << 1) / 3; }
inline size_t table_capacity(const DictTable* t) noexcept { return capacity_for(table_size(t)); }
inline uint8_t index_bytes_for(uint8_t log2) noexcept { return log2 <= 7 ? 1 : log2 <= 15 ? 2 : log2 <= 31 ? 4 : 8; }
inline size_t table_bytes(uint8_t log2) noexcept {
  size_t size = size_t(1) << log2;
  return sizeof(DictTable) + size * index_bytes_for(log2) + capacity_for(size) * sizeof(DictEntry);
}
inline char* indices(DictTable* t) noexcept { return reinterpret_cast<char*>(t + 1); }
inline DictEntry* entries(DictTable* t) noexcept {
  return reinterpret_cast<DictEntry*>(indices(t) + table_size(t) * t->index_bytes);
}

inline int64_t get_index(DictTable* t, size_t i) noexcept {
  switch (t->index_bytes) {
    case 1: return sa::load_acquire(reinterpret_cast<int8_t*>(indices(t))[i]);
    case 2: return sa::load_acquire(reinterpret_cast<int16_t*>(indices(t))[i]);
    case 4: return sa::load_acquire(reinterpret_cast<int32_t*>(indices(t))[i]);
    default: return sa::load_acquire(reinterpret_cast<int64_t*>(indices(t))[i]);
  }
}
inline void set_index(DictTable* t, size_t i, int64_t ix) noexcept {
  switch (t->index_bytes) {
    case 1: sa::store_release(reinterpret_cast<int8_t*>(indices(t))[i], ix); break;
    case 2: sa::store_release(reinterpret_cast<int16_t*>(indices(t))[i], ix); break;
    case 4: sa::store_release(reinterpret_cast<int32_t*>(indices(t))[i], ix); break;
    default: sa::store_release(reinterpret_cast<int64_t*>(indices(t))[i], ix); break;
  }
}
inline Object* entry_key(const DictEntry& e) noexcept { return sa::load_acquire(e.key); }
inline Object* entry_value(const DictEntry& e) noexcept { return sa::load_seq_cst(e.value); }  // "Private dicts"
inline int64_t entry_hash(const DictEntry& e) noexcept { return sa::load_relaxed(e.hash); }
inline size_t nentries_of(const DictTable* t) noexcept { return sa::load_acquire(t->nentries); }
// Every read of a table that may hand a value out past the critical section
// (every lock-free read, and the locked lookups) loads it here, so a thread
// that is not the dict's owner marks the dict foreign first ("Private dicts").
inline void note_reader(const DictObject* d) noexcept {
  if constexpr (sa::kAtomic) {
    if (!sa::load_seq_cst(d->foreign) && !LockPolicy::owned_by_caller(d->ob))
      sa::store_seq_cst(const_cast<DictObject*>(d)->foreign, 1u);
  }
}
inline DictTable* table_of(const DictObject* d) noexcept {
  note_reader(d);
  return sa::load_seq_cst(d->table);
}
// Whether a value this thread just unpublished from d (seq_cst store) may be
// released at once: d is private (its owner is the caller and no other thread
// ever read it). Otherwise another thread may hold it borrowed: sa::drop.
inline bool private_to_caller(const DictObject* d) noexcept {
  return !sa::load_seq_cst(d->foreign) && LockPolicy::owned_by_caller(d->ob);
}
inline void bump_version(DictObject* d) noexcept { sa::store_release(d->version, d->version + 1); }
inline void set_used(DictObject* d, size_t n) noexcept { sa::store_relaxed(d->used, n); }

DictTable* table_new(uint8_t log2, bool str_keys) {
  if (log2 >= 58) raise_no_memory();
  auto* t = static_cast<DictTable*>(mem_alloc(table_bytes(log2)));
  t->log2_size = log2;
  t->index_bytes = index_bytes_for(log2);
  t->str_keys = str_keys;
  t->usable = capacity_for(size_t(1) << log2);
  t->nentries = 0;
  std::memset(indices(t), 0xff, table_size(t) * t->index_bytes);  // every slot kEmpty
  return t;
}

void table_free(DictTable* t) noexcept { mem_free(t, table_bytes(t->log2_size)); }
void table_free_thunk(void* t) noexcept { table_free(static_cast<DictTable*>(t)); }
// Free a table that was published: lock-free readers may still probe it.
inline void table_retire(DictTable* t) {
  if (t) sa::retire(t, table_free_thunk);
}

// Smallest log2 size whose table has at least `minsize` index slots.
uint8_t log2_for_slots(size_t minsize) noexcept {
  uint8_t log2 = kMinLog2;
  while ((size_t(1) << log2) < minsize) ++log2;
  return log2;
}
// A table that holds n entries without resizing.
uint8_t log2_for_entries(size_t n) noexcept { return log2_for_slots((n * 3 + 1) / 2); }

// The probe sequence of `hash` over t's index slots (see the top of the file).
struct Probe {
  size_t mask;
  uint64_t perturb;
  size_t i;  // the current slot
  Probe(const DictTable* t, int64_t hash) noexcept
      : mask(table_size(t) - 1), perturb(static_cast<uint64_t>(hash)), i(static_cast<size_t>(hash) & mask) {}
  void next() noexcept {
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
};

// First slot on hash's probe sequence that is kEmpty or kDummy.
size_t find_empty_slot(DictTable* t, int64_t hash) noexcept {
  Probe p(t, hash);
  while (get_index(t, p.i) >= 0) p.next();
  return p.i;
}

// The slot that refers to entry `ix` (which has hash `hash`).
size_t find_slot_of(DictTable* t, int64_t hash, int64_t ix) noexcept {
  Probe p(t, hash);
  while (get_index(t, p.i) != ix) p.next();
  return p.i;
}

// A new table of 2**log2 slots holding src's live entries, in order, without
// holes. References are moved (add_refs false) or duplicated (add_refs true).
DictTable* table_compact_copy(DictTable* src, uint8_t log2, bool add_refs) {
  DictTable* t = table_new(log2, sa::load_relaxed(src->str_keys));
  DictEntry* out = entries(t);
  DictEntry* in = entries(src);
  size_t n = 0;
  // src may be another dict's table read without its lock (dict.copy,
  // update): entries are read atomically and holes skipped.
  for (size_t i = 0, m = nentries_of(src); i < m; ++i) {
    Object* k = entry_key(in[i]);
    Object* v = entry_value(in[i]);
    if (!k || !v) continue;
    if (n == capacity_for(table_size(t))) break;  // src grew meanwhile: copy what fits
    out[n].hash = entry_hash(in[i]);
    out[n].key = k;
    out[n].value = v;
    if (!is_exact_str(k)) t->str_keys = false;
    if (add_refs) {
      incref(k);
      incref(v);
    }
    set_index(t, find_empty_slot(t, out[n].hash), static_cast<int64_t>(n));
    ++n;
  }
  t->nentries = n;
  t->usable -= n;
  return t;
}

[[maybe_unused]] bool table_check(DictObject* d) noexcept {
  DictTable* t = d->table;
  if (!t) return d->used == 0;
  if (t->nentries + t->usable > table_capacity(t)) return false;
  size_t live = 0, referenced = 0;
  for (size_t i = 0; i < t->nentries; ++i) {
    const DictEntry& e = entries(t)[i];
    if ((e.key == nullptr) != (e.value == nullptr)) return false;
    if (e.key && t->str_keys && !is_exact_str(e.key)) return false;
    live += e.key != nullptr;
  }
  for (size_t i = 0; i < table_size(t); ++i) {
    int64_t ix = get_index(t, i);
    if (ix >= 0) {
      if (static_cast<size_t>(ix) >= t->nentries || !entries(t)[ix].key) return false;
      ++referenced;
    }
  }
  return live == d->used && referenced == live;
}

inline void check(DictObject* d) noexcept {
  if constexpr (config::checks >= 2) {
    if (!table_check(d)) {
      std::fprintf(stderr, "gilkit: dict invariant violated\n");
      std::abort();
    }
  }
}

// --- hashing and lookup ------------------------------------------------------------


constexpr int64_t kUnknown = -3;  // a lock-free lookup met a key it cannot compare without running code

// Lookup in a table whose keys are all exact str, by an exact str key: no user
// code runs. Returns the entry position or -1. Lock-free: under the GIL the
// str_keys flag is trusted; without it another thread may be inserting the
// first non-str key, so each key's type is checked (kUnknown on a non-str
// key with the same hash).
template <class IndexT>
int64_t lookup_str_impl(DictTable* t, Object* key, int64_t hash) noexcept {
  Probe p(t, hash);
  const IndexT* index = reinterpret_cast<const IndexT*>(indices(t));
  DictEntry* ep = entries(t);
  for (;;) {
    int64_t ix = sa::load_acquire(index[p.i]);
    if (ix >= 0) {
      DictEntry& e = ep[ix];
      Object* k = entry_key(e);
      if (k == key) return ix;
      if (entry_hash(e) == hash) {
        if constexpr (LockPolicy::lock_free_readers()) {
          if (k) {
            int eq = table_builtin_key_eq(k, key);
            if (eq > 0) return ix;
            if (eq < 0) return kUnknown;
          }
        } else {
          if (str_equal(k, key)) return ix;
        }
      }
    } else if (ix == kEmpty) {
      return -1;
    }
    p.next();
  }
}

int64_t lookup_str(DictTable* t, Object* key, int64_t hash) noexcept {
  switch (t->index_bytes) {  // one dispatch on the index width, not one per probe
    case 1: return lookup_str_impl<int8_t>(t, key, hash);
    case 2: return lookup_str_impl<int16_t>(t, key, hash);
    case 4: return lookup_str_impl<int32_t>(t, key, hash);
    default: return lookup_str_impl<int64_t>(t, key, hash);
  }
}

// Lock-free lookup of any key, comparing without running code: the entry
// position, -1 when absent, or kUnknown when a key with the same hash needs
// __eq__ (the caller then takes the locked path).
int64_t lookup_nolock(DictTable* t, Object* key, int64_t hash) noexcept {
  if (sa::load_relaxed(t->str_keys) && is_exact_str(key)) return lookup_str(t, key, hash);
  Probe p(t, hash);
  for (;;) {
    int64_t ix = get_index(t, p.i);
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      DictEntry& e = entries(t)[ix];
      Object* k = entry_key(e);
      if (k == key) return ix;
      if (k && entry_hash(e) == hash) {
        int eq = table_builtin_key_eq(k, key);
        if (eq > 0) return ix;
        if (eq < 0) return kUnknown;
      }
    }
    p.next();
  }
}

// General lookup: returns the entry position or -1. Compares with __eq__
// when hashes match; restarts if that mutated the dict.
int64_t lookup_general(ThreadState& ts, DictObject* d, Object* key, int64_t hash);

// The str fast path inline; the rest out of line (keeps the hot path free of
// the general loop's register saves).
inline int64_t lookup(ThreadState& ts, DictObject* d, Object* key, int64_t hash) {
  DictTable* t = table_of(d);
  if (!t) return -1;
  if (sa::load_relaxed(t->str_keys) && is_exact_str(key)) {
    int64_t ix = lookup_str(t, key, hash);
    if (LockPolicy::lock_free_readers() && ix == kUnknown) return lookup_general(ts, d, key, hash);
    return ix;  // never kUnknown under the GIL
  }
  return lookup_general(ts, d, key, hash);
}

[[gnu::noinline]] int64_t lookup_general(ThreadState& ts, DictObject* d, Object* key, int64_t hash) {
  for (;;) {
    DictTable* t = table_of(d);
    if (!t) return -1;
    Probe p(t, hash);
    bool restart = false;
    for (;;) {
      int64_t ix = get_index(t, p.i);
      if (ix == kEmpty) return -1;
      if (ix >= 0) {
        DictEntry& e = entries(t)[ix];
        Object* startkey = entry_key(e);
        if (startkey == key) return ix;
        if (startkey && entry_hash(e) == hash) {
          if (int fast = table_builtin_key_eq(startkey, key); fast >= 0) {
            if (fast) return ix;
          } else {
            uint64_t version = sa::load_acquire(d->version);
            Ref<Object> hold = newref(startkey);
            bool eq = rich_compare_bool(ts, startkey, key, CompareOp::EQ);
            if (sa::load_acquire(d->version) != version || table_of(d) != t) {
              restart = true;
              break;
            }
            if (eq) return ix;
          }
        }
      }
      p.next();
    }
    if (!restart) return -1;
  }
}

// The value for key (borrowed: see the top of the file) or null.
// The lock-free path; a key that needs __eq__ takes the locked one.
[[gnu::noinline]] Object* lookup_value_locked(ThreadState& ts, DictObject* d, Object* key, int64_t hash) {
  CriticalSection cs(d);
  int64_t ix = lookup(ts, d, key, hash);
  return ix >= 0 ? entry_value(entries(d->table)[ix]) : nullptr;
}

inline Object* lookup_value(ThreadState& ts, DictObject* d, Object* key, int64_t hash) {
  if constexpr (!LockPolicy::lock_free_readers()) {
    // Under the GIL nothing changes under a reader: the general lookup (which
    // takes the str fast path itself) is the whole story.
    int64_t ix = lookup(ts, d, key, hash);
    return ix >= 0 ? entries(d->table)[ix].value : nullptr;
  } else {
    DictTable* t = table_of(d);
    if (!t) return nullptr;
    int64_t ix = lookup_nolock(t, key, hash);
    if (ix >= 0) return entry_value(entries(t)[ix]);  // null: deleted meanwhile, i.e. absent
    if (ix == -1) return nullptr;
    return lookup_value_locked(ts, d, key, hash);
  }
}

// --- mutation -------------------------------------------------------------------------

void resize(DictObject* d, uint8_t log2) {
  DictTable* old = d->table;
  sa::store_seq_cst(d->table, table_compact_copy(old, log2, /*add_refs=*/false));
  table_retire(old);
}

// Append a new entry for a key known to be absent. Increfs key and value.
void insert_new(DictObject* d, Object* key, int64_t hash, Object* value) {
  DictTable* t = d->table;
  if (!t) {
    t = table_new(kMinLog2, is_exact_str(key));
    sa::store_seq_cst(d->table, t);
  } else if (t->usable == 0) {
    resize(d, log2_for_slots(d->used * 3));
    t = d->table;
  }
  if (t->str_keys && !is_exact_str(key)) sa::store_relaxed(t->str_keys, false);
  // The entry first, then the index slot and nentries that expose it.
  size_t n = t->nentries;
  DictEntry& e = entries(t)[n];
  incref(key);
  incref(value);
  sa::store_relaxed(e.hash, hash);
  sa::store_release(e.key, key);
  sa::store_release(e.value, value);
  set_index(t, find_empty_slot(t, hash), static_cast<int64_t>(n));
  sa::store_release(t->nentries, n + 1);
  --t->usable;
  set_used(d, d->used + 1);
  bump_version(d);
}

// The reference a value replacement dropped, to release after the critical
// section (a __del__ must see the dict updated): at once when the dict is
// private to the writer, else through sa::drop.
struct Replaced {
  Object* old = nullptr;
  bool at_once = false;
  void release() {
    if (at_once) decref(old);
    else sa::drop(old);
  }
};

// Replace the value of live entry ix.
[[nodiscard]] Replaced replace_value(DictObject* d, int64_t ix, Object* value) noexcept {
  DictEntry& e = entries(d->table)[ix];
  Replaced r{e.value, true};
  incref(value);
  if (LockPolicy::readers_may_race()) {
    sa::store_seq_cst(e.value, value);  // before reading `foreign` ("Private dicts")
    r.at_once = private_to_caller(d);
  } else {
    sa::store_release(e.value, value);
  }
  bump_version(d);
  return r;
}

// d[key] = value with a known hash.
void insert(ThreadState& ts, DictObject* d, Object* key, int64_t hash, Object* value) {
  Replaced old;
  {
    CriticalSection cs(d);
    int64_t ix = lookup(ts, d, key, hash);
    if (ix < 0) {
      insert_new(d, key, hash, value);
      check(d);
      return;
    }
    old = replace_value(d, ix, value);
  }
  old.release();  // last: a __del__ sees the dict updated
}

// Remove entry ix (live) of d's table; returns its key and value references.
void take_entry(DictObject* d, int64_t ix, Object*& key, Object*& value) noexcept {
  DictTable* t = d->table;
  DictEntry& e = entries(t)[ix];
  set_index(t, find_slot_of(t, e.hash, ix), kDummy);
  key = e.key;
  value = e.value;
  sa::store_release(e.key, nullptr);
  sa::store_release(e.value, nullptr);
  set_used(d, d->used - 1);
  bump_version(d);
}

// Remove key; returns the value (new reference) or null when missing.
Ref<Object> pop_hashed(ThreadState& ts, DictObject* d, Object* key, int64_t hash) {
  if (sa::load_relaxed(d->used) == 0) return nullptr;
  Object *k, *v;
  {
    CriticalSection cs(d);
    int64_t ix = lookup(ts, d, key, hash);
    if (ix < 0) return nullptr;
    take_entry(d, ix, k, v);
    check(d);
  }
  sa::drop(k);
  return sa::hand_out(v);
}

// The first live entry at or after pos in d's current table, read lock-free
// (borrowed k, v, valid until the caller's next eval-breaker check); false at
// the end. pos is left after it.
bool next_live(DictObject* d, size_t& pos, Object** k, Object** v, int64_t* h) noexcept {
  DictTable* t = table_of(d);
  if (!t) return false;
  DictEntry* ep = entries(t);
  for (size_t n = nentries_of(t); pos < n;) {
    DictEntry& e = ep[pos++];
    Object* ek = entry_key(e);
    if (!ek) continue;
    Object* ev = entry_value(e);
    if (!ev) continue;  // deleted between the two loads
    if (k) *k = ek;
    if (v) *v = ev;
    if (h) *h = entry_hash(e);
    return true;
  }
  return false;
}

// --- update / merge ---------------------------------------------------------------------

// d.update(other) for another dict whose iteration is the plain one. Holds
// both dicts' sections (the two-object form) for the whole merge; a key's
// __eq__ may suspend them, and a change of `other` meanwhile is reported.
void merge_dict(ThreadState& ts, DictObject* d, DictObject* other) {
  if (d == other || sa::load_relaxed(other->used) == 0) return;
  CriticalSection cs(d, other);
  DictTable* src = other->table;
  if (!src || other->used == 0) return;
  if (d->used == 0 && src->nentries == other->used && type_check_exact(d, &Dict_type)) {
    // Empty target, compact source: clone the table.
    DictTable* old = d->table;
    DictTable* t = table_compact_copy(src, src->log2_size, /*add_refs=*/true);
    sa::store_seq_cst(d->table, t);
    set_used(d, t->nentries);
    bump_version(d);
    table_retire(old);
    check(d);
    return;
  }
  if (!d->table || d->table->usable < other->used) {
    uint8_t log2 = log2_for_entries(d->used + other->used);
    if (!d->table)
      sa::store_seq_cst(d->table, table_new(log2, true));
    else if (log2 > d->table->log2_size)
      resize(d, log2);
  }
  size_t n = src->nentries, size = other->used;
  for (size_t i = 0; i < n; ++i) {
    DictEntry& e = entries(src)[i];
    Object* ek = entry_key(e);
    if (!ek) continue;
    Ref<Object> k = newref(ek), v = newref(entry_value(e));
    insert(ts, d, k, entry_hash(e), v);
    if (table_of(other) != src || nentries_of(src) != n || sa::load_relaxed(other->used) != size)
      raise(Exc_RuntimeError, "dict mutated during update");
  }
}

// An item of an iterable of pairs as a list or tuple (exact), or TypeError.
Ref<Object> pair_fast(ThreadState& ts, Object* item, size_t index) {
  if (type_check_exact(item, &Tuple_type) || type_check_exact(item, &List_type)) return newref(item);
  Ref<Object> it;
  try {
    it = get_iter(ts, item);
  } catch (PyError& e) {
    if (e.matches(Exc_TypeError))
      raise_fmt(Exc_TypeError, "cannot convert dictionary update sequence element #%zu to a sequence", index);
    throw;
  }
  Ref<Object> l = list_new(0);
  while (Ref<Object> x = iter_next(ts, it)) list_append(l, x);
  return l;
}

void merge_from_pairs(ThreadState& ts, Object* d, Object* seq) {
  Ref<Object> it = get_iter(ts, seq);
  size_t index = 0;
  while (Ref<Object> item = iter_next(ts, it)) {
    Ref<Object> pair = pair_fast(ts, item, index);
    bool tup = is_tuple(pair);
    size_t n = tup ? tuple_size(pair) : list_size(pair);
    if (n != 2)
      raise_fmt(Exc_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required", index, n);
    // A list pair may be shared and shrink meanwhile: its items are read safely.
    Ref<Object> k = tup ? newref(tuple_get(pair, 0)) : list_item_ref(pair, 0);
    Ref<Object> v = tup ? newref(tuple_get(pair, 1)) : list_item_ref(pair, 1);
    if (!k || !v)
      raise_fmt(Exc_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required", index,
                list_size(pair));
    dict_set(ts, d, k, v);
    ++index;
  }
}

void merge_from_keys(ThreadState& ts, Object* d, Object* other) {
  Ref<Object> keys = call_method(ts, other, names::keys, nullptr, 0);
  for_each(ts, keys, [&](Object* k) {
    Ref<Object> v = getitem(ts, other, k);
    dict_set(ts, d, k, v);
    return true;
  });
}

// dict.update's single-argument behaviour (CPython's dict_update_arg).
void update_arg(ThreadState& ts, Object* d, Object* arg) {
  if (is_dict(arg) && type_of(arg)->iter == Dict_type.iter) return merge_dict(ts, as_dict(d), as_dict(arg));
  if (lookup_attr(ts, arg, names::keys)) return merge_from_keys(ts, d, arg);
  merge_from_pairs(ts, d, arg);
}

void update_kwargs(ThreadState& ts, Object* d, Object* const* args, size_t nargs, Object* kwnames) {
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) dict_set(ts, d, tuple_get(kwnames, i), args[nargs + i]);
}

// --- type slots -------------------------------------------------------------------------

void dict_dealloc(Object* o) noexcept {
  DictObject* d = as_dict(o);
  if (DictTable* t = d->table) {
    DictEntry* ep = entries(t);
    for (size_t i = 0; i < t->nentries; ++i) {
      if (!ep[i].key) continue;
      decref(ep[i].key);
      decref(ep[i].value);
    }
    table_free(t);
  }
  object_free(o, sizeof(DictObject));
}

Ref<Object> dict_repr(ThreadState& ts, Object* self) {
  DictObject* d = as_dict(self);
  if (dict_size(d) == 0) return str_new("{}");
  ReprGuard guard(ts, self);
  if (guard.recursive()) return str_new("{...}");
  std::string out = "{";
  bool first = true;
  // An item's repr may mutate the dict: walk by position, re-reading the table.
  Object *ek, *ev;
  for (size_t pos = 0; next_live(d, pos, &ek, &ev, nullptr);) {
    Ref<Object> k = newref(ek), v = newref(ev);
    if (!first) out += ", ";
    first = false;
    out += repr_utf8(ts, k);
    out += ": ";
    out += repr_utf8(ts, v);
  }
  out += '}';
  return str_new(out);
}

bool dict_equal(ThreadState& ts, DictObject* a, DictObject* b) {
  if (dict_size(a) != dict_size(b)) return false;
  Object *ek, *ev;
  int64_t h;
  for (size_t pos = 0; next_live(a, pos, &ek, &ev, &h);) {
    Ref<Object> k = newref(ek), av = newref(ev);
    Object* found = lookup_value(ts, b, k, h);
    if (!found) return false;
    Ref<Object> bv = newref(found);
    if (!equals(ts, av, bv)) return false;
  }
  return true;
}

Ref<Object> dict_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (!is_dict(a) || !is_dict(b) || (op != CompareOp::EQ && op != CompareOp::NE))
    return newref(NotImplemented());
  bool eq = dict_equal(ts, as_dict(a), as_dict(b));
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}

size_t dict_len(ThreadState&, Object* self) { return dict_size(self); }
bool dict_bool(ThreadState&, Object* self) { return dict_size(self) != 0; }

bool dict_contains(ThreadState& ts, Object* self, Object* key) {
  if constexpr (!LockPolicy::lock_free_readers()) return lookup(ts, as_dict(self), key, table_key_hash(ts, key)) >= 0;
  return lookup_value(ts, as_dict(self), key, table_key_hash(ts, key)) != nullptr;
}

Ref<Object> dict_subscript(ThreadState& ts, Object* self, Object* key) {
  DictObject* d = as_dict(self);
  if (Object* v = lookup_value(ts, d, key, table_key_hash(ts, key))) return newref(v);
  if (!type_check_exact(self, &Dict_type) && type_lookup(type_of(self), names::__missing__))
    return call_method(ts, self, names::__missing__, &key, 1);
  raise_with_arg(Exc_KeyError, key);
}

void dict_ass_subscript(ThreadState& ts, Object* self, Object* key, Object* value) {
  if (value) return dict_set(ts, self, key, value);
  if (!dict_del(ts, self, key)) raise_with_arg(Exc_KeyError, key);
}

Ref<Object> dict_new_slot(ThreadState&, TypeObject* type, Object* const*, size_t, Object*) {
  return steal(type_alloc(type));  // arguments are dict.__init__'s
}

void dict_init_slot(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 1) raise_fmt(Exc_TypeError, "dict expected at most 1 argument, got %zu", nargs);
  if (nargs == 1) update_arg(ts, self, args[0]);
  update_kwargs(ts, self, args, nargs, kwnames);
}

Ref<Object> dict_or(ThreadState& ts, Object* a, Object* b) {
  if (!is_dict(a) || !is_dict(b)) return newref(NotImplemented());
  Ref<Object> r = dict_copy(ts, a);
  update_arg(ts, r, b);
  return r;
}

Ref<Object> dict_ior(ThreadState& ts, Object* a, Object* b) {
  if (!is_dict(a)) return newref(NotImplemented());
  update_arg(ts, a, b);
  return newref(a);
}

// --- views ---------------------------------------------------------------------------------

struct DictViewObject : Object {
  Object* dict;  // strong; immutable after creation
};

// Threads may share one iterator: `dict` is loaded with acquire and cleared by
// exchange (only the thread that takes it drops it); the counters use relaxed
// atomic loads and stores (two threads may get the same item, never a freed one).
struct DictIterObject : Object {
  Object* dict;     // strong; null once exhausted
  size_t used;      // dict size when iteration started; SIZE_MAX after a "changed size" error
  int64_t pos;      // next entry position (reverse: counts down)
  size_t len;       // items still expected
  Object* result;   // items iterators: a cached 2-tuple reused when nobody else holds it
};

enum class ViewKind { Keys, Values, Items };

Ref<Object> view_new(Object* d, TypeObject* type) {
  auto* v = alloc_object<DictViewObject>(type);
  incref(d);
  v->dict = d;
  return steal<Object>(v);
}

void view_dealloc(Object* o) noexcept {
  decref(static_cast<DictViewObject*>(o)->dict);
  object_free(o, sizeof(DictViewObject));
}

inline Object* view_dict(Object* v) noexcept { return static_cast<DictViewObject*>(v)->dict; }

size_t view_len(ThreadState&, Object* self) { return dict_size(view_dict(self)); }

TypeObject* iter_type_for(ViewKind kind, bool reverse) {
  switch (kind) {
    case ViewKind::Keys: return reverse ? &DictRevKeyIter_type : &DictKeyIter_type;
    case ViewKind::Values: return reverse ? &DictRevValueIter_type : &DictValueIter_type;
    default: return reverse ? &DictRevItemIter_type : &DictItemIter_type;
  }
}

Ref<Object> dict_iter_new(Object* d, ViewKind kind, bool reverse) {
  auto* it = alloc_object<DictIterObject>(iter_type_for(kind, reverse));
  incref(d);
  DictObject* dd = as_dict(d);
  it->dict = d;
  it->used = dict_size(dd);
  it->len = it->used;
  DictTable* t = table_of(dd);
  it->pos = reverse ? (t ? static_cast<int64_t>(nentries_of(t)) - 1 : -1) : 0;
  return steal<Object>(it);
}

void dict_iter_dealloc(Object* o) noexcept {
  auto* it = static_cast<DictIterObject*>(o);
  xdecref(it->dict);
  xdecref(it->result);
  object_free(o, sizeof(DictIterObject));
}

// See iter_release in list.cpp: only the thread that takes the pointer drops it.
void dict_iter_release(ThreadState& ts, Object*& slot) {
  if constexpr (LockPolicy::lock_free_readers()) {
    if (Object* d = sa::ref(slot).exchange(nullptr, std::memory_order_acq_rel)) decref_shared(ts, d);
  } else {
    Object* d = slot;
    slot = nullptr;
    decref(d);
  }
}

template <ViewKind Kind, bool Reverse>
Ref<Object> dict_iter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<DictIterObject*>(o);
  Object* dobj = sa::load_acquire(it->dict);
  if (!dobj) return nullptr;
  DictObject* d = as_dict(dobj);
  if (sa::load_relaxed(it->used) != dict_size(d)) {
    sa::store_relaxed(it->used, SIZE_MAX);  // keep failing
    raise(Exc_RuntimeError, "dictionary changed size during iteration");
  }
  DictTable* t = table_of(d);
  Object *k = nullptr, *v = nullptr;
  if (t) {
    DictEntry* ep = entries(t);
    int64_t pos = sa::load_relaxed(it->pos);
    if constexpr (Reverse) {
      int64_t n = static_cast<int64_t>(nentries_of(t));
      if (pos >= n) pos = n - 1;  // the table was rebuilt smaller
      for (; pos >= 0; --pos) {
        k = entry_key(ep[pos]);
        v = k ? entry_value(ep[pos]) : nullptr;
        if (v) break;
      }
      sa::store_relaxed(it->pos, pos >= 0 ? pos - 1 : -1);
      if (pos < 0) k = v = nullptr;
    } else {
      size_t n = nentries_of(t);
      size_t p = static_cast<size_t>(pos);
      for (; p < n; ++p) {
        k = entry_key(ep[p]);
        v = k ? entry_value(ep[p]) : nullptr;
        if (v) break;
      }
      if (p >= n) k = v = nullptr;
      sa::store_relaxed(it->pos, static_cast<int64_t>(p < n ? p + 1 : p));
    }
  }
  if (!v) {
    dict_iter_release(ts, it->dict);
    return nullptr;
  }
  size_t len = sa::load_relaxed(it->len);
  if (len == 0) {
    dict_iter_release(ts, it->dict);
    raise(Exc_RuntimeError, "dictionary keys changed during iteration");
  }
  sa::store_relaxed(it->len, len - 1);
  if constexpr (Kind == ViewKind::Keys) return newref(k);
  if constexpr (Kind == ViewKind::Values) return newref(v);
  Object* r = it->result;
  if (LockPolicy::has_gil && r && refcount(r) == 1) {
    // Nobody kept the previous pair: refill it in place.
    Object* ok = tuple_get(r, 0);
    Object* ov = tuple_get(r, 1);
    incref(k);
    incref(v);
    tuple_set_steal(r, 0, k);
    tuple_set_steal(r, 1, v);
    decref(ok);
    decref(ov);
    return newref(r);
  }
  Ref<Object> pair = tuple_pack({k, v});
  if (LockPolicy::has_gil) assign(it->result, pair);
  return pair;
}

Ref<Object> dict_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  auto* it = static_cast<DictIterObject*>(o);
  Object* d = sa::load_acquire(it->dict);
  return int_from_u64(d && sa::load_relaxed(it->used) == dict_size(d) ? sa::load_relaxed(it->len) : 0);
}

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> dict_iter_slot(ThreadState&, Object* self) { return dict_iter_new(self, ViewKind::Keys, false); }
Ref<Object> keys_iter(ThreadState&, Object* v) { return dict_iter_new(view_dict(v), ViewKind::Keys, false); }
Ref<Object> values_iter(ThreadState&, Object* v) { return dict_iter_new(view_dict(v), ViewKind::Values, false); }
Ref<Object> items_iter(ThreadState&, Object* v) { return dict_iter_new(view_dict(v), ViewKind::Items, false); }

Ref<Object> keys_reversed(ThreadState&, Object* v, Object* const*, size_t, Object*) {
  return dict_iter_new(view_dict(v), ViewKind::Keys, true);
}
Ref<Object> values_reversed(ThreadState&, Object* v, Object* const*, size_t, Object*) {
  return dict_iter_new(view_dict(v), ViewKind::Values, true);
}
Ref<Object> items_reversed(ThreadState&, Object* v, Object* const*, size_t, Object*) {
  return dict_iter_new(view_dict(v), ViewKind::Items, true);
}

bool keys_contains(ThreadState& ts, Object* v, Object* key) { return dict_contains(ts, view_dict(v), key); }

bool items_contains(ThreadState& ts, Object* v, Object* item) {
  if (!is_tuple(item) || tuple_size(item) != 2) return false;
  DictObject* d = as_dict(view_dict(v));
  Object* key = tuple_get(item, 0);
  Object* fv = lookup_value(ts, d, key, table_key_hash(ts, key));
  if (!fv) return false;
  Ref<Object> found = newref(fv);
  return equals(ts, found, tuple_get(item, 1));
}

Ref<Object> view_repr(ThreadState& ts, Object* self) {
  ReprGuard guard(ts, self);
  if (guard.recursive()) return str_new("...");
  Ref<Object> l = list_from_iterable(ts, self);
  std::string out = type_of(self)->name;
  out += '(';
  out += repr_utf8(ts, l);
  out += ')';
  return str_new(out);
}

inline bool is_set_view(const Object* o) noexcept {
  return type_check(o, &DictKeys_type) || type_check(o, &DictItems_type);
}

// Every item of a is in b.
bool all_contained_in(ThreadState& ts, Object* a, Object* b) {
  bool ok = true;
  for_each(ts, a, [&](Object* x) {
    ok = contains(ts, b, x);
    return ok;
  });
  return ok;
}

Ref<Object> view_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (!is_set_view(a) || (!is_anyset(b) && !is_set_view(b))) return newref(NotImplemented());
  size_t la = length(ts, a), lb = length(ts, b);
  bool ok = false;
  switch (op) {
    case CompareOp::EQ:
    case CompareOp::NE:
      if (la == lb) ok = all_contained_in(ts, a, b);
      if (op == CompareOp::NE) ok = !ok;
      break;
    case CompareOp::LT: ok = la < lb && all_contained_in(ts, a, b); break;
    case CompareOp::LE: ok = la <= lb && all_contained_in(ts, a, b); break;
    case CompareOp::GT: ok = la > lb && all_contained_in(ts, b, a); break;
    case CompareOp::GE: ok = la >= lb && all_contained_in(ts, b, a); break;
  }
  return bool_ref(ok);
}

// The set operators of keys/items views: set(left) then the in-place set
// method with the right operand (either operand may be the view).
Ref<Object> view_setop(ThreadState& ts, Object* a, Object* b, const char* method) {
  if (!is_set_view(a) && !is_set_view(b)) return newref(NotImplemented());
  Object* left = a;
  if (type_check(a, &DictKeys_type) && type_check_exact(view_dict(a), &Dict_type)) left = view_dict(a);
  Ref<Object> result = set_from_iterable(ts, &Set_type, left);
  Object* arg = b;
  call_method(ts, result, intern(method), &arg, 1);
  return result;
}
Ref<Object> view_and(ThreadState& ts, Object* a, Object* b) {
  // Keep the smaller side as the one iterated, as CPython; the result is the same set.
  if (!is_set_view(a)) std::swap(a, b);
  if (!is_set_view(a)) return newref(NotImplemented());
  Ref<Object> result = set_new();
  Ref<Object> it = get_iter(ts, b);
  while (Ref<Object> x = iter_next(ts, it))
    if (contains(ts, a, x)) set_add(ts, result, x);
  return result;
}
Ref<Object> view_or(ThreadState& ts, Object* a, Object* b) { return view_setop(ts, a, b, "update"); }
Ref<Object> view_sub(ThreadState& ts, Object* a, Object* b) { return view_setop(ts, a, b, "difference_update"); }
Ref<Object> view_xor(ThreadState& ts, Object* a, Object* b) {
  return view_setop(ts, a, b, "symmetric_difference_update");
}

Ref<Object> view_isdisjoint(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("isdisjoint", kwnames);
  check_nargs("isdisjoint", nargs, 1, 1);
  bool disjoint = true;
  for_each(ts, args[0], [&](Object* x) {
    disjoint = !contains(ts, self, x);
    return disjoint;
  });
  return bool_ref(disjoint);
}

const MethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_DEFAULT, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed},
    {nullptr, nullptr},
};
const MethodDef values_methods[] = {
    {"__reversed__", values_reversed},
    {nullptr, nullptr},
};
const MethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_DEFAULT, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed},
    {nullptr, nullptr},
};
const MethodDef dict_iter_methods[] = {
    {"__length_hint__", dict_iter_length_hint},
    {nullptr, nullptr},
};

// --- dict methods -------------------------------------------------------------------------

Ref<Object> m_get(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get", kwnames);
  check_nargs("get", nargs, 1, 2);
  Object* v = dict_get(ts, self, args[0]);
  return newref(v ? v : nargs == 2 ? args[1] : None());
}

Ref<Object> m_setdefault(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("setdefault", kwnames);
  check_nargs("setdefault", nargs, 1, 2);
  DictObject* d = as_dict(self);
  Object* key = args[0];
  Object* dflt = nargs == 2 ? args[1] : None();
  int64_t h = table_key_hash(ts, key);
  CriticalSection cs(d);
  int64_t ix = lookup(ts, d, key, h);
  if (ix >= 0) return newref(entries(d->table)[ix].value);
  insert_new(d, key, h, dflt);
  check(d);
  return newref(dflt);
}

Ref<Object> m_pop(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("pop", kwnames);
  check_nargs("pop", nargs, 1, 2);
  Ref<Object> v = dict_pop(ts, self, args[0]);
  if (v) return v;
  if (nargs == 2) return newref(args[1]);
  raise_with_arg(Exc_KeyError, args[0]);
}

Ref<Object> m_popitem(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("popitem", nargs, 0, 0);
  DictObject* d = as_dict(self);
  Object *k, *v;
  {
    CriticalSection cs(d);
    if (d->used == 0) raise_with_arg(Exc_KeyError, str_new("popitem(): dictionary is empty"));
    DictTable* t = d->table;
    int64_t i = static_cast<int64_t>(t->nentries) - 1;
    while (!entries(t)[i].key) --i;
    take_entry(d, i, k, v);
    // Under the GIL the position is reused (as CPython); without it a reader
    // may still be matching this entry's key, so positions are never reused.
    if constexpr (!LockPolicy::lock_free_readers()) t->nentries = static_cast<size_t>(i);
    check(d);
  }
  Ref<Object> r = tuple_new(2);
  tuple_set_steal(r, 0, sa::hand_out(k).release());
  tuple_set_steal(r, 1, sa::hand_out(v).release());
  return r;
}

Ref<Object> m_keys(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("keys", nargs, 0, 0);
  return view_new(self, &DictKeys_type);
}
Ref<Object> m_values(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("values", nargs, 0, 0);
  return view_new(self, &DictValues_type);
}
Ref<Object> m_items(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("items", nargs, 0, 0);
  return view_new(self, &DictItems_type);
}

Ref<Object> m_update(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 1) raise_fmt(Exc_TypeError, "update expected at most 1 argument, got %zu", nargs);
  if (nargs == 1) update_arg(ts, self, args[0]);
  update_kwargs(ts, self, args, nargs, kwnames);
  return none_ref();
}

Ref<Object> m_copy(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("copy", nargs, 0, 0);
  return dict_copy(ts, self);
}

Ref<Object> m_clear(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("clear", nargs, 0, 0);
  dict_clear(self);
  return none_ref();
}

Ref<Object> m_fromkeys(ThreadState& ts, Object* cls, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("fromkeys", kwnames);
  check_nargs("fromkeys", nargs, 1, 2);
  Object* value = nargs == 2 ? args[1] : None();
  Ref<Object> d = call0(ts, cls);
  bool fast = type_check_exact(d, &Dict_type);
  for_each(ts, args[0], [&](Object* k) {
    if (fast)
      dict_set(ts, d, k, value);
    else
      setitem(ts, d, k, value);
    return true;
  });
  return d;
}

Ref<Object> m_reversed(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__reversed__", nargs, 0, 0);
  return dict_iter_new(self, ViewKind::Keys, true);
}

Ref<Object> m_sizeof(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__sizeof__", nargs, 0, 0);
  DictTable* t = table_of(as_dict(self));
  return int_from_u64(sizeof(DictObject) + (t ? table_bytes(t->log2_size) : 0));
}

const MethodDef dict_methods[] = {
    {"get", m_get, METH_DEFAULT, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", m_setdefault, METH_DEFAULT, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", m_pop, METH_DEFAULT, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", m_popitem, METH_DEFAULT, "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", m_keys, METH_DEFAULT, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", m_values, METH_DEFAULT, "D.values() -> an object providing a view on D's values"},
    {"items", m_items, METH_DEFAULT, "D.items() -> a set-like object providing a view on D's items"},
    {"update", m_update, METH_DEFAULT, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"copy", m_copy, METH_DEFAULT, "D.copy() -> a shallow copy of D"},
    {"clear", m_clear, METH_DEFAULT, "D.clear() -> None.  Remove all items from D."},
    {"fromkeys", m_fromkeys, METH_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
    {"__reversed__", m_reversed, METH_DEFAULT, "Return a reverse iterator over the dict keys."},
    {"__sizeof__", m_sizeof},
    {nullptr, nullptr},
};

// --- type setup ------------------------------------------------------------------------------

void setup_dict(TypeObject& t) {
  t.name = "dict";
  t.basicsize = sizeof(DictObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_DICT_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc = "dict() -> new empty dictionary";
  t.dealloc = dict_dealloc;
  t.repr = dict_repr;
  t.hash = nullptr;  // unhashable
  t.richcompare = dict_richcompare;
  t.iter = dict_iter_slot;
  t.new_ = dict_new_slot;
  t.init = dict_init_slot;
  t.nb[NB_OR] = dict_or;
  t.nb_inplace[NB_OR] = dict_ior;
  t.nb_bool = dict_bool;
  t.len = dict_len;
  t.getitem = dict_subscript;
  t.setitem = dict_ass_subscript;
  t.contains = dict_contains;
  t.methods = dict_methods;
}

void setup_view(TypeObject& t, const char* name, UnaryFn iter, ContainsFn contains_fn, const MethodDef* methods,
                bool setlike) {
  t.name = name;
  t.basicsize = sizeof(DictViewObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = view_dealloc;
  t.repr = view_repr;
  t.iter = iter;
  t.len = view_len;
  t.contains = contains_fn;
  t.methods = methods;
  if (setlike) {
    t.hash = nullptr;
    t.richcompare = view_richcompare;
    t.nb[NB_AND] = view_and;
    t.nb[NB_OR] = view_or;
    t.nb[NB_SUBTRACT] = view_sub;
    t.nb[NB_XOR] = view_xor;
  }
}
void setup_keys(TypeObject& t) { setup_view(t, "dict_keys", keys_iter, keys_contains, keys_methods, true); }
void setup_values(TypeObject& t) { setup_view(t, "dict_values", values_iter, nullptr, values_methods, false); }
void setup_items(TypeObject& t) { setup_view(t, "dict_items", items_iter, items_contains, items_methods, true); }

void setup_iter(TypeObject& t, const char* name, IterNextFn next) {
  t.name = name;
  t.basicsize = sizeof(DictIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = dict_iter_dealloc;
  t.iter = self_iter;
  t.iternext = next;
  t.methods = dict_iter_methods;
}
void setup_key_iter(TypeObject& t) { setup_iter(t, "dict_keyiterator", dict_iter_next<ViewKind::Keys, false>); }
void setup_value_iter(TypeObject& t) { setup_iter(t, "dict_valueiterator", dict_iter_next<ViewKind::Values, false>); }
void setup_item_iter(TypeObject& t) { setup_iter(t, "dict_itemiterator", dict_iter_next<ViewKind::Items, false>); }
void setup_rev_key_iter(TypeObject& t) {
  setup_iter(t, "dict_reversekeyiterator", dict_iter_next<ViewKind::Keys, true>);
}
void setup_rev_value_iter(TypeObject& t) {
  setup_iter(t, "dict_reversevalueiterator", dict_iter_next<ViewKind::Values, true>);
}
void setup_rev_item_iter(TypeObject& t) {
  setup_iter(t, "dict_reverseitemiterator", dict_iter_next<ViewKind::Items, true>);
}

}  // namespace

GK_REGISTER_TYPE(Dict_type, setup_dict);
GK_REGISTER_TYPE(DictKeys_type, setup_keys);
GK_REGISTER_TYPE(DictValues_type, setup_values);
GK_REGISTER_TYPE(DictItems_type, setup_items);
GK_REGISTER_TYPE(DictKeyIter_type, setup_key_iter);
GK_REGISTER_TYPE(DictValueIter_type, setup_value_iter);
GK_REGISTER_TYPE(DictItemIter_type, setup_item_iter);
GK_REGISTER_TYPE(DictRevKeyIter_type, setup_rev_key_iter);
GK_REGISTER_TYPE(DictRevValueIter_type, setup_rev_value_iter);
GK_REGISTER_TYPE(DictRevItemIter_type, setup_rev_item_iter);

// --- public API --------------------------------------------------------------------------------

Ref<Object> dict_new() { return steal(type_alloc(&Dict_type)); }

Object* dict_get(ThreadState& ts, Object* d, Object* key) {
  return dict_get_hashed(ts, d, key, table_key_hash(ts, key));
}

Object* dict_get_hashed(ThreadState& ts, Object* d, Object* key, int64_t hash) {
  return lookup_value(ts, as_dict(d), key, hash);
}

Object* dict_get_str(ThreadState& ts, Object* d, Object* key) {
  DictObject* dd = as_dict(d);
  if (!sa::load_relaxed(dd->table)) return nullptr;
  int64_t h = static_cast<StrObject*>(key)->hash;
  if (h == -1) h = str_hash(key);
  return lookup_value(ts, dd, key, h);
}

void dict_set(ThreadState& ts, Object* d, Object* key, Object* value) {
  insert(ts, as_dict(d), key, table_key_hash(ts, key), value);
}

namespace {
[[gnu::noinline]] Object* get_str_hint_missed(ThreadState& ts, DictObject* dd, Object* key, uint32_t* hint) {
  int64_t hash = static_cast<StrObject*>(key)->hash;
  if (hash == -1) hash = str_hash(key);
  if constexpr (!LockPolicy::lock_free_readers()) {
    DictTable* t = dd->table;
    int64_t ix = t->str_keys ? lookup_str(t, key, hash) : lookup(ts, dd, key, hash);
    if (ix < 0) return nullptr;
    *hint = static_cast<uint32_t>(ix);
    return entries(dd->table)[ix].value;
  } else {
    DictTable* t = table_of(dd);
    if (!t) return nullptr;
    int64_t ix = lookup_nolock(t, key, hash);
    if (ix >= 0) {
      *hint = static_cast<uint32_t>(ix);
      return entry_value(entries(t)[ix]);
    }
    if (ix == -1) return nullptr;
    return lookup_value_locked(ts, dd, key, hash);
  }
}
}  // namespace

// The hit path stays small (no register saves): the rest is a tail call.
// Lock-free: the hint is bounded by the loaded table's nentries, and an entry
// whose key IS `key` is the key's entry (its value is null if just deleted).
Object* dict_get_str_hinted(ThreadState& ts, Object* d, Object* key, uint32_t* hint) {
  DictObject* dd = as_dict(d);
  DictTable* t = table_of(dd);
  if (!t) return nullptr;
  if (size_t h = *hint; h < nentries_of(t)) {
    DictEntry& e = entries(t)[h];
    if (entry_key(e) == key) {
      Object* v = entry_value(e);
      // Under the GIL a matching entry is live; without it, null means just deleted.
      if (!LockPolicy::lock_free_readers() || v) return v;
    }
  }
  return get_str_hint_missed(ts, dd, key, hint);
}

void dict_set_str_hinted(ThreadState& ts, Object* d, Object* key, Object* value, uint32_t* hint) {
  DictObject* dd = as_dict(d);
  Replaced old;
  {
    CriticalSection cs(dd);
    DictTable* t = dd->table;
    if (size_t h = *hint; t && h < t->nentries && entries(t)[h].key == key) old = replace_value(dd, h, value);
  }
  if (old.old) {
    old.release();  // last: a __del__ sees the dict updated
    return;
  }
  int64_t hash = static_cast<StrObject*>(key)->hash;
  if (hash == -1) hash = str_hash(key);
  {
    CriticalSection cs(dd);
    DictTable* t = dd->table;
    if (!t || t->str_keys) {
      // insert() for a table of str keys (no user code runs), noting the position.
      int64_t ix = t ? lookup_str(t, key, hash) : -1;
      if (ix == kUnknown) ix = lookup(ts, dd, key, hash);  // cannot run code: every key is a str
      if (ix < 0) {
        insert_new(dd, key, hash, value);
        check(dd);
        *hint = static_cast<uint32_t>(dd->table->nentries - 1);
        return;
      }
      old = replace_value(dd, ix, value);
      *hint = static_cast<uint32_t>(ix);
    }
  }
  if (old.old) {
    old.release();  // last: a __del__ sees the dict updated
    return;
  }
  insert(ts, dd, key, hash, value);
  // Where the key is now: insert appends a new key at the end.
  CriticalSection cs(dd);
  DictTable* t = dd->table;
  if (!t) return;
  if (t->nentries > 0 && entries(t)[t->nentries - 1].key == key) {
    *hint = static_cast<uint32_t>(t->nentries - 1);
  } else if (t->str_keys) {
    if (int64_t ix = lookup_str(t, key, hash); ix >= 0) *hint = static_cast<uint32_t>(ix);
  }
}

bool dict_del(ThreadState& ts, Object* d, Object* key) {
  Ref<Object> v = pop_hashed(ts, as_dict(d), key, table_key_hash(ts, key));
  return static_cast<bool>(v);
}

Ref<Object> dict_pop(ThreadState& ts, Object* d, Object* key) {
  DictObject* dd = as_dict(d);
  if (dict_size(dd) == 0) {
    table_key_hash(ts, key);  // an unhashable key still raises, as in CPython
    return nullptr;
  }
  return pop_hashed(ts, dd, key, table_key_hash(ts, key));
}

void dict_clear(Object* d) noexcept {
  DictObject* dd = as_dict(d);
  DictTable* t;
  {
    CriticalSection cs(dd);
    t = dd->table;
    sa::store_seq_cst(dd->table, nullptr);
    set_used(dd, 0);
    bump_version(dd);
  }
  if (!t) return;
  // The unpublished table is ours; readers may still scan it (retired below).
  DictEntry* ep = entries(t);
  for (size_t i = 0; i < t->nentries; ++i) {
    if (!ep[i].key) continue;
    sa::drop(ep[i].key);
    sa::drop(ep[i].value);
  }
  table_retire(t);
}

bool dict_next(Object* d, size_t& pos, Object** key, Object** value) noexcept {
  int64_t h;
  return dict_next_hashed(d, pos, key, value, &h);
}

bool dict_next_hashed(Object* d, size_t& pos, Object** key, Object** value, int64_t* hash) noexcept {
  return next_live(as_dict(d), pos, key, value, hash);
}

void dict_update(ThreadState& ts, Object* d, Object* other) { update_arg(ts, d, other); }

Ref<Object> dict_copy(ThreadState&, Object* d) {
  DictObject* src = as_dict(d);
  Ref<Object> r = dict_new();
  CriticalSection cs(src);  // a consistent snapshot
  if (src->used == 0) return r;
  DictTable* t = src->table;
  uint8_t log2 = t->nentries == src->used ? t->log2_size : log2_for_entries(src->used);
  DictObject* dst = as_dict(r);
  dst->table = table_compact_copy(t, log2, /*add_refs=*/true);
  dst->used = dst->table->nentries;
  return r;
}

namespace {
template <class F>
Ref<Object> collect(Object* d, F pick) {
  DictObject* dd = as_dict(d);
  CriticalSection cs(dd);  // a consistent snapshot: the list is sized by `used`
  Ref<Object> l = list_new(dd->used);
  size_t pos = 0, i = 0;
  Object *k, *v;
  while (dict_next(d, pos, &k, &v)) list_set_steal(l, i++, pick(k, v).release());
  return l;
}
}  // namespace

Ref<Object> dict_keys_list(Object* d) {
  return collect(d, [](Object* k, Object*) { return newref(k); });
}
Ref<Object> dict_values_list(Object* d) {
  return collect(d, [](Object*, Object* v) { return newref(v); });
}
Ref<Object> dict_items_list(Object* d) {
  return collect(d, [](Object* k, Object* v) { return tuple_pack({k, v}); });
}

Object* dict_get_cstr(ThreadState& ts, Object* d, const char* key) { return dict_get_str(ts, d, intern(key)); }

void dict_set_cstr(ThreadState& ts, Object* d, const char* key, Object* value) {
  dict_set(ts, d, intern(key), value);
}

bool dict_check(Object* d) noexcept {
  CriticalSection cs(d);
  return table_check(as_dict(d));
}

}  // namespace gk
