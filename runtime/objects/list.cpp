// runtime/objects/list.cpp — list: a growable array of strong references, its
// iterators, slicing (get/set/del with steps), and a stable, exception-safe
// merge sort. Also the ReprGuard shared by the container reprs.
//
// Owns: List_type, ListIter_type ("list_iterator"),
//       ListRevIter_type ("list_reverseiterator").
//
// Concurrency (no-GIL build; under the GIL the same code runs, every
// CriticalSection is a no-op and every sa:: access a plain one).
//
//   Writers: every mutation of size/capacity/items runs inside
//   `CriticalSection cs(list)` (two-object form for l.extend(other list)).
//   Readers: len, l[i], iteration, `in`, index/count/repr/compare read without
//   the mutex: they load `items` (seq_cst), then `size` or the slot (acquire),
//   bound every index by the capacity stored in front of the array they
//   loaded, and incref what they read before their next eval-breaker check.
//   An empty slot or an index past that capacity means a writer is at work:
//   the reader retries under the critical section (list_item_ref).
//   Bulk copies of a list (slices, +, *, copy, tuple(l), extend(l)) hold the
//   source's critical section instead.
//
// Who may touch each field: see ListObject in list.hpp. Memory reclamation:
//   - an array that is replaced (growth, shrink, clear, sort's junk) is
//     unpublished with a seq_cst store and freed through sa::retire (QSBR:
//     after every thread passed its eval breaker; at once under the GIL or
//     with one thread);
//   - a reference the list drops (replaced, deleted, popped, cleared item) is
//     released with sa::drop / decref_shared after it is unpublished; pop
//     hands the caller a new reference (sa::hand_out). With one thread these
//     are plain decrefs, so __del__ runs when CPython runs it.
//   - slots are moved with sa::move_ptrs (atomic per pointer).
//
// Invariants (checker: list_check / list_check_locked, run after mutations
// in -Dchecks=full builds):
//   size <= capacity == list_items_capacity(items); items == null iff capacity == 0;
//   every slot in [0, size) is non-null outside a critical section;
//   no-GIL build: every slot in [size, capacity) is null.
//
// Code outside this file: list_get / list_size / list_items are safe
// lock-free reads (list_get returns null while a writer races: fall back to
// list_item_ref); a shared list is written only through this file's
// functions (list_store_steal for l[i] = v, list_unpack_exact for unpacking).
//
// Code that may run Python code (comparisons, __eq__, repr, key functions)
// never keeps a raw pointer into `items` across that call: it re-reads the
// item through list_item_ref and holds a strong reference to it.
//
// Reentrancy rule: a mutation first makes the list consistent, then drops the
// references it replaced (their __del__ may look at the list).
#include "objects/list.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/range.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject List_type;
TypeObject ListIter_type;
TypeObject ListRevIter_type;

// --- ReprGuard ------------------------------------------------------------------

