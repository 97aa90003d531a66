// gil/global_lock.hpp — the `gil` lock policy: CPython's object header and
// non-atomic reference counting, made safe by a global interpreter lock.
//
// Owns: GilHeader (the refcount fields at the start of every object) and
// GilPolicy (incref/decref, attach/detach, CriticalSection, stop-the-world).
//
// Design. Under the GIL at most one thread runs bytecode, so a refcount is a
// plain integer and a container needs no lock of its own: CriticalSection is
// empty and stop_the_world() is "hold the GIL". The GIL hand-off protocol
// itself (switch interval, drop requests, forced switching) lives in
// gil/gil.hpp and is driven through attach()/detach() and the eval breaker.
//
// Header layout (16 bytes, like CPython's PyObject):
//
//   offset 0   intptr_t    refcnt   guarded by the GIL; < 0 means immortal
//   offset 8   TypeObject* type     immutable after construction
//
// Invariant: an immortal object's refcnt stays negative forever (incref and
// decref never touch it), so it is never freed. Checker: check_header().
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "gilkit_config.hpp"

#include "gil/gil.hpp"
#include "threads/registry.hpp"

namespace gk {

struct TypeObject;
struct ThreadState;

struct GilHeader {
  intptr_t refcnt;   // guarded by the GIL; negative = immortal
  TypeObject* type;  // immutable after construction
};
static_assert(sizeof(GilHeader) == 16, "the gil header is CPython's 16 bytes");

struct GilPolicy {
  using Header = GilHeader;
  static constexpr const char* name = "gil";
  static constexpr bool has_gil = true;
  // Far from zero in both directions: stray arithmetic cannot bring it to 0.
  static constexpr intptr_t kImmortalRefcnt = INTPTR_MIN / 2;

  static void init_header(Header& h, TypeObject* type) noexcept {
    h.refcnt = 1;
    h.type = type;
  }
  static void make_immortal(Header& h) noexcept { h.refcnt = kImmortalRefcnt; }
  static bool is_immortal(const Header& h) noexcept { return h.refcnt < 0; }

  static void incref(Header& h) noexcept {
    if (h.refcnt >= 0) ++h.refcnt;
  }
  // Returns true when the count reached zero: the caller deallocates.
  [[nodiscard]] static bool decref(Header& h) noexcept {
    if (h.refcnt < 0) return false;
    return --h.refcnt == 0;
  }
  // The cyclic GC's list id (runtime/gc/heap.hpp): under the GIL one list
  // serves every thread, so the header needs no field for it.
  static constexpr bool kGcPerThreadLists = false;
  static uint16_t gc_list(const Header&) noexcept { return 0; }
  static void set_gc_list(Header&, uint16_t) noexcept {}
  // What sys.getrefcount reports.
  // The caller's reference is the only one (the GIL keeps it so).
  static bool is_unique(const Header& h) noexcept { return h.refcnt == 1; }
  // Every object is the GIL holder's to use as it likes.
  static bool owned_by_caller(const Header&) noexcept { return true; }
  static intptr_t refcount(const Header& h) noexcept {
    return h.refcnt < 0 ? (intptr_t(1) << 32) - 1 : h.refcnt;
  }

  // Invariant checker: a header is either immortal or has a positive count.
  static bool check_header(const Header& h) noexcept {
    return h.type != nullptr && (h.refcnt > 0 || h.refcnt <= kImmortalRefcnt / 2);
  }

  // --- running bytecode ---------------------------------------------------
  // The one GIL of the process (interpreter-wide, like CPython's _gil_runtime_state).
  // Never destroyed: threads that are still finishing (or daemon threads)
  // may touch it while the process exits.
  static Gil& gil() noexcept {
    static Gil* g = new Gil();
    return *g;
  }
  // Take / give up the right to run bytecode.
  static void attach(ThreadState& ts) { gil().take(ts); }
  static void detach(ThreadState& ts) { gil().drop(ts, true); }
  // Thread lifecycle: nothing to set up under the GIL (see BiasedPolicy).
  static void thread_begin(ThreadState&) noexcept {}
  static void thread_end(ThreadState&) noexcept {}
  static void thread_spawning(ThreadState*) noexcept {}
  static void thread_spawn_failed() noexcept {}
  // Another thread never runs while the caller holds the GIL.
  static constexpr bool others_may_run() noexcept { return false; }
  // Objects never reach zero outside decref() under the GIL.
  using DeallocFn = void (*)(Header*);
  static void set_dealloc(DeallocFn) noexcept {}
  // Holding the GIL already excludes every other thread.
  static void stop_the_world(ThreadRegistry&, ThreadState&) noexcept {}
  static void start_the_world(ThreadRegistry&) noexcept {}
  // Memory a lock-free reader could hold: under the GIL there is no such
  // reader (readers hold the GIL), so it is freed at once.
  static void defer_free(ThreadState&, void* p, void (*fn)(void*)) { fn(p); }
  static constexpr bool lock_free_readers() noexcept { return false; }
  static constexpr bool readers_may_race() noexcept { return false; }
  // The calling VM thread, for code handed no ThreadState that must defer a
  // free: never needed under the GIL (nothing is deferred).
  static ThreadState* current_thread() noexcept { return nullptr; }
  // Immortalise the objects every thread shares when a thread starts
  // (runtime/gc/share.hpp): not needed when counts are plain integers.
  static constexpr bool kImmortalizeShared = false;
  // Called by the eval loop when ts's eval breaker has bits set.
  static void on_eval_breaker(ThreadState& ts, uint32_t bits) {
    if constexpr (config::checks >= 1) {
      // Invariant: the thread running bytecode holds the GIL.
      if (!gil().held_by(ts)) {
        std::fputs("gilkit: GIL invariant violated: a thread runs bytecode without holding the GIL\n", stderr);
        std::abort();
      }
    }
    if (bits & kGilDropRequest) gil().yield_to_waiter(ts);
    // Requests only the no-GIL policy serves (stop-the-world, merges, QSBR):
    // cleared, so the loop does not stop on them forever.
    constexpr uint32_t kUnserved = kStopTheWorld | kPendingMerges | kQsbrReport;
    if (bits & kUnserved) ts.eval_breaker.fetch_and(~(bits & kUnserved), std::memory_order_relaxed);
  }
  // Invariant checker: the thread running bytecode holds the GIL.
  static bool holder_check(const ThreadState& ts) noexcept { return gil().held_by(ts); }
  static void set_switch_interval_us(int64_t us) noexcept { gil().set_interval_us(us); }
  static void set_io_priority(bool on) noexcept { gil().set_io_priority(on); }
  static int64_t switch_interval_us() noexcept { return gil().interval_us(); }

  // A lock for the runtime's own process-wide tables (the intern table, the
  // external-dict side table): the GIL already excludes other threads.
  struct RuntimeMutex {
    void lock() noexcept {}
    void unlock() noexcept {}
  };

  // A container mutation needs no lock under the GIL.
  struct CriticalSection {
    template <class T>
    explicit CriticalSection(T*) noexcept {}
    template <class T, class U>
    CriticalSection(T*, U*) noexcept {}
  };
};

}  // namespace gk
