// runtime/modules/sys.cpp — the `sys` module: argv, version, version_info,
// implementation, platform, modules, the standard streams, the recursion
// limit, refcounts, interning, sizes, exit and exc_info.
#include "modules/sys.hpp"

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "alloc/policy.hpp"
#include "gil/policy.hpp"
#include "gilkit_config.hpp"
#include "modules/stdio.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

using Args = Object* const*;

// sys.version_info: a tuple subtype with named fields (CPython's structseq).
Ref<Object> version_info_get(Object* self, size_t i) { return newref(tuple_get(self, i)); }
Ref<Object> vi_major(ThreadState&, Object* s) { return version_info_get(s, 0); }
Ref<Object> vi_minor(ThreadState&, Object* s) { return version_info_get(s, 1); }
Ref<Object> vi_micro(ThreadState&, Object* s) { return version_info_get(s, 2); }
Ref<Object> vi_releaselevel(ThreadState&, Object* s) { return version_info_get(s, 3); }
Ref<Object> vi_serial(ThreadState&, Object* s) { return version_info_get(s, 4); }

Ref<Object> version_info_repr(ThreadState& ts, Object* self) {
  static const char* const fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
  std::string r = "sys.version_info(";
  for (size_t i = 0; i < 5; ++i) {
    if (i) r += ", ";
    r += fields[i];
    r += '=';
    r += repr_utf8(ts, tuple_get(self, i));
  }
  return str_new(r + ")");
}

void version_info_dealloc(Object* o) noexcept {
  for (size_t i = 0; i < tuple_size(o); ++i) xdecref(tuple_get(o, i));
  object_free(o, sizeof(TupleObject) + tuple_size(o) * sizeof(Object*));
}

