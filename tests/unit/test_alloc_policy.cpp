// tests/unit/test_alloc_policy.cpp — typed tests over the allocator policies
// linked into this variant: the selected AllocPolicy (pymalloc or mimalloc,
// or malloc under ASan) and the plain system allocator. Each variant build
// runs them, so together the variants cover every policy.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "alloc/policy.hpp"

namespace gk {
namespace {

template <class P>
class AllocPolicyTest : public ::testing::Test {};
using Policies = ::testing::Types<AllocPolicy, SystemAllocator>;
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

}  // namespace
}  // namespace gk
