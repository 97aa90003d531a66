// runtime/objects/range.cpp — range (arbitrary-size int bounds), its two
// iterators, slice objects and slice index arithmetic, and the index helpers
// shared by the built-in sequences.
//
// Owns: Range_type, Slice_type, RangeIter_type ("range_iterator": int64 fast
// path, no allocation beyond the int objects), LongRangeIter_type
// ("longrange_iterator": int objects, for ranges beyond int64).
//
// A range stores start/stop/step/length as exact ints; the hot paths read
// them as int64 when they fit (int_is_small) and fall back to int arithmetic.
#include "objects/range.hpp"

#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Range_type;
TypeObject Slice_type;

namespace {

TypeObject RangeIter_type, LongRangeIter_type;

inline RangeObject* as_range(Object* o) noexcept { return static_cast<RangeObject*>(o); }
inline SliceObject* as_slice(Object* o) noexcept { return static_cast<SliceObject*>(o); }

// An exact int for any __index__ value.
Ref<Object> to_index(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Int_type)) return newref(o);
  return number_index(ts, o);
}

inline bool small(const Object* o, int64_t& v) noexcept {
  if (!int_is_small(o)) return false;
  v = int_small_value(o);
  return true;
}

Ref<Object> zero() { return int_from_i64(0); }
Ref<Object> one() { return int_from_i64(1); }

// Number of items of range(start, stop, step), step != 0.
Ref<Object> compute_length(Object* start, Object* stop, Object* step) {
  int64_t lo, hi, st;
  if (small(start, lo) && small(stop, hi) && small(step, st)) {
    __int128 n = 0;
    if (st > 0 && lo < hi)
      n = ((__int128)hi - lo - 1) / st + 1;
    else if (st < 0 && lo > hi)
      n = ((__int128)lo - hi - 1) / -(__int128)st + 1;
    return int_from_u64(static_cast<uint64_t>(n));
  }
  Ref<Object> low = newref(start), high = newref(stop), stp = newref(step);
  if (int_sign(step) < 0) {
    std::swap(low, high);
    stp = int_neg(step);
  }
  if (int_compare(low, high) >= 0) return zero();
  Ref<Object> diff = int_sub(high, low);
  diff = int_sub(diff, one());
  diff = int_floordiv(diff, stp);
  return int_add(diff, one());
}

// start + i * step.
Ref<Object> compute_item(RangeObject* r, Object* i) {
  int64_t s, st, k;
  if (small(r->start, s) && small(r->step, st) && small(i, k)) {
    __int128 v = (__int128)s + (__int128)k * st;
    if (v >= INT64_MIN && v <= INT64_MAX) return int_from_i64(static_cast<int64_t>(v));
  }
  Ref<Object> prod = int_mul(i, r->step);
  return int_add(r->start, prod);
}

Ref<Object> range_make(TypeObject* type, Ref<Object> start, Ref<Object> stop, Ref<Object> step) {
  Ref<Object> len = compute_length(start, stop, step);
  auto* r = static_cast<RangeObject*>(type_alloc(type));
  r->start = start.release();
  r->stop = stop.release();
  r->step = step.release();
  r->length = len.release();
  return steal<Object>(r);
}

void range_dealloc(Object* o) noexcept {
  RangeObject* r = as_range(o);
  xdecref(r->start);
  xdecref(r->stop);
  xdecref(r->step);
  xdecref(r->length);
  object_free(o, sizeof(RangeObject));
}

Ref<Object> range_new_slot(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("range", kwnames);
  if (nargs == 0) raise(Exc_TypeError, "range expected at least 1 argument, got 0");
  if (nargs > 3) raise_fmt(Exc_TypeError, "range expected at most 3 arguments, got %zu", nargs);
  if (nargs == 1) return range_make(type, zero(), to_index(ts, args[0]), one());
  Ref<Object> start = to_index(ts, args[0]);
  Ref<Object> stop = to_index(ts, args[1]);
  Ref<Object> step = nargs == 3 ? to_index(ts, args[2]) : one();
  if (int_sign(step) == 0) raise(Exc_ValueError, "range() arg 3 must not be zero");
  return range_make(type, std::move(start), std::move(stop), std::move(step));
}

