// runtime/vm/interpreter.cpp — start-up and shut-down of the interpreter, and
// running a program as __main__ (uncaught exceptions, SystemExit, exit codes).
//
// Start-up order matters: interned names and the small-int cache only need
// the addresses of their (static) types; init_types() then readies every
// registered built-in type; builtins and sys are built last, on top of them.
#include "vm/interpreter.hpp"

#include <cstdio>

#include "alloc/policy.hpp"
#include "gc/collector.hpp"
#include "gil/policy.hpp"
#include "threads/os_thread.hpp"
#include "vm/eval.hpp"
#include "modules/builtins.hpp"
#include "modules/stdio.hpp"
#include "modules/sys.hpp"
#include "objects/abstract.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/bytes.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

void interpreter_init(Interpreter& interp, ThreadState& ts, const std::vector<std::string>& argv) {
  thread_state_register(interp, ts);
  ts.thread_id = current_thread_ident();
  set_current_thread_state(&ts);
  init_stack_limit(ts);
  interp.main_thread = &ts;
  for (const std::string& x : interp.xoptions) {
    if (x == "gil_io_priority") {
      LockPolicy::set_io_priority(true);
    }
  }
  LockPolicy::set_dealloc([](ObjectHeader* h) { object_dealloc(reinterpret_cast<Object*>(h)); });
  LockPolicy::thread_spawning(nullptr);
  LockPolicy::thread_begin(ts);
  LockPolicy::attach(ts);

  names::init_names();
  init_int_cache();
  init_str_caches();
  init_bytes_cache();
  init_types(ts);

  interp.modules = dict_new().release();
  interp.builtins_module = make_builtins_module(ts).release();
  interp.builtins = module_dict(interp.builtins_module);
  interp.sys_module = make_sys_module(ts, argv).release();
  dict_set_cstr(ts, interp.modules, "builtins", interp.builtins_module);
  dict_set_cstr(ts, interp.modules, "sys", interp.sys_module);

  // sys.path[0]: the script's directory ('' for -c and stdin), as CPython.
  Object* path = dict_get_cstr(ts, module_dict(interp.sys_module), "path");
  std::string dir;
  if (!argv.empty() && argv[0] != "-c" && argv[0] != "-" && !argv[0].empty()) {
    size_t slash = argv[0].rfind('/');
    dir = slash == std::string::npos ? "." : argv[0].substr(0, slash == 0 ? 1 : slash);
  }
  list_append(path, str_new(dir));
}

namespace {

// -X gilstats: a table of GIL hand-off statistics per thread and in total.
void print_gil_stats(Interpreter& interp) {
  GilStatsSnapshot total;
  {
    std::lock_guard<std::mutex> g(interp.retired_mutex);
    total.add(interp.retired_gil_stats);
  }
  std::fprintf(stderr, "%-22s %12s %12s %12s %12s %14s %12s\n", "thread", "acquired", "forced", "voluntary",
               "requests", "wait total ms", "wait max ms");
  auto row = [](const char* who, const GilStatsSnapshot& s) {
    std::fprintf(stderr, "%-22s %12llu %12llu %12llu %12llu %14.3f %12.3f\n", who,
                 static_cast<unsigned long long>(s.acquisitions), static_cast<unsigned long long>(s.forced_drops),
                 static_cast<unsigned long long>(s.voluntary_releases),
                 static_cast<unsigned long long>(s.drop_requests), static_cast<double>(s.wait_ns_total) * 1e-6,
                 static_cast<double>(s.wait_ns_max) * 1e-6);
  };
  interp.threads.for_each([&](ThreadState& t) {
    GilStatsSnapshot snap;
    snap.add(t.gil_stats);
    total.add(snap);
    char who[32];
    std::snprintf(who, sizeof who, "%s%llu", &t == interp.main_thread ? "main " : "",
                  static_cast<unsigned long long>(t.thread_id % 1000000));
    row(who, snap);
  });
  row("total (incl. exited)", total);
  std::fprintf(stderr, "switch interval: %.3f ms\n", static_cast<double>(LockPolicy::switch_interval_us()) / 1000.0);
}

}  // namespace

