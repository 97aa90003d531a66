// tests/unit/test_pool_allocator.cpp — the pymalloc-style pool allocator:
// size classes, block reuse, the pool life cycle, arena release, and the
// validator catching corruption.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "alloc/pool_allocator.hpp"

namespace gk {
namespace {

TEST(PoolAllocator, SizeClassMapping) {
  EXPECT_EQ(PoolAllocator::size_class(1), 0u);
  EXPECT_EQ(PoolAllocator::size_class(16), 0u);
  EXPECT_EQ(PoolAllocator::size_class(17), 1u);
  EXPECT_EQ(PoolAllocator::size_class(512), 31u);
  EXPECT_EQ(PoolAllocator::class_size(0), 16u);
  EXPECT_EQ(PoolAllocator::class_size(31), 512u);
}

TEST(PoolAllocator, BlocksAreAlignedAndDistinct) {
  PoolAllocator a;
  std::vector<void*> ptrs;
  for (size_t size = 1; size <= 512; size += 7) {
    void* p = a.allocate(size);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
    std::memset(p, 0xAB, size);
    ptrs.push_back(p);
  }
  std::vector<void*> sorted = ptrs;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  for (size_t i = 0; i < ptrs.size(); ++i) a.deallocate(ptrs[i], 1 + 7 * i);
  EXPECT_TRUE(a.validate());
}

TEST(PoolAllocator, ReusesFreedBlock) {
  PoolAllocator a;
  void* keep = a.allocate(32);  // keeps the pool alive
  void* p = a.allocate(32);
  a.deallocate(p, 32);
  EXPECT_EQ(a.allocate(32), p);
  a.deallocate(p, 32);
  a.deallocate(keep, 32);
}

TEST(PoolAllocator, PoolLifeCycleUsedFullEmpty) {
  PoolAllocator a;
  const size_t size = 512;
  const size_t capacity = (PoolAllocator::kPoolSize - 64) / size;  // blocks per pool
  std::vector<void*> blocks;
  for (size_t i = 0; i < capacity; ++i) blocks.push_back(a.allocate(size));
  auto s = a.stats();
  EXPECT_EQ(s.classes[31].pools, 1u);
  EXPECT_EQ(s.classes[31].blocks_used, capacity);
  EXPECT_EQ(s.classes[31].blocks_free, 0u);  // full
  EXPECT_TRUE(a.validate());
  void* extra = a.allocate(size);  // a full pool forces a second pool
  EXPECT_EQ(a.stats().classes[31].pools, 2u);
  a.deallocate(blocks.back(), size);  // full -> used
  blocks.pop_back();
  EXPECT_TRUE(a.validate());
  EXPECT_EQ(a.allocate(size) != nullptr, true);
  a.deallocate(extra, size);
  EXPECT_TRUE(a.validate());
}

TEST(PoolAllocator, EmptyArenaIsReturnedToTheOs) {
  PoolAllocator a;
  std::vector<void*> blocks;
  for (int i = 0; i < 100000; ++i) blocks.push_back(a.allocate(32));  // ~3.2 MB: several arenas
  auto peak = a.stats();
  EXPECT_GE(peak.arenas_current, 3u);
  for (void* p : blocks) a.deallocate(p, 32);
  auto after = a.stats();
  EXPECT_EQ(after.arenas_current, 0u);
  EXPECT_EQ(after.arenas_reclaimed, peak.arenas_allocated);
  EXPECT_EQ(after.bytes_reserved, 0u);
  EXPECT_TRUE(a.validate());
}

TEST(PoolAllocator, AccountingAddsUp) {
  PoolAllocator a;
  std::mt19937 rng(42);
  std::vector<std::pair<void*, size_t>> live;
  for (int i = 0; i < 50000; ++i) {
    if (!live.empty() && rng() % 3 == 0) {
      size_t k = rng() % live.size();
      a.deallocate(live[k].first, live[k].second);
      live[k] = live.back();
      live.pop_back();
    } else {
      size_t size = 1 + rng() % 600;
      live.push_back({a.allocate(size), size});
    }
  }
  const char* why = nullptr;
  ASSERT_TRUE(a.validate(&why)) << why;
  auto s = a.stats();
  // Every reserved byte is a live block, a free block in a pool, an empty
  // pool, pool header/tail waste, or arena alignment.
  EXPECT_EQ(s.bytes_in_live_blocks + s.bytes_free_in_pools + s.bytes_in_empty_pools + s.bytes_pool_headers +
                s.bytes_arena_alignment,
            s.bytes_reserved);
  for (auto& [p, size] : live) a.deallocate(p, size);
  EXPECT_TRUE(a.validate());
  EXPECT_EQ(a.stats().arenas_current, 0u);
}

TEST(PoolAllocator, ValidatorCatchesCorruptedPool) {
  PoolAllocator a;
  void* p = a.allocate(48);
  void* q = a.allocate(48);
  ASSERT_TRUE(a.validate());
  // Corrupt the pool header's in-use count, as a double free would.
  auto* header = reinterpret_cast<uint32_t*>(reinterpret_cast<uintptr_t>(p) & ~(PoolAllocator::kPoolSize - 1));
  uint32_t saved = header[0];
  header[0] = 0;
  const char* why = nullptr;
  EXPECT_FALSE(a.validate(&why));
  EXPECT_NE(why, nullptr);
  header[0] = saved;
  EXPECT_TRUE(a.validate());
  a.deallocate(p, 48);
  a.deallocate(q, 48);
}

}  // namespace
}  // namespace gk

