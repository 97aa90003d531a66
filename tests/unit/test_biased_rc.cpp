// tests/unit/test_biased_rc.cpp — biased reference counting (gil/biased_lock.hpp):
// the owner's local count and the others' shared count, the DEFAULT ->
// QUEUED -> MERGED state machine, hand-off through the owner's merge queue,
// objects outliving their owner thread, merges during a stop-the-world pause,
// and a stress test of threads passing references around. Test objects are
// really deleted by a counting dealloc hook, which proves that each object is
// freed exactly once and never while the test still holds a reference (and
// ThreadSanitizer would report any later touch of a freed object).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "gil/biased_lock.hpp"

namespace gk {
namespace {

using P = BiasedPolicy;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct TestObj {
  BiasedHeader ob;
  int id;
};

// Side table, indexed by object id; outlives the objects.
struct Slot {
  std::atomic<int> frees{0};
  std::atomic<int> outstanding{0};  // references the test believes are held
};
std::unique_ptr<Slot[]> g_slots;
std::atomic<int> g_premature{0};       // frees while references were outstanding
std::atomic<int64_t> g_live_refs{0};   // all outstanding references
int g_type_stub;
TypeObject* fake_type() { return reinterpret_cast<TypeObject*>(&g_type_stub); }

void on_dealloc(BiasedHeader* h) {
  auto* o = reinterpret_cast<TestObj*>(h);
  Slot& s = g_slots[o->id];
  if (s.outstanding.load() != 0 || P::refcount(*h) != 0) g_premature.fetch_add(1);
  s.frees.fetch_add(1);
  delete o;
}

void reset_slots(size_t n) {
  g_slots.reset(new Slot[n]);
  g_premature = 0;
  g_live_refs = 0;
  P::set_dealloc(on_dealloc);
}

TestObj* make(int id) {
  auto* o = new TestObj;
  P::init_header(o->ob, fake_type());
  o->id = id;
  g_slots[id].outstanding.store(1);
  g_live_refs.fetch_add(1);
  return o;
}
void inc(TestObj* o) {
  g_slots[o->id].outstanding.fetch_add(1);
  g_live_refs.fetch_add(1);
  P::incref(o->ob);
}
// What the VM's decref does: deallocate when the policy says so.
void dec(TestObj* o) {
  g_slots[o->id].outstanding.fetch_sub(1);
  g_live_refs.fetch_sub(1);
  if (P::decref(o->ob)) on_dealloc(&o->ob);
}
int frees(int id) { return g_slots[id].frees.load(); }

// A pretend VM thread: registered, started for biased RC, attached.
struct VmThread {
  ThreadState ts;
  ThreadRegistry& reg;
  explicit VmThread(ThreadRegistry& r) : reg(r) {
    reg.add(&ts);
    P::thread_start(ts);
    P::attach(ts);
  }
  ~VmThread() { leave(); }
  void leave() {
    if (!ts.biased) return;
    P::thread_exit(ts);
    P::detach(ts);
    reg.remove(&ts);
  }
  void breaker() {
    uint32_t bits = ts.eval_breaker.load(std::memory_order_acquire);
    if (bits) P::on_eval_breaker(ts, bits);
  }
};

// Runs `f` on a new started thread and waits for it.
template <class F>
void on_other_thread(ThreadRegistry& reg, F f) {
  std::thread t([&] {
    VmThread vm(reg);
    f(vm);
  });
  t.join();
}

TEST(BiasedRc, HeaderIs32BytesAndStartsOwned) {
  EXPECT_EQ(sizeof(BiasedHeader), 32u);
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  EXPECT_EQ(P::owner_of(o->ob), P::current_id());
  EXPECT_EQ(P::state_of(o->ob), P::kDefault);
  EXPECT_EQ(P::refcount(o->ob), 1);
  EXPECT_TRUE(P::check_header_settled(o->ob));
  dec(o);
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, OwnerCountsLocallyAndFreesAtZero) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  for (int i = 0; i < 3; ++i) inc(o);
  EXPECT_EQ(o->ob.local, 4u);
  EXPECT_EQ(P::shared_count(o->ob.shared), 0);
  EXPECT_EQ(P::refcount(o->ob), 4);
  for (int i = 0; i < 3; ++i) {
    dec(o);
    EXPECT_TRUE(P::check_header(o->ob));
  }
  EXPECT_EQ(frees(0), 0);
  dec(o);
  EXPECT_EQ(frees(0), 1);
  EXPECT_EQ(g_premature.load(), 0);
}

TEST(BiasedRc, ImmortalObjectsAreNeverCounted) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj o{};
  P::init_header(o.ob, fake_type());
  P::make_immortal(o.ob);
  intptr_t before = P::refcount(o.ob);
  std::thread other([&] {
    for (int i = 0; i < 1000; ++i) {
      P::incref(o.ob);
      EXPECT_FALSE(P::decref(o.ob));
      EXPECT_FALSE(P::decref(o.ob));
    }
  });
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(P::decref(o.ob));
  other.join();
  EXPECT_TRUE(P::is_immortal(o.ob));
  EXPECT_EQ(P::refcount(o.ob), before);
  EXPECT_TRUE(P::check_header_settled(o.ob));
}

