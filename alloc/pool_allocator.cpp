// alloc/pool_allocator.cpp — arenas, pools and size classes (the state
// machine is described in pool_allocator.hpp).
#include "alloc/pool_allocator.hpp"

#include "gilkit_config.hpp"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace gk {

static_assert(sizeof(PoolAllocator::Pool) <= PoolAllocator::kAlignment * 4);

struct PoolAllocator::Arena {
  char* base;           // the mmap'ed region (kArenaSize bytes)
  char* first_pool;     // first kPoolSize-aligned address in it
  uint32_t total_pools;
  uint32_t carved_pools;   // pools handed out at least once (bump pointer over pools)
  uint32_t nfreepools;     // empty pools on `freepools` + never-carved pools
  Pool* freepools;         // empty pools, singly linked through Pool::next
  Arena* next_usable;      // usable_arenas_ list (sorted by nfreepools)
  Arena* prev_usable;
  Arena* next_all;         // all_arenas_ list
  Arena* prev_all;
};

// Under AddressSanitizer, free blocks are poisoned, so a use-after-free or a
// double free inside a pool is reported like one on malloc'ed memory.
// LeakSanitizer does not scan mmap'ed memory, so arenas are registered as
// root regions: pointers held by pooled objects (to dict tables, list arrays)
// then count as references and only real leaks are reported.
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#define GK_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define GK_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define GK_LSAN_ROOT(p, n) __lsan_register_root_region((p), (n))
#define GK_LSAN_UNROOT(p, n) __lsan_unregister_root_region((p), (n))
#else
#define GK_POISON(p, n) ((void)(p), (void)(n))
#define GK_UNPOISON(p, n) ((void)(p), (void)(n))
#define GK_LSAN_ROOT(p, n) ((void)(p), (void)(n))
#define GK_LSAN_UNROOT(p, n) ((void)(p), (void)(n))
#endif


PoolAllocator::~PoolAllocator() {
  while (all_arenas_) {
    Arena* a = all_arenas_;
    all_arenas_ = a->next_all;
    GK_UNPOISON(a->base, kArenaSize);
    GK_LSAN_UNROOT(a->base, kArenaSize);
    munmap(a->base, kArenaSize);
    std::free(a);
  }
}

PoolAllocator::Arena* PoolAllocator::new_arena() {
  void* mem = mmap(nullptr, kArenaSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) throw std::bad_alloc();
  auto* a = static_cast<Arena*>(std::calloc(1, sizeof(Arena)));
  if (!a) {
    munmap(mem, kArenaSize);
    throw std::bad_alloc();
  }
  a->base = static_cast<char*>(mem);
  GK_LSAN_ROOT(mem, kArenaSize);
  uintptr_t aligned = (reinterpret_cast<uintptr_t>(mem) + kPoolSize - 1) & ~(kPoolSize - 1);
  a->first_pool = reinterpret_cast<char*>(aligned);
  a->total_pools = static_cast<uint32_t>((a->base + kArenaSize - a->first_pool) / kPoolSize);
  a->nfreepools = a->total_pools;
  a->next_all = all_arenas_;
  if (all_arenas_) all_arenas_->prev_all = a;
  all_arenas_ = a;
  ++arenas_allocated_;
  ++arenas_current_;
  if (arenas_current_ > arenas_highwater_) arenas_highwater_ = arenas_current_;
  return a;
}

void PoolAllocator::release_arena(Arena* a) noexcept {
  unlink_usable(a);
  if (a->prev_all) a->prev_all->next_all = a->next_all;
  else all_arenas_ = a->next_all;
  if (a->next_all) a->next_all->prev_all = a->prev_all;
  GK_UNPOISON(a->base, kArenaSize);  // the addresses may be mapped again later
  GK_LSAN_UNROOT(a->base, kArenaSize);
  munmap(a->base, kArenaSize);
  std::free(a);
  ++arenas_reclaimed_;
  --arenas_current_;
  check_in_full_builds();
}

// -Dchecks=full: the whole-heap validator runs whenever an arena comes or goes.
void PoolAllocator::check_in_full_builds() const noexcept {
  if constexpr (config::checks >= 2) {
    const char* why = nullptr;
    if (!validate(&why)) {
      std::fprintf(stderr, "gilkit: pool allocator invariant violated: %s\n", why);
      std::abort();
    }
  }
}

