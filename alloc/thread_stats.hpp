// alloc/thread_stats.hpp — AllocStats without a GIL: one set of counters per
// thread, summed when read. Used by the no-GIL flavours of both allocator
// policies (PymallocThreadedPolicy, MimallocThreadedPolicy).
//
// Key types
//   ThreadAllocStats  one thread's counters: written by that thread only, with
//                     a relaxed load + relaxed store (a plain add: no lock
//                     prefix, no cache-line ping-pong), read by any thread
//                     with relaxed loads (no data race, possibly a little stale)
//   StatsRegistry     the process-wide list of those counters (mutex-guarded)
//                     plus the folded-in counters of threads that have exited
//
// Counters belong to the thread doing the operation, not to the heap holding
// the block: a block allocated by A and freed by B adds 1 to A's live_blocks
// and subtracts 1 from B's. One thread's value can so wrap below zero; the
// sum over all threads (mod 2^64) is exact. Sums are exact when the counted
// threads are quiescent (joined, or stopped by stop-the-world); while they run,
// stats() is a snapshot that may miss operations in flight.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

#include "alloc/system_allocator.hpp"

namespace gk {

struct ThreadAllocStats {
  // Each: owner thread writes (bump), any thread reads (relaxed).
  std::atomic<uint64_t> live_blocks{0};
  std::atomic<uint64_t> live_bytes{0};
  std::atomic<uint64_t> total_allocs{0};
  std::atomic<uint64_t> total_frees{0};

  static void bump(std::atomic<uint64_t>& c, uint64_t delta) noexcept {
    c.store(c.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
  }
  void on_alloc(size_t size) noexcept {
    bump(live_blocks, 1);
    bump(live_bytes, size);
    bump(total_allocs, 1);
  }
  void on_free(size_t size) noexcept {
    bump(live_blocks, ~uint64_t{0});  // -1 mod 2^64
    bump(live_bytes, uint64_t{0} - size);
    bump(total_frees, 1);
  }
  void on_resize(size_t old_size, size_t new_size) noexcept { bump(live_bytes, uint64_t{new_size} - old_size); }
  void add_to(AllocStats& s) const noexcept {
    s.live_blocks += live_blocks.load(std::memory_order_relaxed);
    s.live_bytes += live_bytes.load(std::memory_order_relaxed);
    s.total_allocs += total_allocs.load(std::memory_order_relaxed);
    s.total_frees += total_frees.load(std::memory_order_relaxed);
  }
};

struct ThreadStatsNode {
  ThreadAllocStats counters;       // see ThreadAllocStats
  ThreadStatsNode* next = nullptr;  // guarded by the registry's mutex
  ThreadStatsNode* prev = nullptr;  // guarded by the registry's mutex
};

class StatsRegistry {
 public:
  constexpr StatsRegistry() noexcept = default;
  // Registers a node (its thread starts counting in it).
  void add(ThreadStatsNode* n) noexcept {
    std::lock_guard<std::mutex> g(mu_);
    n->prev = nullptr;
    n->next = head_;
    if (head_) head_->prev = n;
    head_ = n;
  }
  // The node's thread is exiting: its counters are folded into the retired
  // sum, and it leaves the list (the caller may delete or re-add it).
  void retire(ThreadStatsNode* n) noexcept {
    std::lock_guard<std::mutex> g(mu_);
    n->counters.add_to(retired_);
    for (auto* c : {&n->counters.live_blocks, &n->counters.live_bytes, &n->counters.total_allocs,
                    &n->counters.total_frees}) {
      c->store(0, std::memory_order_relaxed);
    }
    if (n->prev) n->prev->next = n->next;
    else head_ = n->next;
    if (n->next) n->next->prev = n->prev;
    n->next = n->prev = nullptr;
  }
  AllocStats sum() const noexcept {
    std::lock_guard<std::mutex> g(mu_);
    AllocStats s = retired_;
    for (const ThreadStatsNode* n = head_; n; n = n->next) n->counters.add_to(s);
    return s;
  }

 private:
  mutable std::mutex mu_;
  ThreadStatsNode* head_ = nullptr;  // guarded by mu_
  AllocStats retired_{};             // exited threads' counters; guarded by mu_
};

// Static storage that is constant-initialised and never destroyed: blocks may
// still be freed (and counted) during static destruction.
template <class T>
union NeverDestroyed {
  constexpr NeverDestroyed() noexcept : value() {}
  ~NeverDestroyed() {}
  T value;
};

}  // namespace gk
