// runtime/vm/dis.hpp — `gilkit --dis`: a disassembly listing laid out like
// CPython 3.11's `dis.dis(code)` (line, jump-target marker, byte offset,
// opcode name, argument and its meaning), for a code object and then,
// recursively, every code object among its constants.
#pragma once

#include <ostream>

#include "objects/object.hpp"

namespace gk {

// Prints the disassembly of `code` (a CodeObject) and of its nested code
// objects to `out`. May run repr() of constants, hence the ThreadState.
void dis_code(ThreadState& ts, Object* code, std::ostream& out);

}  // namespace gk
