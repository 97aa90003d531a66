// runtime/objects/iterators.cpp — the iterator types the builtins module
// exposes by name (enumerate, zip, map, filter, reversed) and the two generic
// iterators behind iter(): the sequence iterator over __getitem__ and the
// callable iterator iter(callable, sentinel).
//
// Owns: Enumerate_type, Zip_type, Map_type, Filter_type, Reversed_type,
//       SeqIter_type ("iterator"), CallIter_type ("callable_iterator").
//
// enumerate, zip, map, filter and reversed are subclassable: instances are
// allocated with type_alloc(type). Every field of an iterator belongs to the
// thread that iterates it (iterators are not shared between threads without
// external locking, as in CPython).
#include "objects/iterators.hpp"

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/names.hpp"
#include "objects/range.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Enumerate_type, Zip_type, Map_type, Filter_type, Reversed_type;
TypeObject SeqIter_type, CallIter_type;

namespace {

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

// A tuple the iterator may refill in place when the caller dropped the
// previous result (CPython's result-tuple reuse; only sound under the GIL).
inline bool can_reuse(Object* result) noexcept { return LockPolicy::has_gil && result && refcount(result) == 1; }

// Replace item i of a reusable result tuple (steals v).
inline void refill(Object* t, size_t i, Object* v) noexcept {
  Object* old = tuple_get(t, i);
  tuple_set_steal(t, i, v);
  xdecref(old);
}

// --- enumerate ---------------------------------------------------------------------

struct EnumerateObject : Object {
  Object* it;        // the underlying iterator (strong)
  int64_t index;     // next index while it fits in int64
  Object* big;       // the next index as an int once it no longer fits (strong) or null
  Object* result;    // reusable (index, item) tuple or null (strong)
};

void enumerate_dealloc(Object* o) noexcept {
  auto* e = static_cast<EnumerateObject*>(o);
  xdecref(e->it);
  xdecref(e->big);
  xdecref(e->result);
  object_free(o, sizeof(EnumerateObject));
}

Ref<Object> enumerate_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs == 0 && kwnames_count(kwnames) == 0) raise(Exc_TypeError, "enumerate() missing required argument 'iterable'");
  Object* a[2];
  parse_args("enumerate", args, nargs, kwnames, {"iterable", "start"}, 1, a);
  Ref<Object> it = get_iter(ts, a[0]);
  Ref<Object> start = a[1] ? number_index(ts, a[1]) : nullptr;
  auto* e = static_cast<EnumerateObject*>(type_alloc(type));
  e->it = it.release();
  int64_t v = 0;
  if (start && !int_to_i64(start, v))
    e->big = start.release();
  else
    e->index = v;
  return steal<Object>(e);
}

Ref<Object> enumerate_next(ThreadState& ts, Object* o) {
  auto* e = static_cast<EnumerateObject*>(o);
  IterNextFn next = type_of(e->it)->iternext;
  Ref<Object> item = next ? next(ts, e->it) : iter_next(ts, e->it);
  if (!item) return nullptr;
  Ref<Object> idx;
  if (!e->big && e->index != INT64_MAX) {
    idx = int_from_i64(e->index++);
  } else {
    if (!e->big) e->big = int_from_i64(e->index).release();
    idx = newref(e->big);
    Ref<Object> n = int_add(e->big, int_from_i64(1).get());
    decref(e->big);
    e->big = n.release();
  }
  if (can_reuse(e->result)) {
    refill(e->result, 0, idx.release());
    refill(e->result, 1, item.release());
    return newref(e->result);
  }
  Ref<Object> r = tuple_new(2);
  tuple_set_steal(r, 0, idx.release());
  tuple_set_steal(r, 1, item.release());
  if (LockPolicy::has_gil) assign(e->result, r);
  return r;
}

// --- zip -------------------------------------------------------------------------------

struct ZipObject : Object {
  Object* iters;   // tuple of iterators (strong)
  Object* result;  // reusable result tuple or null (strong)
  bool strict;
};

void zip_dealloc(Object* o) noexcept {
  auto* z = static_cast<ZipObject*>(o);
  xdecref(z->iters);
  xdecref(z->result);
  object_free(o, sizeof(ZipObject));
}