TEST(BiasedRc, TheOwnersCountSaturatesIntoImmortality) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj o{};
  P::init_header(o.ob, fake_type());
  o.ob.local = P::kImmortalLocal - 2;  // as if 2^32 - 3 references were held
  P::incref(o.ob);
  EXPECT_FALSE(P::is_immortal(o.ob));
  EXPECT_EQ(P::refcount(o.ob), intptr_t(P::kImmortalLocal) - 1);
  P::incref(o.ob);  // the 2^32 - 1st: immortal
  EXPECT_TRUE(P::is_immortal(o.ob));
  EXPECT_TRUE(P::check_header(o.ob));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(P::decref(o.ob));  // never freed, never mortal again
  EXPECT_TRUE(P::is_immortal(o.ob));
}

TEST(BiasedRc, ObjectsOfAnUnstartedThreadStartMerged) {
  reset_slots(1);
  std::thread t([] {
    TestObj* o = make(0);  // no thread_start: owns nothing
    EXPECT_EQ(P::owner_of(o->ob), 0u);
    EXPECT_EQ(P::state_of(o->ob), P::kMerged);
    inc(o);
    EXPECT_EQ(P::refcount(o->ob), 2);
    EXPECT_TRUE(P::check_header_settled(o->ob));
    dec(o);
    dec(o);
  });
  t.join();
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, OwnerAndOthersCountConcurrentlyWithoutLoss) {
  // The owner's non-atomic local updates and the others' atomic shared
  // updates run at the same time on one object; no count is lost.
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  uint64_t queued_before = P::stats().queued;
  constexpr int kIters = 20000;
  std::vector<std::thread> others;
  for (int t = 0; t < 2; ++t) {
    others.emplace_back([&] {
      VmThread vm(reg);
      for (int i = 0; i < kIters; ++i) {
        inc(o);
        if (i % 2) {
          inc(o);
          dec(o);
        }
        dec(o);
        vm.breaker();
      }
    });
  }
  for (int i = 0; i < kIters; ++i) {
    inc(o);
    dec(o);
    me.breaker();
  }
  for (auto& t : others) t.join();
  EXPECT_EQ(P::state_of(o->ob), P::kDefault);
  EXPECT_EQ(P::shared_count(o->ob.shared), 0);
  EXPECT_EQ(o->ob.local, 1u);
  EXPECT_EQ(P::stats().queued, queued_before);  // balanced: never went negative
  EXPECT_TRUE(P::check_header_settled(o->ob));
  dec(o);
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, ReferenceDroppedByANonOwnerIsQueuedAndMergedByTheOwner) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  BiasedStats before = P::stats();
  on_other_thread(reg, [&](VmThread&) { dec(o); });  // our only reference, dropped elsewhere
  EXPECT_EQ(frees(0), 0);  // not yet: the owner must merge
  EXPECT_EQ(P::state_of(o->ob), P::kQueued);
  EXPECT_TRUE(P::check_header(o->ob));
  uint32_t bits = me.ts.eval_breaker.load();
  EXPECT_TRUE(bits & kPendingMerges);
  me.breaker();  // the eval loop's next check
  EXPECT_EQ(frees(0), 1);
  EXPECT_EQ(me.ts.eval_breaker.load() & kPendingMerges, 0u);
  BiasedStats after = P::stats();
  EXPECT_EQ(after.queued - before.queued, 1u);
  EXPECT_EQ(after.merged_by_owner - before.merged_by_owner, 1u);
  EXPECT_EQ(g_premature.load(), 0);
}

