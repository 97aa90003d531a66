// threads/thread_state.hpp — ThreadState: everything one thread that runs
// bytecode owns. The eval loop receives it as `ThreadState&`; nothing finds it
// through a global, except object finalisers (dealloc has no ThreadState
// parameter), which use current_thread_state().
//
// Eval breaker: one atomic word per thread, checked by the eval loop at
// backward jumps and calls. Any thread may set a bit (atomic, relaxed store +
// the owner's acquire load at the check); only the owner clears one.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace gk {

struct Frame;
struct Object;
struct Interpreter;
struct FrameArena;

enum EvalBreakerBit : uint32_t {
  kGilDropRequest = 1u << 0,      // another thread waits for the GIL
  kStopTheWorld = 1u << 1,        // a stop-the-world pause was requested
  kPendingMerges = 1u << 2,       // biased-refcount objects queued to this owner
  kPendingCalls = 1u << 3,        // pending calls / async exceptions (e.g. SIGINT)
  kQsbrReport = 1u << 4,          // no-GIL: QSBR asks for a quiescent-state report (threads/qsbr.hpp)
  kGcScheduled = 1u << 5,         // the cyclic GC's allocation count passed its threshold (runtime/gc/heap.hpp)
};

// No-GIL attach state of a thread (threads/stop_the_world.hpp owns the
// protocol; the gil policy leaves it at kDetached).
enum AttachState : uint32_t {
  kDetached = 0,   // not running bytecode (blocking call, or not started)
  kAttached = 1,   // may run bytecode and touch objects
  kSuspended = 2,  // held by a stop-the-world pause: cannot attach until start_the_world
  kAttaching = 3,  // inside attach(), not yet committed: runs nothing
};

struct BiasedThread;  // gil/biased_lock.hpp
struct QsbrThread;    // threads/qsbr.hpp

// GIL hand-off statistics of one thread. Written by the owner thread only
// (relaxed load + store, no read-modify-write on the hot path); read by any
// thread for sys._gilstats() and -X gilstats (relaxed loads).
inline constexpr int kGilWaitBuckets = 24;  // bucket b: wait < 2^b microseconds (last: everything longer)
struct GilStats {
  std::atomic<uint64_t> acquisitions{0};        // times this thread took the GIL
  std::atomic<uint64_t> forced_drops{0};        // drops honouring another thread's drop request
  std::atomic<uint64_t> voluntary_releases{0};  // releases around blocking calls
  std::atomic<uint64_t> drop_requests{0};       // drop requests this thread set on a holder
  std::atomic<uint64_t> wait_ns_total{0};       // time spent waiting to take the GIL
  std::atomic<uint64_t> wait_ns_max{0};
  std::atomic<uint64_t> wait_hist[kGilWaitBuckets] = {};

  static void bump(std::atomic<uint64_t>& c, uint64_t by = 1) noexcept {
    c.store(c.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
  }
};

// A plain copy of GilStats (for totals and reports).
struct GilStatsSnapshot {
  uint64_t acquisitions = 0, forced_drops = 0, voluntary_releases = 0, drop_requests = 0;
  uint64_t wait_ns_total = 0, wait_ns_max = 0;
  uint64_t wait_hist[kGilWaitBuckets] = {};

  void add(const GilStats& s) noexcept {
    acquisitions += s.acquisitions.load(std::memory_order_relaxed);
    forced_drops += s.forced_drops.load(std::memory_order_relaxed);
    voluntary_releases += s.voluntary_releases.load(std::memory_order_relaxed);
    drop_requests += s.drop_requests.load(std::memory_order_relaxed);
    wait_ns_total += s.wait_ns_total.load(std::memory_order_relaxed);
    uint64_t m = s.wait_ns_max.load(std::memory_order_relaxed);
    if (m > wait_ns_max) wait_ns_max = m;
    for (int i = 0; i < kGilWaitBuckets; ++i) wait_hist[i] += s.wait_hist[i].load(std::memory_order_relaxed);
  }
  void add(const GilStatsSnapshot& s) noexcept {
    acquisitions += s.acquisitions;
    forced_drops += s.forced_drops;
    voluntary_releases += s.voluntary_releases;
    drop_requests += s.drop_requests;
    wait_ns_total += s.wait_ns_total;
    if (s.wait_ns_max > wait_ns_max) wait_ns_max = s.wait_ns_max;
    for (int i = 0; i < kGilWaitBuckets; ++i) wait_hist[i] += s.wait_hist[i];
  }
};

struct ThreadState {
  // Any thread sets bits; the owner reads and clears them.
  std::atomic<uint32_t> eval_breaker{0};

  // --- owner thread only ---
  Interpreter* interp = nullptr;
  Frame* frame = nullptr;            // innermost frame being executed
  int recursion_depth = 0;           // Python-level call depth
  uintptr_t c_stack_limit = 0;       // below this stack address: RecursionError
  Object* exc_info = nullptr;        // strong ref: the exception being handled (sys.exc_info), or null
  uint64_t thread_id = 0;            // get_ident()
  uint64_t serial = 0;               // unique per thread state, never reused (thread-local storage keys)
  GilStats gil_stats;                // see GilStats
  bool gil_returning_from_block = false;  // owner only: last GIL release was a blocking call (I/O priority)
  FrameArena* frame_arena = nullptr; // call-frame memory (runtime/vm/frame.cpp); freed by frame_arena_free
  // Containers whose repr() is running on this thread (borrowed; the recursion
  // guard behind "[...]" / "{...}", see ReprGuard in objects/list.hpp).
  std::vector<Object*> repr_active;

  // --- no-GIL policy state (unused by the gil policy) ---
  // Atomic (seq_cst). The owner moves kDetached -> kAttaching -> kAttached or
  // kSuspended, kAttached -> kDetached, and at its eval breaker kAttached ->
  // kSuspended; a stop-the-world requester moves kDetached -> kSuspended and,
  // at restart, kSuspended -> kDetached.
  std::atomic<uint32_t> attach_state{kDetached};
  // gil/biased_lock.hpp: this thread's merge queue and critical-section stack.
  // Set and cleared by the owner (BiasedPolicy::thread_start / thread_exit).
  BiasedThread* biased = nullptr;
  // threads/qsbr.hpp: this thread's QSBR record. Set and cleared by the owner
  // when it registers with / leaves a QsbrDomain.
  QsbrThread* qsbr = nullptr;

  ThreadState() = default;
  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;
};

// The calling thread's state. Only for code that is handed no ThreadState
// (object deallocation running __del__); everything else passes it explicitly.
ThreadState* current_thread_state() noexcept;
void set_current_thread_state(ThreadState* ts) noexcept;

// Sets ts.c_stack_limit from the calling thread's stack bounds, leaving a
// margin for the frames that raise RecursionError and print tracebacks.
void init_stack_limit(ThreadState& ts) noexcept;

}  // namespace gk
