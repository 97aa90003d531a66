// gil/biased_lock.hpp — the `nogil` lock policy: biased reference counting
// (Choi, Shull, Torrellas, PACT 2018; PEP 703), per-object mutexes taken by
// critical sections, and the attach/detach/eval-breaker hooks that drive
// stop-the-world and QSBR.
//
// Owns: BiasedHeader (the 32-byte header at the start of every object),
// BiasedPolicy (incref/decref, merges, attach/detach, on_eval_breaker),
// BiasedThread (one thread's merge queue and critical-section stack) and
// BiasedCriticalSection. gil/policy.hpp selects it for -Dlock=nogil.
//
// Biased reference counting
// -------------------------
// Most objects are only ever touched by the thread that made them. Each
// header names an owner thread, which counts its references in `local` with
// plain loads and stores (no locked instruction); every other thread counts in
// `shared` with atomic read-modify-writes. The object's reference count is
// local + shared, and neither half alone tells whether it is zero:
//
//   * the owner sees both halves exactly, so it decides when `local` drops to
//     0: if `shared` is 0 too the object dies; otherwise the owner gives the
//     object up (state MERGED: from then on every thread, the former owner
//     included, counts in `shared`, and whoever brings it to 0 frees it);
//   * a non-owner that would bring `shared` below 0 (it drops a reference the
//     owner counted) cannot know whether the object is dead. It does not
//     decrement: it hands its reference to the owner's merge queue (state
//     QUEUED, the queued reference is a "pin") and sets kPendingMerges on the
//     owner's eval breaker. The owner, at its next breaker check, merges:
//     shared = local + shared - 1 (the pin), state MERGED, and frees the
//     object if that is 0. If the owner has exited, the non-owner performs the
//     merge itself at once (no thread can write `local` any more).
//
// Owner ids come from a 64-bit counter and are never reused, so a thread
// never mistakes an object of a dead thread for its own. The queue is a
// Boost.Lockfree queue with one consumer: only the owner pops (or a proxy
// while the owner cannot run: the stop-the-world requester, or the owner's
// own exit path), without a lock, so producers never block the owner.
// Producers — rare, one per object ever queued — take a per-queue mutex
// among themselves (see MergeQueue in the .cpp for why). They find the
// owner's queue through a striped table keyed by owner id, holding the
// bucket's shared lock while pushing; a thread leaving takes it exclusively,
// so a push either lands before the owner's final drain or sees the owner
// gone.
//
// States of `shared`'s low two bits, and every transition:
//
//   DEFAULT (0)  owned; count = local + shared (shared >= 0)
//   QUEUED  (1)  owned, and in the owner's merge queue exactly once; the
//                queue holds one reference; shared may be negative
//   MERGED  (2)  no owner (owner == 0); count = shared; local unused
//
//   DEFAULT -> QUEUED  a non-owner decref finds shared == 0 (CAS 0 -> QUEUED,
//                      count unchanged: its reference becomes the pin) and
//                      pushes the object to the owner's queue
//   QUEUED  -> MERGED  the owner (or a proxy) pops it: CAS to MERGED with
//                      count local + shared - 1; freed if that is 0
//   DEFAULT -> MERGED  the owner's local count drops to 0 while shared > 0
//                      (the owner gives the object up)
//   QUEUED  -> MERGED  the owner's local count drops to 0 while queued: it
//                      gives the object up keeping the pin in shared; the
//                      queue entry later drops the pin like any decref
//   DEFAULT -> freed   the owner's local count drops to 0 with shared == 0
//   MERGED  -> freed   any decref brings shared to 0
//   (a QUEUED object is never freed before its queue entry is processed)
//
// A thread that was never started (BiasedPolicy::thread_start) owns nothing:
// objects it creates start MERGED. Immortal objects (local == kImmortalLocal)
// are never counted and never freed.
//
// Invariants (checker: BiasedPolicy::check_header, check_header_settled):
//   - state bits are DEFAULT, QUEUED or MERGED; DEFAULT => shared >= 0;
//     MERGED => shared >= 1 for a live object;
//   - the owner thread always sees local >= 1 and a state other than MERGED
//     on its own objects (owner == 0 exactly when MERGED, once no thread is
//     mid-transition on the header);
//   - only the owner writes local and owner (a proxy merges only while the
//     owner is stopped or gone).
//
// Critical sections: see BiasedCriticalSection below.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <type_traits>
#include <vector>