ReprGuard::ReprGuard(ThreadState& ts, Object* o) : ts_(ts), recursive_(false) {
  char here;
  if (ts.c_stack_limit != 0 && reinterpret_cast<uintptr_t>(&here) < ts.c_stack_limit)
    raise(Exc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
  for (Object* p : ts.repr_active) {
    if (p == o) {
      recursive_ = true;
      return;
    }
  }
  ts.repr_active.push_back(o);
}

ReprGuard::~ReprGuard() {
  if (!recursive_) ts_.repr_active.pop_back();
}

namespace {

inline ListObject* as_list(Object* o) noexcept { return static_cast<ListObject*>(o); }

// A raw array of T from the allocator policy, freed on scope exit (it holds
// no references itself).
template <class T>
class RawBuffer {
 public:
  explicit RawBuffer(size_t n) : n_(n), p_(n ? static_cast<T*>(mem_alloc(n * sizeof(T))) : nullptr) {}
  ~RawBuffer() {
    if (p_) mem_free(p_, n_ * sizeof(T));
  }
  RawBuffer(const RawBuffer&) = delete;
  RawBuffer& operator=(const RawBuffer&) = delete;
  T* get() const noexcept { return p_; }
  T& operator[](size_t i) noexcept { return p_[i]; }

 private:
  size_t n_;
  T* p_;
};
using PtrBuffer = RawBuffer<Object*>;

// --- item arrays ------------------------------------------------------------------
// [size_t capacity][Object* slot * capacity]; the pointer is to the first slot.

Object** items_alloc(size_t cap) {
  if (cap > (SIZE_MAX - sizeof(size_t)) / sizeof(Object*)) raise_no_memory();
  auto* p = static_cast<size_t*>(mem_alloc(sizeof(size_t) + cap * sizeof(Object*)));
  p[0] = cap;
  return reinterpret_cast<Object**>(p + 1);
}
void items_free_now(void* items) noexcept {
  size_t* p = static_cast<size_t*>(items) - 1;
  mem_free(p, sizeof(size_t) + p[0] * sizeof(Object*));
}
// Free an array that was published: lock-free readers may still scan it.
inline void items_retire(Object** items) {
  if (items) sa::retire(items, items_free_now);
}

// Set size (release: slots written before are visible to a reader that sees
// it); in the no-GIL build slots given up are emptied first, so [size,
// capacity) stays null.
inline void set_size(ListObject* l, size_t newsize) noexcept {
  if constexpr (LockPolicy::lock_free_readers()) {
    for (size_t i = newsize; i < l->size; ++i) sa::store_relaxed(l->items[i], nullptr);
  }
  sa::store_release(l->size, newsize);
}

// Change the capacity so that `newsize` items fit, with CPython's growth
// policy (over-allocate ~1/8 + 6, rounded to a multiple of 4), and set size.
// Items in [old size, newsize) are left for the caller to fill (null in the
// no-GIL build, uninitialised otherwise); items beyond newsize must already
// have been moved or dropped. Caller holds the list's critical section.
void list_resize(ListObject* l, size_t newsize) {
  size_t cap = l->capacity;
  if (cap >= newsize && newsize >= (cap >> 1)) {
    set_size(l, newsize);
    return;
  }
  size_t new_cap = (newsize + (newsize >> 3) + 6) & ~size_t(3);
  // A big jump (e.g. extend by a long list) gets no over-allocation.
  if (newsize > l->size && newsize - l->size > new_cap - newsize) new_cap = (newsize + 3) & ~size_t(3);
  if (newsize == 0) new_cap = 0;
  if (new_cap > SIZE_MAX / sizeof(Object*)) raise_no_memory();
  Object** old = l->items;
  Object** items = nullptr;
  if constexpr (LockPolicy::lock_free_readers()) {
    // Readers may be scanning `old`: copy into a fresh array, publish it, and
    // retire the old one.
    if (new_cap) {
      items = items_alloc(new_cap);
      size_t keep = l->size < newsize ? l->size : newsize;
      for (size_t i = 0; i < keep; ++i) items[i] = sa::load_relaxed(old[i]);
      std::memset(items + keep, 0, (new_cap - keep) * sizeof(Object*));
    }
    sa::store_seq_cst(l->items, items);
    l->capacity = new_cap;
    sa::store_release(l->size, newsize);  // the old array's slots need no emptying: it is retired
    items_retire(old);
    return;
  } else {
    if (new_cap == 0) {
      if (old) items_free_now(old);
    } else if (!old) {
      items = items_alloc(new_cap);
    } else {
      auto* p = static_cast<size_t*>(mem_realloc(reinterpret_cast<size_t*>(old) - 1,
                                                 sizeof(size_t) + cap * sizeof(Object*),
                                                 sizeof(size_t) + new_cap * sizeof(Object*)));
      p[0] = new_cap;
      items = reinterpret_cast<Object**>(p + 1);
    }
    sa::store_seq_cst(l->items, items);
    l->capacity = new_cap;
    sa::store_release(l->size, newsize);
  }
}

void append_slow(ListObject* l, Object* v) {
  size_t n = l->size;
  list_resize(l, n + 1);
  incref(v);
  sa::store_release(l->items[n], v);
}

[[maybe_unused]] bool list_check_locked(ListObject* l) noexcept {
  if (l->size > l->capacity) return false;
  if ((l->items == nullptr) != (l->capacity == 0)) return false;
  if (list_items_capacity(l->items) != l->capacity) return false;
  for (size_t i = 0; i < l->size; ++i)
    if (!l->items[i]) return false;
  if constexpr (LockPolicy::lock_free_readers()) {
    for (size_t i = l->size; i < l->capacity; ++i)
      if (l->items[i]) return false;
  }
  return true;
}

// -Dchecks=full: validate after a mutation (caller holds the critical section).
inline void check(ListObject* l) noexcept {
  if constexpr (config::checks >= 2) {
    if (!list_check_locked(l)) {
      std::fprintf(stderr, "gilkit: list invariant violated\n");
      std::abort();
    }
  }
}

// Empty the list, then drop the old references (last first, as CPython).
void list_clear_impl(ListObject* l) noexcept {
  Object** items;
  size_t n, cap;
  {
    CriticalSection cs(l);
    items = l->items;
    n = l->size;
    cap = l->capacity;
    sa::store_seq_cst(l->items, nullptr);
    sa::store_release(l->size, 0);
    l->capacity = 0;
  }
  (void)cap;
  if (!items) return;
  while (n > 0) sa::xdrop(items[--n]);
  items_retire(items);
}

void list_dealloc(Object* o) noexcept {
  ListObject* l = as_list(o);
  if (l->items) {
    for (size_t i = l->size; i > 0; --i) xdecref(l->items[i - 1]);
    items_free_now(l->items);  // nobody else can reach a dead list
  }
  object_free(o, sizeof(ListObject));
}

Ref<Object> new_list_of_type(TypeObject* type) { return steal(type_alloc(type)); }

// --- slicing primitives -----------------------------------------------------------

// A new list of self[lo:hi] (clamped), copied under self's critical section.
Ref<Object> list_slice_copy_locked(Object* self, size_t lo, size_t hi) {
  Ref<Object> r = list_new(0);
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  if (hi > l->size) hi = l->size;
  if (lo > hi) lo = hi;
  size_t n = hi - lo;
  if (n == 0) return r;
  ListObject* rl = as_list(r);
  rl->items = items_alloc(n);
  rl->capacity = n;
  for (size_t i = 0; i < n; ++i) incref(rl->items[i] = l->items[lo + i]);
  rl->size = n;
  return r;
}
inline Ref<Object> list_slice_copy(Object* self, size_t lo, size_t hi) { return list_slice_copy_locked(self, lo, hi); }

// A list or tuple holding the items of v (v itself when it is an exact list
// or tuple). A non-iterable v raises TypeError `msg`.
Ref<Object> seq_fast(ThreadState& ts, Object* v, const char* msg) {
  if (type_check_exact(v, &Tuple_type)) return newref(v);
  // A list is copied (under its critical section): the caller keeps raw
  // pointers into the result's items while it changes another list.
  if (type_check_exact(v, &List_type)) return list_slice_copy_locked(v, 0, SIZE_MAX);
  Ref<Object> it;
  try {
    it = get_iter(ts, v);
  } catch (PyError& e) {
    if (e.matches(Exc_TypeError)) raise(Exc_TypeError, msg);
    throw;
  }
  Ref<Object> l = list_new(0);
  while (Ref<Object> item = iter_next(ts, it)) list_append(l, item);
  return l;
}
inline Object** fast_items(Object* seq) noexcept {
  return is_list(seq) ? list_items(seq) : tuple_items(seq);
}
inline size_t fast_size(Object* seq) noexcept { return is_list(seq) ? list_size(seq) : tuple_size(seq); }


// a[lo:hi] = v (v null: del a[lo:hi]); 0 <= lo, hi clamped here.
void list_ass_slice(ThreadState& ts, Object* self, int64_t lo, int64_t hi, Object* v) {
  Ref<Object> seq;
  Object** vitems = nullptr;
  size_t vn = 0;
  if (v) {
    // a[:] = a must copy first: the source would change under the copy.
    seq = (v == self) ? list_slice_copy(self, 0, list_size(self)) : seq_fast(ts, v, "can only assign an iterable");
  }
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t n = static_cast<int64_t>(l->size);
  if (lo < 0) lo = 0;
  if (lo > n) lo = n;
  if (hi < lo) hi = lo;
  if (hi > n) hi = n;
  if (seq) {
    vitems = fast_items(seq);
    vn = fast_size(seq);
  }
  size_t ulo = static_cast<size_t>(lo), uhi = static_cast<size_t>(hi), un = static_cast<size_t>(n);
  size_t norig = uhi - ulo;
  if (norig == 0 && vn == 0) return;
  PtrBuffer recycle(norig);
  if (norig) std::memcpy(recycle.get(), l->items + ulo, norig * sizeof(Object*));
  if (vn < norig) {
    sa::move_ptrs(l->items + ulo + vn, l->items + uhi, un - uhi);
    list_resize(l, un - (norig - vn));
  } else if (vn > norig) {
    list_resize(l, un + (vn - norig));
    sa::move_ptrs(l->items + ulo + vn, l->items + uhi, un - uhi);
  }
  for (size_t k = 0; k < vn; ++k) {
    incref(vitems[k]);
    sa::store_release(l->items[ulo + k], vitems[k]);
  }
  check(l);
  // Dropped with the section still held: with one thread a __del__ may run
  // here and re-enter the list (a nested section on the same mutex is a
  // no-op); with several, drops are deferred and run no code now.
  for (size_t k = norig; k > 0; --k) sa::drop(recycle[k - 1]);
}

// del a[slice] for a step other than 1. The indices are computed under the
// critical section, from the size they apply to.
void list_del_extended(ThreadState& ts, Object* self, Object* slice) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t start, stop, step;
  int64_t slicelen = slice_indices(ts, slice, static_cast<int64_t>(l->size), start, stop, step);
  if (step == 1) return list_ass_slice(ts, self, start, stop, nullptr);  // a nested section: no-op
  if (slicelen <= 0) return;
  size_t n = l->size;
  if (step < 0) {  // walk the same items forwards
    start = start + step * (slicelen - 1);
    step = -step;
  }
  size_t ustep = static_cast<size_t>(step), ulen = static_cast<size_t>(slicelen);
  PtrBuffer garbage(ulen);
  size_t cur = static_cast<size_t>(start), i = 0;
  for (; i < ulen; cur += ustep, ++i) {
    garbage[i] = l->items[cur];
    size_t lim = ustep - 1;
    if (cur + ustep >= n) lim = n - cur - 1;
    sa::move_ptrs(l->items + cur - i, l->items + cur + 1, lim);
  }
  cur = static_cast<size_t>(start) + ulen * ustep;
  if (cur < n) sa::move_ptrs(l->items + cur - ulen, l->items + cur, n - cur);
  list_resize(l, n - ulen);
  check(l);
  for (i = 0; i < ulen; ++i) sa::drop(garbage[i]);
}

// a[slice] = value for a step other than 1 (indices as in list_del_extended).
void list_ass_extended(ThreadState& ts, Object* self, Object* slice, Object* value) {
  Ref<Object> seq = (value == self) ? list_slice_copy(self, 0, SIZE_MAX)
                                    : seq_fast(ts, value, "must assign iterable to extended slice");
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t start, stop, step;
  int64_t slicelen = slice_indices(ts, slice, static_cast<int64_t>(l->size), start, stop, step);
  if (step == 1) return list_ass_slice(ts, self, start, stop, seq);  // a nested section: no-op
  size_t vn = fast_size(seq);
  if (static_cast<int64_t>(vn) != slicelen)
    raise_fmt(Exc_ValueError, "attempt to assign sequence of size %zu to extended slice of size %lld", vn,
              static_cast<long long>(slicelen));
  if (slicelen == 0) return;
  Object** src = fast_items(seq);
  PtrBuffer garbage(vn);
  int64_t cur = start;
  for (size_t i = 0; i < vn; ++i, cur += step) {
    garbage[i] = l->items[cur];
    incref(src[i]);
    sa::store_release(l->items[cur], src[i]);
  }
  for (size_t i = 0; i < vn; ++i) sa::drop(garbage[i]);
}

// --- repr / compare -----------------------------------------------------------------

Ref<Object> list_repr(ThreadState& ts, Object* self) {
  if (list_size(self) == 0) return str_new("[]");
  ReprGuard guard(ts, self);
  if (guard.recursive()) return str_new("[...]");
  std::string out = "[";
  // An item's repr may mutate the list: re-check the size every time.
  for (size_t i = 0; i < list_size(self); ++i) {
    if (i) out += ", ";
    Ref<Object> item = list_item_ref(self, i);
    if (!item) break;  // another thread shrank the list
    out += repr_utf8(ts, item);
  }
  out += ']';
  return str_new(out);
}

Ref<Object> list_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (!is_list(a) || !is_list(b)) return newref(NotImplemented());
  if ((op == CompareOp::EQ || op == CompareOp::NE) && list_size(a) != list_size(b))
    return bool_ref(op == CompareOp::NE);
  size_t i = 0;
  for (; i < list_size(a) && i < list_size(b); ++i) {
    Ref<Object> hx = list_item_ref(a, i), hy = list_item_ref(b, i);
    if (!hx || !hy) break;  // shrank meanwhile: the size checks below decide
    if (hx.get() == hy.get()) continue;
    if (!rich_compare_bool(ts, hx, hy, CompareOp::EQ)) break;
  }
  size_t na = list_size(a), nb = list_size(b);
  if (i >= na || i >= nb) {
    bool r = false;
    switch (op) {
      case CompareOp::LT: r = na < nb; break;
      case CompareOp::LE: r = na <= nb; break;
      case CompareOp::EQ: r = na == nb; break;
      case CompareOp::NE: r = na != nb; break;
      case CompareOp::GT: r = na > nb; break;
      case CompareOp::GE: r = na >= nb; break;
    }
    return bool_ref(r);
  }
  if (op == CompareOp::EQ) return bool_ref(false);
  if (op == CompareOp::NE) return bool_ref(true);
  Ref<Object> hx = list_item_ref(a, i), hy = list_item_ref(b, i);
  if (!hx || !hy) return bool_ref(false);  // only when another thread shrank a list meanwhile
  return rich_compare(ts, hx, hy, op);
}

