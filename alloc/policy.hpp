// alloc/policy.hpp — picks the allocator policy for this build. This header and
// gil/policy.hpp are the only places that branch on the build configuration.
//
// An allocator policy provides: allocate(size) -> void* (throws std::bad_alloc),
// deallocate(ptr, size), stats(). Every object block goes through it.
#pragma once

#include <concepts>
#include <cstddef>

#include "gilkit_config.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

template <class A>
concept AllocPolicyType = requires(void* p, size_t n) {
  { A::allocate(n) } -> std::same_as<void*>;
  { A::deallocate(p, n) } noexcept;
  { A::stats() } noexcept;
};

static_assert(config::alloc_is_pymalloc, "only the pymalloc allocator policy is built yet (see meson.build)");
using AllocPolicy = SystemAllocator;
static_assert(AllocPolicyType<AllocPolicy>);

}  // namespace gk
