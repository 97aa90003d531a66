// alloc/pool_allocator.hpp — the `pymalloc` allocator policy: CPython
// obmalloc's design (arenas, pools, size classes), written for gilkit.
//
// Glossary
//   block       the unit handed out: a multiple of 16 bytes, at most 512
//   size class  blocks of one size; class i holds blocks of 16 * (i + 1) bytes
//   pool        16 KiB, 16 KiB-aligned, carved into blocks of ONE size class;
//               starts with a PoolHeader
//   arena       1 MiB from mmap, carved into pools; given back with munmap
//               once every pool in it is empty
//
// Pool life cycle (a state machine; the list a pool is on in brackets):
//
//   empty  [its arena's freepools list]  no block in use
//   used   [usedpools[class] ring]       some blocks in use, at least one free
//   full   [no list]                     every block in use
//
//   empty -> used   allocate() takes a pool for a class with no used pool
//   used  -> full   allocate() hands out the pool's last free block
//   full  -> used   deallocate() frees a block of a full pool
//   used  -> empty  deallocate() frees the pool's last block in use
//   used  -> used   allocate()/deallocate() with blocks left on both sides
//
// Arena ordering: usable_arenas (arenas with at least one empty pool or
// never-used space) is kept sorted by number of free pools, ascending, so
// allocation fills the fullest arena first and lightly used arenas drain and
// can be returned to the OS — the fragmentation behaviour CPython relies on.
//
// Invariants (checked by validate(): by the unit tests, and whenever an arena is
// mapped or unmapped in -Dchecks=full builds; -Dchecks=cheap checks each
// free's size class and free-list link):
//   - a pool's ref_count == blocks handed out and not freed;
//   - used pools have 0 < ref_count < capacity and are on exactly one ring;
//   - an arena's nfreepools == its empty pools + never-carved pools;
//   - usable_arenas is sorted by nfreepools and contains exactly the arenas
//     with nfreepools > 0;
//   - live bytes in pools == sum over pools of ref_count * block size.
//
//   - (thread-free list) every block on thread_free_ is a block in use of a
//     pool of THIS heap (pool->owner == this, ref_count > 0, on a block
//     boundary below the bump pointer), and the list holds no more blocks
//     than the heap has in use (so it has no cycle and no block twice);
//   - every pool with blocks in use records this heap as its owner.
//
// Threads: one PoolAllocator instance is a heap owned by one thread at a time:
// every member is "owner only", except thread_free_. Under the GIL the
// process-wide instance (PymallocPolicy) is guarded by the GIL. The no-GIL
// flavour (alloc/pool_heaps.hpp) gives each thread its own heap; a block freed
// by a thread that does not own its pool (pool->owner) is pushed onto the
// owner's thread-free list with deallocate_mt() (lock-free, any thread), and
// the owner puts those blocks back into their pools in drain_thread_free(),
// which allocate_slow() runs whenever the list is not empty. Until drained, a
// block on the list still counts as in use in its pool.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "alloc/report.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

struct PoolStatsRow {
  size_t block_size;
  size_t pools;        // pools of this class (used + full)
  size_t blocks_used;
  size_t blocks_free;  // free blocks inside those pools (incl. never carved)
};

struct PoolAllocatorStats {
  static constexpr size_t kClasses = 32;
  PoolStatsRow classes[kClasses];
  size_t arenas_allocated = 0;    // mmap'ed since start
  size_t arenas_reclaimed = 0;    // munmap'ed since start
  size_t arenas_highwater = 0;    // most arenas alive at once
  size_t arenas_current = 0;
  size_t empty_pools = 0;         // carved, in no use
  size_t bytes_in_live_blocks = 0;
  size_t bytes_free_in_pools = 0;
  size_t bytes_in_empty_pools = 0;   // incl. never-carved pool space
  size_t bytes_pool_headers = 0;     // header + tail waste of used/full pools
  size_t bytes_arena_alignment = 0;  // lost to aligning pools inside arenas
  size_t bytes_reserved = 0;         // arenas currently mapped
  size_t large_live_bytes = 0;       // > 512 bytes, from the system allocator
  size_t large_live_blocks = 0;

  // Sums another heap's statistics into this one (the no-GIL report).
  PoolAllocatorStats& operator+=(const PoolAllocatorStats& o) noexcept;
};