// --- sequence protocol ------------------------------------------------------------------

size_t list_len(ThreadState&, Object* self) { return list_size(self); }
bool list_bool(ThreadState&, Object* self) { return list_size(self) != 0; }

bool list_contains(ThreadState& ts, Object* self, Object* item) {
  for (size_t i = 0;; ++i) {
    Ref<Object> x = list_item_ref(self, i);
    if (!x) return false;
    if (x.get() == item) return true;
    if (rich_compare_bool(ts, x, item, CompareOp::EQ)) return true;
  }
}

[[noreturn]] void bad_list_index(Object* key) {
  raise_fmt(Exc_TypeError, "list indices must be integers or slices, not %s", type_name(key));
}

Ref<Object> list_getitem(ThreadState& ts, Object* self, Object* key) {
  int64_t i;
  if (type_check_exact(key, &Int_type) && int_is_small(key)) {
    i = int_small_value(key);
  } else if (type_check_exact(key, &Slice_type)) {
    // Indices from the size under the critical section, as the copy.
    CriticalSection cs(self);
    ListObject* l = as_list(self);
    int64_t start, stop, step;
    int64_t len = slice_indices(ts, key, static_cast<int64_t>(l->size), start, stop, step);
    if (len <= 0) return list_new(0);
    if (step == 1) return list_slice_copy(self, static_cast<size_t>(start), static_cast<size_t>(stop));
    Ref<Object> r = list_new(static_cast<size_t>(len));
    Object** src = l->items;
    Object** dst = as_list(r)->items;
    for (int64_t k = 0, j = start; k < len; ++k, j += step) incref(dst[k] = src[j]);
    return r;
  } else if (!seq_index_key(ts, key, i)) {
    bad_list_index(key);
  }
  if (i < 0) i += static_cast<int64_t>(list_size(self));
  Ref<Object> r = i >= 0 ? list_item_ref(self, static_cast<size_t>(i)) : nullptr;
  if (!r) raise(Exc_IndexError, "list index out of range");
  return r;
}

