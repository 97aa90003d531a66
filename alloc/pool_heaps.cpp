// alloc/pool_heaps.cpp — the heap registry of the no-GIL pymalloc flavour:
// attaching a heap to a thread, abandoning it at thread exit, orphans, and the
// report and validator over every heap (design in pool_heaps.hpp).
#include "alloc/pool_heaps.hpp"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

namespace gk {

namespace {

struct HeapRegistry {
  std::mutex mu;
  ThreadHeap* live = nullptr;     // heaps owned by a thread; guarded by mu
  ThreadHeap* orphans = nullptr;  // abandoned heaps; guarded by mu (and so are their pools)
  // What deleted orphans leave behind for the report; guarded by mu.
  size_t retired_large_bytes = 0;   // large blocks they allocated that others free (mod 2^64)
  size_t retired_large_blocks = 0;
  size_t retired_arenas_allocated = 0;
  size_t retired_arenas_reclaimed = 0;
  StatsRegistry stats;            // every thread's AllocStats (own mutex)
};

constinit NeverDestroyed<HeapRegistry> g_registry;

HeapRegistry& registry() noexcept { return g_registry.value; }

void push(ThreadHeap*& head, ThreadHeap* h) noexcept {
  h->prev = nullptr;
  h->next = head;
  if (head) head->prev = h;
  head = h;
}

void unlink(ThreadHeap*& head, ThreadHeap* h) noexcept {
  if (h->prev) h->prev->next = h->next;
  else head = h->next;
  if (h->next) h->next->prev = h->prev;
  h->next = h->prev = nullptr;
}

// Under r.mu: drains every orphan; deletes those left without an arena (no
// live block, so nobody can push onto their thread-free list any more).
size_t collect_orphans_locked(HeapRegistry& r) noexcept {
  size_t remaining = 0;
  for (ThreadHeap* h = r.orphans; h;) {
    ThreadHeap* next = h->next;
    h->drain_thread_free();
    if (h->arenas_current() == 0) {
      PoolAllocatorStats s = h->PoolAllocator::stats();
      r.retired_large_bytes += s.large_live_bytes;
      r.retired_large_blocks += s.large_live_blocks;
      r.retired_arenas_allocated += s.arenas_allocated;
      r.retired_arenas_reclaimed += s.arenas_reclaimed;
      unlink(r.orphans, h);
      delete h;
    } else {
      ++remaining;
    }
    h = next;
  }
  return remaining;
}

// Threads that end without calling thread_exit() (a std::thread of a test, a
// library's thread) still abandon their heap: a pthread key destructor.
pthread_key_t exit_key() noexcept {
  static const pthread_key_t key = [] {
    pthread_key_t k;
    if (pthread_key_create(&k, [](void*) { PymallocThreadedPolicy::thread_exit(); }) != 0) {
      std::fprintf(stderr, "gilkit: pool heaps: pthread_key_create failed\n");
      std::abort();
    }
    return k;
  }();
  return key;
}

}  // namespace

ThreadHeap* PymallocThreadedPolicy::attach() noexcept {
  pthread_key_t key = exit_key();
  HeapRegistry& r = registry();
  ThreadHeap* h;
  {
    std::lock_guard<std::mutex> g(r.mu);
    collect_orphans_locked(r);
    h = r.orphans;
    if (h) {
      // orphan -> live: adopt it (its half-used pools are reused). Its pools
      // were last touched under r.mu, which this thread now holds.
      unlink(r.orphans, h);
      h->abandoned.store(false, std::memory_order_relaxed);
    } else {
      h = new (std::nothrow) ThreadHeap();
      if (!h) {
        std::fprintf(stderr, "gilkit: pool heaps: out of memory for a thread heap\n");
        std::abort();
      }
    }
    push(r.live, h);
  }
  r.stats.add(&h->thread_stats);
  tls_heap_ = h;
  pthread_setspecific(key, h);
  return h;
}

void PymallocThreadedPolicy::thread_exit() noexcept {
  ThreadHeap* h = tls_heap_;
  if (!h) return;
  tls_heap_ = nullptr;
  pthread_setspecific(exit_key(), nullptr);
  h->drain_thread_free();
  HeapRegistry& r = registry();
  r.stats.retire(&h->thread_stats);
  std::lock_guard<std::mutex> g(r.mu);
  // live -> orphan. Frees racing with this keep pushing onto h's list; from
  // now on whoever holds r.mu drains it.
  unlink(r.live, h);
  h->abandoned.store(true, std::memory_order_relaxed);
  push(r.orphans, h);
  collect_orphans_locked(r);  // deletes h at once if none of its blocks is live
}

void PymallocThreadedPolicy::free_mt(void* p, size_t size) noexcept {
  auto* owner = static_cast<ThreadHeap*>(static_cast<PoolAllocator*>(PoolAllocator::pool_of(p)->owner));
  // Read before the push: once p is on the list, an orphan owner may be
  // drained and deleted by another thread at any moment.
  bool orphan = owner->abandoned.load(std::memory_order_relaxed);
  owner->deallocate_mt(p, size);
  if (orphan) {
    HeapRegistry& r = registry();
    if (r.mu.try_lock()) {  // else the holder or the next collector drains it
      collect_orphans_locked(r);
      r.mu.unlock();
    }
  }
}

void* PymallocThreadedPolicy::reallocate(void* p, size_t old_size, size_t new_size) {
  ThreadHeap* h = heap();
  size_t o = old_size ? old_size : 1;
  size_t n = new_size ? new_size : 1;
  constexpr size_t kMax = PoolAllocator::kMaxSmall;
  void* q;
  if ((o > kMax && n > kMax) ||
      (o <= kMax && n <= kMax && PoolAllocator::size_class(o) == PoolAllocator::size_class(n))) {
    q = h->reallocate(p, o, n);  // realloc() of a large block, or in place
  } else {
    q = h->allocate(n);
    std::memcpy(q, p, o < n ? o : n);
    free_block(h, p, o);
  }
  h->thread_stats.counters.on_resize(old_size, new_size);
  return q;
}

AllocStats PymallocThreadedPolicy::stats() noexcept { return registry().stats.sum(); }

FragmentationReport PymallocThreadedPolicy::report() {
  HeapRegistry& r = registry();
  PoolAllocatorStats sum{};
  {
    std::lock_guard<std::mutex> g(r.mu);
    collect_orphans_locked(r);
    for (ThreadHeap* list : {r.live, r.orphans}) {
      for (ThreadHeap* h = list; h; h = h->next) sum += h->PoolAllocator::stats();
    }
    sum.large_live_bytes += r.retired_large_bytes;
    sum.large_live_blocks += r.retired_large_blocks;
    sum.arenas_allocated += r.retired_arenas_allocated;
    sum.arenas_reclaimed += r.retired_arenas_reclaimed;
  }
  FragmentationReport rep = pool_report(sum);
  AllocStats st = stats();
  rep.requested_bytes = st.live_bytes;
  rep.requested_blocks = st.live_blocks;
  return rep;
}

bool PymallocThreadedPolicy::validate(const char** why) noexcept {
  auto fail = [&](const char* msg) {
    if (why) *why = msg;
    return false;
  };
  HeapRegistry& r = registry();
  std::lock_guard<std::mutex> g(r.mu);
  size_t n = 0;
  for (ThreadHeap* h = r.live; h; h = h->next) {
    if (h->abandoned.load(std::memory_order_relaxed)) return fail("abandoned heap on the live list");
    if (h->next && h->next->prev != h) return fail("live heap list back link broken");
    if (!h->PoolAllocator::validate(why)) return false;
    if (++n > (1u << 24)) return fail("live heap list does not end");
  }
  for (ThreadHeap* h = r.orphans; h; h = h->next) {
    if (!h->abandoned.load(std::memory_order_relaxed)) return fail("heap on the orphan list is not abandoned");
    if (h->next && h->next->prev != h) return fail("orphan heap list back link broken");
    if (!h->PoolAllocator::validate(why)) return false;
    if (++n > (1u << 24)) return fail("orphan heap list does not end");
  }
  return true;
}

size_t PymallocThreadedPolicy::collect_orphans() noexcept {
  HeapRegistry& r = registry();
  std::lock_guard<std::mutex> g(r.mu);
  return collect_orphans_locked(r);
}

PymallocThreadedPolicy::HeapCounts PymallocThreadedPolicy::heap_counts() noexcept {
  HeapRegistry& r = registry();
  std::lock_guard<std::mutex> g(r.mu);
  HeapCounts c;
  for (ThreadHeap* h = r.live; h; h = h->next) ++c.live;
  for (ThreadHeap* h = r.orphans; h; h = h->next) ++c.orphans;
  return c;
}

}  // namespace gk
