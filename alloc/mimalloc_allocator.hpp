// alloc/mimalloc_allocator.hpp — the `mimalloc` allocator policy: object
// blocks from the mimalloc library (Debian's libmimalloc-dev). mimalloc keeps
// a heap per thread (mi_malloc uses the calling thread's default heap), frees
// from other threads go to the owning page's thread-free list — the design
// the no-GIL build relies on.
//
// The fragmentation report walks the calling thread's heap with
// mi_heap_visit_blocks: each heap area is one mimalloc page of one block size.
#pragma once

#include <cstddef>

#include "alloc/report.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

struct MimallocPolicy {
  static constexpr const char* name = "mimalloc";
  static void* allocate(size_t size);
  static void deallocate(void* p, size_t size) noexcept;
  static void* reallocate(void* p, size_t old_size, size_t new_size);
  static const AllocStats& stats() noexcept { return stats_; }
  static FragmentationReport report();

 private:
  static inline AllocStats stats_{};  // bytes requested by live blocks; guarded by the GIL
};

}  // namespace gk
