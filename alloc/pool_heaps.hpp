// alloc/pool_heaps.hpp — the no-GIL flavour of the `pymalloc` policy: one
// pool heap (a PoolAllocator) per thread, a process-wide heap registry, and
// cross-thread frees handed back to the owning heap.
//
// Key types
//   ThreadHeap              a PoolAllocator owned by one thread, plus that
//                           thread's stats counters and the registry links
//   PymallocThreadedPolicy  the allocator policy (alloc/policy.hpp picks it
//                           when config::lock_is_gil is false; the unit tests
//                           instantiate it directly in every build)
//
// Design (obmalloc pools + mimalloc's thread-free list and abandonment)
//   - A thread's heap is created lazily by its first allocate()/deallocate()
//     (a thread_local pointer: one TLS load on the fast path) and registered
//     in the registry's `live` list. The main thread is a thread like any other.
//   - allocate() and a free of a block whose pool this thread owns
//     (pool->owner == the thread's heap) are the PoolAllocator fast paths: no
//     lock, no atomic read-modify-write.
//   - A free of a small block owned by ANOTHER heap pushes it onto that
//     heap's thread-free list (PoolAllocator::deallocate_mt: a lock-free CAS
//     push). The owner drains the list into its pools on its allocation slow
//     path; until then the block counts as in use in its pool.
//   - Large blocks (> 512 B) go to the C library from any thread.
//   - thread_exit() (the VM calls it when a thread ends; a pthread key
//     destructor calls it for threads that never do) drains the heap, folds
//     the thread's counters into the registry, and ABANDONS the heap: it moves
//     to the `orphans` list, wholly empty arenas having gone back to the OS
//     already. An orphan is touched only under the registry mutex: remote
//     frees still push onto its thread-free list (the freeing thread cannot
//     tell, and need not), and whoever holds the mutex drains orphans
//     (collect_orphans: on thread attach/exit, report(), validate(), and a
//     try_lock after each free to an orphan). An orphan with no arena left is
//     deleted; a thread attaching adopts an orphan instead of starting an
//     empty heap, so its half-used pools are reused. A push that raced with
//     abandonment (or lost the try_lock) waits for the next collection: the
//     memory is late to come back, never wrong.
//
// State of a heap (the list it is on in brackets):
//   live    [live]     owned by one thread (tls); abandoned == false
//   orphan  [orphans]  owned by the registry mutex;   abandoned == true
//   live   -> orphan   thread_exit()
//   orphan -> live     attach() of a new thread adopts it
//   orphan -> deleted  collect_orphans() finds it without arenas (no live block)
//
// Invariants (checked by validate(), which the unit tests run; it needs the
// other threads quiescent, like report()):
//   - each heap satisfies PoolAllocator::validate(), which includes its
//     thread-free list (only in-use blocks of its own pools, no cycle) and
//     that every pool in use names the heap as its owner;
//   - heaps on `live` are not abandoned, heaps on `orphans` are;
//   - a heap is deleted only when it has no arena (then no block of it is
//     live, so no thread can be pushing onto its thread-free list).
//
// Why a pool's owner never changes while it has a block in use: a freeing
// thread reads pool->owner without synchronisation with the owner; it may do
// so because the field was written before the block was handed out, and the
// block reached the freeing thread through some synchronisation. Abandonment
// and adoption move whole heaps, never pools, so owners need no rewriting.
#pragma once

#include <atomic>
#include <cstddef>

#include "alloc/pool_allocator.hpp"
#include "alloc/report.hpp"
#include "alloc/thread_stats.hpp"

namespace gk {

struct ThreadHeap : PoolAllocator {
  ThreadStatsNode thread_stats;         // its thread's AllocStats (alloc/thread_stats.hpp)
  std::atomic<bool> abandoned{false};   // written under the registry mutex; read by remote frees (relaxed)
  ThreadHeap* next = nullptr;           // live or orphans list; guarded by the registry mutex
  ThreadHeap* prev = nullptr;           // guarded by the registry mutex
};

struct PymallocThreadedPolicy {
  static constexpr const char* name = "pymalloc";

  static void* allocate(size_t size) {
    ThreadHeap* h = heap();
    void* p = h->allocate(size);
    h->thread_stats.counters.on_alloc(size);
    return p;
  }
  static void deallocate(void* p, size_t size) noexcept {
    if (!p) return;
    ThreadHeap* h = heap();
    h->thread_stats.counters.on_free(size);
    free_block(h, p, size);
  }
  static void* reallocate(void* p, size_t old_size, size_t new_size);
  // Summed over every thread (exited threads included); by value.
  static AllocStats stats() noexcept;
  // Sums every heap, live and orphaned, after draining the orphans. Reads
  // other threads' heaps: call it with the other threads stopped
  // (stop-the-world) or quiescent. Takes the registry mutex.
  static FragmentationReport report();
  // The calling thread is ending: abandon its heap (see above). Idempotent;
  // a later allocation on the same thread attaches a heap again.
  static void thread_exit() noexcept;
  // Checks the invariants above over every heap; same conditions as report().
  static bool validate(const char** why = nullptr) noexcept;
  // Drains every orphan and deletes the empty ones; returns how many remain.
  static size_t collect_orphans() noexcept;
  struct HeapCounts {
    size_t live = 0;
    size_t orphans = 0;
  };
  static HeapCounts heap_counts() noexcept;

 private:
  static ThreadHeap* heap() noexcept {
    ThreadHeap* h = tls_heap_;
    if (!h) [[unlikely]] h = attach();
    return h;
  }
  static void free_block(ThreadHeap* h, void* p, size_t size) noexcept {
    if (size <= PoolAllocator::kMaxSmall && PoolAllocator::pool_of(p)->owner != h) [[unlikely]] {
      free_mt(p, size);
      return;
    }
    h->deallocate(p, size);  // own pool, or a large block (the C library's)
  }
  static ThreadHeap* attach() noexcept;                 // slow path: adopt an orphan or make a heap
  static void free_mt(void* p, size_t size) noexcept;  // a small block of another heap

  // This thread's heap; this thread only. initial-exec: never dlopen'ed, so
  // the fast path reads it at a fixed offset from the thread pointer.
  static inline thread_local ThreadHeap* tls_heap_ __attribute__((tls_model("initial-exec"))) = nullptr;
};

}  // namespace gk
