// threads/qsbr.hpp — quiescent-state-based reclamation (QSBR): when may
// memory that other threads could still be reading without a lock be freed?
// Key types: QsbrDomain (one per interpreter), QsbrThread (one per thread).
//
// Design. In the no-GIL build, hot container reads (list indexing, dict and
// attribute lookups) read a list's item array or a dict's table without
// taking the container's mutex. A writer that resizes replaces the array
// while readers may still hold the old one, so the old array is not freed at
// once: the writer *defers* it, and it is freed after every thread has passed
// a quiescent state — a point where it holds no such pointer. In gilkit the
// quiescent states are the eval-breaker check (between bytecodes no borrowed
// array pointer survives) and detaching (a blocking call touches no object).
//
// Sequence numbers make "every thread has passed a quiescent state since X"
// cheap to test:
//
//   wr_seq   the domain's write sequence; starts at 1; each deferral advances
//            it (fetch_add) and stamps the item with the new value, its goal.
//   seq      per thread: the value of wr_seq it saw at its last quiescent
//            state, or 0 while offline (detached: reads nothing).
//   rd_seq   cache of min(seq over online threads) — everything deferred with
//            goal <= rd_seq may be freed.
//
// An item with goal g is freed once every online thread has seq >= g, i.e.
// has been quiescent after the item was unpublished. A thread's own pending
// items wait for its own next quiescent state too, so a writer never frees
// an array it is itself still reading.
//
// States of a thread's seq and every transition:
//
//   offline (0)  -> online (s)  qsbr_online: seq = wr_seq (seq_cst store; see
//                               "Ordering" below)
//   online (s)   -> online (s') qsbr_quiescent: seq = wr_seq (s' >= s)
//   online (s)   -> offline (0) qsbr_offline (release: earlier reads happen
//                               before a poller that sees 0 frees)
//
// States of a deferred item: pending (in its thread's list, or the domain's
// orphan list once its thread has left) -> freed (fn(ptr) called exactly once,
// by a poll that saw rd_seq >= goal, or by ~QsbrDomain).
//
// Ordering. The dangerous interleaving is a thread coming online while a
// writer frees: the writer unpublishes pointer P, advances wr_seq, scans and
// sees the thread offline (seq 0), and frees — so the thread must then read
// the new P. That is a store-buffering pattern, which acquire/release cannot
// order; gilkit orders it with seq_cst operations on both sides instead of
// fences (ThreadSanitizer does not model fences): qsbr_online's store, the
// writer's fetch_add and scan's loads are seq_cst, and so must be the store
// that unpublishes P and the lock-free loads of P (a plain load on x86).
// In the seq_cst total order the scan's load of 0 precedes the online store,
// which precedes the reader's load of P, so that load sees the unpublishing
// store or a later one. Every other case is plain release/acquire: a thread's
// reads happen before its next quiescent or offline store, which a scan reads
// before the free.
//
// Liveness: a thread that runs bytecode without ever hitting its eval breaker
// would hold everyone's frees back, so a poll that finds a lagging online
// thread sets kQsbrReport on its eval breaker; the thread reports at its next
// check (BiasedPolicy::on_eval_breaker).
//
// Invariants: rd_seq <= wr_seq; every online seq <= wr_seq; in each pending
// list goals are non-decreasing and <= wr_seq. Checkers: QsbrDomain::check()
// (any thread) and qsbr_check_thread() (a thread's own pending list).
// The safety property (nothing freed while a reader holds it) is what
// tests/unit/test_qsbr.cpp exercises.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "threads/thread_state.hpp"

namespace gk {

class QsbrDomain;

struct QsbrDeferred {
  void* ptr;
  void (*fn)(void*);  // frees ptr
  uint64_t goal;      // free once rd_seq >= goal
};

// One thread's record. Created by QsbrDomain::register_thread, destroyed by
// unregister_thread.
struct QsbrThread {
  // 0 = offline. Written by the owner thread only (see the transitions
  // above); read by polling threads (acquire).
  std::atomic<uint64_t> seq{0};
  QsbrDomain* domain = nullptr;                   // immutable
  std::atomic<uint32_t>* breaker = nullptr;       // immutable; the owner's eval-breaker word, or null
  std::vector<QsbrDeferred> pending;              // owner thread only; goals non-decreasing
  uint64_t freed = 0;                             // owner thread only: items this thread freed
  // Deferrals made (see qsbr_goal): written by the owner (relaxed load +
  // store), read by stats(); added to the domain's total when it leaves.
  std::atomic<uint64_t> deferrals{0};
};

struct QsbrStats {
  uint64_t write_seq;
  uint64_t read_seq;
  uint64_t deferred;      // items ever deferred
  uint64_t freed;         // items ever freed (by any poll or the destructor)
  uint64_t scans;         // times a poll walked the threads to recompute rd_seq
  uint64_t report_requests;  // kQsbrReport bits set on lagging threads
};

class QsbrDomain {
 public:
  QsbrDomain() = default;
  ~QsbrDomain();  // frees every pending item; no thread may be registered
  QsbrDomain(const QsbrDomain&) = delete;
  QsbrDomain& operator=(const QsbrDomain&) = delete;

