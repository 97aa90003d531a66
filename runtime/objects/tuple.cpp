// runtime/objects/tuple.cpp — tuple: the immutable sequence whose items live
// inline after the header, the empty-tuple singleton, tuple_iterator, and the
// CPython 3.11 tuple hash (an xxHash64-style mix, so hash((1, 2)) matches).
//
// Owns: Tuple_type, TupleIter_type ("tuple_iterator").
// Subclasses (class P(tuple)) get instances of type_alloc(type, n): the items
// still follow the header; type.cpp keeps their __dict__ in a side table.
#include "objects/tuple.hpp"

#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/range.hpp"
#include "objects/str.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Tuple_type;
TypeObject TupleIter_type;

namespace {

size_t tuple_bytes(size_t n) noexcept { return sizeof(TupleObject) + n * sizeof(Object*); }

// Allocate a tuple of n null items (n > 0).
Object* tuple_alloc(size_t n) {
  if (n > (SIZE_MAX - sizeof(TupleObject)) / sizeof(Object*)) raise_no_memory();
  auto* t = static_cast<TupleObject*>(object_alloc(&Tuple_type, tuple_bytes(n)));
  t->size = n;
  return t;
}

void tuple_dealloc(Object* o) noexcept {
  size_t n = tuple_size(o);
  Object** items = tuple_items(o);
  for (size_t i = n; i > 0; --i) xdecref(items[i - 1]);  // last first, as CPython
  object_free(o, tuple_bytes(n));
}

// --- repr / hash / compare ----------------------------------------------------

Ref<Object> tuple_repr(ThreadState& ts, Object* self) {
  size_t n = tuple_size(self);
  if (n == 0) return str_new("()");
  // A tuple cannot contain itself except through a mutable container, whose
  // own guard prints "[...]"; the guard here mirrors CPython for "(...)".
  ReprGuard guard(ts, self);
  if (guard.recursive()) return str_new("(...)");
  std::string out = "(";
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += repr_utf8(ts, tuple_get(self, i));
  }
  if (n == 1) out += ',';
  out += ')';
  return str_new(out);
}

// CPython 3.11's tuple hash: each item's hash is one "lane" of an xxHash64
// round; the length is folded in at the end.
constexpr uint64_t kXXPrime1 = 11400714785074694791ULL;
constexpr uint64_t kXXPrime2 = 14029467366897019727ULL;
constexpr uint64_t kXXPrime5 = 2870177450012600261ULL;

int64_t tuple_hash(ThreadState& ts, Object* self) {
  size_t n = tuple_size(self);
  uint64_t acc = kXXPrime5;
  for (size_t i = 0; i < n; ++i) {
    uint64_t lane = static_cast<uint64_t>(hash(ts, tuple_get(self, i)));
    acc += lane * kXXPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kXXPrime1;
  }
  acc += n ^ (kXXPrime5 ^ 3527539ULL);
  if (acc == UINT64_MAX) return 1546275796;
  return static_cast<int64_t>(acc);
}

Ref<Object> tuple_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (!is_tuple(a) || !is_tuple(b)) return newref(NotImplemented());
  size_t na = tuple_size(a), nb = tuple_size(b);
  size_t i = 0;
  // Tuples are immutable, so borrowed items stay alive across the comparisons.
  for (; i < na && i < nb; ++i) {
    if (!rich_compare_bool(ts, tuple_get(a, i), tuple_get(b, i), CompareOp::EQ)) break;
  }
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
  return rich_compare(ts, tuple_get(a, i), tuple_get(b, i), op);
}

// --- sequence protocol --------------------------------------------------------

size_t tuple_len(ThreadState&, Object* self) { return tuple_size(self); }
bool tuple_bool(ThreadState&, Object* self) { return tuple_size(self) != 0; }

bool tuple_contains(ThreadState& ts, Object* self, Object* item) {
  size_t n = tuple_size(self);
  for (size_t i = 0; i < n; ++i)
    if (equals(ts, tuple_get(self, i), item)) return true;
  return false;
}

Ref<Object> tuple_slice(Object* self, int64_t start, int64_t step, int64_t len) {
  if (len <= 0) return tuple_empty();
  if (step == 1 && start == 0 && static_cast<size_t>(len) == tuple_size(self) && type_check_exact(self, &Tuple_type))
    return newref(self);
  Ref<Object> r = tuple_new(static_cast<size_t>(len));
  Object** src = tuple_items(self);
  Object** dst = tuple_items(r);
  for (int64_t i = 0, j = start; i < len; ++i, j += step) {
    incref(src[j]);
    dst[i] = src[j];
  }
  return r;
}

