// tests/unit/test_stop_the_world.cpp — the attach/detach protocol and the
// whole-process pause (threads/stop_the_world.hpp): a pause really stops every
// attached thread, detached threads are claimed without waiting for them and
// cannot attach until the restart, concurrent requesters take turns, and
// threads joining and leaving during pauses neither hang nor escape. Worker
// threads pretend to run bytecode: they count "instructions" while attached
// and check their eval breaker as the eval loop does. Bounded in iterations
// and time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "threads/registry.hpp"
#include "threads/stop_the_world.hpp"

namespace gk {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

template <class P>
bool wait_until(P pred, Clock::duration limit = 5s) {
  auto end = Clock::now() + limit;
  while (!pred()) {
    if (Clock::now() > end) return pred();
    std::this_thread::yield();
  }
  return true;
}

// A thread that "runs bytecode": counts steps while attached, parks at its
// eval breaker, and every `block_every` steps makes a blocking call (detach,
// short sleep, attach).
struct Worker {
  ThreadState ts;
  std::atomic<uint64_t> steps{0};
  std::atomic<bool> running_bytecode{false};  // true only between attach and detach
  std::thread thread;

  void run(StopTheWorld& world, ThreadRegistry& reg, std::atomic<bool>& stop, int block_every) {
    thread = std::thread([this, &world, &reg, &stop, block_every] {
      reg.add(&ts);
      world.attach(ts);
      running_bytecode = true;
      uint64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        EXPECT_EQ(ts.attach_state.load(), kAttached);
        steps.fetch_add(1, std::memory_order_relaxed);
        if (ts.eval_breaker.load(std::memory_order_acquire) & kStopTheWorld) {
          running_bytecode = false;
          world.park(ts);
          running_bytecode = true;
        }
        if (block_every && ++n % block_every == 0) {
          running_bytecode = false;
          world.detach(ts);
          std::this_thread::sleep_for(100us);
          world.attach(ts);
          running_bytecode = true;
        }
      }
      running_bytecode = false;
      world.detach(ts);
      reg.remove(&ts);
    });
  }
};

TEST(StopTheWorld, PauseStopsEveryAttachedThread) {
  StopTheWorld world;
  ThreadRegistry reg;
  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < 3; ++i) {
    workers.push_back(std::make_unique<Worker>());
    workers.back()->run(world, reg, stop, i == 2 ? 50 : 0);  // one also makes blocking calls
  }
  ASSERT_TRUE(wait_until([&] { return reg.count() == 3; }));
  for (int round = 0; round < 20; ++round) {
    world.stop(reg, nullptr);
    ASSERT_TRUE(world.stopped());
    EXPECT_TRUE(world.check_stopped(reg));
    std::vector<uint64_t> before;
    for (auto& w : workers) {
      EXPECT_FALSE(w->running_bytecode.load());
      EXPECT_NE(w->ts.attach_state.load(), kAttached);
      before.push_back(w->steps.load());
    }
    std::this_thread::sleep_for(2ms);
    for (size_t i = 0; i < workers.size(); ++i) EXPECT_EQ(workers[i]->steps.load(), before[i]) << "worker " << i;
    world.start(reg);
    // Everyone runs again after the restart.
    for (size_t i = 0; i < workers.size(); ++i)
      EXPECT_TRUE(wait_until([&] { return workers[i]->steps.load() > before[i]; })) << "worker " << i;
  }
  stop = true;
  for (auto& w : workers) w->thread.join();
  StopTheWorldStats st = world.stats();
  EXPECT_EQ(st.pauses, 20u);
  EXPECT_GE(st.parked, 20u);
}

TEST(StopTheWorld, DetachedThreadIsClaimedAndCannotAttachUntilRestart) {
  StopTheWorld world;
  ThreadRegistry reg;
  ThreadState ts;
  reg.add(&ts);
  std::atomic<bool> in_blocking_call{false}, unblock{false}, attached_again{false};
  std::thread t([&] {
    world.attach(ts);
    world.detach(ts);  // a blocking call that we control
    in_blocking_call = true;
    while (!unblock.load()) std::this_thread::sleep_for(100us);
    world.attach(ts);
    attached_again = true;
    world.detach(ts);
  });
  ASSERT_TRUE(wait_until([&] { return in_blocking_call.load(); }));
  // The pause must not wait for a thread blocked outside Python.
  auto start = Clock::now();
  world.stop(reg, nullptr);
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_EQ(ts.attach_state.load(), kSuspended);
  EXPECT_TRUE(world.check_stopped(reg));
  unblock = true;  // the blocking call returns: attach must wait for the restart
  std::this_thread::sleep_for(30ms);
  EXPECT_FALSE(attached_again.load());
  EXPECT_TRUE(world.check_stopped(reg));
  world.start(reg);
  EXPECT_TRUE(wait_until([&] { return attached_again.load(); }));
  t.join();
  EXPECT_GE(world.stats().claimed, 1u);
  reg.remove(&ts);
}