class PoolAllocator {
 public:
  static constexpr size_t kAlignment = 16;
  static constexpr size_t kMaxSmall = 512;
  static constexpr size_t kNumClasses = kMaxSmall / kAlignment;  // 32
  static constexpr size_t kPoolSize = 16 * 1024;
  static constexpr size_t kArenaSize = 1024 * 1024;

  // constexpr: the process-wide instance is constant-initialised (no guard on
  // the allocation path, see PymallocPolicy).
  constexpr PoolAllocator() noexcept
      : usedpools_{}, usable_arenas_(nullptr), all_arenas_(nullptr), thread_free_(nullptr) {}
  ~PoolAllocator();
  PoolAllocator(const PoolAllocator&) = delete;
  PoolAllocator& operator=(const PoolAllocator&) = delete;

  // Inline fast paths (a block from a used pool's free list or bump pointer;
  // a block back to a pool that stays used); every pool state transition,
  // large block and check happens out of line in allocate_slow/deallocate_slow.
  void* allocate(size_t size);                  // throws std::bad_alloc
  void deallocate(void* p, size_t size) noexcept;
  // Resize a block: in place when the size class does not change, through the
  // C library's realloc (which can move pages without copying) when both sizes
  // are large, by allocate + copy + free otherwise.
  void* reallocate(void* p, size_t old_size, size_t new_size);

  static size_t size_class(size_t size) noexcept { return (size - 1) / kAlignment; }
  static size_t class_size(size_t cls) noexcept { return (cls + 1) * kAlignment; }

  // Cross-thread frees (the no-GIL flavour, alloc/pool_heaps.hpp).
  // deallocate_mt: ANY thread; p is a live small block of a pool owned by this
  // heap. Lock-free push onto thread_free_; the block stays "in use" in its
  // pool until the owner drains it.
  void deallocate_mt(void* p, size_t size) noexcept;
  // Owner only (or whoever holds an abandoned heap's registry mutex): puts
  // every block on thread_free_ back into its pool; returns how many.
  size_t drain_thread_free() noexcept;
  bool has_thread_free() const noexcept { return thread_free_.load(std::memory_order_relaxed) != nullptr; }
  // Owner only: arenas mapped now; 0 means no small block of this heap is live.
  size_t arenas_current() const noexcept { return arenas_current_; }

  PoolAllocatorStats stats() const noexcept;
  // The allocator-neutral report (requested bytes are filled in by the policy).
  FragmentationReport report() const;
  // Checks every invariant listed at the top; returns false (and stops at the
  // first violation, describing it in *why when non-null) if one fails.
  bool validate(const char** why = nullptr) const noexcept;

  struct Arena;
  // A pool starts with this header; its blocks follow, from kHeaderSize.
  // A free block's first word links to the next free block.
  struct Pool {
    uint32_t ref_count;       // blocks in use
    uint32_t size_class;
    uint32_t next_offset;     // first never-carved block (bump pointer)
    uint32_t max_next_offset; // last offset at which a whole block fits
    void* freeblock;          // singly linked list of freed blocks
    Pool* next;               // ring of usedpools[class], or arena's freepools list; null while full
    Pool* prev;               // ring of usedpools[class] only
    Arena* arena;
    void* owner;              // the owning heap (for cross-thread frees in the no-GIL build)
  };
  static constexpr uint32_t kHeaderSize = 4 * kAlignment;  // blocks start 64 bytes in
  static Pool* pool_of(void* p) noexcept {
    return reinterpret_cast<Pool*>(reinterpret_cast<uintptr_t>(p) & ~(kPoolSize - 1));
  }

 private:
  void* allocate_slow(size_t size);
  void deallocate_slow(void* p, size_t size) noexcept;
  Pool* new_pool_for(size_t cls);
  Arena* new_arena();
  void release_arena(Arena* a) noexcept;
  void arena_reposition(Arena* a) noexcept;
  void unlink_usable(Arena* a) noexcept;
  void check_in_full_builds() const noexcept;
  void insert_usable_sorted(Arena* a) noexcept;

