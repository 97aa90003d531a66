// runtime/vm/frame.hpp — an executing Python frame: fast locals, the value
// stack and the block stack. Owned and touched only by the thread running it
// (a suspended generator's frame by whichever thread resumes it, one at a time).
//
// Memory: header, then localsplus[nlocalsplus] (strong refs or null), then the
// value stack[stacksize] (strong refs; NULL allowed as CALL_METHOD's marker).
#pragma once

#include <cstdint>

#include "objects/code.hpp"
#include "objects/object.hpp"

namespace gk {

enum class BlockKind : uint8_t { FINALLY, EXCEPT_HANDLER };

struct Block {
  BlockKind kind;
  int handler;      // FINALLY: instruction index of the handler
  int level;        // value-stack depth to restore
  Object* prev_exc; // EXCEPT_HANDLER: the exc_info to restore on POP_EXCEPT (strong, nullable)
};

inline constexpr int kMaxBlocks = 32;  // static nesting limit ("too many statically nested blocks")

struct Frame {
  Frame* back;            // the caller's frame (null for the outermost)
  CodeObject* code;       // strong
  Object* func;           // FunctionObject (strong) or null for module/exec code
  Object* globals;        // dict (strong)
  Object* builtins;       // dict (strong)
  Object* locals;         // dict for module and class bodies (strong), null in functions
  Object* generator;      // the owning generator (borrowed) or null
  Object* init_self;      // strong or null: the instance whose __init__ this frame runs, when the
                          // eval loop called a class inline (returned instead of __init__'s None)
  int lasti;              // index of the instruction being executed (-1 before the first)
  int stack_depth;        // number of live value-stack entries (valid while suspended / unwinding)
  int nblocks;
  Block blocks[kMaxBlocks];
  // Object* localsplus[code_nlocalsplus(code)] follows, then Object* stack[code->stacksize]

  Object** localsplus() noexcept { return reinterpret_cast<Object**>(this + 1); }
  Object** stack_base() noexcept { return localsplus() + code_nlocalsplus(code); }
  int current_line() const noexcept { return lasti >= 0 ? code->lines[lasti] : code->firstlineno; }
};

inline size_t frame_size(const CodeObject* code) noexcept {
  return sizeof(Frame) + sizeof(Object*) * (code_nlocalsplus(code) + code->stacksize);
}

}  // namespace gk