#include "gil/pymutex.hpp"
#include "threads/qsbr.hpp"
#include "threads/registry.hpp"
#include "threads/stop_the_world.hpp"
#include "threads/thread_state.hpp"

namespace gk {

struct TypeObject;
struct MergeQueue;  // gil/biased_lock.cpp: the Boost.Lockfree queue
class BiasedCriticalSection;

// The object header. Plain fields accessed through std::atomic_ref where
// threads share them, so the header stays an aggregate over raw memory.
//
//   offset  size  field     who may touch it
//   ------  ----  --------  ------------------------------------------------
//     0      8    owner     owning thread's id, 0 = none. Written before the
//                           object is shared (init_header), and by the thread
//                           that merges it, before publishing MERGED. Read by
//                           any thread (relaxed).
//     8      2    gc_list   the cyclic GC's tracking list of the object
//                           (runtime/gc/heap.hpp): written by the thread that
//                           tracks it (before the object is shared) or while
//                           the world is stopped; read by any thread that
//                           unlinks it (relaxed)
//    10      1    mutex     PyMutex lock word (atomic; CriticalSection)
//    11      1    gc_bits   the cyclic GC's bits: written before the object is
//                           shared or while the world is stopped
//    12      4    local     owner's count: written by the owner only (relaxed
//                           store, never a read-modify-write); read by any
//                           thread (relaxed). kImmortalLocal = immortal
//    16      8    shared    (count << 2) | state: atomic read-modify-write by
//                           any thread; count may be negative while QUEUED
//    24      8    type      immutable after init_header
struct BiasedHeader {
  uint64_t owner;
  uint16_t gc_list;
  PyMutex mutex;
  uint8_t gc_bits;
  uint32_t local;
  intptr_t shared;
  TypeObject* type;
};
static_assert(sizeof(BiasedHeader) <= 32, "the no-GIL header is at most 32 bytes (like CPython 3.13t)");
static_assert(offsetof(BiasedHeader, mutex) == 10 && offsetof(BiasedHeader, local) == 12 &&
              offsetof(BiasedHeader, shared) == 16 && offsetof(BiasedHeader, type) == 24,
              "the drawing above is the layout");

// One started thread's biased-RC and critical-section state.
struct BiasedThread {
  uint64_t id = 0;                         // immutable; never reused, never 0
  ThreadState* ts = nullptr;               // immutable; producers set kPendingMerges on ts->eval_breaker
  MergeQueue* queue = nullptr;             // any thread pushes (under the owner table's bucket lock);
                                           // the owner pops (or a proxy while the owner is stopped/exiting)
  BiasedCriticalSection* cs_top = nullptr; // owner thread only: innermost critical section
  BiasedThread* bucket_next = nullptr;     // guarded by the owner table's bucket lock
  bool counted = false;                    // owner thread only: begun by thread_begin, so counted
                                           // by thread_spawning (tests may start uncounted threads)
};

namespace biased_detail {
inline constexpr uint64_t kNoThread = ~uint64_t(0);  // id of a thread not started: matches no header
// The calling thread's id and record (set by thread_start, cleared by
// thread_exit). incref/decref receive only a header, so they find the thread
// here — as CriticalSection does, whose call sites pass only objects.
//
// t_id is read by every incref and decref, so it is read with one
// segment-relative load on x86-64 Linux (`movq %fs:t_id@tpoff`). Left to
// itself GCC first loads the thread pointer (%fs:0) and then t_id through it,
// two dependent loads: measured, the single load makes the no-GIL build ~6%
// faster on scripts/bench (geometric mean). The symbol is given a fixed
// assembler name for the asm; the local-exec model it uses holds because
// gilkit's code is linked into executables (static libraries), never into a
// shared object. Elsewhere: a plain thread_local read.
inline constinit thread_local uint64_t t_id asm("gk_biased_t_id") = kNoThread;
inline constinit thread_local BiasedThread* t_thread = nullptr;
[[gnu::always_inline]] inline uint64_t current_id() noexcept {
#if defined(__x86_64__) && defined(__linux__)
  uint64_t v;
  // volatile: never moved across thread_start/thread_exit's writes of t_id.
  asm volatile("movq %%fs:gk_biased_t_id@tpoff, %0" : "=r"(v));
  return v;
#else
  return t_id;
#endif
}
}  // namespace biased_detail

// Process-wide counters (atomic, relaxed).
struct BiasedStats {
  uint64_t threads_started;
  uint64_t queued;           // DEFAULT -> QUEUED transitions pushed to a live owner
  uint64_t merged_by_owner;  // queue entries merged by their owner at the eval breaker or on exit
  uint64_t merged_at_once;   // queued objects whose owner had exited: merged by the non-owner
  uint64_t merged_in_pause;  // queue entries merged by a stop-the-world requester
  uint64_t gave_up;          // owner's local count reached 0 with other references left
};

struct BiasedPolicy {
  using Header = BiasedHeader;
  using CriticalSection = BiasedCriticalSection;
  // A lock for the runtime's own process-wide tables (the intern table, the
  // external-dict side table, the GC's lists). Held only around short C++
  // code that runs no bytecode and never blocks, so a thread waiting on it
  // while attached cannot hold up a stop-the-world pause for long. A PyMutex:
  // its uncontended lock and unlock are one inline CAS each (std::mutex's
  // were two library calls, ~18% of a thread creating instances).
  using RuntimeMutex = PyMutex;
  static constexpr const char* name = "nogil";
  static constexpr bool has_gil = false;