Ref<Object> zip_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  bool strict = false;
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    Object* name = tuple_get(kwnames, i);
    if (str_view(name) != "strict")
      raise_fmt(Exc_TypeError, "'%s' is an invalid keyword argument for zip()", str_data(name));
    strict = is_true(ts, args[nargs + i]);
  }
  Ref<Object> iters = tuple_new(nargs);
  for (size_t i = 0; i < nargs; ++i) tuple_set_steal(iters, i, get_iter(ts, args[i]).release());
  auto* z = static_cast<ZipObject*>(type_alloc(type));
  z->iters = iters.release();
  z->strict = strict;
  return steal<Object>(z);
}

// An item of iterator it, or null when exhausted (StopIteration is exhaustion too).
Ref<Object> next_of(ThreadState& ts, Object* it) {
  IterNextFn next = type_of(it)->iternext;
  return next ? next(ts, it) : iter_next(ts, it);
}

[[noreturn]] void zip_length_error(size_t i, bool shorter) {
  raise_fmt(Exc_ValueError, "zip() argument %zu is %s than argument%s%zu", i + 1, shorter ? "shorter" : "longer",
            i == 1 ? " " : "s 1-", i);
}

Ref<Object> zip_next(ThreadState& ts, Object* o) {
  auto* z = static_cast<ZipObject*>(o);
  size_t n = tuple_size(z->iters);
  if (n == 0) return nullptr;
  bool reuse = can_reuse(z->result);
  Ref<Object> r = reuse ? newref(z->result) : tuple_new(n);
  for (size_t i = 0; i < n; ++i) {
    Ref<Object> item = next_of(ts, tuple_get(z->iters, i));
    if (!item) {
      if (!z->strict) return nullptr;
      if (i > 0) zip_length_error(i, true);
      for (size_t j = 1; j < n; ++j)
        if (next_of(ts, tuple_get(z->iters, j))) zip_length_error(j, false);
      return nullptr;
    }
    if (reuse)
      refill(r, i, item.release());
    else
      tuple_set_steal(r, i, item.release());
  }
  if (!reuse && LockPolicy::has_gil) assign(z->result, r);
  return r;
}

// --- map -----------------------------------------------------------------------------------

struct MapObject : Object {
  Object* func;   // strong
  Object* iters;  // tuple of iterators (strong)
};

void map_dealloc(Object* o) noexcept {
  auto* m = static_cast<MapObject*>(o);
  xdecref(m->func);
  xdecref(m->iters);
  object_free(o, sizeof(MapObject));
}

Ref<Object> map_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &Map_type) check_no_kwargs("map", kwnames);
  if (nargs < 2) raise(Exc_TypeError, "map() must have at least two arguments.");
  Ref<Object> iters = tuple_new(nargs - 1);
  for (size_t i = 1; i < nargs; ++i) tuple_set_steal(iters, i - 1, get_iter(ts, args[i]).release());
  auto* m = static_cast<MapObject*>(type_alloc(type));
  incref(args[0]);
  m->func = args[0];
  m->iters = iters.release();
  return steal<Object>(m);
}

Ref<Object> map_next(ThreadState& ts, Object* o) {
  auto* m = static_cast<MapObject*>(o);
  size_t n = tuple_size(m->iters);
  if (n == 1) {
    Ref<Object> item = next_of(ts, tuple_get(m->iters, 0));
    if (!item) return nullptr;
    return call1(ts, m->func, item);
  }
  constexpr size_t kSmall = 8;
  Ref<Object> small[kSmall];
  Ref<Object> big = n > kSmall ? tuple_new(n) : nullptr;  // holds the items when there are many
  Object* argv_small[kSmall];
  Object** argv = n > kSmall ? tuple_items(big) : argv_small;
  for (size_t i = 0; i < n; ++i) {
    Ref<Object> item = next_of(ts, tuple_get(m->iters, i));
    if (!item) return nullptr;
    if (n > kSmall) {
      tuple_set_steal(big, i, item.release());
    } else {
      argv[i] = item.get();
      small[i] = std::move(item);
    }
  }
  return call(ts, m->func, argv, n);
}

// --- filter ----------------------------------------------------------------------------------

struct FilterObject : Object {
  Object* func;  // strong (None = truth test)
  Object* it;    // strong
};

void filter_dealloc(Object* o) noexcept {
  auto* f = static_cast<FilterObject*>(o);
  xdecref(f->func);
  xdecref(f->it);
  object_free(o, sizeof(FilterObject));
}

