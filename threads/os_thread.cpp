// threads/os_thread.cpp — pthread-based thread start with an explicit stack size.
#include "threads/os_thread.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <memory>

namespace gk {

namespace {
void* trampoline(void* arg) {
  std::unique_ptr<std::function<void()>> body(static_cast<std::function<void()>*>(arg));
  (*body)();
  return nullptr;
}
}  // namespace

bool start_os_thread(std::function<void()> body, size_t stack_bytes) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  auto* heap_body = new std::function<void()>(std::move(body));
  pthread_t tid;
  int rc = pthread_create(&tid, &attr, trampoline, heap_body);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    delete heap_body;
    return false;
  }
  return true;
}

uint64_t current_thread_ident() noexcept { return static_cast<uint64_t>(pthread_self()); }
uint64_t current_native_id() noexcept { return static_cast<uint64_t>(syscall(SYS_gettid)); }

}  // namespace gk