namespace gk {
namespace {

TEST(FragmentationReport, PoolReportAddsUpAndFormats) {
  PoolAllocator a;
  std::vector<void*> v;
  for (int i = 0; i < 20000; ++i) v.push_back(a.allocate(16 + (i % 7) * 40));
  for (size_t i = 0; i < v.size(); i += 2) a.deallocate(v[i], 16 + (i % 7) * 40);  // checkerboard
  FragmentationReport r = a.report();
  std::string why;
  EXPECT_TRUE(check_report(r, &why)) << why;
  EXPECT_GT(r.free_in_pages_bytes, 0u);
  EXPECT_GE(r.arenas_current, 1);
  std::string text = report_text(r);
  EXPECT_NE(text.find("# bytes in live blocks"), std::string::npos);
  std::string json = report_json(r);
  EXPECT_EQ(json.front(), '{');
  EXPECT_NE(json.find("\"arenas_current\": "), std::string::npos);
  for (size_t i = 1; i < v.size(); i += 2) a.deallocate(v[i], 16 + (i % 7) * 40);
  r = a.report();
  EXPECT_EQ(r.region_reserved_bytes, 0u);
  EXPECT_TRUE(check_report(r, &why)) << why;
}

TEST(FragmentationReport, CheckerCatchesMismatch) {
  FragmentationReport r;
  r.live_block_bytes = 10;
  r.region_reserved_bytes = 20;
  EXPECT_FALSE(check_report(r));
}

}  // namespace
}  // namespace gk

namespace gk {
namespace {

TEST(PoolAllocator, ReallocateKeepsContents) {
  PoolAllocator a;
  auto* p = static_cast<char*>(a.allocate(20));
  std::memcpy(p, "0123456789abcdefghi", 20);
  EXPECT_EQ(a.reallocate(p, 20, 30), p);  // same size class (32): in place
  auto* q = static_cast<char*>(a.reallocate(p, 30, 400));
  EXPECT_EQ(std::memcmp(q, "0123456789abcdefghi", 20), 0);
  auto* r = static_cast<char*>(a.reallocate(q, 400, 100000));  // small -> large
  EXPECT_EQ(std::memcmp(r, "0123456789abcdefghi", 20), 0);
  r = static_cast<char*>(a.reallocate(r, 100000, 200000));  // large -> large (realloc)
  EXPECT_EQ(std::memcmp(r, "0123456789abcdefghi", 20), 0);
  r = static_cast<char*>(a.reallocate(r, 200000, 48));  // back to a pool
  EXPECT_EQ(std::memcmp(r, "0123456789abcdefghi", 20), 0);
  a.deallocate(r, 48);
  EXPECT_TRUE(a.validate());
  EXPECT_EQ(a.stats().large_live_bytes, 0u);
}

}  // namespace
}  // namespace gk

namespace gk {
namespace {

// The thread-free list (the no-GIL flavour's cross-thread frees), driven from
// one thread: a pushed block stays in use until the owner drains it.
TEST(PoolAllocator, ThreadFreeListDrainsIntoPools) {
  PoolAllocator a;
  void* keep = a.allocate(80);
  void* p = a.allocate(80);
  void* q = a.allocate(80);
  a.deallocate_mt(p, 80);
  a.deallocate_mt(q, 80);
  EXPECT_TRUE(a.has_thread_free());
  const char* why = nullptr;
  EXPECT_TRUE(a.validate(&why)) << why;
  EXPECT_EQ(a.stats().classes[PoolAllocator::size_class(80)].blocks_used, 3u);  // still in use
  EXPECT_EQ(a.drain_thread_free(), 2u);
  EXPECT_FALSE(a.has_thread_free());
  EXPECT_EQ(a.stats().classes[PoolAllocator::size_class(80)].blocks_used, 1u);
  EXPECT_TRUE(a.validate(&why)) << why;
  a.deallocate(keep, 80);
  EXPECT_EQ(a.stats().arenas_current, 0u);
}

TEST(PoolAllocator, AllocateSlowPathDrainsThreadFreeList) {
  PoolAllocator a;
  void* p = a.allocate(64);
  a.deallocate_mt(p, 64);
  void* other = a.allocate(400);  // a class without a pool: the slow path drains first
  EXPECT_FALSE(a.has_thread_free());
  EXPECT_EQ(a.stats().classes[PoolAllocator::size_class(64)].pools, 0u);  // p's pool went back empty
  a.deallocate(other, 400);
  EXPECT_EQ(a.stats().arenas_current, 0u);
}

TEST(PoolAllocator, ValidatorCatchesForeignBlockOnThreadFreeList) {
  PoolAllocator a, b;
  void* keep = a.allocate(32);
  void* p = a.allocate(32);
  a.deallocate_mt(p, 32);
  EXPECT_TRUE(a.validate());
  const char* why = nullptr;
  // Corrupt: the pushed block's pool names another heap as its owner, as if
  // a free had pushed a block onto the wrong heap's list.
  auto* pool = PoolAllocator::pool_of(p);
  void* saved = pool->owner;
  pool->owner = &b;
  EXPECT_FALSE(a.validate(&why));
  EXPECT_NE(why, nullptr);
  pool->owner = saved;
  EXPECT_TRUE(a.validate(&why)) << why;
  a.drain_thread_free();
  a.deallocate(keep, 32);
}

}  // namespace
}  // namespace gk