Ref<Object> range_repr(ThreadState&, Object* self) {
  RangeObject* r = as_range(self);
  std::string s = "range(" + int_to_decimal(r->start) + ", " + int_to_decimal(r->stop);
  int64_t st;
  if (!small(r->step, st) || st != 1) s += ", " + int_to_decimal(r->step);
  s += ')';
  return str_new(s);
}

size_t range_len(ThreadState&, Object* self) {
  int64_t n;
  if (!int_to_i64(as_range(self)->length, n)) raise(Exc_OverflowError, "Python int too large to convert to C ssize_t");
  return static_cast<size_t>(n);
}

bool range_bool(ThreadState&, Object* self) { return int_sign(as_range(self)->length) != 0; }

// Is the int x one of the range's values? (O(1))
bool contains_int(RangeObject* r, Object* x) {
  int64_t s, e, st, v;
  if (small(r->start, s) && small(r->stop, e) && small(r->step, st) && small(x, v)) {
    if (st > 0 ? (v < s || v >= e) : (v > s || v <= e)) return false;
    return ((__int128)v - s) % st == 0;
  }
  Ref<Object> xv = int_exact(x);
  if (int_sign(r->step) > 0) {
    if (int_compare(xv, r->start) < 0 || int_compare(xv, r->stop) >= 0) return false;
  } else {
    if (int_compare(xv, r->start) > 0 || int_compare(xv, r->stop) <= 0) return false;
  }
  Ref<Object> diff = int_sub(xv, r->start);
  return int_sign(int_mod(diff, r->step)) == 0;
}

bool range_contains(ThreadState& ts, Object* self, Object* x) {
  if (type_check_exact(x, &Int_type) || type_check_exact(x, &Bool_type)) return contains_int(as_range(self), x);
  bool found = false;
  for_each(ts, self, [&](Object* item) {
    found = equals(ts, item, x);
    return !found;
  });
  return found;
}

// slice.indices() for arbitrary ints (CPython's _PySlice_GetLongIndices).
void long_slice_indices(ThreadState& ts, Object* slice, Object* length, Ref<Object>& start, Ref<Object>& stop,
                        Ref<Object>& step) {
  SliceObject* s = as_slice(slice);
  step = is_none(s->step) ? one() : to_index(ts, s->step);
  bool neg = int_sign(step) < 0;
  if (int_sign(step) == 0) raise(Exc_ValueError, "slice step cannot be zero");
  Ref<Object> lower = neg ? int_from_i64(-1) : zero();
  Ref<Object> upper = neg ? int_add(length, lower) : newref(length);
  auto clamp = [&](Object* v, bool is_start) -> Ref<Object> {
    if (is_none(v)) return neg == is_start ? newref(upper.get()) : newref(lower.get());
    Ref<Object> x = to_index(ts, v);
    if (int_sign(x) < 0) {
      x = int_add(x, length);
      if (int_compare(x, lower) < 0) x = newref(lower.get());
    } else if (int_compare(x, upper) > 0) {
      x = newref(upper.get());
    }
    return x;
  };
  start = clamp(s->start, true);
  stop = clamp(s->stop, false);
}

Ref<Object> range_getitem(ThreadState& ts, Object* self, Object* key) {
  RangeObject* r = as_range(self);
  if (type_check_exact(key, &Slice_type)) {
    Ref<Object> start, stop, step;
    long_slice_indices(ts, key, r->length, start, stop, step);
    Ref<Object> nstart = compute_item(r, start);
    Ref<Object> nstop = compute_item(r, stop);
    Ref<Object> nstep = int_mul(r->step, step);
    return range_make(&Range_type, std::move(nstart), std::move(nstop), std::move(nstep));
  }
  Ref<Object> i;
  if (type_check_exact(key, &Int_type))
    i = newref(key);
  else if (is_int(key) || type_of(key)->nb_index)
    i = number_index(ts, key);
  else
    raise_fmt(Exc_TypeError, "range indices must be integers or slices, not %s", type_name(key));
  if (int_sign(i) < 0) i = int_add(i, r->length);
  if (int_sign(i) < 0 || int_compare(i, r->length) >= 0) raise(Exc_IndexError, "range object index out of range");
  return compute_item(r, i);
}

