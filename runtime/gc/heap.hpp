// runtime/gc/heap.hpp — tracking for the cyclic garbage collector: which
// container objects are alive, so that the collector (collector.hpp) can
// enumerate them. Key types: GcLink (the pre-header), GcList (one tracking
// list), GcHeap (the lists and the allocation count that triggers a collection).
//
// Design
// ------
// Every object of a type with TPFLAG_HAVE_GC (a "container": it may hold
// references that form a cycle) is allocated with a 16-byte pre-header,
// GcLink, in front of its Object header, as in CPython:
//
//     block:  [ GcLink next | GcLink prev+flags ][ ObjectHeader ... object ]
//                                                ^ Object* points here
//
// object_alloc links the pre-header into a circular doubly-linked list (the
// object is "tracked" from birth: objects are valid when zero-filled, and a
// collection runs only at a safe point, never inside an allocation);
// object_dealloc unlinks it before the type's dealloc runs (an object whose
// count reached zero is never seen by a collection), and object_free returns
// the whole block. Linking and unlinking are O(1) and touch no shared word
// beyond the list's own links.
//
// Which list. Under the GIL one list serves every thread: the GIL already
// serialises every link and unlink, and RuntimeMutex is an empty struct, so
// the cost is four stores to link, four to unlink, and a counter. Without a
// GIL (LockPolicy::kGcPerThreadLists) threads allocate and free containers
// in parallel, and an object may die on another thread than its creator.
// Each thread then takes a list slot of its own when it starts (gc_thread_begin)
// and links what it allocates there; the slot id is written into the object
// header (LockPolicy::set_gc_list, 16 bits), so whoever frees the object finds
// the list to unlink from. Each list has its own mutex, taken for the few
// stores of a link or unlink: uncontended except when a thread frees an
// object another thread created, at the same moment as that thread allocates
// — and not taken at all while one VM thread runs alone (ListLock).
// A thread that exits hands its slot back; the objects stay on the list (no
// walk to re-home them) and the next thread that starts reuses the slot.
// Slot 0 is for the main thread and for every thread without a slot of its
// own (too many threads: they share it, still correctly).
//
// The allocation count (CPython's generation-0 count): tracked allocations
// minus deallocations since the last collection. Under the GIL it is exact
// (plain relaxed loads and stores, no read-modify-write). Without a GIL each
// list batches its changes (under the list's mutex) and adds them to the
// global atomic every kCountBatch, as CPython 3.13t does per thread. When the
// count passes the trigger, the allocating thread sets kGcScheduled on its
// own eval breaker; the collection runs there (runtime/vm/eval.cpp).
//
// Who touches what
//   GcLink::next, prev    guarded by the owning list's mutex (or by being the
//                         only VM thread: ListLock); rewritten by the
//                         collector while the world is stopped (during a
//                         collection `prev` temporarily holds an index)
//   GcLink flag bits      kGcFinalized: set once by whoever runs the object's
//                         __del__ (the deallocating thread, or the collector)
//   GcList::delta         guarded by the list's mutex
//   GcHeap::count_, trigger_  atomic, relaxed
//   GcList::in_use        guarded by GcHeap::slots_mutex_
//
// Invariants (checker: gc_check_heap, run by -Dchecks=full builds after
// every collection, and by gc._check() from tests):
//   - every list is circular and consistent: n->next->prev == n for every node;
//   - every node on list k is a live tracked object whose header says k
//     (LockPolicy::gc_list) and whose type has TPFLAG_HAVE_GC;
//   - an untracked object's next is null.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "gil/policy.hpp"

namespace gk {

struct ThreadState;

inline constexpr uintptr_t kGcFinalized = 1;   // __del__ has run (PEP 442: at most once)
inline constexpr uintptr_t kGcCollecting = 2;  // during a collection: prev >> 2 is the object's index
inline constexpr uintptr_t kGcFlagMask = 3;

// The pre-header. Its words are read and written with relaxed atomic
// accesses (plain moves on x86): a thread that unlinks a neighbour writes
// this node's links under the list's mutex while the node's own thread may
// test `next` (tracked?) without it — the value it reads cannot change from
// null to non-null or back under it, but the access must not be a data race.
struct alignas(16) GcLink {
  GcLink* next_;     // null = untracked
  uintptr_t prev_;   // GcLink* | flag bits (kGcFlagMask)

  GcLink* next() const noexcept { return ref(next_).load(std::memory_order_relaxed); }
  void set_next(GcLink* n) noexcept { ref(next_).store(n, std::memory_order_relaxed); }
  uintptr_t prev_word() const noexcept { return ref(prev_).load(std::memory_order_relaxed); }
  void set_prev_word(uintptr_t w) noexcept { ref(prev_).store(w, std::memory_order_relaxed); }
  GcLink* prev() const noexcept { return reinterpret_cast<GcLink*>(prev_word() & ~kGcFlagMask); }
  uintptr_t flags() const noexcept { return prev_word() & kGcFlagMask; }

