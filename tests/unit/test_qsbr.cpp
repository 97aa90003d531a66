// tests/unit/test_qsbr.cpp — quiescent-state-based reclamation
// (threads/qsbr.hpp): a block is never freed while a reader that could hold
// it has not passed a quiescent state; offline threads do not hold frees
// back; a lagging thread is asked to report; items of a thread that leaves
// are freed by others; every item is freed exactly once. Blocks are really
// deleted, so ThreadSanitizer would also report a read of a freed block.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "threads/qsbr.hpp"

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

constexpr uint64_t kAlive = 0xA11CEA11CEull;

// A stand-in for a list's item array.
struct Block {
  std::atomic<uint64_t> magic{kAlive};
  std::atomic<int> readers{0};  // readers inside a read of this block
  long data[8] = {};
};

std::atomic<uint64_t> g_freed{0};
std::atomic<uint64_t> g_freed_with_readers{0};

void free_block(void* p) {
  auto* b = static_cast<Block*>(p);
  if (b->readers.load() != 0) g_freed_with_readers.fetch_add(1);
  b->magic.store(0);
  delete b;
  g_freed.fetch_add(1);
}

TEST(Qsbr, SequencesStartOnlineAndAdvance) {
  QsbrDomain d;
  QsbrThread* t = d.register_thread();
  EXPECT_FALSE(qsbr_is_online(*t));
  qsbr_online(*t);
  EXPECT_TRUE(qsbr_is_online(*t));
  uint64_t wr = d.write_seq();
  EXPECT_EQ(d.advance(), wr + 1);
  qsbr_quiescent(*t);
  EXPECT_EQ(t->seq.load(), wr + 1);
  EXPECT_TRUE(d.check());
  EXPECT_TRUE(qsbr_check_thread(*t));
  qsbr_offline(*t);
  d.unregister_thread(t);
}

TEST(Qsbr, NeverFreesWhileAReaderHoldsTheBlock) {
  QsbrDomain d;
  std::atomic<Block*> current{new Block};
  std::atomic<bool> holding{false}, let_go{false}, done{false};
  uint64_t freed_before = g_freed.load();
  std::thread reader([&] {
    QsbrThread* t = d.register_thread();
    qsbr_online(*t);
    Block* b = current.load(std::memory_order_seq_cst);
    b->readers.fetch_add(1);
    holding = true;
    // A long read: no quiescent state until told.
    while (!let_go.load()) {
      EXPECT_EQ(b->magic.load(), kAlive);
      std::this_thread::sleep_for(200us);
    }
    b->readers.fetch_sub(1);
    qsbr_quiescent(*t);
    while (!done.load()) std::this_thread::sleep_for(200us);
    d.unregister_thread(t);
  });
  QsbrThread* w = d.register_thread();
  qsbr_online(*w);
  ASSERT_TRUE(wait_until([&] { return holding.load(); }));
  Block* old = current.exchange(new Block, std::memory_order_seq_cst);  // unpublish
  qsbr_defer_free(*w, old, free_block);
  qsbr_quiescent(*w);
  // For 30 ms the writer polls hard: nothing may be freed.
  auto end = Clock::now() + 30ms;
  while (Clock::now() < end) {
    EXPECT_EQ(qsbr_poll(*w), 0u);
    EXPECT_TRUE(d.check());
    EXPECT_TRUE(qsbr_check_thread(*w));
  }
  EXPECT_EQ(g_freed.load(), freed_before);
  let_go = true;  // the reader passes a quiescent state: now it goes
  EXPECT_TRUE(wait_until([&] { return qsbr_poll(*w) == 1; }));
  EXPECT_EQ(g_freed.load(), freed_before + 1);
  done = true;
  reader.join();
  qsbr_offline(*w);
  d.unregister_thread(w);
  free_block(current.load());
  EXPECT_EQ(g_freed_with_readers.load(), 0u);
}

TEST(Qsbr, OfflineThreadsDoNotHoldFreesBack) {
  QsbrDomain d;
  std::atomic<bool> offline{false}, done{false};
  std::thread sleeper([&] {
    QsbrThread* t = d.register_thread();
    qsbr_online(*t);
    qsbr_offline(*t);  // a blocking call, for as long as the test wants
    offline = true;
    while (!done.load()) std::this_thread::sleep_for(200us);
    d.unregister_thread(t);
  });
  ASSERT_TRUE(wait_until([&] { return offline.load(); }));
  QsbrThread* w = d.register_thread();
  qsbr_online(*w);
  uint64_t before = g_freed.load();
  qsbr_defer_free(*w, new Block, free_block);
  qsbr_quiescent(*w);
  EXPECT_EQ(qsbr_poll(*w), 1u);
  EXPECT_EQ(g_freed.load(), before + 1);
  done = true;
  sleeper.join();
  d.unregister_thread(w);
}

