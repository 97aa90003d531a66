// tests/unit/test_pymutex.cpp — the one-byte per-object mutex (gil/pymutex.hpp)
// and the no-GIL critical sections built on it (BiasedCriticalSection in
// gil/biased_lock.hpp): mutual exclusion, progress under contention with
// parking, no deadlock in either lock order or when nesting, suspension around
// blocking calls, stop-the-world not held up by a thread waiting for a
// mutex, and sections elided while one VM thread runs alone (made real when
// it spawns one). Real threads; every loop is bounded in iterations, every wait in time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "gil/biased_lock.hpp"
#include "gil/pymutex.hpp"

namespace gk {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Spin (yielding) until pred() or the deadline; returns pred().
template <class P>
bool wait_until(P pred, Clock::duration limit = 5s) {
  auto end = Clock::now() + limit;
  while (!pred()) {
    if (Clock::now() > end) return pred();
    std::this_thread::yield();
  }
  return true;
}

TEST(PyMutex, IsOneByteAndStartsUnlocked) {
  PyMutex m;
  EXPECT_EQ(sizeof(m), 1u);
  EXPECT_FALSE(m.is_locked());
  EXPECT_TRUE(m.check());
}

TEST(PyMutex, TryLockFailsWhileHeld) {
  PyMutex m;
  ASSERT_TRUE(m.try_lock());
  EXPECT_TRUE(m.is_locked());
  EXPECT_FALSE(m.try_lock());
  std::thread other([&] { EXPECT_FALSE(m.try_lock()); });
  other.join();
  m.unlock();
  EXPECT_FALSE(m.is_locked());
  EXPECT_TRUE(m.try_lock());
  m.unlock();
  EXPECT_TRUE(m.check());
}

TEST(PyMutex, MutualExclusionUnderContention) {
  PyMutex m;
  long counter = 0;  // plain: ThreadSanitizer reports any unprotected access
  std::atomic<int> inside{0}, max_inside{0};
  constexpr int kThreads = 4, kIters = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIters; ++i) {
        m.lock();
        int now = inside.fetch_add(1) + 1;
        if (now > max_inside.load()) max_inside.store(now);
        ++counter;
        EXPECT_TRUE(m.check());
        inside.fetch_sub(1);
        m.unlock();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, long(kThreads) * kIters);
  EXPECT_EQ(max_inside.load(), 1);
  EXPECT_FALSE(m.is_locked());
  EXPECT_TRUE(m.check());
}

TEST(PyMutex, WaitersParkAndAllGetTheLock) {
  PyMutex m;
  MutexStats before = mutex_stats();
  m.lock();
  constexpr int kWaiters = 3;
  std::atomic<int> got{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < kWaiters; ++i)
    waiters.emplace_back([&] {
      m.lock();
      got.fetch_add(1);
      m.unlock();
    });
  // Hold long enough for every waiter to give up spinning and park.
  EXPECT_TRUE(wait_until([&] { return (m.raw_bits() & PyMutex::kParked) != 0; }));
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(got.load(), 0);
  EXPECT_TRUE(m.check());
  m.unlock();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(got.load(), kWaiters);
  MutexStats after = mutex_stats();
  EXPECT_GE(after.parks - before.parks, 1u);
  EXPECT_GE(after.wakeups - before.wakeups, 1u);
  EXPECT_EQ(m.raw_bits(), 0);
}

TEST(PyMutex, ManyLocksSharingParkingBucketsMakeProgress) {
  // 256 locks over 64 buckets: wake-ups meant for one lock reach others.
  constexpr int kLocks = 256, kThreads = 4, kIters = 5000;
  std::vector<PyMutex> locks(kLocks);
  std::vector<long> counters(kLocks, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      for (int i = 0; i < kIters; ++i) {
        int a = rng() % 8, b = rng() % kLocks;  // hot locks 0..7 force contention
        if (a == b) continue;
        int lo = a < b ? a : b, hi = a < b ? b : a;  // one global order
        locks[lo].lock();
        locks[hi].lock();
        ++counters[lo];
        ++counters[hi];
        locks[hi].unlock();
        locks[lo].unlock();
      }
    });
  }
  for (auto& t : threads) t.join();
  long total = 0;
  for (long c : counters) total += c;
  EXPECT_EQ(total % 2, 0);
  for (auto& l : locks) EXPECT_TRUE(l.check() && !l.is_locked());
}