FragmentationReport allocator_report(ThreadState& ts) {
  // Other threads' heaps are read without their cooperation: pause them
  // (nothing to do under the GIL, which the caller holds).
  LockPolicy::stop_the_world(ts.interp->threads, ts);
  FragmentationReport r;
  try {
    r = AllocPolicy::report();
  } catch (...) {
    LockPolicy::start_the_world(ts.interp->threads);
    throw;
  }
  LockPolicy::start_the_world(ts.interp->threads);
  return r;
}

void interpreter_fini(Interpreter& interp, ThreadState& ts) {
  stdio_flush_all();
  // Module dicts hold most of the heap; dropping __main__ runs the __del__
  // methods of objects still alive at exit, as CPython does at shutdown.
  if (Object* main = dict_get_cstr(ts, interp.modules, "__main__")) {
    Ref<Object> keep = newref(main);
    dict_del(ts, interp.modules, names::__main__);
    dict_clear(module_dict(main));
  }
  // Cyclic garbage left at exit: collected (and its __del__ run) as CPython does.
  gc_collect_at_exit(ts);
  stdio_flush_all();
  // -X mallocstats[=json]: the allocator's fragmentation report at exit, on stderr.
  for (const std::string& x : interp.xoptions) {
    if (x == "mallocstats" || x == "mallocstats=text") {
      std::string text = report_text(allocator_report(ts));
      std::fwrite(text.data(), 1, text.size(), stderr);
    } else if (x == "mallocstats=json") {
      std::string json = report_json(allocator_report(ts)) + "\n";
      std::fwrite(json.data(), 1, json.size(), stderr);
    }
  }
  for (const std::string& x : interp.xoptions)
    if (x == "gilstats") print_gil_stats(interp);
  std::fflush(stderr);
  clear(ts.exc_info);
  gc_thread_end(ts);
  frame_arena_free(ts);
  LockPolicy::thread_end(ts);
  LockPolicy::detach(ts);
  thread_state_unregister(interp, ts);
  set_current_thread_state(nullptr);
}

namespace {

// SystemExit: None -> 0, an int -> that code, anything else -> printed to stderr, 1.
int handle_system_exit(ThreadState& ts, Object* exc) {
  Object* args = as_exc(exc)->args;
  Object* code = args && tuple_size(args) > 0 ? tuple_get(args, 0) : None();
  if (tuple_size(args) > 1) code = args;
  if (is_none(code)) return 0;
  if (is_int(code)) {
    int64_t v;
    return int_to_i64(code, v) ? static_cast<int>(v & 0xff) : 1;
  }
  stdio_flush_all();
  try {
    Ref<Object> s = str(ts, code);
    std::fprintf(stderr, "%.*s\n", static_cast<int>(str_view(s).size()), str_view(s).data());
  } catch (PyError&) {
  }
  return 1;
}

// As CPython: at exit, wait for every non-daemon thread (threading._shutdown).
void wait_for_threads(ThreadState& ts) {
  Object* threading = dict_get_cstr(ts, ts.interp->modules, "threading");
  if (!threading) return;
  if (Ref<Object> shutdown = lookup_attr(ts, threading, intern("_shutdown"))) call0(ts, shutdown);
}

int report_uncaught(ThreadState& ts, PyError& e) {
  Ref<Object> exc = e.take();
  if (type_check(exc, Exc_SystemExit)) return handle_system_exit(ts, exc);
  stdio_flush_all();
  print_exception(ts, exc);
  std::fflush(stderr);
  return 1;
}

}  // namespace

int run_main_source(ThreadState& ts, std::string_view source, const std::string& filename) {
  try {
    Ref<Object> code = compile_source(ts, source, filename, "exec");
    Ref<Object> main = module_new(ts, "__main__");
    Object* d = module_dict(main);
    if (filename != "<string>" && filename != "<stdin>") dict_set(ts, d, names::__file__, str_new(filename));
    dict_set(ts, d, names::__builtins__, ts.interp->builtins_module);
    dict_set(ts, ts.interp->modules, names::__main__, main);
    eval_code(ts, code, d, d);
    wait_for_threads(ts);
  } catch (PyError& e) {
    int rc = report_uncaught(ts, e);
    try {
      wait_for_threads(ts);
    } catch (PyError&) {
    }
    return rc;
  } catch (std::bad_alloc&) {
    stdio_flush_all();
    std::fprintf(stderr, "MemoryError\n");
    return 1;
  }
  stdio_flush_all();
  return 0;
}

}  // namespace gk