  static constexpr uint32_t kImmortalLocal = UINT32_MAX;
  static constexpr intptr_t kStateMask = 3;
  static constexpr intptr_t kDefault = 0, kQueued = 1, kMerged = 2;
  static constexpr intptr_t kShareUnit = 4;  // one reference in `shared`

  static constexpr intptr_t shared_count(intptr_t s) noexcept { return s >> 2; }  // arithmetic shift
  static constexpr intptr_t shared_state(intptr_t s) noexcept { return s & kStateMask; }
  static constexpr intptr_t make_shared(intptr_t count, intptr_t state) noexcept {
    return intptr_t(uintptr_t(count) << 2) | state;
  }

  // --- the header -----------------------------------------------------------
  // Before the object is visible to other threads.
  static void init_header(Header& h, TypeObject* type) noexcept {
    uint64_t me = biased_detail::t_id;
    bool owned = me != biased_detail::kNoThread;
    owner_ref(h).store(owned ? me : 0, std::memory_order_relaxed);
    gc_list_ref(h).store(0, std::memory_order_relaxed);
    h.mutex.init();
    h.gc_bits = 0;
    local_ref(h).store(owned ? 1 : 0, std::memory_order_relaxed);
    shared_ref(h).store(owned ? make_shared(0, kDefault) : make_shared(1, kMerged), std::memory_order_relaxed);
    h.type = type;
  }
  // Before the object is shared, by its owner, or while the world is stopped.
  static void make_immortal(Header& h) noexcept {
    local_ref(h).store(kImmortalLocal, std::memory_order_relaxed);
    owner_ref(h).store(0, std::memory_order_relaxed);
    shared_ref(h).store(make_shared(0, kMerged), std::memory_order_relaxed);
  }
  static bool is_immortal(const Header& h) noexcept {
    return local_ref(h).load(std::memory_order_relaxed) == kImmortalLocal;
  }

