// alloc/policy.hpp — picks the allocator policy for this build. This header and
// gil/policy.hpp are the only places that branch on the build configuration.
//
// An allocator policy provides: allocate(size) -> void* (throws std::bad_alloc),
// deallocate(ptr, size), stats() (live requested blocks/bytes), report() (the
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
  { A::stats() } noexcept;
  { A::report() } -> std::same_as<FragmentationReport>;
};


// Under AddressSanitizer, objects come straight from malloc so that ASan sees
// every object block (a pool allocator would hide use-after-free inside its
// pools) — CPython's advice (PYTHONMALLOC=malloc) too. The pool allocator is
// still tested under ASan by its own unit tests.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerAllocator = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizerAllocator = true;
#else
inline constexpr bool kSanitizerAllocator = false;
#endif
#else
inline constexpr bool kSanitizerAllocator = false;
#endif
using SelectedAllocator = std::conditional_t<config::alloc_is_pymalloc, PymallocPolicy, MimallocPolicy>;
using AllocPolicy = std::conditional_t<kSanitizerAllocator, SystemAllocator, SelectedAllocator>;
static_assert(AllocPolicyType<AllocPolicy>);

}  // namespace gk
