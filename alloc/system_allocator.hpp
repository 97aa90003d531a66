// alloc/system_allocator.hpp — every block from the C library's malloc, with
// live-byte counters: the baseline that the allocator unit tests compare the
// policies against (tests/unit/test_alloc_policy.cpp).
//
// Counters are guarded by the GIL (the only lock policy built so far).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "alloc/report.hpp"

namespace gk {

struct AllocStats {
  uint64_t live_blocks = 0;      // blocks handed out and not yet freed
  uint64_t live_bytes = 0;       // bytes requested by those blocks
  uint64_t total_allocs = 0;     // allocate() calls since start
  uint64_t total_frees = 0;      // deallocate() calls since start
};

struct SystemAllocator {
  static constexpr const char* name = "malloc";

  static void* allocate(size_t size) {
    void* p = std::malloc(size ? size : 1);
    if (!p) throw std::bad_alloc();
    ++stats_.live_blocks;
    stats_.live_bytes += size;
    ++stats_.total_allocs;
    return p;
  }
  static void deallocate(void* p, size_t size) noexcept {
    if (!p) return;
    --stats_.live_blocks;
    stats_.live_bytes -= size;
    ++stats_.total_frees;
    std::free(p);
  }
  static void* reallocate(void* p, size_t old_size, size_t new_size) {
    void* q = std::realloc(p, new_size ? new_size : 1);
    if (!q) throw std::bad_alloc();
    stats_.live_bytes += new_size;
    stats_.live_bytes -= old_size;
    return q;
  }
  static const AllocStats& stats() noexcept { return stats_; }
  static void thread_exit() noexcept {}
  // malloc keeps no small-object region of ours: everything counts as large.
  static FragmentationReport report() {
    FragmentationReport r;
    r.allocator = "malloc";
    r.requested_bytes = r.large_bytes = stats_.live_bytes;
    r.requested_blocks = r.large_blocks = stats_.live_blocks;
    r.rss_bytes = process_rss_bytes();
    r.peak_rss_bytes = process_peak_rss_bytes();
    return r;
  }

 private:
  static inline AllocStats stats_{};  // guarded by the GIL
};

}  // namespace gk
