// tests/unit/test_pool_heaps.cpp — the no-GIL pymalloc flavour
// (PymallocThreadedPolicy, alloc/pool_heaps.hpp): per-thread heaps,
// cross-thread frees through the thread-free lists, threads exiting with
// blocks still alive (orphans, then adoption by new threads), the validator
// over every heap, and stats returning to the baseline. Bounded: a few
// hundred thousand blocks in all; it runs under ThreadSanitizer.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "alloc/pool_heaps.hpp"

namespace gk {
namespace {

using P = PymallocThreadedPolicy;

struct Block {
  void* p;
  size_t size;
  uint64_t tag;
};

// Every byte of a live block holds its tag: a block handed out twice, or
// written by the allocator while live, fails check().
void fill(const Block& b) {
  auto* bytes = static_cast<unsigned char*>(b.p);
  for (size_t i = 0; i < b.size; ++i) bytes[i] = static_cast<unsigned char>((b.tag >> ((i % 8) * 8)) ^ i);
}
bool check(const Block& b) {
  const auto* bytes = static_cast<const unsigned char*>(b.p);
  for (size_t i = 0; i < b.size; ++i) {
    if (bytes[i] != static_cast<unsigned char>((b.tag >> ((i % 8) * 8)) ^ i)) return false;
  }
  return true;
}

size_t pick_size(std::mt19937& rng) {
  if (rng() % 16 == 0) return 513 + rng() % 1500;  // large: the C library
  return 1 + rng() % 512;                          // every size class
}

struct Mailbox {
  std::mutex mu;
  std::vector<Block> q;
};

TEST(PoolHeaps, CrossThreadFreesOrphansAndAdoption) {
  constexpr int kThreads = 4;
  constexpr int kBatch = 64;
  const AllocStats base = P::stats();
  Mailbox boxes[kThreads];
  std::mutex kept_mu;
  std::vector<Block> kept;  // outlive the thread that allocated them
  std::atomic<int> bad{0};
  std::atomic<uint64_t> allocated{0};

  auto free_checked = [&](const Block& b) {
    if (!check(b)) bad.fetch_add(1);
    P::deallocate(b.p, b.size);
  };

  // One wave: kThreads threads with different lifetimes (thread i runs
  // rounds(i) rounds), each sending half its blocks to its neighbour. Every
  // thread stops at round `mid` so the main thread can validate every heap.
  auto wave = [&](int wave_no, std::vector<Block> to_free) {
    std::barrier sync(kThreads + 1);
    constexpr int mid = 20;
    std::vector<std::thread> ts;
    for (int i = 0; i < kThreads; ++i) {
      ts.emplace_back([&, i] {
        std::mt19937 rng(1000 * wave_no + i);
        uint64_t seq = 0;
        // Free some blocks of the previous wave's exited threads (orphans or adopted heaps).
        for (size_t k = i; k < to_free.size(); k += kThreads) free_checked(to_free[k]);
        const int rounds = 40 + 40 * i;
        for (int round = 0; round < rounds; ++round) {
          std::vector<Block> mine, send;
          for (int k = 0; k < kBatch; ++k) {
            Block b{nullptr, pick_size(rng), (uint64_t(wave_no) << 56) | (uint64_t(i) << 48) | seq++};
            b.p = P::allocate(b.size);
            fill(b);
            (k % 2 ? mine : send).push_back(b);
          }
          allocated.fetch_add(kBatch);
          {
            std::lock_guard<std::mutex> g(boxes[(i + 1) % kThreads].mu);
            for (auto& b : send) boxes[(i + 1) % kThreads].q.push_back(b);
          }
          for (size_t k = 0; k < mine.size(); ++k) {
            if (k % 8 == 0) {
              std::lock_guard<std::mutex> g(kept_mu);
              kept.push_back(mine[k]);
            } else {
              free_checked(mine[k]);
            }
          }
          std::vector<Block> inbox;
          {
            std::lock_guard<std::mutex> g(boxes[i].mu);
            inbox.swap(boxes[i].q);
          }
          for (auto& b : inbox) free_checked(b);  // cross-thread frees (some to orphans)
          if (round == mid) {
            sync.arrive_and_wait();  // the main thread validates
            sync.arrive_and_wait();
          }
        }
        P::thread_exit();  // blocks sent, kept or in mailboxes stay alive
      });
    }
    sync.arrive_and_wait();
    const char* why = nullptr;
    EXPECT_TRUE(P::validate(&why)) << why;
    FragmentationReport r = P::report();
    std::string rwhy;
    EXPECT_TRUE(check_report(r, &rwhy)) << rwhy;
    EXPECT_GE(P::heap_counts().live, static_cast<size_t>(kThreads));
    sync.arrive_and_wait();
    for (auto& t : ts) t.join();
  };

  wave(1, {});
  std::vector<Block> first_kept;
  {
    std::lock_guard<std::mutex> g(kept_mu);
    first_kept.swap(kept);
  }
  EXPECT_GT(P::heap_counts().orphans, 0u);  // wave 1 exited with blocks alive
  const char* why = nullptr;
  EXPECT_TRUE(P::validate(&why)) << why;
  wave(2, std::move(first_kept));

  // The main thread frees what is left: blocks of exited threads (orphans).
  for (auto& box : boxes) {
    for (auto& b : box.q) free_checked(b);
    box.q.clear();
  }
  for (auto& b : kept) free_checked(b);
  kept.clear();

  EXPECT_EQ(bad.load(), 0) << "a block's contents changed while it was live";
  EXPECT_TRUE(P::validate(&why)) << why;
  EXPECT_EQ(P::collect_orphans(), 0u);  // every orphan drained and deleted
  EXPECT_EQ(P::heap_counts().orphans, 0u);
  AllocStats after = P::stats();
  EXPECT_EQ(after.live_blocks, base.live_blocks);
  EXPECT_EQ(after.live_bytes, base.live_bytes);
  EXPECT_EQ(after.total_allocs - base.total_allocs, allocated.load());
  EXPECT_EQ(after.total_frees - base.total_frees, allocated.load());
  FragmentationReport r = P::report();
  std::string rwhy;
  EXPECT_TRUE(check_report(r, &rwhy)) << rwhy;
  EXPECT_EQ(r.requested_blocks, base.live_blocks);
}

TEST(PoolHeaps, ThreadExitReturnsEmptyHeapAtOnce) {
  const auto before = P::heap_counts();
  std::thread([] {
    void* p = P::allocate(100);
    P::deallocate(p, 100);
    P::thread_exit();  // nothing live: the heap is deleted, its arena unmapped
  }).join();
  EXPECT_EQ(P::heap_counts().live, before.live);
  EXPECT_EQ(P::heap_counts().orphans, before.orphans);
}

TEST(PoolHeaps, ThreadEndingWithoutThreadExitIsAbandoned) {
  void* p = nullptr;
  std::thread([&] { p = P::allocate(64); }).join();  // no thread_exit(): the pthread key destructor runs it
  EXPECT_EQ(P::heap_counts().orphans, 1u);
  const char* why = nullptr;
  EXPECT_TRUE(P::validate(&why)) << why;
  P::deallocate(p, 64);  // to the orphan's thread-free list; collected at once
  EXPECT_EQ(P::heap_counts().orphans, 0u);
}

TEST(PoolHeaps, NewThreadAdoptsAnOrphan) {
  void* p = nullptr;
  std::thread([&] {
    p = P::allocate(48);
    P::thread_exit();
  }).join();
  ASSERT_EQ(P::heap_counts().orphans, 1u);
  std::thread([&] {
    void* q = P::allocate(48);  // attach adopts the orphan: same heap, same pool
    EXPECT_EQ(PoolAllocator::pool_of(q), PoolAllocator::pool_of(p));
    P::deallocate(p, 48);  // now a local free
    P::deallocate(q, 48);
    P::thread_exit();
  }).join();
  EXPECT_EQ(P::heap_counts().orphans, 0u);
}

TEST(PoolHeaps, ReallocateAcrossThreads) {
  char* p = nullptr;
  std::thread([&] {
    p = static_cast<char*>(P::allocate(24));
    std::memcpy(p, "abcdefghijklmnopqrstuvw", 24);
    P::thread_exit();
  }).join();
  const AllocStats base = P::stats();
  char* q = static_cast<char*>(P::reallocate(p, 24, 300));  // moves; the old block goes to the orphan
  EXPECT_EQ(std::memcmp(q, "abcdefghijklmnopqrstuvw", 24), 0);
  q = static_cast<char*>(P::reallocate(q, 300, 5000));
  q = static_cast<char*>(P::reallocate(q, 5000, 9000));
  EXPECT_EQ(std::memcmp(q, "abcdefghijklmnopqrstuvw", 24), 0);
  EXPECT_EQ(P::stats().live_bytes, base.live_bytes - 24 + 9000);
  EXPECT_EQ(P::stats().live_blocks, base.live_blocks);
  P::deallocate(q, 9000);
  const char* why = nullptr;
  EXPECT_TRUE(P::validate(&why)) << why;
  EXPECT_EQ(P::heap_counts().orphans, 0u);
}

}  // namespace
}  // namespace gk