  // On the thread itself. The record starts offline; `breaker` (nullable) is
  // where lagging-thread report requests go. Binds ts.qsbr when ts is given.
  QsbrThread* register_thread(std::atomic<uint32_t>* breaker = nullptr);
  QsbrThread* register_thread(ThreadState& ts);
  // On the thread itself, offline or online. Its pending items move to the
  // orphan list, freed by later polls. Clears ts.qsbr when ts is given.
  void unregister_thread(QsbrThread* t);
  void unregister_thread(ThreadState& ts);

  uint64_t write_seq() const noexcept { return wr_seq_.load(std::memory_order_acquire); }
  uint64_t read_seq() const noexcept { return rd_seq_.load(std::memory_order_acquire); }
  // Advance wr_seq; returns the new value: the goal of something just unpublished.
  uint64_t advance() noexcept { return advance_only(); }
  // Advance wr_seq without counting a deferral (polls, deferred advances).
  uint64_t advance_only() noexcept { return wr_seq_.fetch_add(1, std::memory_order_seq_cst) + 1; }
  // wr_seq read in the seq_cst order (a deferral's goal, see qsbr_goal).
  uint64_t write_seq_sc() const noexcept { return wr_seq_.load(std::memory_order_seq_cst); }

  // Recompute rd_seq from every online thread (and ask laggers behind `want`
  // to report). Returns the new rd_seq.
  uint64_t scan(uint64_t want);
  // Free orphaned items whose goal <= rd. Returns how many were freed.
  size_t poll_orphans(uint64_t rd);

  // Invariant checker (see the top of the file). Safe while threads run.
  bool check() const;
  QsbrStats stats() const;
  size_t orphan_count() const;

 private:
  friend size_t qsbr_poll(QsbrThread& t);
// Invariant checker for one thread's record (owner thread only): seq <=
// wr_seq; pending goals non-decreasing and <= wr_seq; every item has an fn.
bool qsbr_check_thread(const QsbrThread& t);

  std::atomic<uint64_t> wr_seq_{1};  // atomic; advanced with seq_cst
  std::atomic<uint64_t> rd_seq_{1};  // atomic; only grows (CAS), see scan()
  mutable std::mutex mutex_;         // guards threads_ and orphans_
  std::vector<QsbrThread*> threads_;      // guarded by mutex_
  std::vector<QsbrDeferred> orphans_;     // guarded by mutex_: items of threads that left
  std::atomic<bool> has_orphans_{false};  // hint: orphans_ is non-empty (relaxed)
  // Statistics (atomic, relaxed).
  // deferred_: deferrals of threads that have left (live threads count their own).
  std::atomic<uint64_t> deferred_{0}, freed_{0}, scans_{0}, report_requests_{0};
};

// --- the per-thread operations (all on the owner thread) ----------------------

// A quiescent state: the thread holds no pointer obtained from a lock-free read.
// If this thread's newest deferral took the not-yet-reached goal wr_seq + 1
// (a deferred advance, see qsbr_goal), it advances first: at a quiescent
// state that is safe, and it keeps "defer, quiescent, poll" freeing the item.
inline void qsbr_quiescent(QsbrThread& t) noexcept {
  uint64_t w = t.domain->write_seq();
  if (!t.pending.empty() && t.pending.back().goal > w) w = t.domain->advance_only();
  t.seq.store(w, std::memory_order_release);
}
// Detaching: the thread will read nothing until qsbr_online.
inline void qsbr_offline(QsbrThread& t) noexcept { t.seq.store(0, std::memory_order_release); }
// Attaching: back to reading (seq_cst: see "Ordering" above).
// Like qsbr_quiescent, a thread coming online first makes its own deferred
// advance reachable, so the poll that follows an attach can free its items.
inline void qsbr_online(QsbrThread& t) noexcept {
  uint64_t w = t.domain->write_seq();
  if (!t.pending.empty() && t.pending.back().goal > w) w = t.domain->advance_only();
  t.seq.store(w, std::memory_order_seq_cst);
}
inline bool qsbr_is_online(const QsbrThread& t) noexcept { return t.seq.load(std::memory_order_relaxed) != 0; }

// The goal of an item just unpublished: a fresh advance of wr_seq every few
// deferrals, otherwise wr_seq + 1 (reached at the next advance).
uint64_t qsbr_goal(QsbrThread& t) noexcept;
// Free `ptr` with `fn(ptr)` once no thread can be reading it. Call after the
// pointer has been unpublished by a seq_cst store (see "Ordering" above).
// May free earlier deferrals (it polls when the list grows).
void qsbr_defer_free(QsbrThread& t, void* ptr, void (*fn)(void*));
// Free this thread's items (and orphans) whose goal has been reached.
// Returns how many items were freed. Cheap when nothing is pending.
size_t qsbr_poll(QsbrThread& t);
// Invariant checker for one thread's record (owner thread only): seq <=
// wr_seq; pending goals non-decreasing and <= wr_seq; every item has an fn.
bool qsbr_check_thread(const QsbrThread& t);

}  // namespace gk