TEST(StopTheWorld, ARequesterThreadKeepsRunningDuringItsPause) {
  StopTheWorld world;
  ThreadRegistry reg;
  std::atomic<bool> stop{false};
  Worker w;
  w.run(world, reg, stop, 0);
  ThreadState me;
  reg.add(&me);
  world.attach(me);
  ASSERT_TRUE(wait_until([&] { return w.steps.load() > 0; }));
  world.stop(reg, &me);
  EXPECT_EQ(world.requester(), &me);
  EXPECT_EQ(me.attach_state.load(), kAttached);
  // The requester may block and come back during its own pause.
  world.detach(me);
  world.attach(me);
  EXPECT_EQ(me.attach_state.load(), kAttached);
  EXPECT_TRUE(world.check_stopped(reg));
  world.start(reg);
  stop = true;
  w.thread.join();
  world.detach(me);
  reg.remove(&me);
}

TEST(StopTheWorld, ConcurrentRequestersTakeTurns) {
  StopTheWorld world;
  ThreadRegistry reg;
  std::atomic<bool> stop{false};
  Worker w;
  w.run(world, reg, stop, 20);
  std::atomic<int> in_pause{0}, max_in_pause{0};
  constexpr int kPausesEach = 30;
  auto requester = [&] {
    ThreadState ts;
    reg.add(&ts);
    world.attach(ts);
    for (int i = 0; i < kPausesEach; ++i) {
      world.stop(reg, &ts);
      int now = in_pause.fetch_add(1) + 1;
      if (now > max_in_pause.load()) max_in_pause.store(now);
      EXPECT_TRUE(world.check_stopped(reg));
      in_pause.fetch_sub(1);
      world.start(reg);
      // Run "bytecode" a little, honouring the other requester's pauses.
      for (int k = 0; k < 10; ++k)
        if (ts.eval_breaker.load(std::memory_order_acquire) & kStopTheWorld) world.park(ts);
    }
    world.detach(ts);
    reg.remove(&ts);
  };
  std::thread r1(requester), r2(requester);
  r1.join();
  r2.join();
  stop = true;
  w.thread.join();
  EXPECT_EQ(max_in_pause.load(), 1);
  EXPECT_EQ(world.stats().pauses, 2u * kPausesEach);
}

TEST(StopTheWorld, ThreadsComingAndGoingDuringPausesNeverRunInOne) {
  StopTheWorld world;
  ThreadRegistry reg;
  std::atomic<bool> stop{false}, paused{false};
  std::atomic<int> ran_during_pause{0};
  // Short-lived threads: register, attach, a few steps, detach, leave.
  auto churn = [&] {
    for (int i = 0; i < 200 && !stop.load(); ++i) {
      ThreadState ts;
      reg.add(&ts);
      world.attach(ts);
      for (int k = 0; k < 20; ++k) {
        if (paused.load(std::memory_order_seq_cst)) ran_during_pause.fetch_add(1);
        if (ts.eval_breaker.load(std::memory_order_acquire) & kStopTheWorld) world.park(ts);
      }
      world.detach(ts);
      reg.remove(&ts);
    }
  };
  std::thread c1(churn), c2(churn);
  for (int round = 0; round < 50; ++round) {
    world.stop(reg, nullptr);
    paused.store(true, std::memory_order_seq_cst);
    EXPECT_TRUE(world.check_stopped(reg));
    std::this_thread::sleep_for(200us);
    paused.store(false, std::memory_order_seq_cst);
    world.start(reg);
    std::this_thread::sleep_for(200us);
  }
  stop = true;
  c1.join();
  c2.join();
  EXPECT_EQ(ran_during_pause.load(), 0);
  EXPECT_EQ(reg.count(), 0u);
}

}  // namespace
}  // namespace gk