  // The owner's count saturates into immortality at 2^32 - 1 references (a
  // leak, never a premature free).
  // The calling thread owns h's object (its biased owner). Only the owner
  // itself can see true, so the answer is exact for the question it asks.
  [[gnu::always_inline]] static bool owned_by_caller(const Header& h) noexcept {
    return owner_ref(h).load(std::memory_order_relaxed) == biased_detail::current_id();
  }
  // Both are always inlined: they run several times per bytecode, and their
  // fast paths (the owner's plain store) are a few instructions.
  [[gnu::always_inline]] static void incref(Header& h) noexcept {
    uint32_t l = local_ref(h).load(std::memory_order_relaxed);
    if (l == kImmortalLocal) return;
    if (owned_by_caller(h))
      local_ref(h).store(l + 1, std::memory_order_relaxed);
    else
      shared_ref(h).fetch_add(kShareUnit, std::memory_order_relaxed);
  }
  // Returns true when the count reached zero: the caller deallocates.
  [[nodiscard, gnu::always_inline]] static bool decref(Header& h) noexcept {
    uint32_t l = local_ref(h).load(std::memory_order_relaxed);
    if (l == kImmortalLocal) return false;
    if (owned_by_caller(h)) {
      if (l > 1) {
        local_ref(h).store(l - 1, std::memory_order_relaxed);
        return false;
      }
      // The owner's last local reference. With shared == 0 (DEFAULT) no
      // other thread holds one: dead (the common case, kept inline).
      if (shared_ref(h).load(std::memory_order_acquire) == make_shared(0, kDefault)) {
        local_ref(h).store(0, std::memory_order_relaxed);
        return true;
      }
      return decref_local_zero(h);
    }
    intptr_t s = shared_ref(h).load(std::memory_order_relaxed);
    for (;;) {
      if (s == make_shared(0, kDefault)) return decref_queue(h);  // would go negative: queue to the owner
      if (shared_ref(h).compare_exchange_weak(s, s - kShareUnit, std::memory_order_acq_rel,
                                              std::memory_order_relaxed))
        return s - kShareUnit == make_shared(0, kMerged);
    }
  }
  // The caller holds a reference to h's object and it is the only one, so
  // the object may be reused in place (CPython 3.13t's
  // _PyObject_IsUniquelyReferenced). Only the owner can tell: it reads `local`
  // exactly, and with shared == 0 (DEFAULT) no other thread counted a
  // reference — nor can take one, having none to copy (a lock-free reader's
  // borrowed pointer comes from a container whose dropped references wait for
  // QSBR, so they are still counted).
  static bool is_unique(const Header& h) noexcept {
    return owned_by_caller(h) && local_ref(h).load(std::memory_order_relaxed) == 1 &&
           shared_ref(h).load(std::memory_order_relaxed) == make_shared(0, kDefault);
  }
  // What sys.getrefcount reports (a snapshot; exact for the owner). The
  // queue's pin is not a reference anyone can use: not counted.
  static intptr_t refcount(const Header& h) noexcept {
    uint32_t l = local_ref(h).load(std::memory_order_relaxed);
    if (l == kImmortalLocal) return (intptr_t(1) << 32) - 1;
    intptr_t s = shared_ref(h).load(std::memory_order_acquire);
    switch (shared_state(s)) {
      case kMerged: return shared_count(s);
      case kQueued: return intptr_t(l) + shared_count(s) - 1;
      default: return intptr_t(l) + shared_count(s);
    }
  }
  // The cyclic GC's list id (runtime/gc/heap.hpp): one list per thread slot.
  static constexpr bool kGcPerThreadLists = true;
  static uint16_t gc_list(const Header& h) noexcept { return gc_list_ref(h).load(std::memory_order_relaxed); }
  static void set_gc_list(Header& h, uint16_t id) noexcept { gc_list_ref(h).store(id, std::memory_order_relaxed); }

  // Introspection for tests and the GC (snapshots).
  static uint64_t owner_of(const Header& h) noexcept { return owner_ref(h).load(std::memory_order_relaxed); }
  static intptr_t state_of(const Header& h) noexcept {
    return shared_state(shared_ref(h).load(std::memory_order_acquire));
  }

  // Invariant checker, safe while other threads use h (see the top of the file).
  static bool check_header(const Header& h) noexcept;
  // Stricter, for a header no thread is changing: also owner == 0 <=> MERGED.
  static bool check_header_settled(const Header& h) noexcept;

  // Called with a header whose count reached zero on a path that is not a
  // decref() return (merges at the eval breaker, on thread exit, after a
  // pause). The VM installs object_dealloc; tests install counters.
  using DeallocFn = void (*)(Header*);
  static void set_dealloc(DeallocFn fn) noexcept;

  // --- threads ----------------------------------------------------------------
  // On the new thread, before it creates objects: gives it an owner id and a
  // merge queue, and binds ts.biased.
  static BiasedThread* thread_start(ThreadState& ts);
  // On the exiting thread, still attached, after its last bytecode: leaves
  // the owner table and merges its queue (may deallocate). Its remaining
  // objects keep its (dead) id: their next queueing merges them at once.
  static void thread_exit(ThreadState& ts);
  static uint64_t current_id() noexcept { return biased_detail::current_id(); }

