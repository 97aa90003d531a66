// alloc/mimalloc_allocator.hpp — the `mimalloc` allocator policy: object
// blocks from the mimalloc library (Debian's libmimalloc-dev). mimalloc keeps
// a heap per thread (mi_malloc uses the calling thread's default heap), frees
// from other threads go to the owning page's thread-free list — the design
// the no-GIL build relies on.
//
// Two flavours (alloc/policy.hpp picks one by the lock policy):
//   MimallocPolicy          GIL build: stats_ is plain, guarded by the GIL
//   MimallocThreadedPolicy  no-GIL build: per-thread counters summed when read
//                           (alloc/thread_stats.hpp); thread_exit() folds the
//                           thread's counters into the registry
// mimalloc itself needs no help at thread exit: it abandons the thread's
// heap and other threads reclaim its pages.
//
// The fragmentation report walks the CALLING thread's heap with
// mi_heap_visit_blocks: each heap area is one mimalloc page of one block size.
// mimalloc only lets a heap be visited from its own thread, so in the no-GIL
// flavour the per-class rows and the small-object region cover the calling
// thread's heap only (the identity live + free + empty + overhead = region
// holds for it); requested bytes/blocks are summed over every thread, and
// os_committed_bytes comes from mi_process_info (the whole process).
#pragma once

#include <cstddef>

#include "alloc/report.hpp"
#include "alloc/system_allocator.hpp"
#include "alloc/thread_stats.hpp"

namespace gk {

struct MimallocPolicy {
  static constexpr const char* name = "mimalloc";
  static void* allocate(size_t size);
  static void deallocate(void* p, size_t size) noexcept;
  static void* reallocate(void* p, size_t old_size, size_t new_size);
  static const AllocStats& stats() noexcept { return stats_; }
  static FragmentationReport report();
  static void thread_exit() noexcept {}

 private:
  static inline AllocStats stats_{};  // bytes requested by live blocks; guarded by the GIL
};

struct MimallocThreadedPolicy {
  static constexpr const char* name = "mimalloc";
  static void* allocate(size_t size);
  static void deallocate(void* p, size_t size) noexcept;
  static void* reallocate(void* p, size_t old_size, size_t new_size);
  static AllocStats stats() noexcept;  // summed over every thread; by value
  static FragmentationReport report();  // see above for what it covers
  static void thread_exit() noexcept;   // folds this thread's counters; idempotent

 private:
  static ThreadAllocStats& counters() noexcept {
    ThreadStatsNode* n = tls_node_;
    if (!n) [[unlikely]] n = attach();
    return n->counters;
  }
  static ThreadStatsNode* attach() noexcept;
  static inline thread_local ThreadStatsNode* tls_node_ __attribute__((tls_model("initial-exec"))) = nullptr;  // this thread only
};

}  // namespace gk
