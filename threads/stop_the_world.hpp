// threads/stop_the_world.hpp — StopTheWorld: the no-GIL build's attach /
// detach protocol and its whole-process pause (the cyclic GC, merging every
// biased-refcount queue, anything that must see the heap still).
// Key types: StopTheWorld, StopTheWorldStats; per-thread state is
// ThreadState::attach_state (AttachState in thread_state.hpp).
//
// Design. Without a GIL nothing stops a thread from touching objects except
// its own promise. A thread promises by being *attached* (it may run bytecode)
// or *detached* (it is in a blocking call, or not running Python, and touches
// no object). A pause needs every other thread to be somewhere it does not
// touch objects: parked at its eval breaker, or detached and unable to attach.
// The requester cannot interrupt attached threads; it asks them through the
// kStopTheWorld eval-breaker bit and waits. Detached threads it *claims*: one
// CAS of their attach word from kDetached to kSuspended, after which their own
// attach (a CAS from kDetached) fails and they wait for the restart. So a
// thread blocked for a minute in read() delays no pause.
//
// States of ThreadState::attach_state and every transition:
//
//   kDetached  -> kAttaching  the owner, attach(): CAS. It has not committed:
//                             a requester counts it as running (not stopped).
//   kAttaching -> kAttached   the owner, when no pause (by another thread) is
//                             requested — checked after the CAS
//   kAttaching -> kSuspended  the owner, when one is: it steps aside at once
//   kAttached  -> kDetached   the owner, detach(): store, then wakes a waiting
//                             requester.
//   kAttached  -> kSuspended  the owner, park() at its eval breaker (bit
//                             kStopTheWorld)
//   kDetached  -> kSuspended  the requester, stop(): CAS ("claim")
//   kSuspended -> kDetached   the requester, start(): every suspended thread
//   (a waiting owner then re-attaches through kAttaching; the next pause may
//   claim it first)
//
// Why kAttaching: a thread that attaches while a pause is on must never be
// seen attached by the requester, even for an instant, or the invariant
// below could not be checked exactly.
//
// Invariant (while stopped): every registered thread except the requester is
// kDetached or kSuspended, and none can reach kAttached before start().
// Checker: check_stopped().
//
// Why no lost wake-up: requested_ and attach_state are both seq_cst. A
// detaching thread stores kDetached and then reads requested_; the requester
// stores requested_ and then reads every attach_state. One of the two sees
// the other's store, so either the requester sees the detach, or the detacher
// sees the request and notifies under mutex_ (which the requester holds from
// its scan to its wait). The same argument covers attach vs. claim, and an
// attaching thread reads requested_ again after storing kAttached, so a
// requester that saw it kAttaching is woken to look again.
//
// One pause at a time: a second requester that arrives during a pause parks
// like any other thread (the first requester may be waiting for it), and
// retries after the restart.
//
// Rules for callers: a thread may attach only while it is in the registry
// that stop() and start() walk (start() releases only registered threads);
// park() runs only on the thread itself; stop()/start() pair up on the
// requester's thread. stop() must not be called from inside
// ThreadRegistry::for_each.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "threads/registry.hpp"
#include "threads/thread_state.hpp"

namespace gk {

struct StopTheWorldStats {
  uint64_t pauses;          // completed stop() calls
  uint64_t claimed;         // detached threads claimed (kDetached -> kSuspended) by stop()
  uint64_t parked;          // times a thread parked (at its eval breaker or on attach)
  uint64_t wait_ns_total;   // time from request to "everyone stopped", summed
  uint64_t wait_ns_max;
};

class StopTheWorld {
 public:
  StopTheWorld() = default;
  StopTheWorld(const StopTheWorld&) = delete;
  StopTheWorld& operator=(const StopTheWorld&) = delete;

  // Take the right to touch objects. Returns attached; waits while a pause
  // (not requested by ts) is on.
  void attach(ThreadState& ts) {
    uint32_t s = kDetached;
    if (ts.attach_state.compare_exchange_strong(s, kAttaching, std::memory_order_seq_cst) &&
        !requested_.load(std::memory_order_seq_cst)) {
      ts.attach_state.store(kAttached, std::memory_order_seq_cst);
      if (!requested_.load(std::memory_order_seq_cst)) return;
    }
    attach_slow(ts);
  }
  // Give it up (ts must be attached).
  void detach(ThreadState& ts) {
    ts.attach_state.store(kDetached, std::memory_order_seq_cst);
    if (requested_.load(std::memory_order_seq_cst)) wake_requester();
  }
  // At the eval breaker when kStopTheWorld is set: clears the bit and, if a
  // pause by another thread is on, waits for its end. Returns attached.
  void park(ThreadState& ts);

  // Pause every other thread of `reg`. `requester` is the calling thread's
  // state (attached, registered) or null for a thread that runs no bytecode.
  // Returns when every other registered thread is parked or claimed.
  void stop(ThreadRegistry& reg, ThreadState* requester);
  // End the pause: release every suspended thread of `reg`.
  void start(ThreadRegistry& reg);

  // A pause is fully in effect (every other thread stopped). Snapshot.
  bool stopped() const noexcept { return stopped_.load(std::memory_order_acquire); }
  // A pause was requested and has not ended. Snapshot.
  bool requested() const noexcept { return requested_.load(std::memory_order_acquire); }
  // The thread that holds the pause (meaningful only while stopped()).
  const ThreadState* requester() const noexcept { return requester_snapshot_.load(std::memory_order_acquire); }

  // Invariant checker (call while stopped, from the requester): no other
  // thread of `reg` is attached.
  bool check_stopped(const ThreadRegistry& reg) const;

  StopTheWorldStats stats() const noexcept;

 private:
  void attach_slow(ThreadState& ts);
  // With mutex_ held: loop until ts is attached and no foreign pause is on.
  void attach_locked(ThreadState& ts, std::unique_lock<std::mutex>& lock);
  void wake_requester();

  std::mutex mutex_;
  std::condition_variable cv_;  // with mutex_: requester waits for threads; threads wait for start()
  std::atomic<bool> requested_{false};  // seq_cst; written under mutex_
  std::atomic<bool> stopped_{false};    // written under mutex_; read anywhere (acquire)
  ThreadState* requester_ = nullptr;    // guarded by mutex_; null while no pause (or an external requester)
  std::atomic<const ThreadState*> requester_snapshot_{nullptr};  // copy of requester_ for stopped()-time asserts
  // Statistics: written under mutex_, read with relaxed loads.
  std::atomic<uint64_t> pauses_{0}, claimed_{0}, parked_{0}, wait_ns_total_{0}, wait_ns_max_{0};
};

}  // namespace gk
