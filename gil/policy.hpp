// gil/policy.hpp — picks the lock policy for this build. This header and
// alloc/policy.hpp are the only places that branch on the build configuration.
//
// A lock policy provides (checked by the LockPolicyType concept below):
//   Header                       the refcount fields at the start of every object
//   init_header / make_immortal / is_immortal / refcount / check_header
//   is_unique(h)                 the caller's reference is the only one: reuse in place
//   owned_by_caller(h)           the calling thread owns the object (no-GIL: its biased owner)
//   incref(Header&), decref(Header&) -> bool "reached zero"
//   CriticalSection              RAII guard for a container mutation (one or two objects)
//   attach(ts) / detach(ts)      take / give up the right to run bytecode
//   on_eval_breaker(ts, bits)    the eval loop's breaker check lands here
//   holder_check(ts)             invariant checker: ts may run bytecode now
//   thread_begin(ts) / thread_end(ts)  a thread's first / last moment as a VM thread
//   thread_spawning(parent) / thread_spawn_failed()  count a VM thread before its OS thread exists
//   others_may_run()             whether another VM thread may run concurrently with the caller
//   set_dealloc(fn)              how a count that reaches zero outside decref() frees
//   stop_the_world(reg, ts) / start_the_world(reg)  pause every other thread
//   defer_free(ts, p, fn)        free memory a lock-free reader may still hold
//   lock_free_readers()          whether containers are read without their mutex
//   readers_may_race()           whether another thread may be reading lock-free right now
//   current_thread()             the calling VM thread, for code handed no ThreadState
//   kImmortalizeShared           immortalise shared objects at thread start (runtime/gc/share.hpp)
//   set_switch_interval_us / switch_interval_us   sys.setswitchinterval
//   kGcPerThreadLists, gc_list / set_gc_list   which cyclic-GC tracking list holds an object
// AllowThreads (below) is the RAII guard every blocking call uses.
#pragma once

#include <concepts>
#include <type_traits>

#include "gilkit_config.hpp"
#include "gil/biased_lock.hpp"
#include "gil/global_lock.hpp"

namespace gk {

template <class P>
concept LockPolicyType = requires(typename P::Header& h, const typename P::Header& ch, TypeObject* t,
                                  ThreadState& ts, ThreadRegistry& reg, void* p) {
  { P::init_header(h, t) } noexcept;
  { P::make_immortal(h) } noexcept;
  { P::is_immortal(ch) } noexcept -> std::same_as<bool>;
  { P::incref(h) } noexcept;
  { P::decref(h) } noexcept -> std::same_as<bool>;
  { P::refcount(ch) } noexcept -> std::convertible_to<intptr_t>;
  { P::is_unique(ch) } noexcept -> std::same_as<bool>;
  { P::owned_by_caller(ch) } noexcept -> std::same_as<bool>;
  { P::check_header(ch) } noexcept -> std::same_as<bool>;
  { P::has_gil } -> std::convertible_to<bool>;
  { P::attach(ts) };
  { P::detach(ts) };
  { P::on_eval_breaker(ts, 0u) };
  { P::holder_check(ts) } noexcept -> std::same_as<bool>;
  { P::thread_begin(ts) };
  { P::thread_end(ts) };
  { P::thread_spawning(&ts) };
  { P::thread_spawn_failed() } noexcept;
  { P::others_may_run() } noexcept -> std::same_as<bool>;
  { P::set_dealloc(static_cast<void (*)(typename P::Header*)>(nullptr)) } noexcept;
  { P::stop_the_world(reg, ts) };
  { P::start_the_world(reg) };
  { P::defer_free(ts, p, static_cast<void (*)(void*)>(nullptr)) };
  { P::lock_free_readers() } noexcept -> std::same_as<bool>;
  { P::readers_may_race() } noexcept -> std::same_as<bool>;
  { P::current_thread() } noexcept -> std::same_as<ThreadState*>;
  { P::kImmortalizeShared } -> std::convertible_to<bool>;
  { P::set_switch_interval_us(int64_t{}) } noexcept;
  { P::switch_interval_us() } noexcept -> std::same_as<int64_t>;
  { P::kGcPerThreadLists } -> std::convertible_to<bool>;
  { P::gc_list(ch) } noexcept -> std::same_as<uint16_t>;
  { P::set_gc_list(h, uint16_t{}) } noexcept;
};

using LockPolicy = std::conditional_t<config::lock_is_gil, GilPolicy, BiasedPolicy>;
static_assert(LockPolicyType<LockPolicy>);

using ObjectHeader = LockPolicy::Header;
using CriticalSection = LockPolicy::CriticalSection;
using RuntimeMutex = LockPolicy::RuntimeMutex;

// Releases the right to run bytecode around a blocking call (sleep, join,
// lock acquire, I/O) and takes it back afterwards. Code inside the guard must
// not touch Python objects.
class AllowThreads {
 public:
  explicit AllowThreads(ThreadState& ts) : ts_(ts) { LockPolicy::detach(ts_); }
  ~AllowThreads() { LockPolicy::attach(ts_); }
  AllowThreads(const AllowThreads&) = delete;
  AllowThreads& operator=(const AllowThreads&) = delete;

 private:
  ThreadState& ts_;
};

}  // namespace gk
