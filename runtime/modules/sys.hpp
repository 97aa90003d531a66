// runtime/modules/sys.hpp — building the sys module at start-up.
#pragma once

#include <string>
#include <vector>

#include "objects/object.hpp"

namespace gk {

Ref<Object> make_sys_module(ThreadState& ts, const std::vector<std::string>& argv);

}  // namespace gk
