// runtime/vm/interpreter.cpp — start-up and shut-down of the interpreter, and
// running a program as __main__ (uncaught exceptions, SystemExit, exit codes).
//
// Start-up order matters: interned names and the small-int cache only need
// the addresses of their (static) types; init_types() then readies every
// registered built-in type; builtins and sys are built last, on top of them.
#include "vm/interpreter.hpp"

#include <cstdio>
#include <pthread.h>

#include "alloc/policy.hpp"
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
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

void interpreter_init(Interpreter& interp, ThreadState& ts, const std::vector<std::string>& argv) {
  ts.interp = &interp;
  ts.thread_id = static_cast<uint64_t>(pthread_self());
  set_current_thread_state(&ts);
  init_stack_limit(ts);
  interp.main_thread = &ts;

  names::init_names();
  init_int_cache();
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

void interpreter_fini(Interpreter& interp, ThreadState& ts) {
  stdio_flush_all();
  // Module dicts hold most of the heap; dropping __main__ runs the __del__
  // methods of objects still alive at exit, as CPython does at shutdown.
  if (Object* main = dict_get_cstr(ts, interp.modules, "__main__")) {
    Ref<Object> keep = newref(main);
    dict_del(ts, interp.modules, names::__main__);
    dict_clear(module_dict(main));
  }
  stdio_flush_all();
  // -X mallocstats[=json]: the allocator's fragmentation report at exit, on stderr.
  for (const std::string& x : interp.xoptions) {
    if (x == "mallocstats" || x == "mallocstats=text") {
      std::string text = report_text(AllocPolicy::report());
      std::fwrite(text.data(), 1, text.size(), stderr);
    } else if (x == "mallocstats=json") {
      std::string json = report_json(AllocPolicy::report()) + "\n";
      std::fwrite(json.data(), 1, json.size(), stderr);
    }
  }
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
  } catch (PyError& e) {
    return report_uncaught(ts, e);
  } catch (std::bad_alloc&) {
    stdio_flush_all();
    std::fprintf(stderr, "MemoryError\n");
    return 1;
  }
  stdio_flush_all();
  return 0;
}

}  // namespace gk