  Pool* usedpools_[kNumClasses];  // ring heads (nullptr = no used pool)
  Arena* usable_arenas_;          // sorted by nfreepools ascending
  Arena* all_arenas_;             // every live arena (for stats/validation)
  size_t arenas_allocated_ = 0;
  size_t arenas_reclaimed_ = 0;
  size_t arenas_highwater_ = 0;
  size_t arenas_current_ = 0;
  size_t large_live_bytes_ = 0;
  size_t large_live_blocks_ = 0;
  // Blocks freed by other threads: a lock-free stack linked through each
  // block's first word (mimalloc's thread-free list). Atomic: any thread
  // pushes (CAS, release); the owner takes the whole list (exchange, acquire).
  // Push-only + take-all, so no ABA. On its own cache line: remote frees must
  // not bounce the line holding the owner's usedpools_.
  alignas(64) std::atomic<void*> thread_free_;
};

// Under AddressSanitizer free blocks are poisoned (pool_allocator.cpp), so
// only the out-of-line paths, which unpoison, may touch them.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kPoolPoisonsFreeBlocks = true;
#else
inline constexpr bool kPoolPoisonsFreeBlocks = false;
#endif

inline void* PoolAllocator::allocate(size_t size) {
  if constexpr (!kPoolPoisonsFreeBlocks) {
    if (size - 1 < kMaxSmall) {  // 1..512 (0 wraps around to the slow path)
      size_t cls = size_class(size);
      Pool* pool = usedpools_[cls];
      if (pool) {
        void* block = pool->freeblock;
        if (block) {
          void* next = *static_cast<void**>(block);
          // Leaves the pool used (another free block) and passes the cheap
          // check of allocate_slow (the link stays inside the pool).
          if (next && pool_of(next) == pool) {
            pool->freeblock = next;
            ++pool->ref_count;
            return block;
          }
        } else if (pool->next_offset + class_size(cls) <= pool->max_next_offset) {
          // Carve, with at least one more block left to carve after this one.
          block = reinterpret_cast<char*>(pool) + pool->next_offset;
          pool->next_offset += static_cast<uint32_t>(class_size(cls));
          ++pool->ref_count;
          return block;
        }
      }
    }
  }
  return allocate_slow(size);
}

inline void PoolAllocator::deallocate(void* p, size_t size) noexcept {
  if constexpr (!kPoolPoisonsFreeBlocks) {
    if (p && size - 1 < kMaxSmall) {
      Pool* pool = pool_of(p);
      // The pool stays used (it is on its ring and keeps a block in use), and
      // the block's size matches its pool (else deallocate_slow reports it).
      if (pool->next && pool->ref_count > 1 && pool->size_class == size_class(size)) {
        *static_cast<void**>(p) = pool->freeblock;
        pool->freeblock = p;
        --pool->ref_count;
        return;
      }
    }
  }
  deallocate_slow(p, size);
}

// The allocator-neutral report of (summed) pool statistics.
FragmentationReport pool_report(const PoolAllocatorStats& s);

// Holds the process-wide PoolAllocator: constant-initialised (no
// initialisation guard on the allocation path) and never destroyed (objects
// may still be freed during static destruction).
union NeverDestroyedPool {
  constexpr NeverDestroyedPool() noexcept : pool() {}
  ~NeverDestroyedPool() {}
  PoolAllocator pool;
};

// The allocator policy type for -Dalloc=pymalloc: one process-wide instance
// (guarded by the GIL).
struct PymallocPolicy {
  static constexpr const char* name = "pymalloc";
  static void* allocate(size_t size) {
    void* p = instance().allocate(size);
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
    instance().deallocate(p, size);
  }
  static void* reallocate(void* p, size_t old_size, size_t new_size) {
    void* q = instance().reallocate(p, old_size, new_size);
    stats_.live_bytes += new_size;
    stats_.live_bytes -= old_size;
    return q;
  }
  static const AllocStats& stats() noexcept { return stats_; }
  static FragmentationReport report();
  // One heap for the whole process: nothing to do when a thread exits.
  static void thread_exit() noexcept {}
  static bool validate(const char** why = nullptr) noexcept { return instance().validate(why); }
  static PoolAllocator& instance() noexcept { return storage_.pool; }

 private:
  static constinit inline NeverDestroyedPool storage_{};  // the instance; guarded by the GIL
  static inline AllocStats stats_{};  // bytes requested by live blocks; guarded by the GIL
};

}  // namespace gk
