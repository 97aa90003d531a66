// alloc/policy.hpp — picks the allocator policy for this build. This header and
// gil/policy.hpp are the only places that branch on the build configuration.
//
// An allocator policy provides: allocate(size) -> void* (throws std::bad_alloc),
// deallocate(ptr, size), stats(). Every object block goes through it.
//   pymalloc -> PymallocPolicy (alloc/pool_allocator.hpp): obmalloc-style pools
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include "gilkit_config.hpp"
#include "alloc/pool_allocator.hpp"
#include "alloc/system_allocator.hpp"

namespace gk {

template <class A>
concept AllocPolicyType = requires(void* p, size_t n) {
  { A::allocate(n) } -> std::same_as<void*>;
  { A::deallocate(p, n) } noexcept;
  { A::stats() } noexcept;
};

static_assert(config::alloc_is_pymalloc, "only the pymalloc allocator policy is built yet (see meson.build)");

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
using AllocPolicy = std::conditional_t<kSanitizerAllocator, SystemAllocator, PymallocPolicy>;
static_assert(AllocPolicyType<AllocPolicy>);

}  // namespace gk
