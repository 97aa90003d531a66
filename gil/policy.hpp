// gil/policy.hpp — picks the lock policy for this build. This header and
// alloc/policy.hpp are the only places that branch on the build configuration.
//
// A lock policy provides (checked by the LockPolicyType concept below):
//   Header                       the refcount fields at the start of every object
//   init_header / make_immortal / is_immortal / refcount / check_header
//   incref(Header&), decref(Header&) -> bool "reached zero"
//   CriticalSection              RAII guard for a container mutation (one or two objects)
// Thread attach/detach and AllowThreads live with the thread layer (threads/).
#pragma once

#include <concepts>
#include <type_traits>

#include "gilkit_config.hpp"
#include "gil/global_lock.hpp"

namespace gk {

template <class P>
concept LockPolicyType = requires(typename P::Header& h, const typename P::Header& ch, TypeObject* t) {
  { P::init_header(h, t) } noexcept;
  { P::make_immortal(h) } noexcept;
  { P::is_immortal(ch) } noexcept -> std::same_as<bool>;
  { P::incref(h) } noexcept;
  { P::decref(h) } noexcept -> std::same_as<bool>;
  { P::refcount(ch) } noexcept -> std::convertible_to<intptr_t>;
  { P::check_header(ch) } noexcept -> std::same_as<bool>;
  { P::has_gil } -> std::convertible_to<bool>;
};

static_assert(config::lock_is_gil, "only the gil lock policy is built yet (see meson.build)");
using LockPolicy = GilPolicy;
static_assert(LockPolicyType<LockPolicy>);

using ObjectHeader = LockPolicy::Header;
using CriticalSection = LockPolicy::CriticalSection;

}  // namespace gk
