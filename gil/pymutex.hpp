// gil/pymutex.hpp — PyMutex: the one-byte lock that lives in every no-GIL
// object header (the `mutex` byte of BiasedHeader) and that CriticalSection
// takes. Key types: PyMutex, MutexStats.
//
// Design. A per-object lock must cost one byte of header and no allocation,
// so the lock word holds only two bits; everything a blocked thread needs
// (a queue to sleep on) lives outside the object, in a small process-wide
// "parking lot": a fixed table of buckets, each a std::mutex + one
// std::condition_variable, picked by hashing the lock's address. Many locks
// share a bucket; a wake-up in a bucket is a notify_all, and every woken
// thread re-checks its own lock word (spurious wake-ups are cheap and rare:
// they need two contended locks hashing to the same bucket at once).
//
// Lock word (one byte, atomic):
//
//   bit 0  kLocked   the lock is held
//   bit 1  kParked   at least one thread may be asleep in the parking lot
//                    waiting for this lock
//   bits 2..7        always 0
//
// Invariant: kParked is set only while kLocked is set (a waiter sets it on a
// held lock; unlock clears the whole byte). Checker: PyMutex::check().
//
// States of a lock and every transition (U = unlocked, L = locked,
// LP = locked with parked waiters):
//
//   U  -> L    lock()/try_lock(): CAS 0 -> kLocked (fast path)
//   L  -> U    unlock(): CAS kLocked -> 0 (fast path)
//   L  -> LP   a waiter, holding its bucket's mutex, CASes in kParked and sleeps
//   LP -> U    unlock() slow path: under the bucket's mutex, store 0 and
//              notify_all; every waiter wakes and races for the lock again
//   U  -> L    (from the slow path) a waiter CASes 0 -> kLocked; if other
//              waiters remain asleep they set kParked again before sleeping
//
// Why no lost wake-up: a waiter sets kParked and goes to sleep while holding
// the bucket mutex, and unlock() reads the word with a CAS: if it saw kParked
// it takes the same bucket mutex before notifying, so the notify cannot fall
// between the waiter's check and its sleep; if the unlock CAS succeeded first,
// the waiter's CAS that would set kParked fails (the word changed), and it
// re-reads an unlocked word.
//
// Fairness: none (a running thread may barge ahead of parked ones). The
// guarantee is progress: an unlock with waiters always wakes them. Blocking
// here does not detach the thread; CriticalSection (gil/biased_lock.hpp)
// detaches around a contended lock() so that stop-the-world is never held up.
#pragma once

#include <atomic>
#include <cstdint>

namespace gk {

class PyMutex {
 public:
  static constexpr uint8_t kLocked = 1;
  static constexpr uint8_t kParked = 2;

  constexpr PyMutex() noexcept = default;
  PyMutex(const PyMutex&) = delete;
  PyMutex& operator=(const PyMutex&) = delete;

  // Atomic, acquire on success. Never blocks.
  bool try_lock() noexcept {
    uint8_t expected = 0;
    return word().compare_exchange_strong(expected, kLocked, std::memory_order_acquire, std::memory_order_relaxed);
  }
  // Blocks until the lock is taken: spins briefly, then parks.
  void lock() noexcept {
    if (!try_lock()) lock_slow();
  }
  // Must be called by the thread that holds the lock. Release.
  void unlock() noexcept {
    uint8_t expected = kLocked;
    if (!word().compare_exchange_strong(expected, 0, std::memory_order_release, std::memory_order_relaxed))
      unlock_slow();
  }
  // A snapshot (relaxed): true if some thread holds the lock.
  bool is_locked() const noexcept { return (raw_bits() & kLocked) != 0; }
  uint8_t raw_bits() const noexcept { return word().load(std::memory_order_relaxed); }
  // Only for a header being initialised (not yet visible to other threads).
  void init() noexcept { word().store(0, std::memory_order_relaxed); }

  // Invariant checker: only bits 0..1 are used, and kParked implies kLocked.
  bool check() const noexcept {
    uint8_t b = raw_bits();
    return (b & ~(kLocked | kParked)) == 0 && (!(b & kParked) || (b & kLocked));
  }

 private:
  void lock_slow() noexcept;    // gil/pymutex.cpp
  void unlock_slow() noexcept;  // gil/pymutex.cpp
  // The lock word is a plain byte accessed only through std::atomic_ref, so
  // an object header holding it stays an implicit-lifetime aggregate that the
  // allocator can hand out as raw memory.
  std::atomic_ref<uint8_t> word() const noexcept { return std::atomic_ref<uint8_t>(const_cast<uint8_t&>(bits_)); }

  uint8_t bits_ = 0;  // the lock word; atomic accesses only (acquire on lock, release on unlock)
};
static_assert(sizeof(PyMutex) == 1, "the per-object mutex is one byte of the object header");

// Process-wide counters of the slow paths (atomic, relaxed; any thread bumps
// them, tests and reports read them).
struct MutexStats {
  uint64_t slow_locks;  // lock() calls that did not get the lock on the first try
  uint64_t parks;       // times a thread went to sleep in the parking lot
  uint64_t wakeups;     // unlock() calls that had to wake the parking lot
};
MutexStats mutex_stats() noexcept;

}  // namespace gk
