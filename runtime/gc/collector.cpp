// runtime/gc/collector.cpp — the collection itself (see collector.hpp for the
// phases and why the world restarts around finalisers).
#include "gc/collector.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include "gc/heap.hpp"
#include "gilkit_config.hpp"
#include "objects/abstract.hpp"
#include "objects/exceptions.hpp"
#include "objects/names.hpp"
#include "objects/object.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

// Settings and statistics (interpreter-wide, like CPython's gcstate).
// Atomic, relaxed: any thread reads and writes them.
std::atomic<bool> g_enabled{true};
std::atomic<int64_t> g_threshold[3] = {700, 10, 10};
std::atomic<int64_t> g_long_lived{0};      // objects that survived the last collection
std::atomic<bool> g_collecting{false};     // a collection is running (one at a time)
std::atomic<uint64_t> g_collections{0}, g_collected{0};

void update_trigger() noexcept {
  GcHeap& h = gc_heap();
  int64_t t0 = g_threshold[0].load(std::memory_order_relaxed);
  int64_t t = INT64_MAX;
  if (g_enabled.load(std::memory_order_relaxed) && t0 > 0)
    t = std::max(t0, g_long_lived.load(std::memory_order_relaxed));
  h.trigger_.store(t, std::memory_order_relaxed);
}

inline Object* object_of(GcLink* g) noexcept { return reinterpret_cast<Object*>(g + 1); }

// The object `ref` is one of the gathered objects: its index, else -1.
inline int64_t gathered_index(Object* ref) noexcept {
  if (!object_is_gc(ref)) return -1;
  GcLink* g = gc_link_of(ref);
  uintptr_t w = g->prev_word();
  if (!g->next() || !(w & kGcCollecting)) return -1;
  return static_cast<int64_t>(w >> 2);
}

// Phase 1's state: every tracked object, in list order.
struct Gathered {
  std::vector<Object*> objs;
  std::vector<size_t> list_end;  // objs[list_end[k-1] .. list_end[k]) were on list k
};

// World stopped. Collect every list's objects and number them (prev holds
// index << 2 | kGcCollecting | finalized bit until restore()).
void gather(Gathered& g) {
  GcHeap& h = gc_heap();
  for (GcList& l : h.lists) {
    std::lock_guard<RuntimeMutex> lock(l.mutex);
    for (GcLink* n = l.head.next(); n != &l.head; n = n->next()) g.objs.push_back(object_of(n));
    g.list_end.push_back(g.objs.size());
  }
  for (size_t i = 0; i < g.objs.size(); ++i) {
    GcLink* n = gc_link_of(g.objs[i]);
    n->set_prev_word((uintptr_t(i) << 2) | kGcCollecting | (n->prev_word() & kGcFinalized));
  }
}

// World stopped. Put every list's prev links back (next links were never changed).
void restore(Gathered& g) noexcept {
  GcHeap& h = gc_heap();
  size_t i = 0;
  for (size_t k = 0; k < GcHeap::kLists; ++k) {
    GcList& l = h.lists[k];
    std::lock_guard<RuntimeMutex> lock(l.mutex);
    GcLink* prev = &l.head;
    for (; i < g.list_end[k]; ++i) {
      GcLink* n = gc_link_of(g.objs[i]);
      n->set_prev_word(reinterpret_cast<uintptr_t>(prev) | (n->prev_word() & kGcFinalized));
      prev = n;
    }
    l.head.set_prev_word(reinterpret_cast<uintptr_t>(prev));
  }
}

struct RefsCtx {
  std::vector<int64_t>* refs;
};
void visit_subtract(Object* ref, void* arg) {
  int64_t i = gathered_index(ref);
  if (i >= 0) --(*static_cast<RefsCtx*>(arg)->refs)[i];
}

struct MarkCtx {
  std::vector<uint8_t>* reachable;
  std::vector<size_t>* stack;
};
void visit_mark(Object* ref, void* arg) {
  int64_t i = gathered_index(ref);
  if (i < 0) return;
  auto* c = static_cast<MarkCtx*>(arg);
  if (!(*c->reachable)[i]) {
    (*c->reachable)[i] = 1;
    c->stack->push_back(size_t(i));
  }
}

