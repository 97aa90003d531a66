// alloc/policy.hpp — picks the allocator policy for this build. This header and
// gil/policy.hpp are the only places that branch on the build configuration.
//
// An allocator policy provides: allocate(size) -> void* (throws std::bad_alloc),
// deallocate(ptr, size), reallocate(ptr, old_size, new_size), stats() (live requested blocks/bytes), report() (the
// fragmentation report, alloc/report.hpp). Every object block goes through it.
//   pymalloc -> PymallocPolicy (alloc/pool_allocator.hpp): obmalloc-style pools
//   mimalloc -> MimallocPolicy (alloc/mimalloc_allocator.hpp): the mimalloc library
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include "gilkit_config.hpp"
#include "alloc/mimalloc_allocator.hpp"
#include "alloc/pool_allocator.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

template <class A>
concept AllocPolicyType = requires(void* p, size_t n) {
  { A::allocate(n) } -> std::same_as<void*>;
  { A::deallocate(p, n) } noexcept;
  { A::reallocate(p, n, n) } -> std::same_as<void*>;
  { A::stats() } noexcept;
  { A::report() } -> std::same_as<FragmentationReport>;
};


using SelectedAllocator = std::conditional_t<config::alloc_is_pymalloc, PymallocPolicy, MimallocPolicy>;
// Under AddressSanitizer the pool allocator poisons free blocks, so ASan
// builds test the real allocator (alloc/pool_allocator.cpp).
using AllocPolicy = SelectedAllocator;
static_assert(AllocPolicyType<AllocPolicy>);

}  // namespace gk