void list_setitem(ThreadState& ts, Object* self, Object* key, Object* value) {
  int64_t i;
  if (type_check_exact(key, &Int_type) && int_is_small(key)) {
    i = int_small_value(key);
  } else if (type_check_exact(key, &Slice_type)) {
    int64_t start, stop, step;
    slice_indices(ts, key, static_cast<int64_t>(list_size(self)), start, stop, step);
    if (step == 1) return list_ass_slice(ts, self, start, stop, value);  // clamps under the section
    if (!value) return list_del_extended(ts, self, key);
    return list_ass_extended(ts, self, key, value);
  } else if (!seq_index_key(ts, key, i)) {
    bad_list_index(key);
  }
  if (!value) {
    CriticalSection cs(self);  // the index applies to the size under the section
    int64_t n = static_cast<int64_t>(as_list(self)->size);
    if (i < 0) i += n;
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) raise(Exc_IndexError, "list assignment index out of range");
    return list_ass_slice(ts, self, i, i + 1, nullptr);
  }
  incref(value);
  if (!list_store_steal(self, i, value)) {
    decref(value);
    raise(Exc_IndexError, "list assignment index out of range");
  }
}

// --- number protocol: + * += *= -------------------------------------------------------

Ref<Object> list_add(ThreadState&, Object* a, Object* b) {
  if (!is_list(a)) return newref(NotImplemented());
  if (!is_list(b)) {
    TypeObject* tb = type_of(b);
    if ((tb->flags & TPFLAG_HEAPTYPE) && tb->nb[NB_ADD]) return newref(NotImplemented());
    raise_fmt(Exc_TypeError, "can only concatenate list (not \"%s\") to list", type_name(b));
  }
  Ref<Object> r = list_new(0);
  CriticalSection cs(a, b);
  ListObject *la = as_list(a), *lb = as_list(b), *lr = as_list(r);
  size_t na = la->size, nb = lb->size;
  if (na + nb == 0) return r;
  lr->items = items_alloc(na + nb);
  lr->capacity = na + nb;
  for (size_t i = 0; i < na; ++i) incref(lr->items[i] = la->items[i]);
  for (size_t i = 0; i < nb; ++i) incref(lr->items[na + i] = lb->items[i]);
  lr->size = na + nb;
  return r;
}

Ref<Object> list_repeat(Object* self, int64_t n) {
  CriticalSection cs(self);
  size_t size = as_list(self)->size;
  if (n <= 0 || size == 0) return list_new(0);
  if (static_cast<uint64_t>(n) > SIZE_MAX / sizeof(Object*) / size) raise_no_memory();
  Ref<Object> r = list_new(size * static_cast<size_t>(n));
  Object** dst = as_list(r)->items;
  Object** src = as_list(self)->items;
  for (int64_t k = 0; k < n; ++k)
    for (size_t i = 0; i < size; ++i) incref(*dst++ = src[i]);
  return r;
}

Ref<Object> list_mul(ThreadState& ts, Object* a, Object* b) {
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &List_type, NB_MULTIPLY, n)) return newref(NotImplemented());
  return list_repeat(is_list(a) ? a : b, n);
}

Ref<Object> list_iadd(ThreadState& ts, Object* a, Object* b) {
  if (!is_list(a)) return newref(NotImplemented());
  list_extend(ts, a, b);
  return newref(a);
}

Ref<Object> list_imul(ThreadState& ts, Object* a, Object* b) {
  if (!is_list(a)) return newref(NotImplemented());
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &List_type, NB_INPLACE_OFFSET + NB_MULTIPLY, n)) return newref(NotImplemented());
  if (n <= 0) {
    list_clear_impl(as_list(a));
    return newref(a);
  }
  CriticalSection cs(a);
  ListObject* l = as_list(a);
  size_t size = l->size;
  if (size == 0 || n == 1) return newref(a);
  if (static_cast<uint64_t>(n) > SIZE_MAX / sizeof(Object*) / size) raise_no_memory();
  list_resize(l, size * static_cast<size_t>(n));
  for (int64_t k = 1; k < n; ++k) {
    Object** dst = l->items + size * static_cast<size_t>(k);
    for (size_t i = 0; i < size; ++i) {
      incref(l->items[i]);
      sa::store_release(dst[i], l->items[i]);
    }
  }
  check(l);
  return newref(a);
}

// --- construction ----------------------------------------------------------------------

Ref<Object> list_new_slot(ThreadState&, TypeObject* type, Object* const*, size_t, Object*) {
  return new_list_of_type(type);  // arguments are list.__init__'s
}

void list_init_slot(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("list", kwnames);
  if (nargs > 1) raise_fmt(Exc_TypeError, "list expected at most 1 argument, got %zu", nargs);
  if (list_size(self) != 0) list_clear_impl(as_list(self));
  if (nargs == 1) list_extend(ts, self, args[0]);
}

// --- methods -----------------------------------------------------------------------------