TEST(BiasedRc, MergeKeepsLiveObjectsAndCountsStayExact) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  inc(o);
  inc(o);  // local 3
  on_other_thread(reg, [&](VmThread&) {
    dec(o);  // shared 0 -> QUEUED (pin)
    inc(o);  // shared 1
    inc(o);  // shared 2
  });
  // local 3 + shared 2 = 5, of which one is the queue's pin: 4 references.
  EXPECT_EQ(P::refcount(o->ob), 4);
  me.breaker();
  EXPECT_EQ(P::state_of(o->ob), P::kMerged);
  EXPECT_EQ(P::owner_of(o->ob), 0u);
  EXPECT_EQ(P::refcount(o->ob), 4);
  EXPECT_TRUE(P::check_header_settled(o->ob));
  for (int i = 0; i < 3; ++i) dec(o);
  EXPECT_EQ(frees(0), 0);
  dec(o);
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, OwnerGivesUpAQueuedObjectAndTheQueueDropsThePin) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  TestObj* o = make(0);
  inc(o);  // local 2
  uint64_t gave_up_before = P::stats().gave_up;
  on_other_thread(reg, [&](VmThread&) {
    dec(o);  // shared 0 -> QUEUED: the pin
    inc(o);  // shared 1: a reference it hands back to the owner
  });
  // The owner drops two references: local 2 -> 1 -> 0 while queued. It gives
  // the object up (MERGED); the pin stays in shared.
  dec(o);
  EXPECT_EQ(P::state_of(o->ob), P::kQueued);
  EXPECT_EQ(P::refcount(o->ob), 1);
  dec(o);
  EXPECT_EQ(P::state_of(o->ob), P::kMerged);
  EXPECT_EQ(P::owner_of(o->ob), 0u);
  EXPECT_EQ(frees(0), 0);  // the queue still holds it
  EXPECT_EQ(P::stats().gave_up - gave_up_before, 1u);
  me.breaker();  // the queue entry drops the pin
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, ObjectsOutliveTheirOwnerThread) {
  constexpr int kObjs = 50;
  reset_slots(kObjs);
  ThreadRegistry reg;
  VmThread me(reg);
  std::vector<TestObj*> objs;
  BiasedStats before = P::stats();
  on_other_thread(reg, [&](VmThread&) {
    for (int i = 0; i < kObjs; ++i) {
      TestObj* o = make(i);
      inc(o);  // two references, both handed to the main thread
      objs.push_back(o);
    }
  });  // the owner has exited
  for (TestObj* o : objs) {
    EXPECT_TRUE(P::check_header(o->ob));
    dec(o);  // shared would go negative, owner gone: merged at once (count 1)
    EXPECT_EQ(P::state_of(o->ob), P::kMerged);
    EXPECT_EQ(P::refcount(o->ob), 1);
  }
  for (int i = 0; i < kObjs; ++i) EXPECT_EQ(frees(i), 0);
  for (TestObj* o : objs) dec(o);
  for (int i = 0; i < kObjs; ++i) EXPECT_EQ(frees(i), 1);
  EXPECT_EQ(P::stats().merged_at_once - before.merged_at_once, uint64_t(kObjs));
  EXPECT_EQ(g_premature.load(), 0);
}

TEST(BiasedRc, AnExitingOwnerMergesItsQueue) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  std::atomic<TestObj*> shared{nullptr};
  std::atomic<bool> dropped{false};
  std::thread owner([&] {
    VmThread vm(reg);
    TestObj* o = make(0);
    inc(o);  // local 2: both references go to the main thread
    shared = o;
    while (!dropped.load()) std::this_thread::yield();  // never checks its breaker
    EXPECT_EQ(P::state_of(o->ob), P::kQueued);
    vm.leave();  // thread_exit drains: 2 + 0 - 1 = 1, MERGED
  });
  while (!shared.load()) std::this_thread::yield();
  TestObj* o = shared.load();
  dec(o);  // queued to the (still running) owner
  dropped = true;
  owner.join();
  EXPECT_EQ(P::state_of(o->ob), P::kMerged);
  EXPECT_EQ(frees(0), 0);
  dec(o);
  EXPECT_EQ(frees(0), 1);
}

TEST(BiasedRc, StopTheWorldMergesEveryQueueAndFreesAfterTheRestart) {
  reset_slots(1);
  ThreadRegistry reg;
  VmThread me(reg);
  std::atomic<TestObj*> shared{nullptr};
  std::atomic<bool> blocked{false}, unblock{false};
  std::thread owner([&] {
    VmThread vm(reg);
    shared = make(0);  // its only reference goes to the main thread
    P::detach(vm.ts);  // a long blocking call: it never reaches its breaker
    blocked = true;
    while (!unblock.load()) std::this_thread::sleep_for(100us);
    P::attach(vm.ts);
  });
  while (!blocked.load()) std::this_thread::yield();
  TestObj* o = shared.load();
  dec(o);  // queued to the blocked owner
  EXPECT_EQ(P::state_of(o->ob), P::kQueued);
  uint64_t in_pause_before = P::stats().merged_in_pause;
  P::stop_the_world(reg, me.ts);
  EXPECT_TRUE(P::world().check_stopped(reg));
  EXPECT_EQ(P::stats().merged_in_pause - in_pause_before, 1u);
  EXPECT_EQ(frees(0), 0);  // dead, but freed only once the world runs again
  P::start_the_world(reg);
  EXPECT_EQ(frees(0), 1);
  unblock = true;
  owner.join();
}

