// alloc/mimalloc_allocator.cpp — mimalloc behind the allocator policy, and
// its fragmentation report from mi_heap_visit_blocks / mi_process_info.
#include "alloc/mimalloc_allocator.hpp"

#include <mimalloc.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>

namespace gk {

void* MimallocPolicy::allocate(size_t size) {
  void* p = mi_malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  ++stats_.live_blocks;
  stats_.live_bytes += size;
  ++stats_.total_allocs;
  return p;
}

void MimallocPolicy::deallocate(void* p, size_t size) noexcept {
  if (!p) return;
  --stats_.live_blocks;
  stats_.live_bytes -= size;
  ++stats_.total_frees;
  mi_free(p);
}

void* MimallocPolicy::reallocate(void* p, size_t old_size, size_t new_size) {
  void* q = mi_realloc(p, new_size ? new_size : 1);
  if (!q) throw std::bad_alloc();
  stats_.live_bytes += new_size;
  stats_.live_bytes -= old_size;
  return q;
}

namespace {

struct Walk {
  std::map<size_t, SizeClassRow> rows;  // by block size
  FragmentationReport* r;
};

// Called once per heap area (block == nullptr when visit_all_blocks is false).
bool visit_area(const mi_heap_t*, const mi_heap_area_t* area, void*, size_t, void* arg) {
  auto* w = static_cast<Walk*>(arg);
  size_t bsize = area->block_size;
  size_t full = area->full_block_size ? area->full_block_size : bsize;
  size_t capacity = full ? area->reserved / full : 0;
  if (capacity < area->used) capacity = area->used;
  SizeClassRow& row = w->rows[bsize];
  row.block_size = bsize;
  ++row.pages;
  row.blocks_used += area->used;
  row.blocks_free += capacity - area->used;
  FragmentationReport& r = *w->r;
  if (area->used == 0) {
    r.empty_pages_bytes += area->reserved;
  } else {
    r.live_block_bytes += area->used * bsize;
    r.free_in_pages_bytes += (capacity - area->used) * bsize;
    r.overhead_bytes += area->reserved - capacity * bsize;
  }
  r.region_reserved_bytes += area->reserved;
  return true;
}

// The calling thread's heap, and process-wide figures; requested_* are the caller's.
FragmentationReport calling_thread_report() {
  FragmentationReport r;
  r.allocator = "mimalloc";
  Walk w{{}, &r};
  mi_heap_visit_blocks(mi_heap_get_default(), false, visit_area, &w);
  for (auto& [size, row] : w.rows) r.classes.push_back(row);
  size_t elapsed, user, sys, current_rss, peak_rss, current_commit, peak_commit, faults;
  mi_process_info(&elapsed, &user, &sys, &current_rss, &peak_rss, &current_commit, &peak_commit, &faults);
  r.os_committed_bytes = current_commit;
  r.os_reserved_bytes = r.region_reserved_bytes > current_commit ? r.region_reserved_bytes : current_commit;
  r.rss_bytes = process_rss_bytes();
  r.peak_rss_bytes = process_peak_rss_bytes();
  return r;
}

constinit NeverDestroyed<StatsRegistry> g_stats;  // MimallocThreadedPolicy's threads

}  // namespace

FragmentationReport MimallocPolicy::report() {
  FragmentationReport r = calling_thread_report();
  r.requested_bytes = stats_.live_bytes;
  r.requested_blocks = stats_.live_blocks;
  return r;
}

// --- the no-GIL flavour -------------------------------------------------------

ThreadStatsNode* MimallocThreadedPolicy::attach() noexcept {
  auto* n = new (std::nothrow) ThreadStatsNode();
  if (!n) {
    std::fprintf(stderr, "gilkit: mimalloc policy: out of memory for thread counters\n");
    std::abort();
  }
  g_stats.value.add(n);
  tls_node_ = n;
  return n;
}

void MimallocThreadedPolicy::thread_exit() noexcept {
  ThreadStatsNode* n = tls_node_;
  if (!n) return;
  tls_node_ = nullptr;
  g_stats.value.retire(n);
  delete n;
}

void* MimallocThreadedPolicy::allocate(size_t size) {
  void* p = mi_malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  counters().on_alloc(size);
  return p;
}

void MimallocThreadedPolicy::deallocate(void* p, size_t size) noexcept {
  if (!p) return;
  counters().on_free(size);
  mi_free(p);  // mimalloc hands a block of another thread's page to its thread-free list
}

void* MimallocThreadedPolicy::reallocate(void* p, size_t old_size, size_t new_size) {
  void* q = mi_realloc(p, new_size ? new_size : 1);
  if (!q) throw std::bad_alloc();
  counters().on_resize(old_size, new_size);
  return q;
}

AllocStats MimallocThreadedPolicy::stats() noexcept { return g_stats.value.sum(); }

FragmentationReport MimallocThreadedPolicy::report() {
  FragmentationReport r = calling_thread_report();
  AllocStats s = stats();
  r.requested_bytes = s.live_bytes;
  r.requested_blocks = s.live_blocks;
  return r;
}

}  // namespace gk
