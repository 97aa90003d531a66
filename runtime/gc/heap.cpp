// runtime/gc/heap.cpp — the tracking lists' slots, counts and scheduling (see
// heap.hpp for the design).
#include "gc/heap.hpp"

#include <new>

#include "threads/thread_state.hpp"

namespace gk {

namespace {
// Constructed during static initialisation, before main() allocates any
// object; never destroyed (daemon threads may free containers at exit).
alignas(GcHeap) unsigned char g_heap_storage[sizeof(GcHeap)];
GcHeap* make_heap() noexcept { return new (g_heap_storage) GcHeap(); }
}  // namespace

namespace gc_detail {
GcHeap* const g_heap = make_heap();
}  // namespace gc_detail

GcHeap& gc_heap() noexcept { return *gc_detail::g_heap; }

// With l.mutex held.
void gc_count_overflow(GcList& l) noexcept {
  GcHeap& h = *gc_detail::g_heap;
  int64_t c;
  if constexpr (GcHeap::kCountBatch == 1) {
    c = h.count_.load(std::memory_order_relaxed);
  } else {
    int64_t d = l.delta;
    l.delta = 0;
    c = h.count_.fetch_add(d, std::memory_order_relaxed) + d;
    if (d < 0) return;
  }
  if (c <= h.trigger_.load(std::memory_order_relaxed)) return;
  if (h.scheduled_.exchange(true, std::memory_order_relaxed)) return;  // already asked
  if (ThreadState* ts = current_thread_state())
    ts->eval_breaker.fetch_or(kGcScheduled, std::memory_order_release);
  else
    h.scheduled_.store(false, std::memory_order_relaxed);  // no thread to run it: ask again later
}

void gc_flush_counts() noexcept {
  GcHeap& h = *gc_detail::g_heap;
  if constexpr (GcHeap::kCountBatch != 1) {
    for (GcList& l : h.lists) {
      std::lock_guard<RuntimeMutex> lock(l.mutex);
      h.count_.fetch_add(l.delta, std::memory_order_relaxed);
      l.delta = 0;
    }
  }
}

void gc_thread_begin(ThreadState&) noexcept {
  if constexpr (GcHeap::kLists > 1) {
    GcHeap& h = *gc_detail::g_heap;
    std::lock_guard<std::mutex> lock(h.slots_mutex_);
    for (GcList& l : h.lists) {
      if (!l.in_use) {
        l.in_use = true;
        gc_detail::t_list = &l;
        return;
      }
    }
    gc_detail::t_list = nullptr;  // every slot taken: share list 0
  }
}

void gc_thread_end(ThreadState& ts) noexcept {
  GcHeap& h = *gc_detail::g_heap;
  // A collection scheduled on this thread and never served: let another thread ask.
  if (ts.eval_breaker.fetch_and(~kGcScheduled, std::memory_order_relaxed) & kGcScheduled)
    h.scheduled_.store(false, std::memory_order_relaxed);
  if constexpr (GcHeap::kLists > 1) {
    GcList* l = gc_detail::t_list;
    gc_detail::t_list = nullptr;
    if (!l) return;
    std::lock_guard<std::mutex> lock(h.slots_mutex_);
    if (l->id != 0) l->in_use = false;  // its objects stay; the next thread appends to it
  }
}

}  // namespace gk