Ref<Object> range_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if (!type_check(a, &Range_type) || !type_check(b, &Range_type) || (op != CompareOp::EQ && op != CompareOp::NE))
    return newref(NotImplemented());
  RangeObject* x = as_range(a);
  RangeObject* y = as_range(b);
  bool eq;
  if (a == b)
    eq = true;
  else if (int_compare(x->length, y->length) != 0)
    eq = false;
  else if (int_sign(x->length) == 0)
    eq = true;
  else if (int_compare(x->start, y->start) != 0)
    eq = false;
  else if (int_compare(x->length, one()) == 0)
    eq = true;
  else
    eq = int_compare(x->step, y->step) == 0;
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}

// hash((len, start, step)) with None for what does not matter (as CPython).
int64_t range_hash(ThreadState& ts, Object* self) {
  RangeObject* r = as_range(self);
  Object* start = None();
  Object* step = None();
  if (int_sign(r->length) != 0) {
    start = r->start;
    if (int_compare(r->length, one()) != 0) step = r->step;
  }
  Ref<Object> t = tuple_pack({r->length, start, step});
  return hash(ts, t);
}

// --- iterators ----------------------------------------------------------------------

// Values are computed with wrapping uint64 arithmetic: every value produced
// lies in the range, so it fits in int64 even when the step past the last
// one (or the negated step of a reversed range) would not.
struct RangeIterObject : Object {
  uint64_t next;       // owner: the iterating thread (all fields)
  uint64_t step;
  uint64_t remaining;
};

struct LongRangeIterObject : Object {
  Object* next;       // int (strong); owner: the iterating thread (all fields)
  Object* step;       // int (strong)
  Object* remaining;  // int (strong)
};

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> range_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<RangeIterObject*>(o);
  if (it->remaining == 0) return nullptr;
  --it->remaining;
  uint64_t v = it->next;
  it->next += it->step;
  return int_from_i64(static_cast<int64_t>(v));
}

Ref<Object> range_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  return int_from_u64(static_cast<RangeIterObject*>(o)->remaining);
}

void long_iter_dealloc(Object* o) noexcept {
  auto* it = static_cast<LongRangeIterObject*>(o);
  xdecref(it->next);
  xdecref(it->step);
  xdecref(it->remaining);
  object_free(o, sizeof(LongRangeIterObject));
}

Ref<Object> long_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<LongRangeIterObject*>(o);
  if (int_sign(it->remaining) <= 0) return nullptr;
  Ref<Object> rem = int_sub(it->remaining, one().get());
  Ref<Object> nxt = int_add(it->next, it->step);
  Ref<Object> v = steal(it->next);
  it->next = nxt.release();
  Object* old_rem = it->remaining;
  it->remaining = rem.release();
  decref(old_rem);
  return v;
}

Ref<Object> long_iter_length_hint(ThreadState&, Object* o, Object* const*, size_t, Object*) {
  return newref(static_cast<LongRangeIterObject*>(o)->remaining);
}

// An iterator producing `len` values first, first + step, ...
Ref<Object> make_range_iter(Object* first, Object* step, Object* len) {
  int64_t f, s, n;
  if (small(first, f) && small(step, s) && small(len, n)) {
    auto* it = alloc_object<RangeIterObject>(&RangeIter_type);
    it->next = static_cast<uint64_t>(f);
    it->step = static_cast<uint64_t>(s);
    it->remaining = static_cast<uint64_t>(n);
    return steal<Object>(it);
  }
  auto* it = alloc_object<LongRangeIterObject>(&LongRangeIter_type);
  incref(first);
  incref(step);
  incref(len);
  it->next = first;
  it->step = step;
  it->remaining = len;
  return steal<Object>(it);
}

Ref<Object> range_iter(ThreadState&, Object* self) {
  RangeObject* r = as_range(self);
  return make_range_iter(r->start, r->step, r->length);
}

Ref<Object> range_reversed(ThreadState&, Object* self, Object* const*, size_t nargs, Object*) {
  check_nargs("__reversed__", nargs, 0, 0);
  RangeObject* r = as_range(self);
  if (int_sign(r->length) == 0) return make_range_iter(r->start, r->step, r->length);
  int64_t s, st, n;
  if (small(r->start, s) && small(r->step, st) && small(r->length, n)) {
    // last = start + (n-1)*step lies inside the range; the negated step wraps harmlessly.
    auto* it = alloc_object<RangeIterObject>(&RangeIter_type);
    it->next = static_cast<uint64_t>(s) + static_cast<uint64_t>(n - 1) * static_cast<uint64_t>(st);
    it->step = 0 - static_cast<uint64_t>(st);
    it->remaining = static_cast<uint64_t>(n);
    return steal<Object>(it);
  }
  Ref<Object> lastidx = int_sub(r->length, one().get());
  Ref<Object> last = compute_item(r, lastidx);
  Ref<Object> negstep = int_neg(r->step);
  return make_range_iter(last, negstep, r->length);
}