  // The VM's thread lifecycle: thread_begin on the new thread before it
  // creates objects (thread_start + its QSBR record, offline until attach);
  // thread_end on the exiting thread, attached, after its last bytecode
  // (leaves QSBR, then thread_exit).
  static void thread_begin(ThreadState& ts);
  static void thread_end(ThreadState& ts);
  // Counting VM threads. thread_spawning runs on the thread that creates a VM
  // thread (parent), before the new OS thread exists — or with parent null
  // for the main thread, before its thread_begin. From then on the new thread
  // counts (others_may_run() is true for the parent), so the parent's elided
  // critical sections become real ones here (see BiasedCriticalSection).
  // thread_spawn_failed undoes the count when the OS thread could not be made;
  // thread_end uncounts a thread that ran.
  static void thread_spawning(ThreadState* parent);
  static void thread_spawn_failed() noexcept;
  // Whether a VM thread other than the caller may run now. False means the
  // caller is the only VM thread and stays so until it spawns one itself
  // (only VM threads spawn VM threads): what another thread did before it
  // ended is visible (pairs with thread_end's decrement). seq_cst, for
  // readers_may_race below (a plain load on x86 either way).
  static bool others_may_run() noexcept { return vm_threads_.load(std::memory_order_seq_cst) > 1; }

  // The process-wide pause controller (one interpreter per process, like the GIL).
  static StopTheWorld& world() noexcept {
    static StopTheWorld w;
    return w;
  }
  // The process-wide QSBR domain of the VM's lock-free container reads
  // (threads/qsbr.hpp). Never destroyed: daemon threads may use it at exit.
  static QsbrDomain& qsbr() noexcept {
    static QsbrDomain* d = new QsbrDomain();
    return *d;
  }
  // Free p with fn(p) once no thread can still be reading it lock-free: after
  // every attached thread has passed a quiescent state. At once on a thread
  // without a QSBR record (never started, or exiting).
  static void defer_free(ThreadState& ts, void* p, void (*fn)(void*));
  // Readers may hold pointers into a container without its mutex.
  static constexpr bool lock_free_readers() noexcept { return true; }
  // Whether a thread other than the caller may be reading lock-free now:
  // more than one VM thread has begun and not ended. When false, memory and
  // references a container drops are released at once, so a single-threaded
  // program frees (and runs __del__) exactly when CPython would. seq_cst: a
  // thread is counted (thread_spawning) before its first read, and a writer
  // unpublishes before it asks (the store-buffering case of threads/qsbr.hpp).
  static bool readers_may_race() noexcept { return others_may_run(); }
  // The calling VM thread (between thread_begin and thread_end), or null.
  static ThreadState* current_thread() noexcept {
    BiasedThread* t = biased_detail::t_thread;
    return t ? t->ts : nullptr;
  }
  // Make objects every thread shares immortal when a thread starts
  // (runtime/gc/share.hpp), so their counts are never a contended atomic.
  static constexpr bool kImmortalizeShared = true;

  // sys.setswitchinterval stores the value, as CPython's free-threaded build
  // does; nothing reads it without a GIL.
  static void set_switch_interval_us(int64_t us) noexcept { switch_interval_.store(us, std::memory_order_relaxed); }
  static int64_t switch_interval_us() noexcept { return switch_interval_.load(std::memory_order_relaxed); }
  // -X gil_io_priority: there is no GIL to hand over first; accepted, no effect.
  static void set_io_priority(bool) noexcept {}
  // Take / give up the right to run bytecode. detach suspends ts's critical
  // sections (releasing their mutexes) and takes it offline for QSBR; attach
  // undoes both (re-locking only the innermost section).
  static void attach(ThreadState& ts);
  static void detach(ThreadState& ts);
  // The eval loop's breaker check: merges (kPendingMerges), QSBR report
  // (always; kQsbrReport asks for it), stop-the-world park (kStopTheWorld).
  static void on_eval_breaker(ThreadState& ts, uint32_t bits);
  // Invariant checker: ts may run bytecode now.
  static bool holder_check(const ThreadState& ts) noexcept {
    return ts.attach_state.load(std::memory_order_relaxed) == kAttached;
  }
  // Pause every other thread of reg (requester: the caller, attached), then
  // merge every thread's queue. Objects that reach zero are freed by
  // start_the_world, after the restart, on the requester.
  static void stop_the_world(ThreadRegistry& reg, ThreadState& requester);
  static void start_the_world(ThreadRegistry& reg);
  // The owner's merge at its eval breaker (on_eval_breaker calls it).
  // Returns the number of queue entries processed.
  static size_t merge_pending(ThreadState& ts);