Ref<Object> filter_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &Filter_type) check_no_kwargs("filter", kwnames);
  if (nargs != 2) raise_fmt(Exc_TypeError, "filter expected 2 arguments, got %zu", nargs);
  Ref<Object> it = get_iter(ts, args[1]);
  auto* f = static_cast<FilterObject*>(type_alloc(type));
  incref(args[0]);
  f->func = args[0];
  f->it = it.release();
  return steal<Object>(f);
}

Ref<Object> filter_next(ThreadState& ts, Object* o) {
  auto* f = static_cast<FilterObject*>(o);
  bool truth_only = is_none(f->func) || f->func == &Bool_type;
  for (;;) {
    Ref<Object> item = next_of(ts, f->it);
    if (!item) return nullptr;
    bool ok;
    if (truth_only) {
      ok = is_true(ts, item);
    } else {
      Ref<Object> r = call1(ts, f->func, item);
      ok = is_true(ts, r);
    }
    if (ok) return item;
  }
}

// --- reversed --------------------------------------------------------------------------------

struct ReversedObject : Object {
  Object* seq;    // strong; null once exhausted
  int64_t index;  // next index to fetch; -1 when done
};

void reversed_dealloc(Object* o) noexcept {
  xdecref(static_cast<ReversedObject*>(o)->seq);
  object_free(o, sizeof(ReversedObject));
}

// PySequence_Check: has __getitem__ and is not a dict.
bool is_sequence(Object* o) noexcept { return type_of(o)->getitem != nullptr && !is_dict(o); }

Ref<Object> reversed_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &Reversed_type) check_no_kwargs("reversed", kwnames);
  if (nargs != 1) raise_fmt(Exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
  Object* seq = args[0];
  if (Object* meth = type_lookup(type_of(seq), names::__reversed__)) {
    if (is_none(meth)) raise_fmt(Exc_TypeError, "'%s' object is not reversible", type_name(seq));
    return call_method(ts, seq, names::__reversed__, nullptr, 0);
  }
  if (!is_sequence(seq)) raise_fmt(Exc_TypeError, "'%s' object is not reversible", type_name(seq));
  size_t n = length(ts, seq);
  auto* r = static_cast<ReversedObject*>(type_alloc(type));
  incref(seq);
  r->seq = seq;
  r->index = static_cast<int64_t>(n) - 1;
  return steal<Object>(r);
}

Ref<Object> reversed_next(ThreadState& ts, Object* o) {
  auto* r = static_cast<ReversedObject*>(o);
  if (r->index >= 0 && r->seq) {
    try {
      Ref<Object> idx = int_from_i64(r->index);
      Ref<Object> item = getitem(ts, r->seq, idx);
      --r->index;
      return item;
    } catch (PyError& e) {
      if (!e.matches(Exc_IndexError) && !e.matches(Exc_StopIteration)) throw;
    }
  }
  r->index = -1;
  clear(r->seq);
  return nullptr;
}

Ref<Object> reversed_length_hint(ThreadState& ts, Object* o, Object* const*, size_t, Object*) {
  auto* r = static_cast<ReversedObject*>(o);
  if (!r->seq) return int_from_i64(0);
  int64_t size = static_cast<int64_t>(length(ts, r->seq));
  return int_from_i64(size < r->index ? 0 : r->index + 1);
}

const MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint},
    {nullptr, nullptr},
};

// --- iterator over __getitem__ -------------------------------------------------------------

struct SeqIterObject : Object {
  Object* seq;    // strong; null once exhausted
  int64_t index;  // next index
};

void seq_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<SeqIterObject*>(o)->seq);
  object_free(o, sizeof(SeqIterObject));
}

Ref<Object> seq_iter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<SeqIterObject*>(o);
  if (!it->seq) return nullptr;
  try {
    Ref<Object> idx = int_from_i64(it->index);
    Ref<Object> item = getitem(ts, it->seq, idx);
    ++it->index;
    return item;
  } catch (PyError& e) {
    if (!e.matches(Exc_IndexError) && !e.matches(Exc_StopIteration)) throw;
  }
  clear(it->seq);
  return nullptr;
}

Ref<Object> seq_iter_length_hint(ThreadState& ts, Object* o, Object* const*, size_t, Object*) {
  auto* it = static_cast<SeqIterObject*>(o);
  if (!it->seq || !type_of(it->seq)->len) return int_from_i64(0);
  int64_t n = static_cast<int64_t>(length(ts, it->seq)) - it->index;
  return int_from_i64(n > 0 ? n : 0);
}