// --- critical sections ------------------------------------------------------------------

// A pretend container: a header (with its mutex) and unprotected contents.
struct Box {
  BiasedHeader ob{};
  long value = 0;
  std::vector<int> items;
};

// A pretend VM thread: registered, started for biased RC, attached.
struct VmThread {
  ThreadState ts;
  ThreadRegistry& reg;
  explicit VmThread(ThreadRegistry& r) : reg(r) {
    reg.add(&ts);
    BiasedPolicy::thread_start(ts);
    BiasedPolicy::attach(ts);
  }
  ~VmThread() {
    BiasedPolicy::thread_exit(ts);
    BiasedPolicy::detach(ts);
    reg.remove(&ts);
  }
  void breaker() {
    uint32_t bits = ts.eval_breaker.load(std::memory_order_acquire);
    if (bits) BiasedPolicy::on_eval_breaker(ts, bits);
  }
};

TEST(CriticalSection, OneObjectExclusion) {
  ThreadRegistry reg;
  Box box;
  constexpr int kThreads = 3, kIters = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      VmThread vm(reg);
      for (int i = 0; i < kIters; ++i) {
        BiasedCriticalSection cs(&box);
        box.items.push_back(t);
        EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(box.items.size(), size_t(kThreads) * kIters);
  EXPECT_FALSE(box.ob.mutex.is_locked());
}

TEST(CriticalSection, TwoObjectsInEitherOrderDoNotDeadlock) {
  ThreadRegistry reg;
  Box a, b;
  a.value = 1000;
  b.value = 1000;
  constexpr int kIters = 10000;
  auto transfer = [&](Box* from, Box* to, int n) {
    VmThread vm(reg);
    for (int i = 0; i < n; ++i) {
      BiasedCriticalSection cs(from, to);  // locked in address order whatever the argument order
      --from->value;
      ++to->value;
      EXPECT_EQ(a.value + b.value, 2000);
    }
  };
  std::thread t1(transfer, &a, &b, kIters);
  std::thread t2(transfer, &b, &a, kIters);
  t1.join();
  t2.join();
  EXPECT_EQ(a.value, 1000);
  EXPECT_EQ(b.value, 1000);
}

TEST(CriticalSection, NestingOnTheSameObjectIsANoop) {
  ThreadRegistry reg;
  VmThread vm(reg);
  Box a, b;
  {
    BiasedCriticalSection outer(&a);
    {
      BiasedCriticalSection inner(&a);  // would self-deadlock if it locked again
      EXPECT_TRUE(a.ob.mutex.is_locked());
      EXPECT_EQ(vm.ts.biased->cs_top, &outer);
    }
    EXPECT_TRUE(a.ob.mutex.is_locked());
    {
      BiasedCriticalSection pair(&b, &a);  // a is held by `outer`: contended path
      EXPECT_TRUE(pair.active());
      EXPECT_FALSE(outer.active());        // suspended while the pair runs
      EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
    }
    EXPECT_TRUE(outer.active());  // resumed when the inner section ended
    EXPECT_TRUE(a.ob.mutex.is_locked());
    EXPECT_FALSE(b.ob.mutex.is_locked());
  }
  EXPECT_FALSE(a.ob.mutex.is_locked());
  EXPECT_EQ(vm.ts.biased->cs_top, nullptr);
}

TEST(CriticalSection, NestedSectionsInOppositeOrdersDoNotDeadlock) {
  // t1: CS(a) { CS(b) }, t2: CS(b) { CS(a) } — a classic deadlock with plain
  // mutexes; a contended inner section suspends the outer one instead.
  ThreadRegistry reg;
  Box a, b;
  constexpr int kIters = 5000;
  auto body = [&](Box* outer_box, Box* inner_box) {
    VmThread vm(reg);
    for (int i = 0; i < kIters; ++i) {
      BiasedCriticalSection outer(outer_box);
      ++outer_box->value;
      BiasedCriticalSection inner(inner_box);
      ++inner_box->value;
      EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
    }
  };
  std::thread t1(body, &a, &b);
  std::thread t2(body, &b, &a);
  t1.join();
  t2.join();
  EXPECT_EQ(a.value, 2 * kIters);
  EXPECT_EQ(b.value, 2 * kIters);
}

TEST(CriticalSection, DetachSuspendsAndAttachResumes) {
  ThreadRegistry reg;
  Box a, b;
  VmThread vm(reg);
  {
    BiasedCriticalSection outer(&a);
    {
      BiasedCriticalSection inner(&b);
      BiasedPolicy::detach(vm.ts);  // a blocking call begins
      EXPECT_FALSE(a.ob.mutex.is_locked());
      EXPECT_FALSE(b.ob.mutex.is_locked());
      // Another thread can use both objects meanwhile.
      std::thread other([&] {
        VmThread vm2(reg);
        BiasedCriticalSection cs(&a, &b);
        a.value = 7;
        b.value = 8;
      });
      other.join();
      BiasedPolicy::attach(vm.ts);  // only the innermost section is resumed
      EXPECT_TRUE(inner.active());
      EXPECT_FALSE(outer.active());
      EXPECT_TRUE(b.ob.mutex.is_locked());
      EXPECT_FALSE(a.ob.mutex.is_locked());
      EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
      EXPECT_EQ(a.value + b.value, 15);
    }
    // Ending the inner section resumed the outer one.
    EXPECT_TRUE(outer.active());
    EXPECT_TRUE(a.ob.mutex.is_locked());
    EXPECT_FALSE(b.ob.mutex.is_locked());
  }
  EXPECT_FALSE(a.ob.mutex.is_locked());
}

// A counted VM thread, as the VM makes one: thread_spawning (by its parent,
// here by itself) then thread_begin; thread_end uncounts it.
struct CountedThread {
  ThreadState ts;
  ThreadRegistry& reg;
  CountedThread(ThreadRegistry& r, ThreadState* parent) : reg(r) {
    if (parent == nullptr) BiasedPolicy::thread_spawning(nullptr);  // else the parent counted us
    reg.add(&ts);
    BiasedPolicy::thread_begin(ts);
    BiasedPolicy::attach(ts);
  }
  ~CountedThread() {
    BiasedPolicy::thread_end(ts);
    BiasedPolicy::detach(ts);
    reg.remove(&ts);
  }
};

TEST(CriticalSection, AloneTheSectionsAreElidedAndSpawningMakesThemReal) {
  ThreadRegistry reg;
  CountedThread vm(reg, nullptr);
  ASSERT_FALSE(BiasedPolicy::others_may_run());
  Box a, b, c;
  {
    BiasedCriticalSection outer(&a);
    BiasedCriticalSection pair(&c, &b);
    EXPECT_TRUE(outer.elided());
    EXPECT_TRUE(pair.elided());
    EXPECT_FALSE(a.ob.mutex.is_locked());  // no locked instruction while alone
    EXPECT_FALSE(b.ob.mutex.is_locked());
    EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
    // The thread spawns another: from now on the sections hold their mutexes
    // (the innermost at once, the outer one when the inner one ends).
    BiasedPolicy::thread_spawning(&vm.ts);
    EXPECT_TRUE(BiasedPolicy::others_may_run());
    EXPECT_FALSE(pair.elided());
    EXPECT_FALSE(outer.elided());
    EXPECT_TRUE(pair.active());
    EXPECT_FALSE(outer.active());
    EXPECT_TRUE(b.ob.mutex.is_locked());
    EXPECT_TRUE(c.ob.mutex.is_locked());
    EXPECT_FALSE(a.ob.mutex.is_locked());
    EXPECT_TRUE(BiasedCriticalSection::check_critical_sections(*vm.ts.biased));
    BiasedPolicy::thread_spawn_failed();  // the pretend spawn: uncount it again
  }
  EXPECT_FALSE(a.ob.mutex.is_locked());
  EXPECT_FALSE(b.ob.mutex.is_locked());
  EXPECT_FALSE(c.ob.mutex.is_locked());
  {
    BiasedCriticalSection again(&a);  // alone again: elided
    EXPECT_TRUE(again.elided());
  }
  EXPECT_EQ(vm.ts.biased->cs_top, nullptr);
}

TEST(CriticalSection, ASpawnedThreadWaitsForTheSpawnersElidedSection) {
  // The spawner is inside an elided section when it starts a thread that
  // wants the same object: the new thread must wait for the section to end.
  ThreadRegistry reg;
  Box box;
  std::atomic<bool> child_in{false};
  long seen = -1;
  {
    CountedThread vm(reg, nullptr);
    std::thread child;
    {
      BiasedCriticalSection cs(&box);
      ASSERT_TRUE(cs.elided());
      box.value = 1;
      BiasedPolicy::thread_spawning(&vm.ts);
      child = std::thread([&] {
        CountedThread vm2(reg, &vm.ts);
        BiasedCriticalSection cs2(&box);
        EXPECT_FALSE(cs2.elided());
        child_in.store(true);
        seen = box.value;
      });
      std::this_thread::sleep_for(50ms);  // the child is waiting for the mutex by now
      EXPECT_FALSE(child_in.load());
      box.value = 2;
    }
    child.join();
  }
  EXPECT_EQ(seen, 2);
}

TEST(CriticalSection, AThreadLeftAloneElidesAgain) {
  ThreadRegistry reg;
  Box box;
  CountedThread vm(reg, nullptr);
  std::atomic<bool> go{false}, done{false};
  BiasedPolicy::thread_spawning(&vm.ts);
  std::thread other([&] {
    CountedThread vm2(reg, &vm.ts);
    while (!go.load()) std::this_thread::yield();
  });
  {
    BiasedCriticalSection cs(&box);  // two VM threads: a real section
    EXPECT_FALSE(cs.elided());
    EXPECT_TRUE(box.ob.mutex.is_locked());
  }
  go.store(true);
  other.join();  // its thread_end uncounted it
  {
    BiasedCriticalSection cs(&box);
    EXPECT_TRUE(cs.elided());
    EXPECT_FALSE(box.ob.mutex.is_locked());
  }
}

TEST(CriticalSection, WaiterForAMutexDoesNotHoldUpStopTheWorld) {
  ThreadRegistry reg;
  Box a;
  std::atomic<bool> holder_in{false}, release{false}, waiter_done{false};
  VmThread main_vm(reg);
  std::thread holder([&] {
    VmThread vm(reg);
    BiasedCriticalSection cs(&a);
    holder_in = true;
    // "Runs bytecode" inside the section, honouring the eval breaker.
    while (!release.load()) {
      vm.breaker();
      std::this_thread::yield();
    }
  });
  ASSERT_TRUE(wait_until([&] { return holder_in.load(); }));
  std::thread waiter([&] {
    VmThread vm(reg);
    {
      BiasedCriticalSection cs(&a);  // blocks (detached) until the holder leaves
      ++a.value;
    }
    waiter_done = true;
  });
  ASSERT_TRUE(wait_until([&] { return (a.ob.mutex.raw_bits() & PyMutex::kParked) != 0; }));
  // The waiter is blocked on the mutex; the holder is running. A pause must
  // still complete: the holder parks at its breaker, the waiter is detached.
  auto start = Clock::now();
  BiasedPolicy::stop_the_world(reg, main_vm.ts);
  EXPECT_TRUE(BiasedPolicy::world().check_stopped(reg));
  BiasedPolicy::start_the_world(reg);
  EXPECT_LT(Clock::now() - start, 5s);
  release = true;
  holder.join();
  waiter.join();
  EXPECT_TRUE(waiter_done.load());
  EXPECT_EQ(a.value, 1);
}

}  // namespace
}  // namespace gk
