// threads/os_thread.hpp — OS threads for the VM. runtime/ never calls pthreads
// or std::thread directly: it starts threads here. Threads get a large stack
// (RecursionError, not a crash, must end deep recursion, and the eval loop
// recurses on the C stack for each Python call).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace gk {

inline constexpr size_t kThreadStackBytes = 16u << 20;  // 16 MiB, like the main thread's default rlimit x2

// Starts a detached OS thread running `body`. Returns false if the OS refused.
bool start_os_thread(std::function<void()> body, size_t stack_bytes = kThreadStackBytes);
uint64_t current_thread_ident() noexcept;  // threading.get_ident()
uint64_t current_native_id() noexcept;     // threading.get_native_id(): the kernel thread id

}  // namespace gk
