// runtime/modules/builtins_iter.cpp — the built-in reductions over iterables:
// sum, min, max, any, all, sorted. sum has exact-int and float fast paths
// (the chapter's `sum(range(10_000_000))` is a benchmark).
#include <cmath>

#include "modules/builtins.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"

namespace gk {

namespace {

using Args = Object* const*;

Ref<Object> builtin_sum(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("sum", args, nargs, kwnames, {"%iterable", "start"}, 1, a);
  Ref<Object> acc = a[1] ? newref(a[1]) : int_from_i64(0);
  if (is_str(acc)) raise(Exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (type_check(acc, &Bytes_type)) raise(Exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
  Ref<Object> it = get_iter(ts, a[0]);

  // Fast path: exact ints that fit in int64, then exact floats; fall back to
  // the generic + as soon as a value does not fit the current path.
  if (type_check_exact(acc, &Int_type) && int_is_small(acc)) {
    int64_t total = int_small_value(acc);
    for (;;) {
      Ref<Object> item = iter_next(ts, it);
      if (!item) return int_from_i64(total);
      if (type_check_exact(item, &Int_type) && int_is_small(item)) {
        int64_t r;
        if (!__builtin_add_overflow(total, int_small_value(item), &r)) {
          total = r;
          continue;
        }
      }
      acc = binary_op(ts, int_from_i64(total), item, NB_ADD);
      break;
    }
  }
  if (type_check_exact(acc, &Float_type)) {
    double total = float_value(acc);
    for (;;) {
      Ref<Object> item = iter_next(ts, it);
      if (!item) return float_from(total);
      if (type_check_exact(item, &Float_type)) {
        total += float_value(item);
        continue;
      }
      if (type_check_exact(item, &Int_type) && int_is_small(item)) {
        total += static_cast<double>(int_small_value(item));
        continue;
      }
      acc = binary_op(ts, float_from(total), item, NB_ADD);
      break;
    }
  }
  while (Ref<Object> item = iter_next(ts, it)) acc = binary_op(ts, acc, item, NB_ADD);
  return acc;
}

// min() and max() share everything but the comparison direction.
Ref<Object> min_max(ThreadState& ts, const char* fname, CompareOp op, Args args, size_t nargs, Object* kwnames) {
  Object* key = nullptr;
  Object* dflt = nullptr;
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kw = str_view(tuple_get(kwnames, k));
    if (kw == "key") key = args[nargs + k];
    else if (kw == "default") dflt = args[nargs + k];
    else raise_fmt(Exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", fname, (int)kw.size(), kw.data());
  }
  if (key && is_none(key)) key = nullptr;
  if (nargs == 0) raise_fmt(Exc_TypeError, "%s expected at least 1 argument, got 0", fname);
  if (nargs > 1 && dflt)
    raise_fmt(Exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", fname);

  Ref<Object> best, best_key;
  auto consider = [&](Object* item) {
    Ref<Object> k = key ? call1(ts, key, item) : newref(item);
    if (!best || rich_compare_bool(ts, k, best_key, op)) {
      best = newref(item);
      best_key = std::move(k);
    }
    return true;
  };
  if (nargs == 1) {
    for_each(ts, args[0], consider);
  } else {
    for (size_t i = 0; i < nargs; ++i) consider(args[i]);
  }
  if (!best) {
    if (dflt) return newref(dflt);
    raise_fmt(Exc_ValueError, "%s() arg is an empty sequence", fname);
  }
  return best;
}

Ref<Object> builtin_min(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  return min_max(ts, "min", CompareOp::LT, args, nargs, kwnames);
}
Ref<Object> builtin_max(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  return min_max(ts, "max", CompareOp::GT, args, nargs, kwnames);
}

Ref<Object> builtin_any(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("any", kwnames);
  check_nargs("any", nargs, 1, 1);
  bool found = false;
  for_each(ts, args[0], [&](Object* item) { return !(found = is_true(ts, item)); });
  return bool_ref(found);
}

Ref<Object> builtin_all(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("all", kwnames);
  check_nargs("all", nargs, 1, 1);
  bool ok = true;
  for_each(ts, args[0], [&](Object* item) { return (ok = is_true(ts, item)); });
  return bool_ref(ok);
}

Ref<Object> builtin_sorted(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[3];
  parse_args("sorted", args, nargs, kwnames, {"%iterable", "$key", "$reverse"}, 1, a);
  Ref<Object> l = list_from_iterable(ts, a[0]);
  Object* key = a[1] && !is_none(a[1]) ? a[1] : nullptr;
  list_sort(ts, l, key, a[2] ? is_true(ts, a[2]) : false);
  return l;
}

const MethodDef kIterationFunctions[] = {
    {"sum", builtin_sum},       {"min", builtin_min}, {"max", builtin_max}, {"any", builtin_any},
    {"all", builtin_all},       {"sorted", builtin_sorted}, {nullptr, nullptr},
};

}  // namespace

const MethodDef* builtin_iteration_functions() noexcept { return kIterationFunctions; }

}  // namespace gk
