// runtime/modules/builtins.hpp — the builtins module's assembly.
#pragma once

#include "objects/object.hpp"

namespace gk {

Ref<Object> make_builtins_module(ThreadState& ts);
// sum, min, max, any, all, sorted (builtins_iter.cpp).
const MethodDef* builtin_iteration_functions() noexcept;

}  // namespace gk
