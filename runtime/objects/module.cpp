// runtime/objects/module.cpp — the module type (types.ModuleType): creation,
// attribute access with the module-level __getattr__ hook (PEP 562), repr,
// and the registry of native modules that `import` consults.
#include "objects/module.hpp"

#include <string>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Module_type;

namespace {

ModuleObject* as_module(Object* o) { return static_cast<ModuleObject*>(o); }

// Fills a fresh module dict the way CPython's module_init_dict does.
void init_module_dict(ThreadState& ts, Object* d, Object* name, Object* doc) {
  dict_set(ts, d, names::__name__, name);
  dict_set(ts, d, names::__doc__, doc ? doc : None());
  dict_set_cstr(ts, d, "__package__", None());
  dict_set_cstr(ts, d, "__loader__", None());
  dict_set_cstr(ts, d, "__spec__", None());
}

void module_dealloc(Object* o) noexcept {
  clear(as_module(o)->dict);
  clear(as_module(o)->name);
  object_free(o, sizeof(ModuleObject));
}

Ref<Object> module_tp_new(ThreadState&, TypeObject* type, Object* const*, size_t, Object*) {
  Ref<Object> m = steal(type_alloc(type));
  as_module(m)->dict = dict_new().release();
  return m;
}

void module_tp_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("module", args, nargs, kwnames, {"name", "doc"}, 1, a);
  if (!is_str(a[0])) raise_fmt(Exc_TypeError, "module.__init__() argument 'name' must be str, not %s", type_name(a[0]));
  ModuleObject* m = as_module(self);
  if (!m->dict) m->dict = dict_new().release();
  assign(m->name, a[0]);
  init_module_dict(ts, m->dict, a[0], a[1]);
}

std::string module_name_of(ThreadState& ts, Object* self) {
  Object* d = as_module(self)->dict;
  Object* n = d ? dict_get_str(ts, d, names::__name__) : nullptr;
  return n && is_str(n) ? std::string(str_view(n)) : std::string("?");
}

Ref<Object> module_repr(ThreadState& ts, Object* self) {
  std::string name = module_name_of(ts, self);
  Object* d = as_module(self)->dict;
  Object* file = d ? dict_get_str(ts, d, names::__file__) : nullptr;
  if (file && is_str(file)) return str_new("<module '" + name + "' from '" + std::string(str_view(file)) + "'>");
  if (name == "sys" || name == "builtins" || find_native_module(name)) return str_new("<module '" + name + "' (built-in)>");
  return str_new("<module '" + name + "'>");
}

// Generic lookup, then the module's own __getattr__(name) (PEP 562).
Ref<Object> module_getattro(ThreadState& ts, Object* self, Object* name) {
  if (Ref<Object> r = generic_getattr(ts, self, name)) return r;
  Object* d = as_module(self)->dict;
  if (d) {
    if (Object* hook = dict_get_str(ts, d, names::__getattr__)) {
      Ref<Object> keep = newref(hook);
      return call1(ts, hook, name);
    }
  }
  return nullptr;
}

Ref<Object> module_dir(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__dir__", kwnames);
  check_nargs("__dir__", nargs, 0, 0);
  Object* d = as_module(self)->dict;
  if (Object* hook = d ? dict_get_cstr(ts, d, "__dir__") : nullptr) return call0(ts, hook);
  return d ? dict_keys_list(d) : dict_keys_list(dict_new());
}

Ref<Object> module_get_dict(ThreadState& ts, Object* self) { return newref(instance_get_dict(ts, self)); }

const MethodDef kModuleMethods[] = {
    {"__dir__", module_dir, METH_DEFAULT, "__dir__() -> list\nspecialized dir() implementation"},
    {nullptr, nullptr},
};
const GetSetDef kModuleGetSets[] = {
    {"__dict__", module_get_dict, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_module(TypeObject& t) {
  t.name = "module";
  t.doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.";
  t.basicsize = sizeof(ModuleObject);
  {
    ModuleObject probe{};
    t.dictoffset = reinterpret_cast<char*>(&probe.dict) - reinterpret_cast<char*>(&probe);
  }
  t.flags = TPFLAG_BASETYPE | TPFLAG_HAS_DICT;
  t.dealloc = module_dealloc;
  t.repr = module_repr;
  t.getattro = module_getattro;
  t.setattro = generic_setattr;
  t.new_ = module_tp_new;
  t.init = module_tp_init;
  t.methods = kModuleMethods;
  t.getsets = kModuleGetSets;
}

std::vector<NativeModuleDef>& native_modules() {
  static std::vector<NativeModuleDef> v;
  return v;
}

}  // namespace

GK_REGISTER_TYPE(Module_type, setup_module);

Ref<Object> module_new(ThreadState& ts, const char* name) {
  Ref<Object> m = steal(type_alloc(&Module_type));
  ModuleObject* mo = as_module(m);
  mo->dict = dict_new().release();
  mo->name = str_new(name).release();
  init_module_dict(ts, mo->dict, mo->name, nullptr);
  return m;
}

void module_add_functions(ThreadState& ts, Object* module, const MethodDef* defs) {
  Object* d = module_dict(module);
  Object* mname = dict_get_str(ts, d, names::__name__);
  for (; defs->name; ++defs) {
    Ref<Object> f = builtin_function_new(defs, module, mname);
    dict_set(ts, d, intern(defs->name), f);
  }
}

void module_add(ThreadState& ts, Object* module, const char* name, Object* value) {
  dict_set(ts, module_dict(module), intern(name), value);
}

bool register_native_module(const char* name, ModuleInitFn init) noexcept {
  try {
    native_modules().push_back({name, init});
    return true;
  } catch (...) {
    return false;
  }
}

const NativeModuleDef* find_native_module(std::string_view name) noexcept {
  for (const NativeModuleDef& d : native_modules())
    if (name == d.name) return &d;
  return nullptr;
}

}  // namespace gk