void PoolAllocator::unlink_usable(Arena* a) noexcept {
  if (a->prev_usable) a->prev_usable->next_usable = a->next_usable;
  else if (usable_arenas_ == a) usable_arenas_ = a->next_usable;
  if (a->next_usable) a->next_usable->prev_usable = a->prev_usable;
  a->next_usable = a->prev_usable = nullptr;
}

// Inserts `a` (not on the list) keeping nfreepools ascending.
void PoolAllocator::insert_usable_sorted(Arena* a) noexcept {
  Arena* prev = nullptr;
  Arena* cur = usable_arenas_;
  while (cur && cur->nfreepools < a->nfreepools) {
    prev = cur;
    cur = cur->next_usable;
  }
  a->prev_usable = prev;
  a->next_usable = cur;
  if (prev) prev->next_usable = a;
  else usable_arenas_ = a;
  if (cur) cur->prev_usable = a;
}

// After a's nfreepools changed: keep the list sorted and holding exactly the
// arenas with a free pool.
void PoolAllocator::arena_reposition(Arena* a) noexcept {
  bool on_list = a->prev_usable || a->next_usable || usable_arenas_ == a;
  if (on_list) unlink_usable(a);
  if (a->nfreepools > 0) insert_usable_sorted(a);
}

PoolAllocator::Pool* PoolAllocator::new_pool_for(size_t cls) {
  Arena* a = usable_arenas_;
  if (!a) {
    a = new_arena();
    insert_usable_sorted(a);
  }
  Pool* pool;
  if (a->freepools) {
    pool = a->freepools;
    a->freepools = pool->next;
  } else {
    pool = reinterpret_cast<Pool*>(a->first_pool + static_cast<size_t>(a->carved_pools) * kPoolSize);
    ++a->carved_pools;
  }
  --a->nfreepools;
  arena_reposition(a);

  uint32_t bsize = static_cast<uint32_t>(class_size(cls));
  pool->ref_count = 0;
  pool->size_class = static_cast<uint32_t>(cls);
  pool->next_offset = kHeaderSize;
  pool->max_next_offset = static_cast<uint32_t>(kPoolSize - bsize);
  pool->freeblock = nullptr;
  pool->arena = a;
  pool->owner = this;
  // Link as the only pool of the (empty) ring.
  pool->next = pool->prev = pool;
  usedpools_[cls] = pool;
  return pool;
}

void* PoolAllocator::allocate_slow(size_t size) {
  if (size == 0) size = 1;
  if (size > kMaxSmall) {
    void* p = std::malloc(size);
    if (!p) throw std::bad_alloc();
    large_live_bytes_ += size;
    ++large_live_blocks_;
    return p;
  }
  // Blocks freed by other threads go back to their pools first (no-GIL
  // flavour; the list is always empty under the GIL): one relaxed load.
  if (thread_free_.load(std::memory_order_relaxed)) drain_thread_free();
  size_t cls = size_class(size);
  Pool* pool = usedpools_[cls];
  size_t arenas_before = arenas_allocated_;
  if (!pool) pool = new_pool_for(cls);

  void* block = pool->freeblock;
  if (block) {
    GK_UNPOISON(block, class_size(cls));
    void* next = *static_cast<void**>(block);
    if constexpr (config::checks >= 1) {
      // Invariant: a free block's link is null or another block of the same
      // pool. Anything else means the block was written after it was freed
      // (typically an incref/decref on a dead object).
      if (next && pool_of(next) != pool) {
        std::fprintf(stderr, "gilkit: pool allocator: free block %p (size %zu) was written after free (link %p)\n",
                     block, class_size(cls), next);
        std::abort();
      }
    }
    pool->freeblock = next;
  } else {
    // Carve the next block; the pool had at least one (used pools are never full).
    block = reinterpret_cast<char*>(pool) + pool->next_offset;
    pool->next_offset += static_cast<uint32_t>(class_size(cls));
    GK_UNPOISON(block, class_size(cls));  // may hold poison from the pool's previous size class
  }
  ++pool->ref_count;
  if (!pool->freeblock && pool->next_offset > pool->max_next_offset) {
    // used -> full: leaves the ring.
    if (pool->next == pool) {
      usedpools_[cls] = nullptr;
    } else {
      pool->prev->next = pool->next;
      pool->next->prev = pool->prev;
      usedpools_[cls] = pool->next;
    }
    pool->next = pool->prev = nullptr;
  }
  if (arenas_allocated_ != arenas_before) check_in_full_builds();  // a new arena was mapped
  return block;
}

