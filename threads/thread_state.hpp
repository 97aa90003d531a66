// threads/thread_state.hpp — ThreadState: everything one thread that runs
// bytecode owns. The eval loop receives it as `ThreadState&`; nothing finds it
// through a global, except object finalisers (dealloc has no ThreadState
// parameter), which use current_thread_state().
//
// Eval breaker: one atomic word per thread, checked by the eval loop at
// backward jumps and calls. Any thread may set a bit (atomic, relaxed store +
// the owner's acquire load at the check); only the owner clears one.
#pragma once

#include <atomic>
#include <cstdint>

namespace gk {

struct Frame;
struct Object;
struct Interpreter;

enum EvalBreakerBit : uint32_t {
  kGilDropRequest = 1u << 0,      // another thread waits for the GIL
  kStopTheWorld = 1u << 1,        // a stop-the-world pause was requested
  kPendingMerges = 1u << 2,       // biased-refcount objects queued to this owner
  kPendingCalls = 1u << 3,        // pending calls / async exceptions (e.g. SIGINT)
};

struct ThreadState {
  // Any thread sets bits; the owner reads and clears them.
  std::atomic<uint32_t> eval_breaker{0};

  // --- owner thread only ---
  Interpreter* interp = nullptr;
  Frame* frame = nullptr;            // innermost frame being executed
  int recursion_depth = 0;           // Python-level call depth
  uintptr_t c_stack_limit = 0;       // below this stack address: RecursionError
  Object* exc_info = nullptr;        // strong ref: the exception being handled (sys.exc_info), or null
  uint64_t thread_id = 0;            // get_ident()

  ThreadState() = default;
  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;
};

// The calling thread's state. Only for code that is handed no ThreadState
// (object deallocation running __del__); everything else passes it explicitly.
ThreadState* current_thread_state() noexcept;
void set_current_thread_state(ThreadState* ts) noexcept;

// Sets ts.c_stack_limit from the calling thread's stack bounds, leaving a
// margin for the frames that raise RecursionError and print tracebacks.
void init_stack_limit(ThreadState& ts) noexcept;

}  // namespace gk