inline void traverse(Object* o, VisitFn visit, void* arg) {
  if (TraverseFn t = type_of(o)->traverse) t(o, visit, arg);
}

// Phase 1 after gather: the indices of the unreachable objects.
std::vector<size_t> find_unreachable(Gathered& g) {
  const size_t n = g.objs.size();
  std::vector<int64_t> refs(n);
  for (size_t i = 0; i < n; ++i) {
    intptr_t rc = refcount(g.objs[i]);
    // Immortal (huge) or dying (zero: freed by someone else): never collected.
    refs[i] = (rc <= 0 || is_immortal(g.objs[i])) ? INT64_MAX / 2 : rc;
  }
  RefsCtx rctx{&refs};
  for (size_t i = 0; i < n; ++i) traverse(g.objs[i], visit_subtract, &rctx);
  std::vector<uint8_t> reachable(n, 0);
  std::vector<size_t> stack;
  for (size_t i = 0; i < n; ++i) {
    if (refs[i] > 0) {
      reachable[i] = 1;
      stack.push_back(i);
    }
  }
  MarkCtx mctx{&reachable, &stack};
  while (!stack.empty()) {
    size_t i = stack.back();
    stack.pop_back();
    traverse(g.objs[i], visit_mark, &mctx);
  }
  std::vector<size_t> out;
  for (size_t i = 0; i < n; ++i)
    if (!reachable[i]) out.push_back(i);
  return out;
}

bool has_finalizer(Object* o) noexcept { return (type_of(o)->flags & TPFLAG_HAS_FINALIZER) != 0; }

// The __dict__ of an unreachable instance is not counted (collector.hpp).
size_t hidden_instance_dicts(Gathered& g, const std::vector<size_t>& unreachable, const std::vector<uint8_t>& in_u) {
  size_t hidden = 0;
  for (size_t i : unreachable) {
    Object* o = g.objs[i];
    if (!(type_of(o)->flags & TPFLAG_HEAPTYPE) || is_type(o)) continue;
    Object** slot = instance_dict_slot(o);
    if (!slot || !*slot) continue;
    int64_t j = gathered_index(*slot);
    if (j >= 0 && in_u[j] && type_of(*slot) == &Dict_type) ++hidden;
  }
  return hidden;
}

void run_finalizer(ThreadState& ts, Object* o) noexcept {
  Object* saved_exc = ts.exc_info;
  if (saved_exc) incref(saved_exc);
  if (Object* del = type_lookup(type_of(o), names::__del__)) {
    Ref<Object> keep = newref(del);
    try {
      if (Ref<Object> m = lookup_special(ts, o, names::__del__)) call0(ts, m);
    } catch (PyError& e) {
      Ref<Object> exc = e.take();
      print_unraisable(ts, exc, del);
    } catch (...) {
    }
  }
  Object* cur = ts.exc_info;
  ts.exc_info = saved_exc;
  xdecref(cur);
}

// Phase 3 (world stopped): drop from `u` the objects a finaliser resurrected
// (and what they reach); returns them, still holding the collector's reference.
std::vector<Object*> split_resurrected(std::vector<Object*>& u) {
  std::unordered_map<Object*, size_t> index;
  index.reserve(u.size());
  for (size_t i = 0; i < u.size(); ++i) index.emplace(u[i], i);
  struct Ctx {
    std::unordered_map<Object*, size_t>* index;
    std::vector<int64_t> refs;
    std::vector<uint8_t> live;
    std::vector<size_t> stack;
  } c{&index, std::vector<int64_t>(u.size()), std::vector<uint8_t>(u.size(), 0), {}};
  for (size_t i = 0; i < u.size(); ++i) c.refs[i] = refcount(u[i]) - 1;  // minus the collector's
  auto sub = [](Object* ref, void* arg) {
    auto* c = static_cast<Ctx*>(arg);
    auto it = c->index->find(ref);
    if (it != c->index->end()) --c->refs[it->second];
  };
  for (Object* o : u) traverse(o, sub, &c);
  for (size_t i = 0; i < u.size(); ++i)
    if (c.refs[i] > 0) {
      c.live[i] = 1;
      c.stack.push_back(i);
    }
  auto mark = [](Object* ref, void* arg) {
    auto* c = static_cast<Ctx*>(arg);
    auto it = c->index->find(ref);
    if (it != c->index->end() && !c->live[it->second]) {
      c->live[it->second] = 1;
      c->stack.push_back(it->second);
    }
  };
  while (!c.stack.empty()) {
    size_t i = c.stack.back();
    c.stack.pop_back();
    traverse(u[i], mark, &c);
  }
  std::vector<Object*> keep, resurrected;
  for (size_t i = 0; i < u.size(); ++i) (c.live[i] ? resurrected : keep).push_back(u[i]);
  u.swap(keep);
  return resurrected;
}

