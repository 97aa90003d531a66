// runtime/gc/share.hpp — making the objects that every thread shares immortal
// when a thread starts (no-GIL build; LockPolicy::kImmortalizeShared).
//
// Why. Under biased reference counting an object's count is cheap only for
// the thread that created it; every other thread updates the shared count
// with an atomic read-modify-write. Functions, code objects, classes,
// modules, module dicts and the constants in code are touched by every
// thread on every call or global lookup, so their counts would become one
// contended cache line per object, and threads would not scale.
//
// Scheme (CPython 3.13t immortalises "deferred" objects when the first thread
// starts): gilkit walks whenever a thread is started while the starting
// thread is the only VM thread — the first start, and any start after every
// other thread has ended, so objects defined between such phases are covered
// too. A start while other threads run does not walk: pausing them would
// wait until each reaches its eval breaker, and a thread in a long built-in
// call reaches none (measured: the second of two sum(range()) workers
// started only after the first finished). share_objects_for_threads walks,
// after LockPolicy::stop_the_world (immediate here; it merges every pending
// biased count), from sys.modules:
//
//   module                -> immortal; its dict and the dict's values
//   module dict           -> immortal; its values are walked
//   function              -> immortal; its code, globals, builtins, defaults,
//                            kwdefaults, closure tuple and cells (not the
//                            cells' contents), name strings
//   code                  -> immortal; consts (recursively), names tuples
//   class (heap type)     -> immortal; its dict (values walked), mro, bases
//   staticmethod / classmethod / property -> immortal; the wrapped functions
//   str, int, float, bytes, tuple of such, range, builtin function
//                         -> immortal (module-level constants)
//   list, dict, set bound to a module global -> immortal, with the items that
//                            are strings, numbers or tuples (every reader
//                            increfs them: SHARED_DICT[key] with str keys);
//                            other items (instances, nested containers) stay
//                            counted
//   anything else (instances of user classes, ...) -> left counted: their
//                            finalisers must still run.
//
// Trade-off (written up in docs/threads-and-gil.md): an object immortalised
// this way is never freed, even if the program later rebinds the global.
// Programs that start threads keep their module-level definitions for the
// life of the process, which is what they do in practice; memory grows only
// if a program creates unbounded numbers of module-level objects between
// thread starts. Single-threaded programs never immortalise anything.
//
// Invariant (checker: check_shared_immortal): after a walk, every module in
// sys.modules, its dict, and every function / class / code object bound in a
// module dict is immortal.
#pragma once

#include <cstddef>

namespace gk {

struct ThreadState;

// With the GIL build's policy this does nothing. Otherwise pauses the other
// threads, walks and immortalises (see above), and restarts them. Returns the
// number of objects made immortal by this call.
size_t share_objects_for_threads(ThreadState& ts);

// The invariant above (any build; trivially true under the GIL policy).
bool check_shared_immortal(ThreadState& ts);

}  // namespace gk
