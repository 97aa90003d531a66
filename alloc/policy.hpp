// alloc/policy.hpp — picks the allocator policy for this build. This header and
// gil/policy.hpp are the only places that branch on the build configuration.
//
// An allocator policy provides: allocate(size) -> void* (throws std::bad_alloc),
// deallocate(ptr, size), reallocate(ptr, old_size, new_size), stats() (live
// requested blocks/bytes: a const AllocStats& in the GIL flavours, an
// AllocStats by value in the no-GIL ones; use it as a value), report() (the
// fragmentation report, alloc/report.hpp) and thread_exit() (the VM calls it
// on each thread, the main thread included, when the thread stops running
// Python code; empty in the GIL flavours). Every object block goes through it.
//
//              -Dlock=gil (one heap, GIL-guarded)    -Dlock=nogil (thread-safe)
//   pymalloc   PymallocPolicy                        PymallocThreadedPolicy
//              (alloc/pool_allocator.hpp)            (alloc/pool_heaps.hpp)
//   mimalloc   MimallocPolicy                        MimallocThreadedPolicy
//              (alloc/mimalloc_allocator.hpp)        (same file)
//
// The GIL flavours keep one process-wide heap and plain counters: no TLS
// lookup and no atomic on the fast path. The no-GIL flavours: per-thread pool
// heaps with cross-thread frees handed back to the owner (pymalloc), per-thread
// stats counters summed when read (both). Both flavours of the pool allocator
// are always compiled, so the unit tests exercise the no-GIL one in every build.
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include "gilkit_config.hpp"
#include "alloc/mimalloc_allocator.hpp"
#include "alloc/pool_allocator.hpp"
#include "alloc/pool_heaps.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

template <class A>
concept AllocPolicyType = requires(void* p, size_t n) {
  { A::allocate(n) } -> std::same_as<void*>;
  { A::deallocate(p, n) } noexcept;
  { A::reallocate(p, n, n) } -> std::same_as<void*>;
  { A::stats() } noexcept -> std::convertible_to<AllocStats>;
  { A::report() } -> std::same_as<FragmentationReport>;
  { A::thread_exit() } noexcept;
};

// The selected allocator in each lock flavour (the unit tests use both).
using GilAllocPolicy = std::conditional_t<config::alloc_is_pymalloc, PymallocPolicy, MimallocPolicy>;
using NogilAllocPolicy = std::conditional_t<config::alloc_is_pymalloc, PymallocThreadedPolicy, MimallocThreadedPolicy>;
using SelectedAllocator = std::conditional_t<config::lock_is_gil, GilAllocPolicy, NogilAllocPolicy>;
// Under AddressSanitizer the pool allocator poisons free blocks, so ASan
// builds test the real allocator (alloc/pool_allocator.cpp).
using AllocPolicy = SelectedAllocator;
static_assert(AllocPolicyType<AllocPolicy>);
static_assert(AllocPolicyType<PymallocPolicy> && AllocPolicyType<PymallocThreadedPolicy>);
static_assert(AllocPolicyType<MimallocPolicy> && AllocPolicyType<MimallocThreadedPolicy>);

}  // namespace gk
