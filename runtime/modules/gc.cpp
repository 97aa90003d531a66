// runtime/modules/gc.cpp — the `gc` module: the Python face of the cyclic
// garbage collector (runtime/gc/collector.hpp). One generation: collect()
// accepts generation 0, 1 or 2 and always collects everything; get_count()
// reports the allocation count as generation 0's (docs/gc.md).
#include "gc/collector.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/dict.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/tuple.hpp"

namespace gk {

namespace {

using Args = Object* const*;

Ref<Object> gc_collect_fn(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[1] = {};
  parse_args("collect", args, nargs, kwnames, {"generation"}, 0, a);
  if (a[0]) {
    int64_t g = int_as_i64(a[0]);
    if (g < 0 || g > 2) raise(Exc_ValueError, "invalid generation");
  }
  return int_from_u64(gc_collect(ts));
}

Ref<Object> gc_enable(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("enable", kwnames);
  check_nargs("enable", nargs, 0, 0);
  gc_set_enabled(true);
  return none_ref();
}

Ref<Object> gc_disable(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("disable", kwnames);
  check_nargs("disable", nargs, 0, 0);
  gc_set_enabled(false);
  return none_ref();
}

Ref<Object> gc_isenabled(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("isenabled", kwnames);
  check_nargs("isenabled", nargs, 0, 0);
  return bool_ref(gc_is_enabled());
}

Ref<Object> gc_get_count_fn(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get_count", kwnames);
  check_nargs("get_count", nargs, 0, 0);
  Ref<Object> c = int_from_i64(gc_get_count());
  Ref<Object> zero = int_from_i64(0);
  return tuple_pack({c.get(), zero.get(), zero.get()});
}

Ref<Object> gc_get_threshold_fn(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get_threshold", kwnames);
  check_nargs("get_threshold", nargs, 0, 0);
  int64_t t[3];
  gc_get_threshold(t);
  Ref<Object> a = int_from_i64(t[0]), b = int_from_i64(t[1]), c = int_from_i64(t[2]);
  return tuple_pack({a.get(), b.get(), c.get()});
}

Ref<Object> gc_set_threshold_fn(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("set_threshold", kwnames);
  check_nargs("set_threshold", nargs, 1, 3);
  int64_t t[3];
  gc_get_threshold(t);
  for (size_t i = 0; i < nargs; ++i) t[i] = int_as_i64(args[i]);
  gc_set_threshold(t[0], t[1], t[2]);
  return none_ref();
}

Ref<Object> gc_is_tracked_fn(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("is_tracked", kwnames);
  check_nargs("is_tracked", nargs, 1, 1);
  return bool_ref(gc_is_tracked(args[0]));
}

Ref<Object> gc_get_objects(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[1] = {};
  parse_args("get_objects", args, nargs, kwnames, {"generation"}, 0, a);
  if (a[0] && a[0] != None()) {
    int64_t g = int_as_i64(a[0]);
    if (g < 0 || g > 2) raise(Exc_ValueError, "generation parameter must be less than the number of available generations (3)");
  }
  // Collected first into a C++ vector (the walk runs with the world stopped
  // and must not allocate tracked objects), then copied into the list.
  std::vector<Object*> objs;
  gc_for_each_tracked(ts, [](Object* o, void* arg) {
    incref(o);
    static_cast<std::vector<Object*>*>(arg)->push_back(o);
  }, &objs);
  Ref<Object> l = list_new(objs.size());
  for (size_t i = 0; i < objs.size(); ++i) list_set_steal(l, i, objs[i]);
  return l;
}

Ref<Object> gc_get_stats_fn(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get_stats", kwnames);
  check_nargs("get_stats", nargs, 0, 0);
  GcStats s = gc_get_stats();
  Ref<Object> l = list_new(0);
  for (int g = 0; g < 3; ++g) {
    Ref<Object> d = dict_new();
    Ref<Object> c = int_from_u64(g == 2 ? s.collections : 0), k = int_from_u64(g == 2 ? s.collected : 0),
                u = int_from_u64(0);
    dict_set_cstr(ts, d, "collections", c);
    dict_set_cstr(ts, d, "collected", k);
    dict_set_cstr(ts, d, "uncollectable", u);
    list_append(l, d);
  }
  return l;
}

// gc._check(): the heap invariants (runtime/gc/heap.hpp), for tests.
Ref<Object> gc_check_fn(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_check", kwnames);
  check_nargs("_check", nargs, 0, 0);
  return bool_ref(gc_check_heap(ts));
}

const MethodDef kGcFunctions[] = {
    {"collect", gc_collect_fn},
    {"enable", gc_enable},
    {"disable", gc_disable},
    {"isenabled", gc_isenabled},
    {"get_count", gc_get_count_fn},
    {"get_threshold", gc_get_threshold_fn},
    {"set_threshold", gc_set_threshold_fn},
    {"is_tracked", gc_is_tracked_fn},
    {"get_objects", gc_get_objects},
    {"get_stats", gc_get_stats_fn},
    {"_check", gc_check_fn},
    {nullptr, nullptr},
};

Ref<Object> init_gc_module(ThreadState& ts) {
  Ref<Object> m = module_new(ts, "gc");
  module_add_functions(ts, m, kGcFunctions);
  Ref<Object> garbage = list_new(0);  // always empty: finalisers never make objects uncollectable
  module_add(ts, m, "garbage", garbage);
  Ref<Object> callbacks = list_new(0);
  module_add(ts, m, "callbacks", callbacks);
  return m;
}

}  // namespace

GK_REGISTER_MODULE(gc, init_gc_module);

}  // namespace gk