Ref<Object> tuple_getitem(ThreadState& ts, Object* self, Object* key) {
  int64_t i;
  if (type_check_exact(key, &Int_type) && int_is_small(key)) {
    i = int_small_value(key);
  } else if (type_check_exact(key, &Slice_type)) {
    int64_t start, stop, step;
    int64_t len = slice_indices(ts, key, static_cast<int64_t>(tuple_size(self)), start, stop, step);
    return tuple_slice(self, start, step, len);
  } else if (!seq_index_key(ts, key, i)) {
    raise_fmt(Exc_TypeError, "tuple indices must be integers or slices, not %s", type_name(key));
  }
  int64_t n = static_cast<int64_t>(tuple_size(self));
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise(Exc_IndexError, "tuple index out of range");
  return newref(tuple_get(self, static_cast<size_t>(i)));
}

// --- number protocol: + and * -------------------------------------------------

Ref<Object> tuple_add(ThreadState&, Object* a, Object* b) {
  if (!is_tuple(a)) return newref(NotImplemented());  // we are the right operand: not ours to concatenate
  if (!is_tuple(b)) {
    TypeObject* tb = type_of(b);
    if ((tb->flags & TPFLAG_HEAPTYPE) && tb->nb[NB_ADD]) return newref(NotImplemented());  // maybe __radd__
    raise_fmt(Exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple", type_name(b));
  }
  size_t na = tuple_size(a), nb = tuple_size(b);
  if (nb == 0 && type_check_exact(a, &Tuple_type)) return newref(a);
  if (na == 0 && type_check_exact(b, &Tuple_type)) return newref(b);
  Ref<Object> r = tuple_new(na + nb);
  Object** dst = tuple_items(r);
  for (size_t i = 0; i < na; ++i) incref(dst[i] = tuple_get(a, i));
  for (size_t i = 0; i < nb; ++i) incref(dst[na + i] = tuple_get(b, i));
  return r;
}

Ref<Object> tuple_mul(ThreadState& ts, Object* a, Object* b) {
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &Tuple_type, NB_MULTIPLY, n)) return newref(NotImplemented());
  Object* self = is_tuple(a) ? a : b;
  size_t size = tuple_size(self);
  if (n <= 0 || size == 0) return tuple_empty();
  if (n == 1 && type_check_exact(self, &Tuple_type)) return newref(self);
  if (static_cast<uint64_t>(n) > SIZE_MAX / sizeof(Object*) / size) raise_no_memory();
  Ref<Object> r = tuple_new(size * static_cast<size_t>(n));
  Object** dst = tuple_items(r);
  Object** src = tuple_items(self);
  for (int64_t k = 0; k < n; ++k)
    for (size_t i = 0; i < size; ++i) incref(*dst++ = src[i]);
  return r;
}

// --- construction ---------------------------------------------------------------

Ref<Object> tuple_new_slot(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &Tuple_type) check_no_kwargs("tuple", kwnames);
  if (nargs > 1) raise_fmt(Exc_TypeError, "tuple expected at most 1 argument, got %zu", nargs);
  Ref<Object> t = nargs == 0 ? tuple_empty() : tuple_from_iterable(ts, args[0]);
  if (type == &Tuple_type) return t;
  // A subclass instance: same items, the subclass's (larger) block.
  size_t n = tuple_size(t);
  auto* r = static_cast<TupleObject*>(type_alloc(type, n));
  r->size = n;
  Object** dst = tuple_items(r);
  for (size_t i = 0; i < n; ++i) incref(dst[i] = tuple_get(t, i));
  return steal<Object>(r);
}

// --- methods ----------------------------------------------------------------------

Ref<Object> tuple_index_m(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("index", kwnames);
  check_nargs("index", nargs, 1, 3);
  int64_t n = static_cast<int64_t>(tuple_size(self));
  int64_t start = seq_clamp_bound(ts, nargs > 1 ? args[1] : nullptr, n, 0);
  int64_t stop = seq_clamp_bound(ts, nargs > 2 ? args[2] : nullptr, n, n);
  for (int64_t i = start; i < stop; ++i)
    if (equals(ts, tuple_get(self, static_cast<size_t>(i)), args[0])) return int_from_i64(i);
  raise(Exc_ValueError, "tuple.index(x): x not in tuple");
}