Ref<Object> m_append(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("append", kwnames);
  check_nargs("append", nargs, 1, 1);
  list_append(self, args[0]);
  return none_ref();
}

Ref<Object> m_extend(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("extend", kwnames);
  check_nargs("extend", nargs, 1, 1);
  list_extend(ts, self, args[0]);
  return none_ref();
}

Ref<Object> m_insert(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("insert", kwnames);
  check_nargs("insert", nargs, 2, 2);
  int64_t i;
  if (!seq_index_key(ts, args[0], i)) number_index(ts, args[0]);  // raises the TypeError
  list_insert(self, i, args[1]);
  return none_ref();
}

Ref<Object> m_pop(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("pop", kwnames);
  check_nargs("pop", nargs, 0, 1);
  int64_t i = -1;
  if (nargs == 1 && !seq_index_key(ts, args[0], i)) number_index(ts, args[0]);
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t n = static_cast<int64_t>(l->size);
  if (n == 0) raise(Exc_IndexError, "pop from empty list");
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise(Exc_IndexError, "pop index out of range");
  Object* v = l->items[i];
  sa::move_ptrs(l->items + i, l->items + i + 1, static_cast<size_t>(n - i - 1));
  list_resize(l, static_cast<size_t>(n - 1));
  check(l);
  return sa::hand_out(v);  // a new reference for the caller; the list's is dropped after readers are done
}

Ref<Object> m_remove(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("remove", kwnames);
  check_nargs("remove", nargs, 1, 1);
  for (size_t i = 0;; ++i) {
    Ref<Object> x = list_item_ref(self, i);
    if (!x) break;
    bool eq = x.get() == args[0] || rich_compare_bool(ts, x, args[0], CompareOp::EQ);
    if (eq) {
      if (i < list_size(self)) list_ass_slice(ts, self, static_cast<int64_t>(i), static_cast<int64_t>(i) + 1, nullptr);
      return none_ref();
    }
  }
  raise(Exc_ValueError, "list.remove(x): x not in list");
}

Ref<Object> m_index(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("index", kwnames);
  check_nargs("index", nargs, 1, 3);
  int64_t n = static_cast<int64_t>(list_size(self));
  int64_t start = seq_clamp_bound(ts, nargs > 1 ? args[1] : nullptr, n, 0);
  int64_t stop = seq_clamp_bound(ts, nargs > 2 ? args[2] : nullptr, n, n);
  for (int64_t i = start; i < stop; ++i) {
    Ref<Object> x = list_item_ref(self, static_cast<size_t>(i));
    if (!x) break;
    if (x.get() == args[0]) return int_from_i64(i);
    if (rich_compare_bool(ts, x, args[0], CompareOp::EQ)) return int_from_i64(i);
  }
  std::string r = repr_utf8(ts, args[0]);
  raise_fmt(Exc_ValueError, "%s is not in list", r.c_str());
}

Ref<Object> m_count(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("count", kwnames);
  check_nargs("count", nargs, 1, 1);
  size_t count = 0;
  for (size_t i = 0;; ++i) {
    Ref<Object> x = list_item_ref(self, i);
    if (!x) break;
    if (x.get() == args[0]) {
      ++count;
      continue;
    }
    if (rich_compare_bool(ts, x, args[0], CompareOp::EQ)) ++count;
  }
  return int_from_u64(count);
}

Ref<Object> m_sort(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("sort", args, nargs, kwnames, {"$key", "$reverse"}, 0, a);
  Object* key = (a[0] && !is_none(a[0])) ? a[0] : nullptr;
  bool reverse = false;
  if (a[1]) reverse = int_sign(number_index(ts, a[1])) != 0;
  list_sort(ts, self, key, reverse);
  return none_ref();
}

Ref<Object> m_reverse(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("reverse", nargs, 0, 0);
  list_reverse(self);
  return none_ref();
}

Ref<Object> m_copy(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("copy", nargs, 0, 0);
  return list_slice_copy(self, 0, SIZE_MAX);
}

Ref<Object> m_clear(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("clear", nargs, 0, 0);
  list_clear_impl(as_list(self));
  return none_ref();
}

Ref<Object> m_reversed(ThreadState&, Object* self, Object* const*, size_t nargs, Object*);

Ref<Object> m_sizeof(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__sizeof__", nargs, 0, 0);
  return int_from_u64(sizeof(ListObject) + list_items_capacity(list_items(self)) * sizeof(Object*));
}

const MethodDef list_methods[] = {
    {"append", m_append, METH_DEFAULT, "Append object to the end of the list."},
    {"extend", m_extend, METH_DEFAULT, "Extend list by appending elements from the iterable."},
    {"insert", m_insert, METH_DEFAULT, "Insert object before index."},
    {"pop", m_pop, METH_DEFAULT, "Remove and return item at index (default last)."},
    {"remove", m_remove, METH_DEFAULT, "Remove first occurrence of value."},
    {"index", m_index, METH_DEFAULT, "Return first index of value."},
    {"count", m_count, METH_DEFAULT, "Return number of occurrences of value."},
    {"sort", m_sort, METH_DEFAULT, "Sort the list in ascending order and return None."},
    {"reverse", m_reverse, METH_DEFAULT, "Reverse *IN PLACE*."},
    {"copy", m_copy, METH_DEFAULT, "Return a shallow copy of the list."},
    {"clear", m_clear, METH_DEFAULT, "Remove all items from list."},
    {"__reversed__", m_reversed, METH_DEFAULT, "Return a reverse iterator over the list."},
    {"__sizeof__", m_sizeof},
    {nullptr, nullptr},
};

// --- iterators ---------------------------------------------------------------------------

struct ListIterObject : Object {
  Object* seq;   // the list (strong); null once exhausted. Atomic (threads may share an iterator):
                 // acquire loads, cleared by exchange (iter_release)
  size_t index;  // next index (forward) / next index + 1 (reverse); relaxed atomic loads/stores
                 // (a shared iterator may hand two threads the same item, never a freed one)
};

void list_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<ListIterObject*>(o)->seq);
  object_free(o, sizeof(ListIterObject));
}

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> list_iter(ThreadState&, Object* self) {
  auto* it = alloc_object<ListIterObject>(&ListIter_type);
  incref(self);
  it->seq = self;
  return steal<Object>(it);
}