// --- methods / attributes -----------------------------------------------------------------

Ref<Object> range_count(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("count", kwnames);
  check_nargs("count", nargs, 1, 1);
  Object* x = args[0];
  if (type_check_exact(x, &Int_type) || type_check_exact(x, &Bool_type))
    return int_from_i64(contains_int(as_range(self), x) ? 1 : 0);
  int64_t count = 0;
  for_each(ts, self, [&](Object* item) {
    if (equals(ts, item, x)) ++count;
    return true;
  });
  return int_from_i64(count);
}

Ref<Object> range_index(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("index", kwnames);
  check_nargs("index", nargs, 1, 1);
  Object* x = args[0];
  RangeObject* r = as_range(self);
  if (type_check_exact(x, &Int_type) || type_check_exact(x, &Bool_type)) {
    if (contains_int(r, x)) {
      Ref<Object> xv = int_exact(x);
      Ref<Object> diff = int_sub(xv, r->start);
      return int_floordiv(diff, r->step);
    }
    std::string s = repr_utf8(ts, x);
    raise_fmt(Exc_ValueError, "%s is not in range", s.c_str());
  }
  int64_t i = 0, found = -1;
  for_each(ts, self, [&](Object* item) {
    if (equals(ts, item, x)) {
      found = i;
      return false;
    }
    ++i;
    return true;
  });
  if (found < 0) raise(Exc_ValueError, "sequence.index(x): x not in sequence");
  return int_from_i64(found);
}

Ref<Object> range_get_start(ThreadState&, Object* self) { return newref(as_range(self)->start); }
Ref<Object> range_get_stop(ThreadState&, Object* self) { return newref(as_range(self)->stop); }
Ref<Object> range_get_step(ThreadState&, Object* self) { return newref(as_range(self)->step); }

const MethodDef range_methods[] = {
    {"count", range_count, METH_DEFAULT, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, METH_DEFAULT, "rangeobject.index(value) -> integer -- return index of value."},
    {"__reversed__", range_reversed, METH_DEFAULT, "Return a reverse iterator."},
    {nullptr, nullptr},
};

const GetSetDef range_getsets[] = {
    {"start", range_get_start, nullptr},
    {"stop", range_get_stop, nullptr},
    {"step", range_get_step, nullptr},
    {nullptr, nullptr, nullptr},
};

const MethodDef range_iter_methods[] = {
    {"__length_hint__", range_iter_length_hint},
    {nullptr, nullptr},
};
const MethodDef long_iter_methods[] = {
    {"__length_hint__", long_iter_length_hint},
    {nullptr, nullptr},
};

// --- slice --------------------------------------------------------------------------------

void slice_dealloc(Object* o) noexcept {
  SliceObject* s = as_slice(o);
  xdecref(s->start);
  xdecref(s->stop);
  xdecref(s->step);
  object_free(o, sizeof(SliceObject));
}

Ref<Object> slice_new_slot(ThreadState&, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("slice", kwnames);
  if (nargs == 0) raise(Exc_TypeError, "slice expected at least 1 argument, got 0");
  if (nargs > 3) raise_fmt(Exc_TypeError, "slice expected at most 3 arguments, got %zu", nargs);
  if (nargs == 1) return slice_new(nullptr, args[0], nullptr);
  return slice_new(args[0], args[1], nargs == 3 ? args[2] : nullptr);
}

Ref<Object> slice_repr(ThreadState& ts, Object* self) {
  SliceObject* s = as_slice(self);
  std::string out = "slice(" + repr_utf8(ts, s->start) + ", " + repr_utf8(ts, s->stop) + ", " +
                    repr_utf8(ts, s->step) + ")";
  return str_new(out);
}