Ref<Object> tuple_count_m(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("count", kwnames);
  check_nargs("count", nargs, 1, 1);
  size_t n = tuple_size(self), count = 0;
  for (size_t i = 0; i < n; ++i)
    if (equals(ts, tuple_get(self, i), args[0])) ++count;
  return int_from_u64(count);
}

Ref<Object> tuple_getnewargs_m(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__getnewargs__", nargs, 0, 0);
  return tuple_pack({tuple_from_array(tuple_items(self), tuple_size(self)).get()});
}

const MethodDef tuple_methods[] = {
    {"index", tuple_index_m, METH_DEFAULT, "Return first index of value."},
    {"count", tuple_count_m, METH_DEFAULT, "Return number of occurrences of value."},
    {"__getnewargs__", tuple_getnewargs_m},
    {nullptr, nullptr},
};

// --- tuple_iterator -------------------------------------------------------------

struct TupleIterObject : Object {
  Object* seq;   // the tuple (strong), null once exhausted; owner: the iterating thread
  size_t index;
};

void tuple_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<TupleIterObject*>(o)->seq);
  object_free(o, sizeof(TupleIterObject));
}

Ref<Object> tuple_iter(ThreadState&, Object* self) {
  auto* it = alloc_object<TupleIterObject>(&TupleIter_type);
  incref(self);
  it->seq = self;
  return steal<Object>(it);
}

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> tuple_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<TupleIterObject*>(o);
  Object* seq = it->seq;
  if (!seq) return nullptr;
  if (it->index < tuple_size(seq)) return newref(tuple_get(seq, it->index++));
  it->seq = nullptr;
  decref(seq);
  return nullptr;
}

Ref<Object> tuple_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t nargs, Object*) {
  check_nargs("__length_hint__", nargs, 0, 0);
  auto* it = static_cast<TupleIterObject*>(o);
  return int_from_u64(it->seq ? tuple_size(it->seq) - it->index : 0);
}

const MethodDef tuple_iter_methods[] = {
    {"__length_hint__", tuple_iter_length_hint},
    {nullptr, nullptr},
};

void setup_tuple(TypeObject& t) {
  t.name = "tuple";
  t.basicsize = sizeof(TupleObject);
  t.itemsize = sizeof(Object*);
  t.flags = TPFLAG_BASETYPE | TPFLAG_TUPLE_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc = "Built-in immutable sequence.";
  t.dealloc = tuple_dealloc;
  t.repr = tuple_repr;
  t.hash = tuple_hash;
  t.richcompare = tuple_richcompare;
  t.iter = tuple_iter;
  t.new_ = tuple_new_slot;
  t.nb[NB_ADD] = tuple_add;
  t.nb[NB_MULTIPLY] = tuple_mul;
  t.nb_bool = tuple_bool;
  t.len = tuple_len;
  t.getitem = tuple_getitem;
  t.contains = tuple_contains;
  t.methods = tuple_methods;
}

void setup_tuple_iter(TypeObject& t) {
  t.name = "tuple_iterator";
  t.basicsize = sizeof(TupleIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = tuple_iter_dealloc;
  t.iter = self_iter;
  t.iternext = tuple_iter_next;
  t.methods = tuple_iter_methods;
}

}  // namespace

GK_REGISTER_TYPE(Tuple_type, setup_tuple);
GK_REGISTER_TYPE(TupleIter_type, setup_tuple_iter);

// --- public API -------------------------------------------------------------------

Ref<Object> tuple_empty() {
  // Built on first use (thread-safe static initialisation); immortal.
  static Object* const empty = [] {
    Object* t = object_alloc(&Tuple_type, sizeof(TupleObject));
    make_immortal(t);
    return t;
  }();
  return newref(empty);
}

Ref<Object> tuple_new(size_t n) {
  if (n == 0) return tuple_empty();
  return steal(tuple_alloc(n));
}

Ref<Object> tuple_pack(std::initializer_list<Object*> items) {
  return tuple_from_array(items.begin(), items.size());
}

Ref<Object> tuple_from_array(Object* const* items, size_t n) {
  if (n == 0) return tuple_empty();
  Object* t = tuple_alloc(n);
  Object** dst = tuple_items(t);
  for (size_t i = 0; i < n; ++i) {
    incref(items[i]);
    dst[i] = items[i];
  }
  return steal(t);
}

Ref<Object> tuple_from_iterable(ThreadState& ts, Object* iterable) {
  if (type_check_exact(iterable, &Tuple_type)) return newref(iterable);
  if (is_list(iterable)) return list_as_tuple(iterable);
  Ref<Object> l = list_from_iterable(ts, iterable);
  return list_as_tuple(l);
}

}  // namespace gk