// An exhausted iterator lets go of its list. In the no-GIL build two threads
// may share one iterator: only the one that takes `seq` drops it, after
// readers of the pointer are done (decref_shared).
void iter_release(ThreadState& ts, Object*& slot) {
  Object* seq;
  if constexpr (LockPolicy::lock_free_readers()) {
    seq = sa::ref(slot).exchange(nullptr, std::memory_order_acq_rel);
    if (seq) decref_shared(ts, seq);
  } else {
    seq = slot;
    slot = nullptr;
    decref(seq);
  }
}

Ref<Object> list_iter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<ListIterObject*>(o);
  Object* seq = sa::load_acquire(it->seq);
  if (!seq) return nullptr;
  size_t i = sa::load_relaxed(it->index);
  if (i < list_size(seq)) {
    Object* v = list_get(seq, i);
    if (LockPolicy::lock_free_readers() && !v) {
      Ref<Object> r = list_item_ref_locked(seq, i);  // a writer is at work
      if (r) {
        sa::store_relaxed(it->index, i + 1);
        return r;
      }
    } else {
      sa::store_relaxed(it->index, i + 1);
      incref(v);
      return steal(v);
    }
  }
  iter_release(ts, it->seq);
  return nullptr;
}

Ref<Object> list_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  auto* it = static_cast<ListIterObject*>(o);
  Object* seq = sa::load_acquire(it->seq);
  size_t n = seq ? list_size(seq) : 0, i = sa::load_relaxed(it->index);
  return int_from_u64(n > i ? n - i : 0);
}

Ref<Object> m_reversed(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__reversed__", nargs, 0, 0);
  auto* it = alloc_object<ListIterObject>(&ListRevIter_type);
  incref(self);
  it->seq = self;
  it->index = list_size(self);
  return steal<Object>(it);
}

Ref<Object> list_reviter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<ListIterObject*>(o);
  Object* seq = sa::load_acquire(it->seq);
  if (!seq) return nullptr;
  size_t i = sa::load_relaxed(it->index);
  if (i > 0 && i <= list_size(seq)) {
    if (Ref<Object> v = list_item_ref(seq, i - 1)) {
      sa::store_relaxed(it->index, i - 1);
      return v;
    }
  }
  sa::store_relaxed(it->index, 0);
  iter_release(ts, it->seq);
  return nullptr;
}

Ref<Object> list_reviter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  auto* it = static_cast<ListIterObject*>(o);
  Object* seq = sa::load_acquire(it->seq);
  size_t n = seq ? list_size(seq) : 0, i = sa::load_relaxed(it->index);
  return int_from_u64(i <= n ? i : 0);
}

const MethodDef list_iter_methods[] = {
    {"__length_hint__", list_iter_length_hint},
    {nullptr, nullptr},
};
const MethodDef list_reviter_methods[] = {
    {"__length_hint__", list_reviter_length_hint},
    {nullptr, nullptr},
};

// --- sort ----------------------------------------------------------------------------------
//
// A stable natural merge sort (timsort's structure without galloping):
// runs are found (strictly descending ones reversed), extended to `minrun`
// with binary insertion sort, then adjacent runs are merged bottom-up.
//
// Exception safety: every step keeps the array a permutation of its input.
// Insertion sort compares before it moves anything; a merge copies the left
// run to a buffer and, when a comparison throws, copies the unmerged rest of
// the buffer back into the gap, which is exactly that size.

struct SortItem {
  Object* key;    // the sort key (== value when there is no key function)
  Object* value;  // the list item
};

using SortBuffer = RawBuffer<SortItem>;

template <class Less>
class MergeSorter {
 public:
  MergeSorter(SortItem* a, size_t n, Less less) : a_(a), n_(n), less_(less) {}

  void sort() {
    if (n_ < 2) return;
    size_t minrun = compute_minrun(n_);
    // bounds[k] is the start of run k; bounds[nruns] == n_ closes the last.
    RawBuffer<size_t> bounds(n_ / minrun + 2);
    size_t nruns = 0;
    for (size_t lo = 0; lo < n_;) {
      size_t run = count_run(lo);
      if (run < minrun) {
        size_t force = n_ - lo < minrun ? n_ - lo : minrun;
        binary_insertion(lo, lo + force, lo + run);
        run = force;
      }
      bounds[nruns++] = lo;
      lo += run;
    }
    bounds[nruns] = n_;
    SortBuffer tmp(n_ / 2 + 1);  // a merge buffers its smaller side
    tmp_ = tmp.get();
    // Merge adjacent pairs of runs until one is left (stable: neighbours only).
    while (nruns > 1) {
      size_t out = 0;
      for (size_t k = 0; k < nruns; k += 2) {
        if (k + 1 < nruns) merge(bounds[k], bounds[k + 1], bounds[k + 2]);
        bounds[out++] = bounds[k];
      }
      bounds[out] = n_;
      nruns = out;
    }
  }

