// tests/unit/test_alloc_policy.cpp — typed tests over the allocator policies
// linked into this variant: the selected allocator in both lock flavours
// (GilAllocPolicy, NogilAllocPolicy) and the plain system allocator; and,
// across threads, every no-GIL flavour linked (pymalloc's always, mimalloc's
// in -Dalloc=mimalloc builds). Each variant build runs them, so together the
// variants cover every policy.
#include <gtest/gtest.h>

#include <barrier>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

#include "alloc/policy.hpp"

namespace gk {
namespace {

template <class P>
class AllocPolicyTest : public ::testing::Test {};
using Policies = ::testing::Types<GilAllocPolicy, NogilAllocPolicy, SystemAllocator>;
TYPED_TEST_SUITE(AllocPolicyTest, Policies);

TYPED_TEST(AllocPolicyTest, CountsRequestedBytes) {
  AllocStats before = TypeParam::stats();
  void* a = TypeParam::allocate(40);
  void* b = TypeParam::allocate(4000);
  EXPECT_EQ(TypeParam::stats().live_blocks, before.live_blocks + 2);
  EXPECT_EQ(TypeParam::stats().live_bytes, before.live_bytes + 4040);
  TypeParam::deallocate(a, 40);
  TypeParam::deallocate(b, 4000);
  EXPECT_EQ(TypeParam::stats().live_blocks, before.live_blocks);
}

TYPED_TEST(AllocPolicyTest, ReportAddsUpUnderChurn) {
  std::mt19937 rng(7);
  std::vector<std::pair<void*, size_t>> live;
  for (int i = 0; i < 30000; ++i) {
    size_t size = 8 + rng() % 700;
    live.push_back({TypeParam::allocate(size), size});
  }
  for (size_t i = 0; i < live.size(); i += 2) TypeParam::deallocate(live[i].first, live[i].second);
  FragmentationReport r = TypeParam::report();
  std::string why;
  EXPECT_TRUE(check_report(r, &why)) << r.allocator << ": " << why;
  EXPECT_GE(r.requested_bytes, 0u);
  EXPECT_GT(r.rss_bytes, 0u);
  for (size_t i = 1; i < live.size(); i += 2) TypeParam::deallocate(live[i].first, live[i].second);
  r = TypeParam::report();
  EXPECT_TRUE(check_report(r, &why)) << r.allocator << ": " << why;
}

// The no-GIL flavours, across threads.
template <class P>
class ThreadedAllocPolicyTest : public ::testing::Test {};
using ThreadedPolicies = std::conditional_t<std::is_same_v<NogilAllocPolicy, PymallocThreadedPolicy>,
                                            ::testing::Types<PymallocThreadedPolicy>,
                                            ::testing::Types<PymallocThreadedPolicy, NogilAllocPolicy>>;
TYPED_TEST_SUITE(ThreadedAllocPolicyTest, ThreadedPolicies);

// Counters of every thread are summed, including threads that have exited
// and blocks freed by a thread other than the one that allocated them.
TYPED_TEST(ThreadedAllocPolicyTest, StatsSumAcrossThreads) {
  using P = TypeParam;
  constexpr int kThreads = 4;
  constexpr int kBlocks = 500;
  const AllocStats base = P::stats();
  std::vector<std::vector<void*>> blocks(kThreads);
  std::barrier sync(kThreads + 1);
  std::vector<std::thread> ts;
  for (int i = 0; i < kThreads; ++i) {
    ts.emplace_back([&, i] {
      for (int k = 0; k < kBlocks; ++k) blocks[i].push_back(P::allocate(k % 10 == 0 ? 2000 : 40));
      sync.arrive_and_wait();  // main reads stats while every thread is alive
      sync.arrive_and_wait();
      P::thread_exit();
    });
  }
  sync.arrive_and_wait();
  const uint64_t n = uint64_t{kThreads} * kBlocks;
  const uint64_t bytes = uint64_t{kThreads} * (kBlocks / 10 * 2000 + (kBlocks - kBlocks / 10) * 40);
  AllocStats mid = P::stats();
  EXPECT_EQ(mid.live_blocks, base.live_blocks + n);
  EXPECT_EQ(mid.live_bytes, base.live_bytes + bytes);
  EXPECT_EQ(mid.total_allocs, base.total_allocs + n);
  sync.arrive_and_wait();
  for (auto& t : ts) t.join();
  EXPECT_EQ(P::stats().live_blocks, base.live_blocks + n);  // exited threads still count
  for (auto& v : blocks) {
    for (size_t k = 0; k < v.size(); ++k) P::deallocate(v[k], k % 10 == 0 ? 2000 : 40);  // cross-thread
  }
  AllocStats after = P::stats();
  EXPECT_EQ(after.live_blocks, base.live_blocks);
  EXPECT_EQ(after.live_bytes, base.live_bytes);
  EXPECT_EQ(after.total_frees, base.total_frees + n);
}

// The report identity with several threads' heaps populated (the threads
// parked at a barrier, as stop-the-world would park them).
TYPED_TEST(ThreadedAllocPolicyTest, ReportAddsUpAcrossThreads) {
  using P = TypeParam;
  constexpr int kThreads = 3;
  const AllocStats base = P::stats();
  std::barrier sync(kThreads + 1);
  std::vector<std::thread> ts;
  std::atomic<uint64_t> live{0};
  for (int i = 0; i < kThreads; ++i) {
    ts.emplace_back([&, i] {
      std::mt19937 rng(11 + i);
      std::vector<std::pair<void*, size_t>> mine;
      for (int k = 0; k < 8000; ++k) {
        size_t size = 8 + rng() % 700;
        mine.push_back({P::allocate(size), size});
      }
      for (size_t k = 0; k < mine.size(); k += 2) P::deallocate(mine[k].first, mine[k].second);  // checkerboard
      live.fetch_add(mine.size() / 2);
      sync.arrive_and_wait();
      sync.arrive_and_wait();
      for (size_t k = 1; k < mine.size(); k += 2) P::deallocate(mine[k].first, mine[k].second);
      P::thread_exit();
    });
  }
  sync.arrive_and_wait();
  FragmentationReport r = P::report();
  std::string why;
  EXPECT_TRUE(check_report(r, &why)) << r.allocator << ": " << why;
  EXPECT_EQ(r.requested_blocks, base.live_blocks + live.load());
  if constexpr (std::is_same_v<P, PymallocThreadedPolicy>) {
    // Every heap is summed: the live blocks of all threads are in the region.
    EXPECT_GE(r.live_block_bytes, r.requested_bytes - r.large_bytes - base.live_bytes);
    EXPECT_GT(r.free_in_pages_bytes, 0u);
  }
  sync.arrive_and_wait();
  for (auto& t : ts) t.join();
  r = P::report();
  EXPECT_TRUE(check_report(r, &why)) << r.allocator << ": " << why;
  EXPECT_EQ(r.requested_blocks, base.live_blocks);
}

}  // namespace
}  // namespace gk