void PoolAllocator::deallocate_slow(void* p, size_t size) noexcept {
  if (!p) return;
  if (size == 0) size = 1;
  if (size > kMaxSmall) {
    large_live_bytes_ -= size;
    --large_live_blocks_;
    std::free(p);
    return;
  }
  Pool* pool = pool_of(p);
  size_t cls = pool->size_class;
  if constexpr (config::checks >= 1) {
    // Invariant: a block is freed with the size class it was allocated with.
    if (cls != size_class(size) || pool->ref_count == 0) {
      std::fprintf(stderr, "gilkit: pool allocator: block %p freed with size %zu (class %zu) but its pool holds class %zu"
                   " (%u blocks in use)\n", p, size, size_class(size), cls, pool->ref_count);
      std::abort();
    }
  }
  bool was_full = pool->next == nullptr;
  *static_cast<void**>(p) = pool->freeblock;
  pool->freeblock = p;
  GK_POISON(p, class_size(cls));
  --pool->ref_count;

  if (was_full) {
    // full -> used (or straight to empty for a one-block pool): join the ring.
    Pool* head = usedpools_[cls];
    if (!head) {
      pool->next = pool->prev = pool;
      usedpools_[cls] = pool;
    } else {
      pool->next = head;
      pool->prev = head->prev;
      head->prev->next = pool;
      head->prev = pool;
    }
  }
  if (pool->ref_count != 0) return;

  // used -> empty: leave the ring, return to the arena.
  if (pool->next == pool) {
    usedpools_[cls] = nullptr;
  } else {
    pool->prev->next = pool->next;
    pool->next->prev = pool->prev;
    if (usedpools_[cls] == pool) usedpools_[cls] = pool->next;
  }
  Arena* a = pool->arena;
  pool->prev = nullptr;
  pool->next = a->freepools;
  a->freepools = pool;
  ++a->nfreepools;
  if (a->nfreepools == a->total_pools) {
    release_arena(a);
    return;
  }
  arena_reposition(a);
}

void PoolAllocator::deallocate_mt(void* p, size_t size) noexcept {
  if constexpr (config::checks >= 1) {
    // Invariant: a block is freed with the size class it was allocated with
    // (the pool header's fields are stable while the block is in use).
    const Pool* pool = pool_of(p);
    if (pool->owner != this || pool->size_class != size_class(size ? size : 1)) {
      std::fprintf(stderr, "gilkit: pool allocator: cross-thread free of block %p (size %zu) to the wrong heap or"
                   " size class\n", p, size);
      std::abort();
    }
  }
  void* head = thread_free_.load(std::memory_order_relaxed);
  do {
    *static_cast<void**>(p) = head;
  } while (!thread_free_.compare_exchange_weak(head, p, std::memory_order_release, std::memory_order_relaxed));
}

size_t PoolAllocator::drain_thread_free() noexcept {
  void* b = thread_free_.exchange(nullptr, std::memory_order_acquire);
  size_t n = 0;
  while (b) {
    void* next = *static_cast<void**>(b);  // read before the block's arena may be unmapped
    deallocate_slow(b, class_size(pool_of(b)->size_class));
    b = next;
    ++n;
  }
  return n;
}

void* PoolAllocator::reallocate(void* p, size_t old_size, size_t new_size) {
  if (old_size == 0) old_size = 1;
  if (new_size == 0) new_size = 1;
  if (old_size > kMaxSmall && new_size > kMaxSmall) {
    void* q = std::realloc(p, new_size);
    if (!q) throw std::bad_alloc();
    large_live_bytes_ += new_size;
    large_live_bytes_ -= old_size;
    return q;
  }
  if (old_size <= kMaxSmall && new_size <= kMaxSmall && size_class(old_size) == size_class(new_size)) return p;
  void* q = allocate(new_size);
  std::memcpy(q, p, old_size < new_size ? old_size : new_size);
  deallocate(p, old_size);
  return q;
}