const GetSetDef kVersionInfoGetSets[] = {
    {"major", vi_major, nullptr},
    {"minor", vi_minor, nullptr},
    {"micro", vi_micro, nullptr},
    {"releaselevel", vi_releaselevel, nullptr},
    {"serial", vi_serial, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_version_info(TypeObject& t) {
  t.name = "sys.version_info";
  t.base = &Tuple_type;
  t.basicsize = sizeof(TupleObject);
  t.itemsize = sizeof(Object*);
  t.dealloc = version_info_dealloc;
  t.repr = version_info_repr;
  t.getsets = kVersionInfoGetSets;
}

TypeObject VersionInfo_type;
GK_REGISTER_TYPE(VersionInfo_type, setup_version_info);

Ref<Object> make_version_info() {
  Object* items[] = {int_from_i64(3).release(), int_from_i64(11).release(), int_from_i64(0).release(),
                     str_new("final").release(), int_from_i64(0).release()};
  auto* t = static_cast<TupleObject*>(object_alloc(&VersionInfo_type, sizeof(TupleObject) + 5 * sizeof(Object*)));
  t->size = 5;
  for (size_t i = 0; i < 5; ++i) tuple_set_steal(t, i, items[i]);
  return steal<Object>(t);
}

// sys.implementation: a simple namespace object (attributes in a dict).
struct NamespaceObject : Object {
  Object* dict;
};

void namespace_dealloc(Object* o) noexcept {
  xdecref(static_cast<NamespaceObject*>(o)->dict);
  object_free(o, sizeof(NamespaceObject));
}

Ref<Object> namespace_repr(ThreadState& ts, Object* self) {
  std::string r = "namespace(";
  Object* d = static_cast<NamespaceObject*>(self)->dict;
  Object *k, *v;
  bool first = true;
  for (size_t pos = 0; dict_next(d, pos, &k, &v);) {
    if (!first) r += ", ";
    first = false;
    r += str_view(k);
    r += '=';
    r += repr_utf8(ts, v);
  }
  return str_new(r + ")");
}

void setup_namespace(TypeObject& t) {
  t.name = "types.SimpleNamespace";
  t.basicsize = sizeof(NamespaceObject);
  t.dictoffset = offsetof(NamespaceObject, dict);
  t.flags = TPFLAG_HAS_DICT;
  t.dealloc = namespace_dealloc;
  t.repr = namespace_repr;
}

TypeObject Namespace_type;
GK_REGISTER_TYPE(Namespace_type, setup_namespace);

Ref<Object> make_implementation(ThreadState& ts) {
  auto* ns = alloc_object<NamespaceObject>(&Namespace_type);
  Ref<Object> owner = steal<Object>(ns);
  ns->dict = dict_new().release();
  dict_set_cstr(ts, ns->dict, "name", str_new("gilkit"));
  dict_set_cstr(ts, ns->dict, "cache_tag", None());
  Ref<Object> vi = make_version_info();
  dict_set_cstr(ts, ns->dict, "version", vi);
  dict_set_cstr(ts, ns->dict, "lock_policy", str_new(config::lock_name));
  dict_set_cstr(ts, ns->dict, "alloc_policy", str_new(config::alloc_name));
  return owner;
}

// --- functions ----------------------------------------------------------------

Ref<Object> sys_getrefcount(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getrefcount", kwnames);
  check_nargs("getrefcount", nargs, 1, 1);
  // The argument lives on the caller's value stack, which holds a counted
  // reference — as in CPython, a fresh local list reports 2.
  return int_from_i64(refcount(args[0]));
}

// Blocks the allocator policy has handed out and not yet had back (objects,
// list item arrays, dict tables...): CPython's sys.getallocatedblocks. In the
// no-GIL build the per-thread counters are summed, so a program can check
// that memory made and freed across threads returns to its baseline.
Ref<Object> sys_getallocatedblocks(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getallocatedblocks", kwnames);
  check_nargs("getallocatedblocks", nargs, 0, 0);
  uint64_t live = AllocPolicy::stats().live_blocks;
  return int_from_i64(static_cast<int64_t>(live));
}

Ref<Object> sys_getrecursionlimit(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getrecursionlimit", kwnames);
  check_nargs("getrecursionlimit", nargs, 0, 0);
  return int_from_i64(ts.interp->recursion_limit);
}

Ref<Object> sys_setrecursionlimit(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("setrecursionlimit", kwnames);
  check_nargs("setrecursionlimit", nargs, 1, 1);
  if (is_float(args[0])) raise(Exc_TypeError, "'float' object cannot be interpreted as an integer");
  int64_t n = index_as_i64(ts, args[0]);
  if (n < 1) raise(Exc_ValueError, "recursion limit must be greater or equal than 1");
  if (n > INT32_MAX) raise(Exc_OverflowError, "Python int too large to convert to C int");
  if (n <= ts.recursion_depth)
    raise_fmt(Exc_RecursionError, "cannot set the recursion limit to %lld at the recursion depth %d: the limit is too low",
              static_cast<long long>(n), ts.recursion_depth);
  ts.interp->recursion_limit = static_cast<int>(n);
  return none_ref();
}

Ref<Object> sys_intern(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("intern", kwnames);
  check_nargs("intern", nargs, 1, 1);
  if (!type_check_exact(args[0], &Str_type))
    raise_fmt(Exc_TypeError, "intern() argument must be str, not %s", type_name(args[0]));
  Ref<Object> s = newref(args[0]);
  intern_inplace(s);
  return s;
}

Ref<Object> sys_getsizeof(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("getsizeof", args, nargs, kwnames, {"object", "default"}, 1, a);
  // __sizeof__ where a type defines it; otherwise the object's own block size.
  static Object* sizeof_name = intern("__sizeof__");
  if (Ref<Object> m = lookup_special(ts, a[0], sizeof_name)) return call0(ts, m);
  TypeObject* t = type_of(a[0]);
  size_t n = t->basicsize;
  if (t->itemsize) {
    if (is_tuple(a[0])) n += t->itemsize * tuple_size(a[0]);
    else if (is_str(a[0])) n += static_cast<const StrObject*>(a[0])->utf8_size + 1;
  }
  return int_from_u64(n);
}

Ref<Object> sys_exit(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("exit", kwnames);
  check_nargs("exit", nargs, 0, 1);
  Ref<Object> a = nargs ? tuple_pack({args[0]}) : tuple_empty();
  raise_obj(exception_new_args(ts, Exc_SystemExit, a));
}

Ref<Object> sys_exc_info(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("exc_info", kwnames);
  check_nargs("exc_info", nargs, 0, 0);
  Object* e = ts.exc_info;
  if (!e || is_none(e)) return tuple_pack({None(), None(), None()});
  Object* tb = as_exc(e)->traceback ? as_exc(e)->traceback : None();
  return tuple_pack({type_of(e), e, tb});
}

Ref<Object> sys_exception(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("exception", kwnames);
  check_nargs("exception", nargs, 0, 0);
  return ts.exc_info ? newref(ts.exc_info) : none_ref();
}

// --- the GIL ---------------------------------------------------------------------

Ref<Object> sys_getswitchinterval(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getswitchinterval", kwnames);
  check_nargs("getswitchinterval", nargs, 0, 0);
  return float_from(static_cast<double>(LockPolicy::switch_interval_us()) * 1e-6);
}

Ref<Object> sys_setswitchinterval(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("setswitchinterval", kwnames);
  check_nargs("setswitchinterval", nargs, 1, 1);
  double s = as_double(ts, args[0]);
  if (!(s > 0)) raise(Exc_ValueError, "switch interval must be strictly positive");
  int64_t us = static_cast<int64_t>(s * 1e6);
  LockPolicy::set_switch_interval_us(us < 1 ? 1 : us);
  return none_ref();
}

Ref<Object> sys_is_gil_enabled(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_is_gil_enabled", kwnames);
  check_nargs("_is_gil_enabled", nargs, 0, 0);
  return bool_ref(LockPolicy::has_gil);
}

Ref<Object> gil_stats_dict(ThreadState& ts, const GilStatsSnapshot& s) {
  Ref<Object> d = dict_new();
  dict_set_cstr(ts, d, "acquisitions", int_from_u64(s.acquisitions));
  dict_set_cstr(ts, d, "forced_drops", int_from_u64(s.forced_drops));
  dict_set_cstr(ts, d, "voluntary_releases", int_from_u64(s.voluntary_releases));
  dict_set_cstr(ts, d, "drop_requests", int_from_u64(s.drop_requests));
  dict_set_cstr(ts, d, "wait_total_s", float_from(static_cast<double>(s.wait_ns_total) * 1e-9));
  dict_set_cstr(ts, d, "wait_max_s", float_from(static_cast<double>(s.wait_ns_max) * 1e-9));
  Ref<Object> hist = list_new();
  for (int i = 0; i < kGilWaitBuckets; ++i) list_append(hist, int_from_u64(s.wait_hist[i]));
  dict_set_cstr(ts, d, "wait_histogram", hist);
  return d;
}

// sys._gilstats(): {"switch_interval", "histogram_bounds_us", "total", "threads": {ident: {...}}}.
Ref<Object> sys_gilstats(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_gilstats", kwnames);
  check_nargs("_gilstats", nargs, 0, 0);
  GilStatsSnapshot total;
  {
    std::lock_guard<std::mutex> g(ts.interp->retired_mutex);
    total.add(ts.interp->retired_gil_stats);
  }
  std::vector<std::pair<uint64_t, GilStatsSnapshot>> per_thread;
  ts.interp->threads.for_each([&](ThreadState& t) {
    GilStatsSnapshot snap;
    snap.add(t.gil_stats);
    per_thread.push_back({t.thread_id, snap});
    total.add(snap);
  });
  Ref<Object> d = dict_new();
  dict_set_cstr(ts, d, "switch_interval", float_from(static_cast<double>(LockPolicy::switch_interval_us()) * 1e-6));
  Ref<Object> bounds = list_new();
  for (int i = 0; i < kGilWaitBuckets; ++i) list_append(bounds, int_from_u64(uint64_t(1) << i));
  dict_set_cstr(ts, d, "histogram_bounds_us", bounds);
  dict_set_cstr(ts, d, "total", gil_stats_dict(ts, total));
  Ref<Object> threads = dict_new();
  for (auto& [ident, snap] : per_thread) dict_set(ts, threads, int_from_u64(ident), gil_stats_dict(ts, snap));
  dict_set_cstr(ts, d, "threads", threads);
  return d;
}

// Prints the allocator's fragmentation report to stderr, like CPython's.
Ref<Object> sys_debugmallocstats(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_debugmallocstats", kwnames);
  check_nargs("_debugmallocstats", nargs, 0, 0);
  std::fflush(stdout);
  std::string text = report_text(allocator_report(ts));
  std::fwrite(text.data(), 1, text.size(), stderr);
  return none_ref();
}

const MethodDef kSysFunctions[] = {
    {"_debugmallocstats", sys_debugmallocstats},
    {"getswitchinterval", sys_getswitchinterval},
    {"setswitchinterval", sys_setswitchinterval},
    {"_is_gil_enabled", sys_is_gil_enabled},
    {"_gilstats", sys_gilstats},
    {"getrefcount", sys_getrefcount},
    {"getallocatedblocks", sys_getallocatedblocks},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"setrecursionlimit", sys_setrecursionlimit},
    {"intern", sys_intern},
    {"getsizeof", sys_getsizeof},
    {"exit", sys_exit},
    {"exc_info", sys_exc_info},
    {"exception", sys_exception},
    {nullptr, nullptr},
};

}  // namespace

