// runtime/vm/eval.hpp — the eval loop's entry points, and the frame and call
// machinery it shares with call.cpp, frame.cpp and the generator type.
//
// Frames. An ordinary call runs in a frame carved from the calling thread's
// frame arena (frame.cpp): a stack of large chunks, so a call costs a pointer
// bump, not a malloc. Frames are strictly LIFO there. A generator's frame
// outlives the call that created it, so it lives on the heap (frame_new_heap)
// and is owned by the generator object.
//
// Python-to-Python calls made by the CALL instructions do not recurse in C++:
// the eval loop pushes the callee's frame and keeps dispatching in the same
// C++ activation (returning pops it). Only calls that pass through native code
// (a builtin calling back, __init__ run by type.__call__, a generator resume)
// start a new eval_frame activation. Deep Python recursion therefore costs
// arena memory, not C stack; the C stack is still checked on every
// eval_frame entry (check_c_stack, abstract.hpp) so recursion through native
// code raises RecursionError instead of overflowing.
//
// Invariants (frame_chain_ok() checks the first two, for tests and debuggers):
//   ts.frame is the innermost executing frame; frame->back its caller.
//   A frame that is not the innermost has a valid lasti (the instruction it
//   is executing: a call) and stack_depth.
//   ts.recursion_depth counts the frames between ts.frame and the outermost.
#pragma once

#include <cstdint>

#include "objects/function.hpp"
#include "vm/frame.hpp"