PoolAllocatorStats PoolAllocator::stats() const noexcept {
  PoolAllocatorStats s{};
  for (size_t c = 0; c < kNumClasses; ++c) s.classes[c].block_size = class_size(c);
  for (const Arena* a = all_arenas_; a; a = a->next_all) {
    s.bytes_reserved += kArenaSize;
    s.bytes_arena_alignment += static_cast<size_t>(a->first_pool - a->base) +
                               (kArenaSize - (a->first_pool - a->base) - a->total_pools * kPoolSize);
    size_t empty_here = 0;
    for (const Pool* p = a->freepools; p; p = p->next) ++empty_here;
    s.empty_pools += empty_here;
    s.bytes_in_empty_pools += (empty_here + (a->total_pools - a->carved_pools)) * kPoolSize;
    for (uint32_t i = 0; i < a->carved_pools; ++i) {
      const auto* p = reinterpret_cast<const Pool*>(a->first_pool + static_cast<size_t>(i) * kPoolSize);
      if (p->ref_count == 0) continue;  // empty pool, counted above
      size_t bsize = class_size(p->size_class);
      size_t capacity = (kPoolSize - kHeaderSize) / bsize;
      PoolStatsRow& row = s.classes[p->size_class];
      ++row.pools;
      row.blocks_used += p->ref_count;
      row.blocks_free += capacity - p->ref_count;
      s.bytes_in_live_blocks += p->ref_count * bsize;
      s.bytes_free_in_pools += (capacity - p->ref_count) * bsize;
      s.bytes_pool_headers += kPoolSize - capacity * bsize;
    }
  }
  s.arenas_allocated = arenas_allocated_;
  s.arenas_reclaimed = arenas_reclaimed_;
  s.arenas_highwater = arenas_highwater_;
  s.arenas_current = arenas_current_;
  s.large_live_bytes = large_live_bytes_;
  s.large_live_blocks = large_live_blocks_;
  return s;
}

bool PoolAllocator::validate(const char** why) const noexcept {
  auto fail = [&](const char* msg) {
    if (why) *why = msg;
    return false;
  };
  // usable_arenas_: sorted, all with free pools, back links consistent.
  size_t usable_count = 0;
  for (const Arena* a = usable_arenas_; a; a = a->next_usable) {
    ++usable_count;
    if (a->nfreepools == 0) return fail("arena without free pools on the usable list");
    if (a->next_usable && a->next_usable->nfreepools < a->nfreepools) return fail("usable arenas out of order");
    if (a->next_usable && a->next_usable->prev_usable != a) return fail("usable list back link broken");
  }
  size_t with_free = 0;
  size_t in_use = 0;
  for (const Arena* a = all_arenas_; a; a = a->next_all) {
    for (uint32_t i = 0; i < a->carved_pools; ++i) {
      const auto* p = reinterpret_cast<const Pool*>(a->first_pool + static_cast<size_t>(i) * kPoolSize);
      if (p->ref_count == 0) continue;
      if (p->owner != this) return fail("pool with blocks in use does not name this heap as its owner");
      in_use += p->ref_count;
    }
    uint32_t empty = 0;
    for (const Pool* p = a->freepools; p; p = p->next) {
      if (p->ref_count != 0) return fail("pool on an arena's free list has blocks in use");
      if (p->arena != a) return fail("pool on the wrong arena's free list");
      if (++empty > a->total_pools) return fail("cycle in an arena's free pool list");
    }
    if (a->nfreepools != empty + (a->total_pools - a->carved_pools)) return fail("arena nfreepools mismatch");
    if (a->nfreepools > 0) ++with_free;
    if (a->nfreepools == a->total_pools) return fail("wholly empty arena was not released");
  }
  if (with_free != usable_count) return fail("usable list does not hold exactly the arenas with free pools");
  // Rings: every pool used (0 < ref_count < capacity) and of the ring's class.
  for (size_t c = 0; c < kNumClasses; ++c) {
    const Pool* head = usedpools_[c];
    if (!head) continue;
    const Pool* p = head;
    size_t n = 0;
    do {
      size_t capacity = (kPoolSize - kHeaderSize) / class_size(c);
      if (p->size_class != c) return fail("pool on the wrong size-class ring");
      if (p->ref_count == 0 || p->ref_count >= capacity) return fail("pool on a used ring is empty or full");
      if (p->next->prev != p) return fail("used ring back link broken");
      p = p->next;
      if (++n > (1u << 24)) return fail("used ring does not close");
    } while (p != head);
  }
  // The thread-free list: blocks in use of this heap's pools, at most as many
  // as are in use (a cycle or a block pushed twice overflows that bound).
  size_t on_list = 0;
  for (void* b = thread_free_.load(std::memory_order_acquire); b; b = *static_cast<void**>(b)) {
    const Pool* p = pool_of(b);
    if (p->owner != this) return fail("block of another heap on the thread-free list");
    if (p->ref_count == 0) return fail("block of an empty pool on the thread-free list");
    size_t off = static_cast<size_t>(static_cast<const char*>(b) - reinterpret_cast<const char*>(p));
    if (off < kHeaderSize || off >= p->next_offset || (off - kHeaderSize) % class_size(p->size_class) != 0) {
      return fail("thread-free list entry is not a carved block boundary");
    }
    if (++on_list > in_use) return fail("thread-free list longer than the blocks in use (cycle or double free)");
  }
  return true;
}