TEST(Qsbr, LaggingThreadIsAskedToReport) {
  QsbrDomain d;
  std::atomic<uint32_t> breaker{0};
  std::atomic<bool> started{false}, done{false};
  std::atomic<int> reports{0};
  std::thread busy([&] {
    QsbrThread* t = d.register_thread(&breaker);
    qsbr_online(*t);
    started = true;
    // "Runs bytecode" and reports only when its eval breaker asks.
    while (!done.load()) {
      if (breaker.load(std::memory_order_acquire) & kQsbrReport) {
        breaker.fetch_and(~kQsbrReport);
        qsbr_quiescent(*t);
        reports.fetch_add(1);
      }
      std::this_thread::yield();
    }
    d.unregister_thread(t);
  });
  ASSERT_TRUE(wait_until([&] { return started.load(); }));
  QsbrThread* w = d.register_thread();
  qsbr_online(*w);
  uint64_t before = g_freed.load();
  qsbr_defer_free(*w, new Block, free_block);
  qsbr_quiescent(*w);
  EXPECT_TRUE(wait_until([&] { return qsbr_poll(*w) == 1; }));
  EXPECT_EQ(g_freed.load(), before + 1);
  EXPECT_GE(reports.load(), 1);
  EXPECT_GE(d.stats().report_requests, 1u);
  done = true;
  busy.join();
  d.unregister_thread(w);
}

TEST(Qsbr, ItemsOfALeavingThreadAreFreedByOthers) {
  QsbrDomain d;
  uint64_t before = g_freed.load();
  QsbrThread* reader = d.register_thread();
  qsbr_online(*reader);  // online and lagging: holds everything back
  std::thread leaver([&] {
    QsbrThread* t = d.register_thread();
    qsbr_online(*t);
    for (int i = 0; i < 5; ++i) qsbr_defer_free(*t, new Block, free_block);
    EXPECT_EQ(qsbr_poll(*t), 0u);  // the reader has not moved
    d.unregister_thread(t);        // leaves with 5 pending
  });
  leaver.join();
  EXPECT_EQ(d.orphan_count(), 5u);
  EXPECT_EQ(g_freed.load(), before);
  EXPECT_TRUE(d.check());
  qsbr_quiescent(*reader);
  EXPECT_EQ(qsbr_poll(*reader), 5u);
  EXPECT_EQ(d.orphan_count(), 0u);
  EXPECT_EQ(g_freed.load(), before + 5);
  d.unregister_thread(reader);
}

TEST(Qsbr, ReadersAndResizingWriterStress) {
  // Readers read the current block without a lock and report quiescent
  // states between reads (going offline now and then); the writer keeps
  // replacing the block and deferring the old one. Every block is freed
  // exactly once, never while a reader is inside it.
  constexpr int kReaders = 3, kReplacements = 3000;
  uint64_t before = g_freed.load(), with_readers_before = g_freed_with_readers.load();
  std::atomic<Block*> current{new Block};
  std::atomic<bool> done{false};
  {
    QsbrDomain d;
    std::vector<std::thread> readers;
    for (int r = 0; r < kReaders; ++r) {
      readers.emplace_back([&, r] {
        QsbrThread* t = d.register_thread();
        qsbr_online(*t);
        long sum = 0;
        for (uint64_t n = 1; !done.load(std::memory_order_relaxed); ++n) {
          Block* b = current.load(std::memory_order_seq_cst);
          b->readers.fetch_add(1);
          EXPECT_EQ(b->magic.load(), kAlive);
          for (long v : b->data) sum += v;
          b->readers.fetch_sub(1);
          if (n % 4 == 0) qsbr_quiescent(*t);  // an eval-breaker check
          if (n % 97 == uint64_t(r)) {         // a blocking call
            qsbr_offline(*t);
            std::this_thread::yield();
            qsbr_online(*t);
          }
        }
        EXPECT_GE(sum, 0);
        EXPECT_TRUE(qsbr_check_thread(*t));
        d.unregister_thread(t);
      });
    }
    QsbrThread* w = d.register_thread();
    qsbr_online(*w);
    for (int i = 0; i < kReplacements; ++i) {
      auto* fresh = new Block;
      for (long& v : fresh->data) v = i;
      Block* old = current.exchange(fresh, std::memory_order_seq_cst);
      qsbr_defer_free(*w, old, free_block);
      qsbr_quiescent(*w);
      if (i % 16 == 0) qsbr_poll(*w);
      if (i % 256 == 0) {
        EXPECT_TRUE(d.check());
      }
    }
    done = true;
    for (auto& t : readers) t.join();
    qsbr_quiescent(*w);
    qsbr_poll(*w);  // no reader left: everything pending goes
    EXPECT_TRUE(w->pending.empty());
    QsbrStats st = d.stats();
    EXPECT_EQ(st.deferred, uint64_t(kReplacements));
    EXPECT_EQ(st.freed, uint64_t(kReplacements));
    d.unregister_thread(w);
  }
  EXPECT_EQ(g_freed.load() - before, uint64_t(kReplacements));
  EXPECT_EQ(g_freed_with_readers.load(), with_readers_before);
  free_block(current.load());
}

}  // namespace
}  // namespace gk
