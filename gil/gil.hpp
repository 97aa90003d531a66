// gil/gil.hpp — the global interpreter lock: CPython's "new GIL" protocol
// (3.2+), with a switch interval, forced switching and hand-off statistics.
//
// The protocol
// ------------
// The GIL is a flag (`locked`) guarded by a mutex, plus two condition
// variables. A thread runs bytecode only while it holds the GIL.
//
//   take(ts):  while the GIL is locked, wait on `released` for at most the
//              switch interval. If the wait timed out and no switch happened
//              meanwhile (switch_number unchanged), set kGilDropRequest on
//              the holder's eval breaker: the holder will drop the GIL at its
//              next check (a backward jump or a call). Then take it:
//              locked = true, holder = ts, ++switch_number, and wake a holder
//              waiting in drop() for forced switching.
//   drop(ts):  locked = false, signal `released`. If ts was asked to drop
//              (kGilDropRequest set), wait on `switched` until another thread
//              has taken the GIL — forced switching.
//
// Why forced switching: without it, the dropping thread usually re-takes the
// GIL before the woken waiter gets scheduled (it is already running), so a
// CPU-bound thread starves the others and an I/O thread's wake-up waits for
// many intervals — the "convoy effect" of the old GIL. With it, a drop
// request always hands the GIL to a waiter.
//
// I/O priority (an option, off by default: `-X gil_io_priority`). CPython's
// protocol treats a thread returning from a blocking call like any waiter: it
// waits a whole interval before asking for the GIL, and then competes with
// the CPU-bound waiters, so its wake-up latency grows with their number. With
// I/O priority such a thread asks the holder to drop at once, and CPU-bound
// waiters stand aside while a priority waiter is queued.
//
// States of the GIL: FREE (locked = false) -> HELD by T (take) -> FREE (drop);
// a drop request moves HELD by T to "HELD, drop requested" which T leaves by
// dropping at its next eval-breaker check.
//
// Invariant: at most one thread is between take() and drop() at any time.
// Checker: held_by(ts). In `-Dchecks=cheap` builds GilPolicy::on_eval_breaker
// (the eval loop's breaker handler) aborts if the running thread does not hold
// the GIL; the GIL unit tests check it and count overlapping execution.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "threads/thread_state.hpp"

namespace gk {

class Gil {
 public:
  Gil() = default;
  Gil(const Gil&) = delete;
  Gil& operator=(const Gil&) = delete;

  void take(ThreadState& ts);
  // `voluntary`: a blocking call releases the GIL (counted separately from
  // drops honoured because of a drop request).
  void drop(ThreadState& ts, bool voluntary);
  // At an eval-breaker check with kGilDropRequest set: drop, then take again.
  void yield_to_waiter(ThreadState& ts);

  // The switch interval in microseconds (sys.setswitchinterval / getswitchinterval).
  void set_interval_us(int64_t us) noexcept { interval_us_.store(us, std::memory_order_relaxed); }
  void set_io_priority(bool on) noexcept { io_priority_.store(on, std::memory_order_relaxed); }
  bool io_priority() const noexcept { return io_priority_.load(std::memory_order_relaxed); }
  int64_t interval_us() const noexcept { return interval_us_.load(std::memory_order_relaxed); }

  bool held_by(const ThreadState& ts) const noexcept {
    return locked_.load(std::memory_order_acquire) && holder_.load(std::memory_order_relaxed) == &ts;
  }
  uint64_t switch_number() const noexcept { return switch_number_.load(std::memory_order_relaxed); }

 private:
  std::mutex mutex_;
  std::condition_variable released_;  // signalled by drop(): a waiter may take the GIL
  std::condition_variable switched_;  // signalled by take(): a forced-dropping holder may go on
  std::atomic<bool> locked_{false};   // written under mutex_; read anywhere (acquire)
  std::atomic<ThreadState*> holder_{nullptr};  // last thread to take the GIL; written under mutex_
  std::atomic<uint64_t> switch_number_{0};     // takes since start; written under mutex_
  std::atomic<int64_t> interval_us_{5000};     // 5 ms, CPython's default
  std::atomic<bool> io_priority_{false};       // see "I/O priority" above
  int priority_waiters_ = 0;                   // guarded by mutex_

  void request_drop(ThreadState& ts);
};

}  // namespace gk