void check_or_die(ThreadState& ts) {
  if constexpr (config::checks >= 2) {
    if (!gc_check_heap(ts)) std::abort();
  }
}

// The heap invariants (heap.hpp), world stopped.
bool check_lists() noexcept {
  GcHeap& h = gc_heap();
  for (GcList& l : h.lists) {
    std::lock_guard<RuntimeMutex> lock(l.mutex);
    if (l.head.flags()) {
      std::fprintf(stderr, "gc: list %u: flag bits on the sentinel\n", unsigned(l.id));
      return false;
    }
    for (GcLink* n = l.head.next();; n = n->next()) {
      if (!n || !n->next() || n->next()->prev() != n) {
        std::fprintf(stderr, "gc: list %u: broken links at %p\n", unsigned(l.id), static_cast<void*>(n));
        return false;
      }
      if (n == &l.head) break;
      Object* o = object_of(n);
      if (!object_is_gc(o) || !type_of(o)->traverse) {
        std::fprintf(stderr, "gc: list %u: object %p of type %s is not a GC object\n", unsigned(l.id),
                     static_cast<void*>(o), type_of(o)->name);
        return false;
      }
      if (n->flags() & kGcCollecting) {
        std::fprintf(stderr, "gc: list %u: collecting bit left on %p\n", unsigned(l.id), static_cast<void*>(o));
        return false;
      }
      if (LockPolicy::gc_list(o->ob) != (GcHeap::kLists == 1 ? 0 : l.id)) {
        std::fprintf(stderr, "gc: object %p is on list %u but its header says %u\n", static_cast<void*>(o),
                     unsigned(l.id), unsigned(LockPolicy::gc_list(o->ob)));
        return false;
      }
      // (A count of zero: a pause's merge just brought it there; start_the_world frees it.)
      if (refcount(o) != 0 && !LockPolicy::check_header(o->ob)) {
        std::fprintf(stderr, "gc: object %p on list %u has a bad header\n", static_cast<void*>(o), unsigned(l.id));
        return false;
      }
    }
  }
  return true;
}

}  // namespace

size_t gc_collect(ThreadState& ts) {
  if (g_collecting.exchange(true, std::memory_order_acquire)) return 0;  // one at a time
  struct Done {
    ~Done() {
      GcHeap& h = gc_heap();
      h.count_.store(0, std::memory_order_relaxed);
      h.scheduled_.store(false, std::memory_order_relaxed);
      update_trigger();
      g_collecting.store(false, std::memory_order_release);
    }
  } done;
  Interpreter& interp = *ts.interp;
  std::vector<Object*> unreachable;
  std::vector<Object*> to_finalize;
  size_t reported = 0;

  // Phase 1: world stopped.
  LockPolicy::stop_the_world(interp.threads, ts);
  try {
    gc_flush_counts();
    Gathered g;
    gather(g);
    std::vector<size_t> u = find_unreachable(g);
    std::vector<uint8_t> in_u(g.objs.size(), 0);
    for (size_t i : u) in_u[i] = 1;
    reported = u.size() - hidden_instance_dicts(g, u, in_u);
    unreachable.reserve(u.size());
    for (size_t i : u) {
      Object* o = g.objs[i];
      incref(o);  // the collector's reference: nothing is freed before phase 4
      unreachable.push_back(o);
      if (has_finalizer(o) && !(gc_link_of(o)->flags() & kGcFinalized)) {
        gc_link_of(o)->set_prev_word(gc_link_of(o)->prev_word() | kGcFinalized);
        to_finalize.push_back(o);
      }
    }
    restore(g);
    g_long_lived.store(int64_t(g.objs.size() - u.size()), std::memory_order_relaxed);
  } catch (...) {
    LockPolicy::start_the_world(interp.threads);
    throw;
  }
  if constexpr (config::checks >= 2) {
    if (!check_lists()) std::abort();
  }
  LockPolicy::start_the_world(interp.threads);

  // Phase 2: finalisers, world running.
  for (Object* o : to_finalize) run_finalizer(ts, o);

  // Phase 3: resurrected objects survive.
  std::vector<Object*> resurrected;
  if (!to_finalize.empty()) {
    LockPolicy::stop_the_world(interp.threads, ts);
    try {
      resurrected = split_resurrected(unreachable);
    } catch (...) {
      LockPolicy::start_the_world(interp.threads);
      throw;
    }
    LockPolicy::start_the_world(interp.threads);
  }

  // Phase 4: break the cycles, then let reference counting free them.
  for (Object* o : unreachable) {
    if (GcClearFn c = type_of(o)->gc_clear) {
      try {
        c(ts, o);
      } catch (PyError& e) {
        Ref<Object> exc = e.take();
        print_unraisable(ts, exc, o);
      }
    }
  }
  for (Object* o : unreachable) decref(o);
  for (Object* o : resurrected) decref(o);
  g_collections.fetch_add(1, std::memory_order_relaxed);
  g_collected.fetch_add(reported, std::memory_order_relaxed);
  check_or_die(ts);
  return reported;
}

