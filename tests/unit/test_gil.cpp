// tests/unit/test_gil.cpp — the GIL protocol, exercised by OS threads that
// pretend to run bytecode: mutual exclusion, drop requests honoured, the
// switch interval's effect, and blocking calls releasing the GIL. Bounds are
// generous (seconds, not intervals): tests check behaviour, not speed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "gil/gil.hpp"

namespace gk {
namespace {

using Clock = std::chrono::steady_clock;

// "Runs bytecode" for `duration` while holding the GIL: checks the eval
// breaker often, as the eval loop does at backward jumps.
void run_bytecode(Gil& gil, ThreadState& ts, std::atomic<int>& running, std::atomic<int>& max_running,
                  Clock::duration duration) {
  gil.take(ts);
  auto end = Clock::now() + duration;
  while (Clock::now() < end) {
    int now = running.fetch_add(1) + 1;
    int seen = max_running.load();
    while (now > seen && !max_running.compare_exchange_weak(seen, now)) {
    }
    EXPECT_TRUE(gil.held_by(ts));
    running.fetch_sub(1);
    if (ts.eval_breaker.load(std::memory_order_relaxed) & kGilDropRequest) gil.yield_to_waiter(ts);
  }
  gil.drop(ts, false);
}

TEST(Gil, AtMostOneThreadRunsBytecode) {
  Gil gil;
  gil.set_interval_us(1000);
  std::atomic<int> running{0}, max_running{0};
  std::vector<ThreadState> states(4);
  std::vector<std::thread> threads;
  for (auto& ts : states)
    threads.emplace_back([&] { run_bytecode(gil, ts, running, max_running, std::chrono::milliseconds(200)); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(max_running.load(), 1);
  uint64_t switches = 0;
  for (auto& ts : states) switches += ts.gil_stats.acquisitions.load();
  EXPECT_GT(switches, 4u);  // the threads did take turns
}

TEST(Gil, DropRequestIsHonouredWithinABound) {
  Gil gil;
  gil.set_interval_us(5000);
  ThreadState holder, waiter;
  std::atomic<int> running{0}, max_running{0};
  std::thread cpu([&] { run_bytecode(gil, holder, running, max_running, std::chrono::seconds(2)); });
  while (!gil.held_by(holder)) std::this_thread::yield();
  auto start = Clock::now();
  gil.take(waiter);  // must not wait for the holder's 2 seconds
  auto waited = Clock::now() - start;
  gil.drop(waiter, false);
  cpu.join();
  EXPECT_LT(waited, std::chrono::milliseconds(1000));
  EXPECT_GE(waiter.gil_stats.drop_requests.load(), 1u);
  EXPECT_GE(holder.gil_stats.forced_drops.load(), 1u);
}

TEST(Gil, SmallerIntervalGivesMoreForcedSwitches) {
  auto forced_switches = [](int64_t interval_us) {
    Gil gil;
    gil.set_interval_us(interval_us);
    std::atomic<int> running{0}, max_running{0};
    ThreadState a, b;
    std::thread t1([&] { run_bytecode(gil, a, running, max_running, std::chrono::milliseconds(300)); });
    std::thread t2([&] { run_bytecode(gil, b, running, max_running, std::chrono::milliseconds(300)); });
    t1.join();
    t2.join();
    return a.gil_stats.forced_drops.load() + b.gil_stats.forced_drops.load();
  };
  uint64_t fast = forced_switches(500);     // 0.5 ms
  uint64_t slow = forced_switches(50000);   // 50 ms
  EXPECT_GT(fast, slow);
}

TEST(Gil, BlockedThreadDoesNotHoldTheGil) {
  Gil gil;
  ThreadState sleeper, other;
  std::atomic<bool> released{false};
  std::thread t([&] {
    gil.take(sleeper);
    gil.drop(sleeper, true);  // AllowThreads around a blocking call
    released = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    gil.take(sleeper);
    gil.drop(sleeper, false);
  });
  while (!released) std::this_thread::yield();
  auto start = Clock::now();
  gil.take(other);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(200));
  gil.drop(other, false);
  t.join();
  EXPECT_EQ(sleeper.gil_stats.voluntary_releases.load(), 1u);
}

}  // namespace
}  // namespace gk

namespace gk {
namespace {

// With I/O priority, a thread returning from a blocking call gets the GIL
// back within a fraction of the switch interval even with several CPU-bound
// threads waiting; without it, it may wait several intervals (CPython).
TEST(Gil, IoPriorityBoundsWakeUpLatency) {
  auto worst_wakeup = [](bool io_priority) {
    Gil gil;
    gil.set_interval_us(20000);  // 20 ms
    gil.set_io_priority(io_priority);
    std::atomic<bool> stop{false};
    std::vector<ThreadState> cpu_states(3);
    std::vector<std::thread> cpu;
    for (auto& ts : cpu_states)
      cpu.emplace_back([&] {
        gil.take(ts);
        while (!stop) {
          if (ts.eval_breaker.load(std::memory_order_relaxed) & kGilDropRequest) gil.yield_to_waiter(ts);
        }
        gil.drop(ts, false);
      });
    ThreadState io;
    Clock::duration worst{};
    gil.take(io);
    for (int i = 0; i < 10; ++i) {
      gil.drop(io, true);  // a blocking call
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      auto woke = Clock::now();
      gil.take(io);
      worst = std::max(worst, Clock::now() - woke);
    }
    stop = true;
    gil.drop(io, false);
    for (auto& t : cpu) t.join();
    return worst;
  };
  auto with_priority = worst_wakeup(true);
  EXPECT_LT(with_priority, std::chrono::milliseconds(15)) << "the I/O thread waited most of an interval";
}

}  // namespace
}  // namespace gk