 private:
  template <class T>
  static std::atomic_ref<T> ref(const T& f) noexcept { return std::atomic_ref<T>(const_cast<T&>(f)); }
};
static_assert(sizeof(GcLink) == 16, "the pre-header keeps objects 16-byte aligned");

// One cache line (or more) per list: the lists of different threads must not
// share a line, or every container allocation would bounce it between cores
// (measured: closures scaled 1.29x at 2 threads with adjacent lists).
struct alignas(64) GcList {
  RuntimeMutex mutex;
  GcLink head{&head, reinterpret_cast<uintptr_t>(&head)};  // sentinel of the circular list (no flag bits)
  int64_t delta = 0;    // guarded by mutex: count changes not yet added to GcHeap::count_
  uint16_t id = 0;      // immutable
  bool in_use = false;  // guarded by GcHeap::slots_mutex_
};

class GcHeap {
 public:
  static constexpr size_t kLists = LockPolicy::kGcPerThreadLists ? 256 : 1;
  static constexpr int64_t kCountBatch = LockPolicy::kGcPerThreadLists ? 64 : 1;

  GcList lists[kLists];
  std::atomic<int64_t> count_{0};           // allocations - deallocations since the last collection
  std::atomic<int64_t> trigger_{700};       // count above which a collection is scheduled
  std::atomic<bool> scheduled_{false};      // kGcScheduled set on some thread, not yet served
  std::mutex slots_mutex_;

  GcHeap() {
    for (size_t i = 0; i < kLists; ++i) lists[i].id = static_cast<uint16_t>(i);
    lists[0].in_use = true;
  }
};

// The one heap of the process (one interpreter per process, like the GIL).
// Constructed at static-initialisation time; never destroyed.
GcHeap& gc_heap() noexcept;

namespace gc_detail {
// The calling thread's list (null: list 0). Set by gc_thread_begin/end.
inline constinit thread_local GcList* t_list = nullptr;
extern GcHeap* const g_heap;
}  // namespace gc_detail

// A list's mutex for one link or unlink, taken only when another VM thread
// may run (LockPolicy::others_may_run): a thread alone in the VM is the only
// one that can touch any list, and stays alone until it spawns a thread,
// which it cannot do in the middle of a link.
class ListLock {
 public:
  explicit ListLock(GcList& l) noexcept : m_(LockPolicy::others_may_run() ? &l.mutex : nullptr) {
    if (m_) m_->lock();
  }
  ~ListLock() {
    if (m_) m_->unlock();
  }
  ListLock(const ListLock&) = delete;
  ListLock& operator=(const ListLock&) = delete;

 private:
  RuntimeMutex* m_;
};

// The count passed the trigger: schedule a collection on this thread (cold).
void gc_count_overflow(GcList& l) noexcept;

inline GcList& gc_current_list() noexcept {
  if constexpr (GcHeap::kLists == 1) {
    return gc_detail::g_heap->lists[0];
  } else {
    GcList* l = gc_detail::t_list;
    return l ? *l : gc_detail::g_heap->lists[0];
  }
}

// With l.mutex held.
inline void gc_count_change(GcList& l, int64_t d) noexcept {
  GcHeap& h = *gc_detail::g_heap;
  if constexpr (GcHeap::kCountBatch == 1) {
    int64_t c = h.count_.load(std::memory_order_relaxed) + d;
    if (c < 0) c = 0;  // like CPython: objects older than the last collection do not count
    h.count_.store(c, std::memory_order_relaxed);
    if (d > 0 && c > h.trigger_.load(std::memory_order_relaxed)) gc_count_overflow(l);
  } else {
    l.delta += d;
    if (l.delta >= GcHeap::kCountBatch || l.delta <= -GcHeap::kCountBatch) gc_count_overflow(l);
  }
}

// Link g (the pre-header of a new or resurrected object with header h) into
// the calling thread's list, with flag bits `flags` (a new object: 0; the
// caller passes them rather than this reading g's word, which a new object's
// memset has just written: reading it back would stall on store forwarding).
inline void gc_link(GcLink* g, ObjectHeader& h, uintptr_t flags) noexcept {
  GcList& l = gc_current_list();
  ListLock lock(l);
  LockPolicy::set_gc_list(h, l.id);
  GcLink* tail = l.head.prev();
  g->set_next(&l.head);
  g->set_prev_word(reinterpret_cast<uintptr_t>(tail) | flags);
  tail->set_next(g);
  l.head.set_prev_word(reinterpret_cast<uintptr_t>(g));
  gc_count_change(l, 1);
}

// Unlink a tracked g from whichever list holds it (any thread).
inline void gc_unlink(GcLink* g, const ObjectHeader& h) noexcept {
  GcList& l = gc_detail::g_heap->lists[GcHeap::kLists == 1 ? 0 : LockPolicy::gc_list(h)];
  ListLock lock(l);
  GcLink* prev = g->prev();
  GcLink* next = g->next();
  prev->set_next(next);
  next->set_prev_word(next->flags() | reinterpret_cast<uintptr_t>(prev));
  g->set_next(nullptr);
  g->set_prev_word(g->flags());
  gc_count_change(l, -1);
}

// Thread lifecycle (runtime/modules/thread.cpp, runtime/vm/interpreter.cpp):
// take a list slot / hand it back (no-GIL build; nothing under the GIL).
void gc_thread_begin(ThreadState& ts) noexcept;
void gc_thread_end(ThreadState& ts) noexcept;

// Add every list's batched delta to the count (collector, world stopped).
void gc_flush_counts() noexcept;

}  // namespace gk