Ref<Object> slice_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (!type_check_exact(a, &Slice_type) || !type_check_exact(b, &Slice_type)) return newref(NotImplemented());
  if (a == b && (op == CompareOp::EQ || op == CompareOp::NE)) return bool_ref(op == CompareOp::EQ);
  SliceObject* x = as_slice(a);
  SliceObject* y = as_slice(b);
  Ref<Object> t1 = tuple_pack({x->start, x->stop, x->step});
  Ref<Object> t2 = tuple_pack({y->start, y->stop, y->step});
  return rich_compare(ts, t1, t2, op);
}

Ref<Object> slice_indices_m(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("indices", kwnames);
  check_nargs("indices", nargs, 1, 1);
  Ref<Object> length = to_index(ts, args[0]);
  if (int_sign(length) < 0) raise(Exc_ValueError, "length should not be negative");
  Ref<Object> start, stop, step;
  long_slice_indices(ts, self, length, start, stop, step);
  return tuple_pack({start, stop, step});
}

Ref<Object> slice_get_start(ThreadState&, Object* self) { return newref(as_slice(self)->start); }
Ref<Object> slice_get_stop(ThreadState&, Object* self) { return newref(as_slice(self)->stop); }
Ref<Object> slice_get_step(ThreadState&, Object* self) { return newref(as_slice(self)->step); }

const MethodDef slice_methods[] = {
    {"indices", slice_indices_m, METH_DEFAULT,
     "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\nS. Out of bounds indices are clipped in\n"
     "a manner consistent with the handling of normal slices."},
    {nullptr, nullptr},
};

const GetSetDef slice_getsets[] = {
    {"start", slice_get_start, nullptr},
    {"stop", slice_get_stop, nullptr},
    {"step", slice_get_step, nullptr},
    {nullptr, nullptr, nullptr},
};

// A slice bound as int64, clamped (CPython's _PyEval_SliceIndex).
int64_t slice_bound(ThreadState& ts, Object* v) {
  int64_t x;
  if (type_check_exact(v, &Int_type) && int_is_small(v)) return int_small_value(v);
  if (!is_int(v) && !type_of(v)->nb_index)
    raise(Exc_TypeError, "slice indices must be integers or None or have an __index__ method");
  Ref<Object> idx = number_index(ts, v);
  if (int_to_i64(idx, x)) return x;
  return int_sign(idx) < 0 ? INT64_MIN : INT64_MAX;
}

// --- type setup -----------------------------------------------------------------------------