  static BiasedStats stats() noexcept;

 private:
  static inline std::atomic<int64_t> switch_interval_{5000};  // any thread (relaxed)
  static inline std::atomic<int64_t> vm_threads_{0};  // threads between thread_begin and thread_end (seq_cst)
  friend class BiasedCriticalSection;
  static std::atomic_ref<uint64_t> owner_ref(const Header& h) noexcept {
    return std::atomic_ref<uint64_t>(const_cast<uint64_t&>(h.owner));
  }
  static std::atomic_ref<uint16_t> gc_list_ref(const Header& h) noexcept {
    return std::atomic_ref<uint16_t>(const_cast<uint16_t&>(h.gc_list));
  }
  static std::atomic_ref<uint32_t> local_ref(const Header& h) noexcept {
    return std::atomic_ref<uint32_t>(const_cast<uint32_t&>(h.local));
  }
  static std::atomic_ref<intptr_t> shared_ref(const Header& h) noexcept {
    return std::atomic_ref<intptr_t>(const_cast<intptr_t&>(h.shared));
  }
  static bool decref_local_zero(Header& h) noexcept;  // owner, local 1 -> 0
  static bool decref_queue(Header& h) noexcept;       // non-owner, shared would go negative
  static bool push_to_owner(Header& h, uint64_t owner) noexcept;
  // Process one queue entry of `queue_owner`'s queue; true if the count hit 0.
  static bool merge_entry(Header& h, uint64_t queue_owner) noexcept;
  // Pop and merge every entry of t's queue; dead objects go to `dead`, or are
  // deallocated at once when it is null. Returns the number of entries.
  static size_t drain(BiasedThread& t, std::vector<Header*>* dead);
};

// A critical section: holds one object's mutex (or two, locked in address
// order) for a container mutation. RAII, strictly nested per thread.
//
// Each started thread keeps a stack of its sections (linked through `prev_`,
// top in BiasedThread::cs_top). A section is *active* (holds its mutexes) or
// *suspended* (released them). Rules:
//   - detach (a blocking call) suspends every active section; attach resumes
//     only the innermost; an outer one is resumed when the inner one ends.
//   - a section that cannot take its mutex at once suspends every active
//     section first, then waits (detached, so stop-the-world is not held up).
//     A thread therefore never waits for a mutex while holding another,
//     except the lower mutex of a two-object section waiting for the higher:
//     with one global order no cycle is possible, so nothing deadlocks —
//     including a thread re-locking a mutex an outer section of its own holds.
//   - a section on the mutex the innermost active section already holds does
//     nothing (it is not pushed; the outer section protects it).
// Consequence for callers (as in CPython): a blocking call or a contended
// nested section may let another thread change the object in between.
//
// Elision. While the caller is the only VM thread (others_may_run() false)
// no other thread can take, or read under, any mutex, so a section is pushed
// *elided*: it counts as holding its mutexes without touching them (no
// locked instruction: a single-threaded program pays two plain stores per
// section). That stays true until the thread itself spawns a VM thread, and
// BiasedPolicy::thread_spawning then makes every elided section of the
// spawner real before the new thread exists (make_real: suspend them all,
// then resume the innermost — what a blocking call does). Another thread
// ending can only turn later sections into elided ones; the sections it
// held it released before it stopped counting.
//
// States of a section: active -> suspended (detach, or a contended section
// above it begins) -> active (attach while innermost, or the section above
// it ends) -> ended; elided sections move through the same states, and
// become ordinary ones (suspended) at make_real. Invariants: the active
// sections are a run at the top of the stack, each real one holding its
// mutexes; elided sections exist only while the thread is the only VM
// thread. Checker: check_critical_sections().
class BiasedCriticalSection {
 public:
  template <class T>
  explicit BiasedCriticalSection(T* o) noexcept {
    BiasedThread* t = biased_detail::t_thread;
    if (o != nullptr && alone(t)) [[likely]]
      push_elided(t, mutex_of(o), nullptr);
    else if (!(o != nullptr && t != nullptr && try_push(t, mutex_of(o))))
      begin(mutex_of(o), nullptr);
  }
  template <class T, class U>
  BiasedCriticalSection(T* a, U* b) noexcept {
    BiasedThread* t = biased_detail::t_thread;
    if (a != nullptr && b != nullptr && alone(t)) [[likely]]
      push_elided(t, mutex_of(a), mutex_of(b));
    else
      begin(mutex_of(a), mutex_of(b));
  }
  ~BiasedCriticalSection() {
    if (mode_ == Mode::kNoop) return;
    if (prev_ == nullptr || prev_->active_) [[likely]] {
      if (mode_ == Mode::kElided) {
        thread_->cs_top = prev_;
        return;
      }
      if (mode_ == Mode::kPushed && active_ && m2_ == nullptr) {  // the inline one-object case
        m1_->unlock();
        thread_->cs_top = prev_;
        return;
      }
    }
    end();
  }
  BiasedCriticalSection(const BiasedCriticalSection&) = delete;
  BiasedCriticalSection& operator=(const BiasedCriticalSection&) = delete;