// --- stress ----------------------------------------------------------------------------

struct Mailbox {
  std::mutex mutex;
  std::deque<std::pair<TestObj*, int>> refs;  // (object, hops left); guarded by mutex
  bool closed = false;                        // guarded by mutex
};

TEST(BiasedRc, ThreadsPassingReferencesFreeEveryObjectExactlyOnce) {
  // Four started threads create objects, take extra references and pass them
  // around through mailboxes; a receiver drops a reference, forwards it, or
  // splits it (incref) — each reference hops a bounded number of times.
  // Thread 0 hands everything away and exits early, so its objects outlive
  // it. The main thread stops the world now and then (merging every queue).
  constexpr int kThreads = 4, kPerThread = 150, kRefsEach = 4, kHops = 4;
  reset_slots(kThreads * kPerThread);
  ThreadRegistry reg;
  VmThread me(reg);
  BiasedStats before = P::stats();
  Mailbox boxes[kThreads];
  std::atomic<int> creators_done{0}, exited{0};

  auto send = [&](int to, TestObj* o, int hops) {
    {
      std::lock_guard<std::mutex> g(boxes[to].mutex);
      if (!boxes[to].closed) {
        boxes[to].refs.emplace_back(o, hops);
        return;
      }
    }
    dec(o);  // the receiver left: drop it here
  };
  auto worker = [&](int self) {
    VmThread vm(reg);
    std::mt19937 rng(1234 + self);
    auto other = [&] { return int(rng() % (kThreads - 1)) + 1; };  // never thread 0 (it leaves early)
    for (int j = 0; j < kPerThread; ++j) {
      TestObj* o = make(self * kPerThread + j);
      for (int k = 1; k < kRefsEach; ++k) inc(o);
      for (int k = 0; k < kRefsEach; ++k) send(self == 0 ? other() : int(rng() % kThreads), o, kHops);
      vm.breaker();
    }
    creators_done.fetch_add(1);
    auto process_one = [&]() -> bool {
      std::pair<TestObj*, int> item;
      {
        std::lock_guard<std::mutex> g(boxes[self].mutex);
        if (boxes[self].refs.empty()) return false;
        item = boxes[self].refs.front();
        boxes[self].refs.pop_front();
      }
      auto [o, hops] = item;
      EXPECT_EQ(frees(o->id), 0);
      EXPECT_TRUE(P::check_header(o->ob));
      if (hops == 0) {
        dec(o);
      } else if (rng() % 4 == 0) {
        inc(o);
        send(other(), o, hops - 1);
        send(int(rng() % kThreads), o, hops - 1);
      } else {
        send(int(rng() % kThreads), o, hops - 1);
      }
      return true;
    };
    if (self == 0) {
      // Leave early: refuse mail, drop what arrived, exit with objects alive.
      {
        std::lock_guard<std::mutex> g(boxes[0].mutex);
        boxes[0].closed = true;
      }
      while (process_one()) {
      }
    } else {
      auto deadline = Clock::now() + 20s;
      for (uint64_t n = 0; Clock::now() < deadline; ++n) {
        bool did = process_one();
        vm.breaker();
        if (!did && creators_done.load() == kThreads && g_live_refs.load() == 0) break;
        if (n % 64 == 0) {  // a blocking call now and then
          P::detach(vm.ts);
          std::this_thread::yield();
          P::attach(vm.ts);
        }
        if (!did) std::this_thread::yield();
      }
    }
    vm.leave();  // merges whatever is still queued to this thread
    exited.fetch_add(1);
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker, t);
  for (int pause = 0; exited.load() < kThreads && pause < 2000; ++pause) {
    P::stop_the_world(reg, me.ts);
    EXPECT_TRUE(P::world().check_stopped(reg));
    P::start_the_world(reg);
    P::detach(me.ts);
    std::this_thread::sleep_for(500us);
    P::attach(me.ts);
    me.breaker();
  }
  for (auto& t : threads) t.join();
  me.breaker();

  EXPECT_EQ(g_live_refs.load(), 0);
  EXPECT_EQ(g_premature.load(), 0);
  int wrong = 0;
  for (int i = 0; i < kThreads * kPerThread; ++i) wrong += frees(i) != 1;
  EXPECT_EQ(wrong, 0) << "objects not freed exactly once";
  BiasedStats after = P::stats();
  EXPECT_GT(after.queued - before.queued, 0u);
  EXPECT_GT(after.merged_at_once - before.merged_at_once, 0u);  // thread 0's objects
  EXPECT_EQ((after.merged_by_owner - before.merged_by_owner) + (after.merged_in_pause - before.merged_in_pause),
            after.queued - before.queued);  // every queue entry processed exactly once
}

}  // namespace
}  // namespace gk
