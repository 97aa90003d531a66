// runtime/vm/import.cpp — the import system: sys.modules, native modules
// (registered with GK_REGISTER_MODULE), frozen Python-source modules compiled
// into the binary (threading, queue), and single-file source modules found on
// sys.path (`import helper` next to the script). No packages yet.
#include <fstream>
#include <sstream>

#include "modules/frozen.hpp"
#include "objects/abstract.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

[[noreturn]] void raise_not_found(ThreadState& ts, std::string_view name) {
  Ref<Object> exc = exception_new(ts, Exc_ModuleNotFoundError,
                                  "No module named '" + std::string(name) + "'");
  setattr(ts, exc, names::name, str_new(name));
  raise_obj(std::move(exc));
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

// Runs `source` as the body of a new module registered in sys.modules.
Ref<Object> exec_source_module(ThreadState& ts, Object* name, std::string_view source, const std::string& filename) {
  Ref<Object> code = compile_source(ts, source, filename, "exec");
  Ref<Object> m = module_new(ts, std::string(str_view(name)).c_str());
  Object* d = module_dict(m);
  dict_set(ts, d, names::__file__, str_new(filename));
  dict_set(ts, d, names::__builtins__, ts.interp->builtins_module);
  dict_set(ts, ts.interp->modules, name, m);
  try {
    eval_code(ts, code, d, d);
  } catch (PyError&) {
    dict_del(ts, ts.interp->modules, name);
    throw;
  }
  // The module may have replaced itself in sys.modules.
  Object* final_m = dict_get(ts, ts.interp->modules, name);
  return final_m ? newref(final_m) : m;
}

// Looks for NAME.py in each sys.path entry; runs it as a new module.
Ref<Object> import_source_module(ThreadState& ts, Object* name) {
  Object* path = dict_get_cstr(ts, module_dict(ts.interp->sys_module), "path");
  if (!path || !is_list(path)) return nullptr;
  std::string file_name = std::string(str_view(name)) + ".py";
  for (size_t i = 0; i < list_size(path); ++i) {
    Ref<Object> entry = list_item_ref(path, i);  // sys.path may change under another thread
    if (!entry || !is_str(entry)) continue;
    std::string dir(str_view(entry));
    std::string full = dir.empty() ? file_name : dir + "/" + file_name;
    std::string source;
    if (!read_file(full, source)) continue;
    return exec_source_module(ts, name, source, full);
  }
  return nullptr;
}

}  // namespace

Ref<Object> import_module(ThreadState& ts, Object* name, Object* fromlist, int level) {
  (void)fromlist;
  if (level > 0) raise(Exc_ImportError, "attempted relative import with no known parent package");
  if (!is_str(name)) raise_fmt(Exc_TypeError, "module name must be str, not %s", type_name(name));
  if (str_length(name) == 0) raise(Exc_ValueError, "Empty module name");
  if (Object* m = dict_get(ts, ts.interp->modules, name)) return newref(m);
  std::string_view n = str_view(name);
  if (n.find('.') != std::string_view::npos) raise_not_found(ts, n);  // no packages yet
  if (const NativeModuleDef* def = find_native_module(n)) {
    Ref<Object> m = def->init(ts);
    dict_set(ts, ts.interp->modules, name, m);
    return m;
  }
  std::string_view frozen = find_frozen_module(n);
  if (!frozen.empty()) return exec_source_module(ts, name, frozen, "<frozen " + std::string(n) + ">");
  if (Ref<Object> m = import_source_module(ts, name)) return m;
  raise_not_found(ts, n);
}

}  // namespace gk
