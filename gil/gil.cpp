// gil/gil.cpp — the GIL hand-off protocol (described in gil.hpp).
#include "gil/gil.hpp"

#include <bit>
#include <chrono>

namespace gk {

namespace {

uint64_t now_ns() noexcept {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

void record_wait(GilStats& s, uint64_t ns) noexcept {
  GilStats::bump(s.wait_ns_total, ns);
  if (ns > s.wait_ns_max.load(std::memory_order_relaxed)) s.wait_ns_max.store(ns, std::memory_order_relaxed);
  uint64_t us = ns / 1000;
  int bucket = us == 0 ? 0 : std::bit_width(us);
  if (bucket >= kGilWaitBuckets) bucket = kGilWaitBuckets - 1;
  GilStats::bump(s.wait_hist[bucket]);
}

}  // namespace

// Asks the current holder to drop the GIL at its next eval-breaker check.
// Called with mutex_ held.
void Gil::request_drop(ThreadState& ts) {
  if (ThreadState* h = holder_.load(std::memory_order_relaxed)) {
    h->eval_breaker.fetch_or(kGilDropRequest, std::memory_order_relaxed);
    GilStats::bump(ts.gil_stats.drop_requests);
  }
}

void Gil::take(ThreadState& ts) {
  uint64_t start = now_ns();
  std::unique_lock<std::mutex> lock(mutex_);
  // I/O priority (off by default, CPython has none): a thread coming back
  // from a blocking call asks for the GIL at once and goes before CPU-bound
  // waiters, so its wake-up latency does not grow with their number.
  bool priority = io_priority_.load(std::memory_order_relaxed) && ts.gil_returning_from_block;
  ts.gil_returning_from_block = false;
  if (priority) {
    ++priority_waiters_;
    if (locked_.load(std::memory_order_relaxed)) request_drop(ts);
  }
  while (locked_.load(std::memory_order_relaxed) || (!priority && priority_waiters_ > 0)) {
    uint64_t seen = switch_number_.load(std::memory_order_relaxed);
    auto interval = std::chrono::microseconds(interval_us_.load(std::memory_order_relaxed));
    bool timed_out = released_.wait_for(lock, interval) == std::cv_status::timeout;
    if (timed_out && locked_.load(std::memory_order_relaxed) &&
        switch_number_.load(std::memory_order_relaxed) == seen) {
      // No switch for a whole interval: ask the holder to drop the GIL.
      request_drop(ts);
    }
  }
  if (priority) --priority_waiters_;
  locked_.store(true, std::memory_order_release);
  holder_.store(&ts, std::memory_order_relaxed);
  switch_number_.store(switch_number_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  // A drop request aimed at us before we got here is stale.
  ts.eval_breaker.fetch_and(~kGilDropRequest, std::memory_order_relaxed);
  lock.unlock();
  switched_.notify_all();
  GilStats::bump(ts.gil_stats.acquisitions);
  record_wait(ts.gil_stats, now_ns() - start);
}

void Gil::drop(ThreadState& ts, bool voluntary) {
  bool forced = (ts.eval_breaker.load(std::memory_order_relaxed) & kGilDropRequest) != 0;
  bool wake_all;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    locked_.store(false, std::memory_order_release);
    // With a priority waiter, every waiter must re-check who goes next.
    wake_all = priority_waiters_ > 0;
  }
  if (wake_all) released_.notify_all();
  else released_.notify_one();
  if (voluntary) {
    GilStats::bump(ts.gil_stats.voluntary_releases);
    ts.gil_returning_from_block = true;
  }
  if (!forced) return;
  // Forced switching: do not come back until another thread has taken the GIL.
  ts.eval_breaker.fetch_and(~kGilDropRequest, std::memory_order_relaxed);
  GilStats::bump(ts.gil_stats.forced_drops);
  std::unique_lock<std::mutex> lock(mutex_);
  while (holder_.load(std::memory_order_relaxed) == &ts && !locked_.load(std::memory_order_relaxed)) {
    switched_.wait(lock);
  }
}

void Gil::yield_to_waiter(ThreadState& ts) {
  drop(ts, false);
  take(ts);
}

}  // namespace gk