namespace gk {

// --- the eval loop (eval.cpp) --------------------------------------------------

// Run `frame` until it returns or yields; returns the returned/yielded value.
// A fresh frame starts at instruction 0 (`sent` must be null). A suspended
// generator frame resumes at lasti + 1 with `sent` pushed. The caller owns the
// frame and releases it (generators tell a yield from a return by the opcode at
// frame->lasti: YIELD_VALUE).
Ref<Object> eval_frame(ThreadState& ts, Frame* frame, Object* sent);
// Resume a suspended (or not yet started) generator frame by raising `exc`
// at its current instruction, as generator.throw() does.
Ref<Object> eval_frame_throw(ThreadState& ts, Frame* frame, Object* exc);

inline Frame* current_frame(ThreadState& ts) noexcept { return ts.frame; }

// The slow side of the eval-breaker check at backward jumps and calls:
//   if (ts.eval_breaker.load(std::memory_order_relaxed)) handle_eval_breaker(ts);
void handle_eval_breaker(ThreadState& ts);

// RecursionError("maximum recursion depth exceeded"). The C-stack check for
// native recursion is check_c_stack() in objects/abstract.hpp.
[[noreturn]] void raise_recursion_error();

// --- frames (frame.cpp) ----------------------------------------------------------

// The thread's frame arena (frame.cpp has the chunk layout and the slow
// paths; the inline fast paths below bump and reset `top`). Owner thread only.
struct ArenaChunk;
struct FrameArena {
  ArenaChunk* cur = nullptr;
  char* top = nullptr;           // the next frame goes here
  char* limit = nullptr;         // end of cur's memory
  char* chunk_first = nullptr;   // cur's first frame address when cur has a previous chunk, else null:
                                 // popping the frame there goes back to the previous chunk (slow path)
};

// A frame on the thread's arena for `code`: references taken on code, func,
// globals, builtins and locals (func/locals nullable), localsplus zeroed,
// lasti -1, no blocks, empty stack. Not yet linked into ts.frame.
inline Frame* frame_push(ThreadState& ts, CodeObject* code, Object* func, Object* globals, Object* builtins,
                         Object* locals);
// Clear the arena frame `f` (the arena's top frame) and give its memory back.
inline void frame_pop(ThreadState& ts, Frame* f) noexcept;
// The same for a frame that must outlive its call (generators).
Frame* frame_new_heap(CodeObject* code, Object* func, Object* globals, Object* builtins, Object* locals);
void frame_free_heap(Frame* f) noexcept;
// Drop every reference a frame holds except code/func/globals/builtins/locals:
// fast locals, cells, the live value stack [0, stack_depth), saved exceptions
// of its blocks. Idempotent.
void frame_clear_locals(Frame* f) noexcept;
// Release the thread's arena (at thread exit; no frame may be live).
void frame_arena_free(ThreadState& ts) noexcept;
// Invariant checker: every frame on ts.frame's chain has a code object and a
// lasti inside it (or -1), and a stack depth within its code's stacksize.
bool frame_chain_ok(ThreadState& ts) noexcept;

// --- the inline halves of frame_push / frame_pop ---

// The slow halves (frame.cpp): a frame that starts a chunk.
Frame* frame_push_new_chunk(ThreadState& ts, CodeObject* code, Object* func, Object* globals, Object* builtins,
                            Object* locals);
void frame_pop_chunk(ThreadState& ts, Frame* f) noexcept;

inline constexpr size_t kFrameAlign = 16;
inline size_t aligned_frame_size(const CodeObject* code) noexcept {
  return (frame_size(code) + kFrameAlign - 1) & ~(kFrameAlign - 1);
}

inline void frame_init(Frame* f, CodeObject* code, Object* func, Object* globals, Object* builtins,
                       Object* locals) noexcept {
  f->back = nullptr;
  incref(code);
  f->code = code;
  xincref(func);
  f->func = func;
  incref(globals);
  f->globals = globals;
  incref(builtins);
  f->builtins = builtins;
  xincref(locals);
  f->locals = locals;
  f->generator = nullptr;
  f->init_self = nullptr;
  f->lasti = -1;
  f->stack_depth = 0;
  f->nblocks = 0;
  Object** lp = f->localsplus();
  for (int i = 0, n = code_nlocalsplus(code); i < n; ++i) lp[i] = nullptr;  // usually a few slots
}

// Drops what frame_clear_locals drops, then the frame's own references.
inline void frame_release_refs(Frame* f) noexcept {
  if (f->stack_depth > 0 || f->nblocks > 0) {
    frame_clear_locals(f);
  } else {
    // Detach each reference before dropping it: a finaliser may look at the frame.
    Object** lp = f->localsplus();
    for (int i = 0, n = code_nlocalsplus(f->code); i < n; ++i) clear(lp[i]);
  }
  clear(f->locals);
  clear(f->func);
  clear(f->init_self);
  decref(f->globals);
  decref(f->builtins);
  decref(f->code);
}

inline Frame* frame_push(ThreadState& ts, CodeObject* code, Object* func, Object* globals, Object* builtins,
                         Object* locals) {
  size_t bytes = aligned_frame_size(code);
  FrameArena* a = ts.frame_arena;
  if (__builtin_expect(!a || a->top + bytes > a->limit, 0))
    return frame_push_new_chunk(ts, code, func, globals, builtins, locals);
  auto* f = reinterpret_cast<Frame*>(a->top);
  a->top += bytes;
  frame_init(f, code, func, globals, builtins, locals);
  return f;
}

inline void frame_pop(ThreadState& ts, Frame* f) noexcept {
  // Clearing may run __del__ methods, which push and pop frames above `f`.
  frame_release_refs(f);
  FrameArena* a = ts.frame_arena;
  char* p = reinterpret_cast<char*>(f);
  if (__builtin_expect(p == a->chunk_first, 0)) return frame_pop_chunk(ts, f);
  a->top = p;
}

// Pops an arena frame on scope exit (exception-safe ordinary calls).
class ArenaFrameGuard {
 public:
  ArenaFrameGuard(ThreadState& ts, Frame* f) noexcept : ts_(ts), f_(f) {}
  ~ArenaFrameGuard() { frame_pop(ts_, f_); }
  ArenaFrameGuard(const ArenaFrameGuard&) = delete;
  ArenaFrameGuard& operator=(const ArenaFrameGuard&) = delete;

 private:
  ThreadState& ts_;
  Frame* f_;
};

// --- calls (call.cpp) ----------------------------------------------------------------

// Bind vectorcall arguments to the parameters of `func` in the fresh frame `f`
// (strong references stored in localsplus), then create the cells of
// co_cellvars and copy the closure's cells. `self`, when non-null, is an extra
// first positional argument (bound methods, CALL_METHOD). Raises TypeError with
// CPython's messages; `f` stays valid for the caller to release.
void bind_arguments(ThreadState& ts, FunctionObject* func, Frame* f, Object* self, Object* const* args,
                    size_t nargs, Object* kwnames);
// Only the cells part of bind_arguments (for callers that filled the arguments).
void frame_init_cells(Frame* f, FunctionObject* func);
// func(self, *args) without building a new argument array.
Ref<Object> function_call_self(ThreadState& ts, Object* func, Object* self, Object* const* args, size_t nargs,
                               Object* kwnames);
// A generator for a CO_GENERATOR function called with these arguments.
Ref<Object> function_make_generator(ThreadState& ts, FunctionObject* func, Object* self, Object* const* args,
                                    size_t nargs, Object* kwnames);

}  // namespace gk
