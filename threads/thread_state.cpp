// threads/thread_state.cpp — the current-thread pointer and C stack bounds.
#include "threads/thread_state.hpp"

#include <pthread.h>

namespace gk {

namespace {
thread_local ThreadState* tls_current = nullptr;
}

ThreadState* current_thread_state() noexcept { return tls_current; }
void set_current_thread_state(ThreadState* ts) noexcept { tls_current = ts; }

void init_stack_limit(ThreadState& ts) noexcept {
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  if (addr == nullptr || size == 0) {
    // Unknown bounds: assume 1 MiB below the current frame.
    char here;
    ts.c_stack_limit = reinterpret_cast<uintptr_t>(&here) - (1u << 20);
    return;
  }
  // Keep 256 KiB for raising RecursionError, tracebacks and sanitizer frames.
  size_t margin = size / 4 < (256u << 10) ? size / 4 : (256u << 10);
  ts.c_stack_limit = reinterpret_cast<uintptr_t>(addr) + margin;
}

}  // namespace gk