  bool active() const noexcept { return active_; }
  bool elided() const noexcept { return mode_ == Mode::kElided; }

  // For detach / attach (owner thread only).
  static void suspend_all(BiasedThread& t) noexcept;
  static void resume_top(BiasedThread& t) noexcept;
  // For thread_spawning (owner thread only): every elided section of t
  // becomes a real one; afterwards only the innermost section is active.
  static void make_real(BiasedThread& t) noexcept;
  // Invariant checker (owner thread only).
  static bool check_critical_sections(const BiasedThread& t) noexcept;

 private:
  template <class T>
  static PyMutex* mutex_of(T* o) noexcept {
    if (o == nullptr) return nullptr;
    if constexpr (std::is_same_v<std::remove_cv_t<T>, PyMutex>) return o;
    else if constexpr (std::is_same_v<std::remove_cv_t<T>, BiasedHeader>) return &o->mutex;
    else return &o->ob.mutex;  // an object: its header is the member `ob`
  }
  // t (the caller's record) is the only VM thread.
  static bool alone(const BiasedThread* t) noexcept {
    return t != nullptr && t->counted && !BiasedPolicy::others_may_run();
  }
  // The caller is the only VM thread: push without locking. Order of a and b
  // does not matter until make_real, which sorts them.
  void push_elided(BiasedThread* t, PyMutex* a, PyMutex* b) noexcept {
    thread_ = t;
    m1_ = a;
    m2_ = a == b ? nullptr : b;
    mode_ = Mode::kElided;
    active_ = true;
    prev_ = t->cs_top;
    t->cs_top = this;
  }
  // The locking path's common case, inline: one object, its mutex free, not
  // held by the innermost section. False: take begin() (nothing done).
  bool try_push(BiasedThread* t, PyMutex* m) noexcept {
    BiasedCriticalSection* top = t->cs_top;
    if (top != nullptr && top->active_ && (top->m1_ == m || top->m2_ == m)) return false;
    if (!m->try_lock()) return false;
    thread_ = t;
    m1_ = m;
    mode_ = Mode::kPushed;
    active_ = true;
    prev_ = top;
    t->cs_top = this;
    return true;
  }
  void begin(PyMutex* a, PyMutex* b) noexcept;  // the locking path
  void end() noexcept;                          // the locking path's release (and an elided
                                                // section whose outer section is suspended)
  void lock_all() noexcept;  // take m1_ (then m2_), waiting detached if contended

  enum class Mode : uint8_t { kNoop, kPlain, kPushed, kElided };
  BiasedThread* thread_ = nullptr;          // owner thread's record (null: thread not started)
  BiasedCriticalSection* prev_ = nullptr;   // next outer section (owner thread only)
  PyMutex* m1_ = nullptr;                   // lower address (elided: unordered until make_real)
  PyMutex* m2_ = nullptr;                   // higher address, or null
  Mode mode_ = Mode::kNoop;
  bool active_ = false;                     // holds m1_ (and m2_); owner thread only
};

}  // namespace gk
