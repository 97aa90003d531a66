// runtime/objects/module.hpp — module objects and the native-module registry
// (sys, time, math, ... register a factory; `import` finds them by name).
#pragma once

#include <string_view>

#include "objects/object.hpp"

namespace gk {

struct ModuleObject : Object {
  Object* dict;  // the module namespace (strong)
  Object* name;  // str
};

Ref<Object> module_new(ThreadState& ts, const char* name);
inline Object* module_dict(Object* m) noexcept { return static_cast<ModuleObject*>(m)->dict; }
// Adds functions from a null-terminated table to a module.
void module_add_functions(ThreadState& ts, Object* module, const MethodDef* defs);
void module_add(ThreadState& ts, Object* module, const char* name, Object* value);

// Built-in module registry. A factory creates the module once; import caches it in sys.modules.
using ModuleInitFn = Ref<Object> (*)(ThreadState&);
struct NativeModuleDef {
  const char* name;
  ModuleInitFn init;
};
// Native modules register themselves from a static initialiser:
//   GK_REGISTER_MODULE(math, init_math_module);   // import math
bool register_native_module(const char* name, ModuleInitFn init) noexcept;
const NativeModuleDef* find_native_module(std::string_view name) noexcept;
#define GK_REGISTER_MODULE(name, init) \
  [[maybe_unused]] static const bool gk_module_registered_##name = ::gk::register_native_module(#name, (init))

}  // namespace gk