 private:
  static size_t compute_minrun(size_t n) {
    size_t r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // Length of the run starting at lo; a strictly descending run is reversed.
  size_t count_run(size_t lo) {
    size_t hi = lo + 1;
    if (hi == n_) return 1;
    if (less_(a_[hi].key, a_[lo].key)) {
      for (++hi; hi < n_ && less_(a_[hi].key, a_[hi - 1].key); ++hi) {
      }
      for (size_t i = lo, j = hi - 1; i < j; ++i, --j) std::swap(a_[i], a_[j]);
    } else {
      for (++hi; hi < n_ && !less_(a_[hi].key, a_[hi - 1].key); ++hi) {
      }
    }
    return hi - lo;
  }

  // Sort [lo, hi) given that [lo, start) is already sorted.
  void binary_insertion(size_t lo, size_t hi, size_t start) {
    for (size_t i = start; i < hi; ++i) {
      SortItem pivot = a_[i];
      size_t l = lo, r = i;
      while (l < r) {  // first position whose key is > pivot (stability)
        size_t m = l + (r - l) / 2;
        if (less_(pivot.key, a_[m].key))
          r = m;
        else
          l = m + 1;
      }
      std::memmove(a_ + l + 1, a_ + l, (i - l) * sizeof(SortItem));
      a_[l] = pivot;
    }
  }

  // Merge the sorted runs [lo, mid) and [mid, hi).
  void merge(size_t lo, size_t mid, size_t hi) {
    if (!less_(a_[mid].key, a_[mid - 1].key)) return;  // already in order
    // Left items <= a[mid] are in place already ...
    size_t l = lo, r = mid;
    while (l < r) {
      size_t m = l + (r - l) / 2;
      if (less_(a_[mid].key, a_[m].key))
        r = m;
      else
        l = m + 1;
    }
    lo = l;
    // ... and so are right items >= a[mid - 1].
    l = mid, r = hi;
    while (l < r) {
      size_t m = l + (r - l) / 2;
      if (less_(a_[m].key, a_[mid - 1].key))
        l = m + 1;
      else
        r = m;
    }
    hi = l;
    if (mid - lo <= hi - mid)
      merge_lo(lo, mid, hi);
    else
      merge_hi(lo, mid, hi);
  }

  // Buffer the left run and fill from the front.
  void merge_lo(size_t lo, size_t mid, size_t hi) {
    size_t tn = mid - lo;
    std::memcpy(tmp_, a_ + lo, tn * sizeof(SortItem));
    size_t ti = 0, j = mid, dest = lo;
    try {
      while (ti < tn && j < hi) {
        if (less_(a_[j].key, tmp_[ti].key))
          a_[dest++] = a_[j++];
        else
          a_[dest++] = tmp_[ti++];
      }
    } catch (...) {
      std::memcpy(a_ + dest, tmp_ + ti, (tn - ti) * sizeof(SortItem));  // the gap is tn - ti long
      throw;
    }
    std::memcpy(a_ + dest, tmp_ + ti, (tn - ti) * sizeof(SortItem));
  }

  // Buffer the right run and fill from the back.
  void merge_hi(size_t lo, size_t mid, size_t hi) {
    size_t tn = hi - mid;
    std::memcpy(tmp_, a_ + mid, tn * sizeof(SortItem));
    size_t left = mid, rest = tn, dest = hi;  // unmerged: a[lo, left) and tmp[0, rest); gap ends at dest
    try {
      while (rest > 0 && left > lo) {
        if (less_(tmp_[rest - 1].key, a_[left - 1].key))
          a_[--dest] = a_[--left];
        else
          a_[--dest] = tmp_[--rest];
      }
    } catch (...) {
      std::memcpy(a_ + dest - rest, tmp_, rest * sizeof(SortItem));
      throw;
    }
    std::memcpy(a_ + dest - rest, tmp_, rest * sizeof(SortItem));
  }

  SortItem* a_;
  size_t n_;
  Less less_;
  SortItem* tmp_ = nullptr;
};

template <class Less>
void run_sort(SortItem* a, size_t n, Less less) {
  MergeSorter<Less>(a, n, less).sort();
}

// Pick a comparison specialised for the keys' common type (checked once).
void sort_items(ThreadState& ts, SortItem* a, size_t n) {
  if (n < 2) return;
  TypeObject* t = type_of(a[0].key);
  bool same = true, small_ints = t == &Int_type;
  for (size_t i = 0; i < n && same; ++i) {
    same = type_of(a[i].key) == t;
    if (small_ints && same) small_ints = int_is_small(a[i].key);
  }
  if (same && small_ints) {
    run_sort(a, n, [](Object* x, Object* y) { return int_small_value(x) < int_small_value(y); });
  } else if (same && t == &Str_type) {
    run_sort(a, n, [](Object* x, Object* y) { return str_compare(x, y) < 0; });
  } else if (same && t == &Float_type) {
    run_sort(a, n, [](Object* x, Object* y) { return float_value(x) < float_value(y); });
  } else if (same && t == &Int_type) {
    run_sort(a, n, [](Object* x, Object* y) { return int_compare(x, y) < 0; });
  } else {
    run_sort(a, n, [&ts](Object* x, Object* y) { return rich_compare_bool(ts, x, y, CompareOp::LT); });
  }
}

template <class T>
void reverse_range(T* items, size_t n) noexcept {
  for (size_t i = 0, j = n; i + 1 < j; ++i, --j) std::swap(items[i], items[j - 1]);
}
// The same for a published item array (atomic stores: readers may scan it).
void reverse_items(Object** items, size_t n) noexcept {
  for (size_t i = 0, j = n; i + 1 < j; ++i, --j) {
    Object* a = items[i];
    sa::store_release(items[i], items[j - 1]);
    sa::store_release(items[j - 1], a);
  }
}

void setup_list(TypeObject& t) {
  t.name = "list";
  t.basicsize = sizeof(ListObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_LIST_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc = "Built-in mutable sequence.";
  t.dealloc = list_dealloc;
  t.repr = list_repr;
  t.hash = nullptr;  // unhashable
  t.richcompare = list_richcompare;
  t.iter = list_iter;
  t.new_ = list_new_slot;
  t.init = list_init_slot;
  t.nb[NB_ADD] = list_add;
  t.nb[NB_MULTIPLY] = list_mul;
  t.nb_inplace[NB_ADD] = list_iadd;
  t.nb_inplace[NB_MULTIPLY] = list_imul;
  t.nb_bool = list_bool;
  t.len = list_len;
  t.getitem = list_getitem;
  t.setitem = list_setitem;
  t.contains = list_contains;
  t.methods = list_methods;
}

void setup_list_iter(TypeObject& t) {
  t.name = "list_iterator";
  t.basicsize = sizeof(ListIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = list_iter_dealloc;
  t.iter = self_iter;
  t.iternext = list_iter_next;
  t.methods = list_iter_methods;
}

void setup_list_reviter(TypeObject& t) {
  t.name = "list_reverseiterator";
  t.basicsize = sizeof(ListIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = list_iter_dealloc;
  t.iter = self_iter;
  t.iternext = list_reviter_next;
  t.methods = list_reviter_methods;
}

}  // namespace

GK_REGISTER_TYPE(List_type, setup_list);
GK_REGISTER_TYPE(ListIter_type, setup_list_iter);
GK_REGISTER_TYPE(ListRevIter_type, setup_list_reviter);

// --- public API ------------------------------------------------------------------------------

Ref<Object> list_new(size_t n) {
  Ref<Object> r = new_list_of_type(&List_type);
  if (n) {
    if (n > SIZE_MAX / sizeof(Object*)) raise_no_memory();
    ListObject* l = as_list(r);
    l->items = items_alloc(n);
    std::memset(l->items, 0, n * sizeof(Object*));
    l->capacity = n;
    l->size = n;
  }
  return r;
}

void list_append(Object* self, Object* v) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  size_t n = l->size;
  if (n < l->capacity) {
    incref(v);
    sa::store_release(l->items[n], v);  // the item first, then the size that exposes it
    sa::store_release(l->size, n + 1);
    return;
  }
  append_slow(l, v);
}

void list_extend(ThreadState& ts, Object* self, Object* iterable) {
  if (type_check_exact(iterable, &List_type) || type_check_exact(iterable, &Tuple_type)) {
    // Snapshot the source size first: l.extend(l) appends each item once.
    CriticalSection cs(self, iterable);
    size_t m = fast_size(iterable);
    if (m == 0) return;
    ListObject* l = as_list(self);
    size_t n = l->size;
    list_resize(l, n + m);
    Object** src = fast_items(iterable);  // re-read: self may be the source and have moved
    for (size_t i = 0; i < m; ++i) {
      incref(src[i]);
      sa::store_release(l->items[n + i], src[i]);
    }
    check(l);
    return;
  }
  if (type_check_exact(iterable, &Dict_type)) {
    // A snapshot taken under the dict's section: list(d) never sees another
    // thread's change mid-way (under the GIL no bytecode runs during it either).
    Ref<Object> keys = dict_keys_list(iterable);
    return list_extend(ts, self, keys);
  }
  Ref<Object> it = get_iter(ts, iterable);
  TypeObject* itype = type_of(it);
  IterNextFn next = itype->iternext;
  if (!next) {
    while (Ref<Object> item = iter_next(ts, it)) list_append(self, item);
    return;
  }
  while (Ref<Object> item = next(ts, it)) list_append(self, item);
}

Ref<Object> list_from_iterable(ThreadState& ts, Object* iterable) {
  Ref<Object> l = list_new(0);
  list_extend(ts, l, iterable);
  return l;
}

Ref<Object> list_from_array(Object* const* items, size_t n) {
  Ref<Object> r = list_new(n);
  Object** dst = list_items(r);
  for (size_t i = 0; i < n; ++i) incref(dst[i] = items[i]);
  return r;
}

Ref<Object> list_as_tuple(Object* l) {
  CriticalSection cs(l);
  return tuple_from_array(as_list(l)->items, as_list(l)->size);
}

void list_insert(Object* self, int64_t index, Object* v) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t n = static_cast<int64_t>(l->size);
  if (index < 0) {
    index += n;
    if (index < 0) index = 0;
  }
  if (index > n) index = n;
  list_resize(l, static_cast<size_t>(n + 1));
  sa::move_ptrs(l->items + index + 1, l->items + index, static_cast<size_t>(n - index));
  incref(v);
  sa::store_release(l->items[index], v);
  check(l);
}

void list_reverse(Object* self) noexcept {
  CriticalSection cs(self);
  reverse_items(as_list(self)->items, as_list(self)->size);
}

void list_sort(ThreadState& ts, Object* self, Object* key, bool reverse) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  // Take the items out: during the sort the list looks empty, and anything
  // the comparisons or the key function put in it is detected afterwards.
  size_t n = l->size, cap = l->capacity;
  Object** saved = l->items;
  sa::store_seq_cst(l->items, nullptr);
  sa::store_release(l->size, 0);
  l->capacity = 0;
  // `saved` may still be scanned by readers that loaded it: written back
  // with atomic stores.
  auto write_back = [&](SortItem* a) noexcept {
    for (size_t i = 0; i < n; ++i) sa::store_release(saved[i], a[i].value);
  };