// --- the policy instance ---------------------------------------------------------

PoolAllocatorStats& PoolAllocatorStats::operator+=(const PoolAllocatorStats& o) noexcept {
  for (size_t c = 0; c < kClasses; ++c) {
    classes[c].block_size = o.classes[c].block_size;
    classes[c].pools += o.classes[c].pools;
    classes[c].blocks_used += o.classes[c].blocks_used;
    classes[c].blocks_free += o.classes[c].blocks_free;
  }
  arenas_allocated += o.arenas_allocated;
  arenas_reclaimed += o.arenas_reclaimed;
  arenas_highwater += o.arenas_highwater;  // a sum of per-heap marks: an upper bound
  arenas_current += o.arenas_current;
  empty_pools += o.empty_pools;
  bytes_in_live_blocks += o.bytes_in_live_blocks;
  bytes_free_in_pools += o.bytes_free_in_pools;
  bytes_in_empty_pools += o.bytes_in_empty_pools;
  bytes_pool_headers += o.bytes_pool_headers;
  bytes_arena_alignment += o.bytes_arena_alignment;
  bytes_reserved += o.bytes_reserved;
  large_live_bytes += o.large_live_bytes;  // per-heap values wrap (frees by other threads); sums are right
  large_live_blocks += o.large_live_blocks;
  return *this;
}

FragmentationReport PoolAllocator::report() const { return pool_report(stats()); }

FragmentationReport pool_report(const PoolAllocatorStats& s) {
  FragmentationReport r;
  r.allocator = "pymalloc";
  for (const PoolStatsRow& c : s.classes) {
    if (c.pools == 0) continue;
    r.classes.push_back({c.block_size, c.pools, c.blocks_used, c.blocks_free});
  }
  r.live_block_bytes = s.bytes_in_live_blocks;
  r.free_in_pages_bytes = s.bytes_free_in_pools;
  r.empty_pages_bytes = s.bytes_in_empty_pools;
  r.overhead_bytes = s.bytes_pool_headers + s.bytes_arena_alignment;
  r.region_reserved_bytes = s.bytes_reserved;
  r.large_bytes = s.large_live_bytes;
  r.large_blocks = s.large_live_blocks;
  // Arenas are mapped read-write, so reserved == committed (touched pages are what RSS shows).
  r.os_reserved_bytes = s.bytes_reserved + s.large_live_bytes;
  r.os_committed_bytes = r.os_reserved_bytes;
  r.arenas_allocated = static_cast<int64_t>(s.arenas_allocated);
  r.arenas_reclaimed = static_cast<int64_t>(s.arenas_reclaimed);
  r.arenas_highwater = static_cast<int64_t>(s.arenas_highwater);
  r.arenas_current = static_cast<int64_t>(s.arenas_current);
  r.rss_bytes = process_rss_bytes();
  r.peak_rss_bytes = process_peak_rss_bytes();
  return r;
}

FragmentationReport PymallocPolicy::report() {
  FragmentationReport r = instance().report();
  r.requested_bytes = stats_.live_bytes;
  r.requested_blocks = stats_.live_blocks;
  return r;
}

}  // namespace gk
