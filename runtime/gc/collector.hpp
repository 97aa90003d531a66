// runtime/gc/collector.hpp — the cyclic garbage collector: finds groups of
// container objects that only reference each other (cycles unreachable from
// outside), runs their __del__ finalisers once (PEP 442) and breaks them.
// Key functions: gc_collect, gc_collect_scheduled; the `gc` module
// (runtime/modules/gc.cpp) is its Python face. Tracking lives in heap.hpp;
// each type's traverse/gc_clear slots in gc/traverse.cpp.
//
// One collection, in four phases (as CPython 3.13t's free-threaded collector):
//
//   1. world stopped (LockPolicy::stop_the_world; under the GIL holding the
//      GIL is enough). Every tracked object is gathered from every list; its
//      gc_refs = refcount - references from other tracked objects (found by
//      traverse). In the no-GIL build the pause has merged every pending
//      biased count, so refcount() is exact. Objects with gc_refs > 0 are
//      referenced from outside (a frame, a C++ local, an untracked object,
//      an immortal one); everything they reach is reachable. The rest is
//      unreachable. The collector takes a strong reference to each
//      unreachable object, marks those with a finaliser as finalised, and
//      puts every list back as it was.
//   2. world running. The finalisers (__del__) run. They run arbitrary Python
//      code that may block, take locks other threads hold, or start threads,
//      so the world must run: a finaliser waiting for a paused thread would
//      never return.
//   3. world stopped again (only if a finaliser ran). A finaliser may have
//      stored a reference to an unreachable object somewhere reachable
//      (resurrection). gc_refs is recomputed over the unreachable set alone
//      (minus the collector's own reference); whatever has an outside
//      reference, and everything it reaches, survives.
//   4. world running. gc_clear on each remaining object breaks the cycles;
//      then the collector drops its references and reference counting frees
//      the objects (their deallocs may run Python code: the world runs).
//
// Objects never collected: immortal ones (their count is huge: always
// "referenced from outside"), and objects whose count is already zero (in
// the no-GIL build, objects a pause's merge brought to zero are freed by
// start_the_world: they count as roots here and are left to it).
//
// Threads detached in a blocking call cannot attach during a pause (the
// requester claims them) and touch no object while detached; the lists are
// only changed by attached threads (allocation and deallocation).
//
// One generation. CPython 3.11 has three; gilkit, like CPython 3.13t, has
// one, and avoids quadratic work on a growing heap the same way: an automatic
// collection needs the count to pass both the threshold (700) and the number
// of objects that survived the last collection (the heap must double: a
// growing heap costs O(n) collection work in total, not O(n^2/700)). gc.collect(generation) accepts
// 0, 1 and 2 and always collects everything.
//
// Count reported (gc.collect()'s value): the number of unreachable objects
// found, like CPython — except that the __dict__ of an unreachable instance
// is not counted: CPython 3.11 keeps instance attributes inline without a
// dict object, so a cycle of two instances is 2 there (docs/differences.md).
#pragma once

#include <cstddef>
#include <cstdint>

namespace gk {

struct ThreadState;
struct Object;

// gc.collect(): a full collection. Returns the number of unreachable objects
// found (0 if a collection is already running on some thread).
size_t gc_collect(ThreadState& ts);
// The eval breaker's kGcScheduled: collect if automatic collection is on.
void gc_collect_scheduled(ThreadState& ts) noexcept;
// At interpreter exit, after __main__ is cleared (CPython collects there too).
void gc_collect_at_exit(ThreadState& ts) noexcept;

// gc.enable()/disable()/isenabled(), set_threshold/get_threshold, get_count.
void gc_set_enabled(bool on) noexcept;
bool gc_is_enabled() noexcept;
void gc_set_threshold(int64_t t0, int64_t t1, int64_t t2) noexcept;
void gc_get_threshold(int64_t out[3]) noexcept;
int64_t gc_get_count() noexcept;
struct GcStats {
  uint64_t collections, collected, uncollectable;
};
GcStats gc_get_stats() noexcept;

// gc.get_objects(): calls f(o, arg) for every tracked object, world stopped
// (f must not run Python code or allocate tracked objects).
void gc_for_each_tracked(ThreadState& ts, void (*f)(Object*, void*), void* arg);

// Invariant checker (see heap.hpp); stops the world itself. Returns false
// and prints the first violation on stderr.
bool gc_check_heap(ThreadState& ts);

// Built-in types' traverse / gc_clear slots and TPFLAG_HAVE_GC
// (gc/traverse.cpp): called by init_types after every setup, before type_ready.
void gc_init_types() noexcept;
// A class (type_new): its instances are tracked; traverse visits the type,
// the __slots__ and __dict__ fields, then the built-in base's references.
void gc_init_heap_type(Object* type) noexcept;

}  // namespace gk
