// runtime/objects/shared_access.hpp — how the containers (list, dict, set)
// touch fields that lock-free readers share with writers, and how writers
// retire memory and references such readers may still hold.
//
// Key functions: sa::load_* / sa::store_* (std::atomic_ref on plain fields, so
// the structs stay plain aggregates), sa::move_ptrs (memmove of an item array
// that readers may be scanning), sa::retire (free memory after a QSBR grace
// period), sa::drop (decref_shared for code that has no ThreadState at hand)
// and sa::hand_out (give a caller the reference a container drops).
//
// Rules (the design essays are at the top of list.cpp and dict.cpp):
//   - every store to a reader-visible field is atomic (relaxed, release, or
//     seq_cst for unpublishing an array/table, see threads/qsbr.hpp
//     "Ordering"); loads under the container's critical section may be plain
//     or atomic, lock-free loads are atomic (acquire for pointers to
//     objects/arrays, seq_cst for the array/table pointer itself).
//   - In the GIL build they are plain accesses (no reader races a writer
//     there), so it pays nothing; without the GIL, on x86 every one of them
//     except a seq_cst store is a plain mov, and the seq_cst stores happen
//     only when an array or table is replaced.
#pragma once

#include <atomic>
#include <cstring>

#include "gil/policy.hpp"
#include "objects/object.hpp"

namespace gk::sa {

template <class T>
inline std::atomic_ref<T> ref(const T& f) noexcept {
  return std::atomic_ref<T>(const_cast<T&>(f));
}
// Under the GIL no reader runs beside a writer, so these are plain accesses
// there: measured, std::atomic_ref loads cost the GIL build ~2 instructions on
// the hinted attribute lookup (the compiler stops folding a load into a cmp).
// Without the GIL they are atomic.
inline constexpr bool kAtomic = LockPolicy::lock_free_readers();

template <class T>
inline T load_relaxed(const T& f) noexcept {
  if constexpr (kAtomic) return ref(f).load(std::memory_order_relaxed);
  else return f;
}
template <class T>
inline T load_acquire(const T& f) noexcept {
  if constexpr (kAtomic) return ref(f).load(std::memory_order_acquire);
  else return f;
}
template <class T>
inline T load_seq_cst(const T& f) noexcept {
  if constexpr (kAtomic) return ref(f).load(std::memory_order_seq_cst);
  else return f;
}
template <class T, class V>
inline void store_relaxed(T& f, V v) noexcept {
  if constexpr (kAtomic) ref(f).store(static_cast<T>(v), std::memory_order_relaxed);
  else f = static_cast<T>(v);
}
template <class T, class V>
inline void store_release(T& f, V v) noexcept {
  if constexpr (kAtomic) ref(f).store(static_cast<T>(v), std::memory_order_release);
  else f = static_cast<T>(v);
}
// Publishing or unpublishing an array/table pointer (pairs with QSBR's seq_cst
// online store; threads/qsbr.hpp "Ordering").
template <class T, class V>
inline void store_seq_cst(T& f, V v) noexcept {
  if constexpr (kAtomic) ref(f).store(static_cast<T>(v), std::memory_order_seq_cst);
  else f = static_cast<T>(v);
}

// memmove of n object pointers inside an array lock-free readers may scan:
// pointer by pointer with atomic stores in the no-GIL build (a reader sees
// every slot hold some pointer the array held during the move, never a torn
// one); a plain memmove otherwise.
inline void move_ptrs(Object** dst, Object** src, size_t n) noexcept {
  if constexpr (LockPolicy::lock_free_readers()) {
    if (dst < src) {
      for (size_t i = 0; i < n; ++i) store_release(dst[i], load_relaxed(src[i]));
    } else if (dst > src) {
      for (size_t i = n; i > 0; --i) store_release(dst[i - 1], load_relaxed(src[i - 1]));
    }
  } else {
    std::memmove(dst, src, n * sizeof(Object*));
  }
}

// The calling thread's state for QSBR deferrals, or null when it has none
// (a thread never started as a VM thread: its deferrals run at once, as
// BiasedPolicy::defer_free does). Only the no-GIL build needs it.
inline ThreadState* current_thread() noexcept { return LockPolicy::current_thread(); }

// Free p with fn once no lock-free reader can hold it (at once when no
// reader may race: the GIL build, or a single VM thread).
inline void retire(ThreadState* ts, void* p, void (*fn)(void*)) {
  if (ts && LockPolicy::readers_may_race())
    LockPolicy::defer_free(*ts, p, fn);
  else
    fn(p);
}
inline void retire(void* p, void (*fn)(void*)) {
  if (LockPolicy::readers_may_race())
    retire(current_thread(), p, fn);
  else
    fn(p);
}

// Drop a reference a container held and has unpublished (decref_shared
// without a ThreadState at hand). A plain decref when no reader may race, so
// single-threaded __del__ timing is CPython's.
inline void drop(Object* o) {
  if (LockPolicy::readers_may_race()) {
    if (ThreadState* ts = current_thread()) return decref_shared(*ts, o);
  }
  decref(o);
}
inline void xdrop(Object* o) {
  if (o) drop(o);
}

// A reference the container held and has unpublished, handed to the caller
// (list.pop, dict.pop): the caller gets a new reference and the container's
// is dropped after the grace period, so a reader that loaded the pointer may
// still incref it. Just the container's reference when no reader may race.
inline Ref<Object> hand_out(Object* o) {
  if (LockPolicy::readers_may_race()) {
    Ref<Object> r = newref(o);
    drop(o);
    return r;
  }
  return steal(o);
}

}  // namespace gk::sa
