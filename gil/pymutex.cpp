// gil/pymutex.cpp — PyMutex's slow paths and the parking lot they sleep in
// (the protocol is described in pymutex.hpp).
#include "gil/pymutex.hpp"

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace gk {

namespace {

// The parking lot: kBuckets {mutex, condition variable} pairs, one per cache
// line. A lock sleeps in the bucket its address hashes to.
constexpr size_t kBuckets = 64;
constexpr int kSpinTries = 16;  // try_lock attempts (with yields) before parking

struct alignas(64) Bucket {
  std::mutex mutex;
  std::condition_variable cv;  // waited on with `mutex` held; notify_all on unlock
};

Bucket g_buckets[kBuckets];

Bucket& bucket_for(const void* lock) noexcept {
  auto a = reinterpret_cast<uintptr_t>(lock);
  a ^= a >> 17;
  a *= 0x9E3779B97F4A7C15ull;  // spreads neighbouring objects over the table
  return g_buckets[a >> 58];   // top 6 bits: 0..63
}

std::atomic<uint64_t> g_slow_locks{0}, g_parks{0}, g_wakeups{0};  // atomic, relaxed

}  // namespace

MutexStats mutex_stats() noexcept {
  return {g_slow_locks.load(std::memory_order_relaxed), g_parks.load(std::memory_order_relaxed),
          g_wakeups.load(std::memory_order_relaxed)};
}

void PyMutex::lock_slow() noexcept {
  g_slow_locks.fetch_add(1, std::memory_order_relaxed);
  // Spin a little: most critical sections are a few instructions long. On a
  // machine with few cores a yield lets the holder run.
  for (int i = 0; i < kSpinTries; ++i) {
    uint8_t b = word().load(std::memory_order_relaxed);
    if (!(b & kLocked) &&
        word().compare_exchange_weak(b, uint8_t(b | kLocked), std::memory_order_acquire, std::memory_order_relaxed))
      return;
    std::this_thread::yield();
  }
  Bucket& bk = bucket_for(this);
  std::unique_lock<std::mutex> guard(bk.mutex);
  for (;;) {
    uint8_t b = word().load(std::memory_order_relaxed);
    if (!(b & kLocked)) {
      // Unlocked (the byte is 0: unlock clears kParked too). Take it; waiters
      // still asleep will set kParked again before they sleep.
      if (word().compare_exchange_weak(b, uint8_t(b | kLocked), std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return;
      continue;
    }
    if (!(b & kParked) &&
        !word().compare_exchange_weak(b, uint8_t(b | kParked), std::memory_order_relaxed, std::memory_order_relaxed))
      continue;  // the word changed (perhaps unlocked): look again
    g_parks.fetch_add(1, std::memory_order_relaxed);
    bk.cv.wait(guard);  // woken by unlock_slow (or spuriously): re-check
  }
}

void PyMutex::unlock_slow() noexcept {
  // kParked is set: someone may be asleep. Clear the word under the bucket
  // mutex so no waiter can be between its check and its sleep.
  g_wakeups.fetch_add(1, std::memory_order_relaxed);
  Bucket& bk = bucket_for(this);
  {
    std::lock_guard<std::mutex> guard(bk.mutex);
    word().store(0, std::memory_order_release);
  }
  bk.cv.notify_all();
}

}  // namespace gk