void gc_collect_scheduled(ThreadState& ts) noexcept {
  ts.eval_breaker.fetch_and(~kGcScheduled, std::memory_order_relaxed);
  GcHeap& h = gc_heap();
  if (!g_enabled.load(std::memory_order_relaxed) || g_collecting.load(std::memory_order_relaxed)) {
    h.scheduled_.store(false, std::memory_order_relaxed);
    return;
  }
  try {
    gc_collect(ts);
  } catch (...) {
    // Out of memory for the collector's own vectors: try again later.
    h.scheduled_.store(false, std::memory_order_relaxed);
  }
}

void gc_collect_at_exit(ThreadState& ts) noexcept {
  if (!g_enabled.load(std::memory_order_relaxed)) return;
  try {
    gc_collect(ts);
  } catch (...) {
  }
}

void gc_set_enabled(bool on) noexcept {
  g_enabled.store(on, std::memory_order_relaxed);
  update_trigger();
}
bool gc_is_enabled() noexcept { return g_enabled.load(std::memory_order_relaxed); }
void gc_set_threshold(int64_t t0, int64_t t1, int64_t t2) noexcept {
  g_threshold[0].store(t0, std::memory_order_relaxed);
  g_threshold[1].store(t1, std::memory_order_relaxed);
  g_threshold[2].store(t2, std::memory_order_relaxed);
  update_trigger();
}
void gc_get_threshold(int64_t out[3]) noexcept {
  for (int i = 0; i < 3; ++i) out[i] = g_threshold[i].load(std::memory_order_relaxed);
}
int64_t gc_get_count() noexcept {
  GcHeap& h = gc_heap();
  int64_t c = h.count_.load(std::memory_order_relaxed);
  return c < 0 ? 0 : c;
}
GcStats gc_get_stats() noexcept {
  return GcStats{g_collections.load(std::memory_order_relaxed), g_collected.load(std::memory_order_relaxed), 0};
}

void gc_for_each_tracked(ThreadState& ts, void (*f)(Object*, void*), void* arg) {
  Interpreter& interp = *ts.interp;
  std::vector<Object*> objs;
  LockPolicy::stop_the_world(interp.threads, ts);
  {
    GcHeap& h = gc_heap();
    for (GcList& l : h.lists) {
      std::lock_guard<RuntimeMutex> lock(l.mutex);
      for (GcLink* n = l.head.next(); n != &l.head; n = n->next())
        if (refcount(object_of(n)) > 0) objs.push_back(object_of(n));
    }
    for (Object* o : objs) f(o, arg);
  }
  LockPolicy::start_the_world(interp.threads);
}

bool gc_check_heap(ThreadState& ts) {
  Interpreter& interp = *ts.interp;
  LockPolicy::stop_the_world(interp.threads, ts);
  bool ok = check_lists();
  LockPolicy::start_the_world(interp.threads);
  return ok;
}

}  // namespace gk
