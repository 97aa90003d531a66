// tests/unit/test_policies.cpp — the two policy seams and the opcode table:
// refcount rules of the lock policy, the allocator policy's accounting, and
// the consistency of the single X-macro instruction table.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "alloc/policy.hpp"
#include "gil/policy.hpp"
#include "vm/opcodes.hpp"

namespace gk {
namespace {

TEST(LockPolicy, IncrefDecrefReachZeroOnce) {
  ObjectHeader h;
  LockPolicy::init_header(h, nullptr);
  EXPECT_EQ(LockPolicy::refcount(h), 1);
  LockPolicy::incref(h);
  EXPECT_EQ(LockPolicy::refcount(h), 2);
  EXPECT_FALSE(LockPolicy::decref(h));
  EXPECT_TRUE(LockPolicy::decref(h));  // the caller deallocates exactly once
}

TEST(LockPolicy, ImmortalObjectsAreNeverCounted) {
  ObjectHeader h;
  LockPolicy::init_header(h, reinterpret_cast<TypeObject*>(&h));
  LockPolicy::make_immortal(h);
  EXPECT_TRUE(LockPolicy::is_immortal(h));
  intptr_t before = LockPolicy::refcount(h);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(LockPolicy::decref(h));
  for (int i = 0; i < 10; ++i) LockPolicy::incref(h);
  EXPECT_EQ(LockPolicy::refcount(h), before);
  EXPECT_TRUE(LockPolicy::check_header(h));
}

TEST(LockPolicy, HeaderCheckerRejectsDeadHeaders) {
  ObjectHeader h;
  LockPolicy::init_header(h, reinterpret_cast<TypeObject*>(&h));
  EXPECT_TRUE(LockPolicy::check_header(h));
  ASSERT_TRUE(LockPolicy::decref(h));
  EXPECT_FALSE(LockPolicy::check_header(h));  // refcount 0: freed object
}

TEST(AllocPolicy, CountsLiveBlocksAndBytes) {
  AllocStats before = AllocPolicy::stats();
  void* a = AllocPolicy::allocate(24);
  void* b = AllocPolicy::allocate(100);
  EXPECT_EQ(AllocPolicy::stats().live_blocks, before.live_blocks + 2);
  EXPECT_EQ(AllocPolicy::stats().live_bytes, before.live_bytes + 124);
  AllocPolicy::deallocate(a, 24);
  AllocPolicy::deallocate(b, 100);
  EXPECT_EQ(AllocPolicy::stats().live_blocks, before.live_blocks);
  EXPECT_EQ(AllocPolicy::stats().live_bytes, before.live_bytes);
}

TEST(OpcodeTable, NamesAreUniqueAndArgKindsConsistent) {
  std::set<std::string> seen;
  for (int op = 0; op < OP__COUNT; ++op) {
    EXPECT_TRUE(seen.insert(kOpcodeNames[op]).second) << kOpcodeNames[op];
    if (!kOpcodeHasArg[op]) EXPECT_EQ(kOpcodeArgKind[op], OpArgKind::NONE) << kOpcodeNames[op];
    else EXPECT_NE(kOpcodeArgKind[op], OpArgKind::NONE) << kOpcodeNames[op];
  }
}

TEST(OpcodeTable, StackEffects) {
  EXPECT_EQ(stack_effect(OP_LOAD_CONST, 0, false), 1);
  EXPECT_EQ(stack_effect(OP_BINARY_OP, 0, false), -1);
  EXPECT_EQ(stack_effect(OP_BUILD_TUPLE, 3, false), -2);
  EXPECT_EQ(stack_effect(OP_BUILD_MAP, 2, false), -3);
  EXPECT_EQ(stack_effect(OP_CALL, 2, false), -2);
  EXPECT_EQ(stack_effect(OP_CALL_METHOD, 2, false), -3);
  EXPECT_EQ(stack_effect(OP_FOR_ITER, 0, false), 1);
  EXPECT_EQ(stack_effect(OP_FOR_ITER, 0, true), -1);
  EXPECT_EQ(stack_effect(OP_UNPACK_EX, 1 | (2 << 8), false), 3);
  EXPECT_EQ(stack_effect(OP_MAKE_FUNCTION, 1 | 8, false), -2);
  EXPECT_EQ(stack_effect(OP_JUMP_IF_TRUE_OR_POP, 0, true), 0);
  EXPECT_EQ(stack_effect(OP_JUMP_IF_TRUE_OR_POP, 0, false), -1);
}

}  // namespace
}  // namespace gk