const MethodDef seq_iter_methods[] = {
    {"__length_hint__", seq_iter_length_hint},
    {nullptr, nullptr},
};

// --- iter(callable, sentinel) ------------------------------------------------------------------

struct CallIterObject : Object {
  Object* callable;  // strong; null once exhausted
  Object* sentinel;  // strong; null once exhausted
};

void call_iter_dealloc(Object* o) noexcept {
  auto* it = static_cast<CallIterObject*>(o);
  xdecref(it->callable);
  xdecref(it->sentinel);
  object_free(o, sizeof(CallIterObject));
}

Ref<Object> call_iter_next(ThreadState& ts, Object* o) {
  auto* it = static_cast<CallIterObject*>(o);
  if (!it->callable) return nullptr;
  Ref<Object> result;
  try {
    result = call0(ts, it->callable);
  } catch (PyError& e) {
    if (!e.matches(Exc_StopIteration)) throw;
  }
  if (result) {
    Ref<Object> sentinel = newref(it->sentinel);
    if (!rich_compare_bool(ts, sentinel, result, CompareOp::EQ)) return result;
  }
  clear(it->callable);
  clear(it->sentinel);
  return nullptr;
}

// --- type setup ------------------------------------------------------------------------------

void setup_enumerate(TypeObject& t) {
  t.name = "enumerate";
  t.basicsize = sizeof(EnumerateObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "Return an enumerate object.";
  t.dealloc = enumerate_dealloc;
  t.iter = self_iter;
  t.iternext = enumerate_next;
  t.new_ = enumerate_new;
}

void setup_zip(TypeObject& t) {
  t.name = "zip";
  t.basicsize = sizeof(ZipObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.";
  t.dealloc = zip_dealloc;
  t.iter = self_iter;
  t.iternext = zip_next;
  t.new_ = zip_new;
}

void setup_map(TypeObject& t) {
  t.name = "map";
  t.basicsize = sizeof(MapObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "map(func, *iterables) --> map object";
  t.dealloc = map_dealloc;
  t.iter = self_iter;
  t.iternext = map_next;
  t.new_ = map_new;
}

void setup_filter(TypeObject& t) {
  t.name = "filter";
  t.basicsize = sizeof(FilterObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "filter(function or None, iterable) --> filter object";
  t.dealloc = filter_dealloc;
  t.iter = self_iter;
  t.iternext = filter_next;
  t.new_ = filter_new;
}

void setup_reversed(TypeObject& t) {
  t.name = "reversed";
  t.basicsize = sizeof(ReversedObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_IMMUTABLE;
  t.doc = "Return a reverse iterator over the values of the given sequence.";
  t.dealloc = reversed_dealloc;
  t.iter = self_iter;
  t.iternext = reversed_next;
  t.new_ = reversed_new;
  t.methods = reversed_methods;
}

void setup_seq_iter(TypeObject& t) {
  t.name = "iterator";
  t.basicsize = sizeof(SeqIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = seq_iter_dealloc;
  t.iter = self_iter;
  t.iternext = seq_iter_next;
  t.methods = seq_iter_methods;
}

void setup_call_iter(TypeObject& t) {
  t.name = "callable_iterator";
  t.basicsize = sizeof(CallIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = call_iter_dealloc;
  t.iter = self_iter;
  t.iternext = call_iter_next;
}

}  // namespace

GK_REGISTER_TYPE(Enumerate_type, setup_enumerate);
GK_REGISTER_TYPE(Zip_type, setup_zip);
GK_REGISTER_TYPE(Map_type, setup_map);
GK_REGISTER_TYPE(Filter_type, setup_filter);
GK_REGISTER_TYPE(Reversed_type, setup_reversed);
GK_REGISTER_TYPE(SeqIter_type, setup_seq_iter);
GK_REGISTER_TYPE(CallIter_type, setup_call_iter);

// --- public API ----------------------------------------------------------------------------------

Ref<Object> seq_iter_new(Object* seq) {
  auto* it = alloc_object<SeqIterObject>(&SeqIter_type);
  incref(seq);
  it->seq = seq;
  return steal<Object>(it);
}

Ref<Object> call_iter_new(Object* callable, Object* sentinel) {
  auto* it = alloc_object<CallIterObject>(&CallIter_type);
  incref(callable);
  incref(sentinel);
  it->callable = callable;
  it->sentinel = sentinel;
  return steal<Object>(it);
}

}  // namespace gk
