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
// starts; gilkit does the same walk at every thread start, so objects defined
// between thread starts are covered too). With every other thread paused
// (LockPolicy::stop_the_world, which also merges every pending biased count),
// share_objects_for_threads walks from sys.modules:
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
//   list, dict, set bound to a module global -> immortal (the container, not
//                            its items: reading a shared container must not
//                            contend on its count; its items stay counted)
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
// Invariant (checker: check_shared_immortal): after the walk, every module in
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