Ref<Object> make_sys_module(ThreadState& ts, const std::vector<std::string>& argv) {
  Ref<Object> m = module_new(ts, "sys");
  module_add_functions(ts, m, kSysFunctions);
  Ref<Object> argv_list = list_new();
  for (const std::string& a : argv) list_append(argv_list, str_new(a));
  module_add(ts, m, "argv", argv_list);
  std::string version = std::string("3.11.0 (gilkit ") + config::version + ", lock=" + config::lock_name +
                        ", alloc=" + config::alloc_name + ")";
  module_add(ts, m, "version", str_new(version));
  module_add(ts, m, "version_info", make_version_info());
  module_add(ts, m, "hexversion", int_from_i64(0x030b00f0));
  module_add(ts, m, "implementation", make_implementation(ts));
  module_add(ts, m, "platform", str_new("linux"));
  module_add(ts, m, "byteorder", str_new("little"));
  module_add(ts, m, "maxsize", int_from_i64(INT64_MAX));
  module_add(ts, m, "maxunicode", int_from_i64(0x10FFFF));
  module_add(ts, m, "executable", str_new("gilkit"));
  module_add(ts, m, "modules", ts.interp->modules);
  Ref<Object> path = list_new();
  module_add(ts, m, "path", path);
  Ref<Object> xopts = dict_new();
  for (const std::string& x : ts.interp->xoptions) {
    size_t eq = x.find('=');
    if (eq == std::string::npos) dict_set(ts, xopts, str_new(x), True());
    else dict_set(ts, xopts, str_new(x.substr(0, eq)), str_new(x.substr(eq + 1)));
  }
  module_add(ts, m, "_xoptions", xopts);
  StdStreams s = make_std_streams();
  module_add(ts, m, "stdin", s.in);
  module_add(ts, m, "stdout", s.out);
  module_add(ts, m, "stderr", s.err);
  module_add(ts, m, "__stdin__", s.in);
  module_add(ts, m, "__stdout__", s.out);
  module_add(ts, m, "__stderr__", s.err);
  return m;
}

}  // namespace gk