void setup_range(TypeObject& t) {
  t.name = "range";
  t.basicsize = sizeof(RangeObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object";
  t.dealloc = range_dealloc;
  t.repr = range_repr;
  t.hash = range_hash;
  t.richcompare = range_richcompare;
  t.iter = range_iter;
  t.new_ = range_new_slot;
  t.nb_bool = range_bool;
  t.len = range_len;
  t.getitem = range_getitem;
  t.contains = range_contains;
  t.methods = range_methods;
  t.getsets = range_getsets;
}

void setup_range_iter(TypeObject& t) {
  t.name = "range_iterator";
  t.basicsize = sizeof(RangeIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = [](Object* o) noexcept { object_free(o, sizeof(RangeIterObject)); };
  t.iter = self_iter;
  t.iternext = range_iter_next;
  t.methods = range_iter_methods;
}

void setup_long_range_iter(TypeObject& t) {
  t.name = "longrange_iterator";
  t.basicsize = sizeof(LongRangeIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = long_iter_dealloc;
  t.iter = self_iter;
  t.iternext = long_iter_next;
  t.methods = long_iter_methods;
}

void setup_slice(TypeObject& t) {
  t.name = "slice";
  t.basicsize = sizeof(SliceObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.doc = "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.";
  t.dealloc = slice_dealloc;
  t.repr = slice_repr;
  t.hash = nullptr;  // unhashable in 3.11
  t.richcompare = slice_richcompare;
  t.new_ = slice_new_slot;
  t.methods = slice_methods;
  t.getsets = slice_getsets;
}

}  // namespace

GK_REGISTER_TYPE(Range_type, setup_range);
GK_REGISTER_TYPE(RangeIter_type, setup_range_iter);
GK_REGISTER_TYPE(LongRangeIter_type, setup_long_range_iter);
GK_REGISTER_TYPE(Slice_type, setup_slice);

// --- public API --------------------------------------------------------------------------------

Ref<Object> range_new(ThreadState& ts, Object* start, Object* stop, Object* step) {
  Ref<Object> s = to_index(ts, start), e = to_index(ts, stop), st = to_index(ts, step);
  if (int_sign(st) == 0) raise(Exc_ValueError, "range() arg 3 must not be zero");
  return range_make(&Range_type, std::move(s), std::move(e), std::move(st));
}

Ref<Object> slice_new(Object* start, Object* stop, Object* step) {
  auto* s = alloc_object<SliceObject>(&Slice_type);
  s->start = start ? start : None();
  s->stop = stop ? stop : None();
  s->step = step ? step : None();
  incref(s->start);
  incref(s->stop);
  incref(s->step);
  return steal<Object>(s);
}

int64_t slice_indices(ThreadState& ts, Object* slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step) {
  SliceObject* s = as_slice(slice);
  if (is_none(s->step)) {
    step = 1;
  } else {
    step = slice_bound(ts, s->step);
    if (step == 0) raise(Exc_ValueError, "slice step cannot be zero");
    if (step < -INT64_MAX) step = -INT64_MAX;  // so that -step cannot overflow
  }
  start = is_none(s->start) ? (step < 0 ? INT64_MAX : 0) : slice_bound(ts, s->start);
  stop = is_none(s->stop) ? (step < 0 ? INT64_MIN : INT64_MAX) : slice_bound(ts, s->stop);
  // Adjust to the sequence (CPython's PySlice_AdjustIndices).
  if (start < 0) {
    start += length;
    if (start < 0) start = step < 0 ? -1 : 0;
  } else if (start >= length) {
    start = step < 0 ? length - 1 : length;
  }
  if (stop < 0) {
    stop += length;
    if (stop < 0) stop = step < 0 ? -1 : 0;
  } else if (stop >= length) {
    stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (stop < start) return (start - stop - 1) / (-step) + 1;
  } else if (start < stop) {
    return (stop - start - 1) / step + 1;
  }
  return 0;
}

bool seq_index_key(ThreadState& ts, Object* key, int64_t& out) {
  if (is_int(key)) {
    if (int_to_i64(key, out)) return true;
  } else if (type_of(key)->nb_index) {
    Ref<Object> idx = number_index(ts, key);
    if (int_to_i64(idx, out)) return true;
  } else {
    return false;
  }
  raise_fmt(Exc_IndexError, "cannot fit '%s' into an index-sized integer", type_name(key));
}

int64_t seq_clamp_bound(ThreadState& ts, Object* arg, int64_t n, int64_t dflt) {
  if (!arg) return dflt;
  if (!is_int(arg) && !type_of(arg)->nb_index)
    raise(Exc_TypeError, "slice indices must be integers or have an __index__ method");
  int64_t v;
  Ref<Object> idx = number_index(ts, arg);
  if (!int_to_i64(idx, v)) v = int_sign(idx) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
  if (v < 0) {
    v += n;
    if (v < 0) v = 0;
  } else if (v > n) {
    v = n;
  }
  return v;
}

namespace {
bool is_builtin_sequence(const Object* o) noexcept {
  return is_str(o) || is_tuple(o) || is_list(o) || has_flag(o, TPFLAG_BYTES_SUBCLASS) ||
         type_check(o, &ByteArray_type);
}
}  // namespace

bool seq_repeat_count(ThreadState& ts, Object* a, Object* b, TypeObject* seq_type, int kind, int64_t& n) {
  Object* seq = type_check(a, seq_type) ? a : b;
  Object* count = seq == a ? b : a;
  if (is_int(count) || type_of(count)->nb_index) {
    Ref<Object> idx = is_int(count) ? newref(count) : number_index(ts, count);
    if (!int_to_i64(idx, n)) {
      if (int_sign(idx) < 0) {
        n = 0;
        return true;
      }
      raise_fmt(Exc_OverflowError, "cannot fit '%s' into an index-sized integer", type_name(count));
    }
    return true;
  }
  TypeObject* ct = type_of(count);
  int op = kind >= NB_INPLACE_OFFSET ? kind - NB_INPLACE_OFFSET : kind;
  if ((ct->flags & TPFLAG_HEAPTYPE) && ct->nb[op]) return false;  // its __rmul__ / __mul__ may handle it
  // CPython reports the right operand when the left one is a sequence too.
  Object* culprit = is_builtin_sequence(a) ? b : a;
  raise_fmt(Exc_TypeError, "can't multiply sequence by non-int of type '%s'", type_name(culprit));
}

}  // namespace gk
