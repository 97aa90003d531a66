// threads/stop_the_world.cpp — the pause protocol (described in
// stop_the_world.hpp): attach's slow path, parking, stop() and start().
#include "threads/stop_the_world.hpp"

#include <chrono>

namespace gk {

namespace {

uint64_t now_ns() noexcept {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

void bump(std::atomic<uint64_t>& c, uint64_t by = 1) noexcept {
  c.store(c.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);  // writers hold mutex_
}

}  // namespace

void StopTheWorld::wake_requester() {
  std::lock_guard<std::mutex> lock(mutex_);
  cv_.notify_all();
}

void StopTheWorld::attach_slow(ThreadState& ts) {
  std::unique_lock<std::mutex> lock(mutex_);
  attach_locked(ts, lock);
}

void StopTheWorld::attach_locked(ThreadState& ts, std::unique_lock<std::mutex>& lock) {
  for (;;) {
    uint32_t s = ts.attach_state.load(std::memory_order_seq_cst);
    if (s == kSuspended) {  // claimed or parked: wait for start()
      cv_.wait(lock);
      continue;
    }
    if (s == kDetached && !ts.attach_state.compare_exchange_strong(s, kAttaching, std::memory_order_seq_cst))
      continue;
    // kAttaching or kAttached. Commit unless a pause by another thread is on.
    if (!requested_.load(std::memory_order_seq_cst) || requester_ == &ts) {
      ts.attach_state.store(kAttached, std::memory_order_seq_cst);
      return;
    }
    ts.attach_state.store(kSuspended, std::memory_order_seq_cst);
    bump(parked_);
    cv_.notify_all();  // the requester may be waiting for exactly this thread
  }
}

void StopTheWorld::park(ThreadState& ts) {
  ts.eval_breaker.fetch_and(~kStopTheWorld, std::memory_order_relaxed);
  std::unique_lock<std::mutex> lock(mutex_);
  attach_locked(ts, lock);  // ts is attached: parks only if a foreign pause is on
}

void StopTheWorld::stop(ThreadRegistry& reg, ThreadState* self) {
  uint64_t start = now_ns();
  std::unique_lock<std::mutex> lock(mutex_);
  while (requested_.load(std::memory_order_relaxed)) {
    // Another pause is on and may be waiting for us: step aside until it ends.
    if (self) attach_locked(*self, lock);
    else cv_.wait(lock);
  }
  requested_.store(true, std::memory_order_seq_cst);
  requester_ = self;
  for (;;) {
    bool all_stopped = true;
    reg.for_each([&](ThreadState& ts) {
      if (&ts == self) return;
      uint32_t s = ts.attach_state.load(std::memory_order_seq_cst);
      if (s == kDetached && ts.attach_state.compare_exchange_strong(s, kSuspended, std::memory_order_seq_cst)) {
        bump(claimed_);
        return;
      }
      if (s == kAttached || s == kAttaching) {
        ts.eval_breaker.fetch_or(kStopTheWorld, std::memory_order_relaxed);
        all_stopped = false;
      }
    });
    if (all_stopped) break;
    cv_.wait(lock);  // a parking or detaching thread notifies under mutex_
  }
  stopped_.store(true, std::memory_order_release);
  requester_snapshot_.store(self, std::memory_order_release);
  uint64_t waited = now_ns() - start;
  bump(pauses_);
  bump(wait_ns_total_, waited);
  if (waited > wait_ns_max_.load(std::memory_order_relaxed)) wait_ns_max_.store(waited, std::memory_order_relaxed);
}

void StopTheWorld::start(ThreadRegistry& reg) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_.store(false, std::memory_order_release);
    requester_snapshot_.store(nullptr, std::memory_order_release);
    requested_.store(false, std::memory_order_seq_cst);
    requester_ = nullptr;
    reg.for_each([](ThreadState& ts) {
      uint32_t s = kSuspended;
      ts.attach_state.compare_exchange_strong(s, kDetached, std::memory_order_seq_cst);
    });
  }
  cv_.notify_all();
}

bool StopTheWorld::check_stopped(const ThreadRegistry& reg) const {
  if (!stopped()) return false;
  const ThreadState* self = requester();
  bool ok = true;
  reg.for_each([&](const ThreadState& ts) {
    if (&ts != self && ts.attach_state.load(std::memory_order_seq_cst) == kAttached) ok = false;
  });
  return ok;
}

StopTheWorldStats StopTheWorld::stats() const noexcept {
  return {pauses_.load(std::memory_order_relaxed), claimed_.load(std::memory_order_relaxed),
          parked_.load(std::memory_order_relaxed), wait_ns_total_.load(std::memory_order_relaxed),
          wait_ns_max_.load(std::memory_order_relaxed)};
}

}  // namespace gk