  // Put the (sorted or permuted) items back; drop whatever was added meanwhile.
  // Returns true when the list was modified during the sort.
  auto restore = [&]() noexcept {
    Object** junk = l->items;
    size_t junk_n = l->size, junk_cap = l->capacity;
    bool modified = junk != nullptr || junk_n != 0 || junk_cap != 0;
    sa::store_seq_cst(l->items, saved);
    l->capacity = cap;
    sa::store_release(l->size, n);
    if (junk) {
      while (junk_n > 0) sa::xdrop(junk[--junk_n]);
      items_retire(junk);
    }
    return modified;
  };

  try {
    SortBuffer buf(n);
    SortItem* a = buf.get();
    // Keys are computed in list order, before the reversal (observable when
    // the key function has side effects).
    size_t nkeys = 0;
    try {
      for (size_t i = 0; i < n; ++i) {
        a[i].value = saved[i];
        a[i].key = key ? call1(ts, key, saved[i]).release() : saved[i];
        nkeys = i + 1;
      }
    } catch (...) {
      if (key)
        for (size_t i = 0; i < nkeys; ++i) decref(a[i].key);
      throw;
    }
    // reverse=True stays stable: reverse, sort forwards, reverse back.
    if (reverse) reverse_range(a, n);
    try {
      sort_items(ts, a, n);
    } catch (...) {
      // The array is a permutation of the items: write it back, then rethrow.
      write_back(a);
      if (reverse) reverse_items(saved, n);
      if (key)
        for (size_t i = 0; i < n; ++i) decref(a[i].key);
      throw;
    }
    write_back(a);
    if (reverse) reverse_items(saved, n);
    if (key)
      for (size_t i = 0; i < n; ++i) decref(a[i].key);
  } catch (...) {
    restore();
    throw;
  }
  if (restore()) raise(Exc_ValueError, "list modified during sort");
}

// --- lock-free reads and the shared-list API -----------------------------------------------

Ref<Object> list_item_ref_locked(Object* self, size_t i) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  if (i >= l->size) return nullptr;
  return newref(l->items[i]);
}

bool list_unpack_exact(Object* self, size_t n, Object** out) {
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  if (l->size != n) return false;
  for (size_t i = 0; i < n; ++i) incref(out[n - 1 - i] = l->items[i]);
  return true;
}

bool list_store_steal(Object* self, int64_t i, Object* v) {
  Object* old;
  {
    CriticalSection cs(self);
    ListObject* l = as_list(self);
    int64_t n = static_cast<int64_t>(l->size);
    if (i < 0) i += n;
    if (i < 0 || i >= n) return false;
    old = l->items[i];
    sa::store_release(l->items[i], v);
  }
  sa::drop(old);  // last: its __del__ sees the list already updated
  return true;
}

bool list_check(Object* self) noexcept {
  CriticalSection cs(self);
  return list_check_locked(as_list(self));
}

}  // namespace gk
