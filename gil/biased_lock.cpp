// gil/biased_lock.cpp — the no-GIL policy's out-of-line paths: the owner
// table and merge queues, the refcount slow paths (give-up, queueing,
// merging), thread start/exit, attach/detach, the eval-breaker hook, the
// stop-the-world wrapper, and critical sections. The design and the state
// machine are at the top of biased_lock.hpp.
#include "gil/biased_lock.hpp"

#include <boost/lockfree/queue.hpp>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <shared_mutex>

#include "gil/policy.hpp"

namespace gk {

static_assert(LockPolicyType<BiasedPolicy>, "BiasedPolicy provides the whole lock-policy interface");

// The owner's merge queue. The owner drains it without a lock and is never
// blocked by producers. Producers take `push_mutex` one at a time: Boost's
// queue keeps its nodes on a free list (steady-state pushes do not allocate)
// whose pop reads a node's link non-atomically while a concurrent pop may be
// reusing that node — harmless by design (a tag detects it) but a data race
// to ThreadSanitizer. With one producer at a time only the consumer's frees
// run concurrently with a push, and those are ordered by the list's atomics.
// Producers are rare (one per object ever queued), so the lock costs little.
struct MergeQueue {
  std::mutex push_mutex;                       // held by a producer around push()
  boost::lockfree::queue<BiasedHeader*> q{64};  // pushed under push_mutex; popped by the owner (or a proxy)
};

namespace {

// The owner table: started threads by id, striped. A producer looks its
// owner up under the bucket's shared lock and pushes before releasing it; a
// thread leaves under the exclusive lock (then drains), so no push is lost.
constexpr size_t kOwnerBuckets = 64;
struct alignas(64) OwnerBucket {
  std::shared_mutex mutex;
  BiasedThread* head = nullptr;  // guarded by mutex
};
OwnerBucket g_owners[kOwnerBuckets];
OwnerBucket& owner_bucket(uint64_t id) noexcept { return g_owners[id % kOwnerBuckets]; }

std::atomic<uint64_t> g_next_id{1};                          // ids handed out so far; never reused
std::atomic<BiasedPolicy::DeallocFn> g_dealloc{nullptr};     // set once at start-up (acquire/release)
// Statistics (atomic, relaxed).
std::atomic<uint64_t> g_started{0}, g_queued{0}, g_merged_by_owner{0}, g_merged_at_once{0}, g_merged_in_pause{0},
    g_gave_up{0};
// Objects whose merge during a pause reached zero. Touched only by the pause
// requester, between stop_the_world and start_the_world (one pause at a time).
std::vector<BiasedHeader*> g_pause_dead;

void bump(std::atomic<uint64_t>& c, uint64_t by = 1) noexcept { c.fetch_add(by, std::memory_order_relaxed); }

void dealloc(BiasedHeader* h) noexcept {
  BiasedPolicy::DeallocFn fn = g_dealloc.load(std::memory_order_acquire);
  if (fn == nullptr) {
    std::fputs("gilkit: BiasedPolicy::set_dealloc was never called\n", stderr);
    std::abort();
  }
  fn(h);
}

// Take m, waiting detached if it is contended, so that a stop-the-world
// pause never waits for a thread that waits for a mutex.
void lock_waiting(BiasedThread* t, PyMutex* m) noexcept {
  if (m->try_lock()) return;
  ThreadState* ts = t ? t->ts : nullptr;
  if (ts && ts->attach_state.load(std::memory_order_relaxed) == kAttached) {
    BiasedPolicy::world().detach(*ts);
    m->lock();
    BiasedPolicy::world().attach(*ts);
  } else {
    m->lock();
  }
}

}  // namespace

// --- refcount slow paths ----------------------------------------------------------

bool BiasedPolicy::decref_local_zero(Header& h) noexcept {
  // The owner dropped its last local reference.
  local_ref(h).store(0, std::memory_order_relaxed);
  intptr_t s = shared_ref(h).load(std::memory_order_acquire);
  if (s == make_shared(0, kDefault)) return true;  // no one else holds it: dead
  // Others hold references (DEFAULT, shared > 0) or the queue holds its pin
  // (QUEUED): give the object up. Clear `owner` before MERGED is published —
  // from then on another thread may free the object.
  owner_ref(h).store(0, std::memory_order_relaxed);
  for (;;) {
    if (s == make_shared(0, kDefault)) return true;  // the others let go meanwhile
    if (shared_ref(h).compare_exchange_weak(s, make_shared(shared_count(s), kMerged), std::memory_order_acq_rel,
                                            std::memory_order_acquire)) {
      bump(g_gave_up);
      return false;  // shared_count(s) >= 1: someone (perhaps the queue) still holds it
    }
  }
}

bool BiasedPolicy::decref_queue(Header& h) noexcept {
  // Read the owner before queueing. While shared is 0 in DEFAULT the owner
  // cannot be giving the object up (that needs local == 0, and then the
  // reference we hold would be counted in shared), so this is its real owner.
  uint64_t owner = owner_ref(h).load(std::memory_order_relaxed);
  intptr_t s = make_shared(0, kDefault);
  for (;;) {
    if (s == make_shared(0, kDefault)) {
      if (shared_ref(h).compare_exchange_weak(s, make_shared(0, kQueued), std::memory_order_acq_rel,
                                              std::memory_order_relaxed))
        return push_to_owner(h, owner);  // our reference is now the queue's pin
      continue;
    }
    // Someone else moved shared away from 0: an ordinary decrement after all.
    if (shared_ref(h).compare_exchange_weak(s, s - kShareUnit, std::memory_order_acq_rel,
                                            std::memory_order_relaxed))
      return s - kShareUnit == make_shared(0, kMerged);
  }
}

bool BiasedPolicy::push_to_owner(Header& h, uint64_t owner) noexcept {
  OwnerBucket& b = owner_bucket(owner);
  {
    std::shared_lock<std::shared_mutex> lock(b.mutex);
    for (BiasedThread* t = b.head; t != nullptr; t = t->bucket_next) {
      if (t->id != owner) continue;
      {
        std::lock_guard<std::mutex> push(t->queue->push_mutex);
        t->queue->q.push(&h);
      }
      t->ts->eval_breaker.fetch_or(kPendingMerges, std::memory_order_release);
      bump(g_queued);
      return false;
    }
  }
  // The owner has exited: nobody can write `local` any more (its exit
  // released the bucket lock we just took), so merge now, as it would have.
  bump(g_merged_at_once);
  return merge_entry(h, owner);
}

bool BiasedPolicy::merge_entry(Header& h, uint64_t queue_owner) noexcept {
  if (is_immortal(h)) return false;  // made immortal while queued: never freed
  if (owner_ref(h).load(std::memory_order_relaxed) != queue_owner) {
    // The owner gave the object up while it was queued (its local count hit
    // 0); the pin was kept in shared: drop it like any reference.
    intptr_t old = shared_ref(h).fetch_sub(kShareUnit, std::memory_order_acq_rel);
    return old == make_shared(1, kMerged);
  }
  // QUEUED -> MERGED: fold the local count in and drop the pin.
  uint32_t l = local_ref(h).load(std::memory_order_relaxed);
  local_ref(h).store(0, std::memory_order_relaxed);
  owner_ref(h).store(0, std::memory_order_relaxed);  // before MERGED is visible
  intptr_t s = shared_ref(h).load(std::memory_order_relaxed);
  intptr_t merged;
  do {
    merged = make_shared(shared_count(s) + intptr_t(l) - 1, kMerged);
  } while (!shared_ref(h).compare_exchange_weak(s, merged, std::memory_order_acq_rel, std::memory_order_relaxed));
  return merged == make_shared(0, kMerged);
}

size_t BiasedPolicy::drain(BiasedThread& t, std::vector<Header*>* dead) {
  size_t n = 0;
  BiasedHeader* h = nullptr;
  while (t.queue->q.pop(h)) {
    ++n;
    if (!merge_entry(*h, t.id)) continue;
    if (dead) dead->push_back(h);
    else dealloc(h);  // may run code that queues more objects (to other owners)
  }
  return n;
}

size_t BiasedPolicy::merge_pending(ThreadState& ts) {
  // Clear first: an entry pushed after the drain sets the bit again.
  ts.eval_breaker.fetch_and(~kPendingMerges, std::memory_order_acquire);
  if (ts.biased == nullptr) return 0;
  size_t n = drain(*ts.biased, nullptr);
  bump(g_merged_by_owner, n);
  return n;
}

// --- header checkers ------------------------------------------------------------------

bool BiasedPolicy::check_header(const Header& h) noexcept {
  if (h.type == nullptr || !h.mutex.check()) return false;
  uint32_t l = local_ref(h).load(std::memory_order_relaxed);
  if (l == kImmortalLocal) return true;
  intptr_t s = shared_ref(h).load(std::memory_order_acquire);
  intptr_t state = shared_state(s), count = shared_count(s);
  if (state == kStateMask) return false;
  if (state == kDefault && count < 0) return false;
  if (state == kMerged && count < 1) return false;
  uint64_t o = owner_ref(h).load(std::memory_order_relaxed);
  if (o == biased_detail::t_id) {
    // The owner's own view is exact: it makes every transition of its fields.
    if (state == kMerged || l == 0) return false;
  }
  return true;
}

bool BiasedPolicy::check_header_settled(const Header& h) noexcept {
  if (!check_header(h)) return false;
  if (is_immortal(h)) return owner_of(h) == 0;
  bool merged = state_of(h) == kMerged;
  return merged == (owner_of(h) == 0);
}

void BiasedPolicy::set_dealloc(DeallocFn fn) noexcept { g_dealloc.store(fn, std::memory_order_release); }

BiasedStats BiasedPolicy::stats() noexcept {
  return {g_started.load(std::memory_order_relaxed),      g_queued.load(std::memory_order_relaxed),
          g_merged_by_owner.load(std::memory_order_relaxed), g_merged_at_once.load(std::memory_order_relaxed),
          g_merged_in_pause.load(std::memory_order_relaxed), g_gave_up.load(std::memory_order_relaxed)};
}

// --- threads --------------------------------------------------------------------------

BiasedThread* BiasedPolicy::thread_start(ThreadState& ts) {
  auto* t = new BiasedThread;
  t->id = g_next_id.fetch_add(1, std::memory_order_relaxed);
  t->ts = &ts;
  t->queue = new MergeQueue;
  OwnerBucket& b = owner_bucket(t->id);
  {
    std::unique_lock<std::shared_mutex> lock(b.mutex);
    t->bucket_next = b.head;
    b.head = t;
  }
  ts.biased = t;
  biased_detail::t_id = t->id;
  biased_detail::t_thread = t;
  bump(g_started);
  return t;
}

void BiasedPolicy::thread_exit(ThreadState& ts) {
  BiasedThread* t = ts.biased;
  if (t == nullptr) return;
  if (t->cs_top != nullptr) {
    std::fputs("gilkit: thread exits inside a critical section\n", stderr);
    std::abort();
  }
  // From here this thread owns nothing: its decrefs of its former objects
  // take the shared path (and merge at once, as for any dead owner).
  biased_detail::t_id = biased_detail::kNoThread;
  biased_detail::t_thread = nullptr;
  OwnerBucket& b = owner_bucket(t->id);
  {
    std::unique_lock<std::shared_mutex> lock(b.mutex);
    for (BiasedThread** p = &b.head; *p != nullptr; p = &(*p)->bucket_next) {
      if (*p == t) {
        *p = t->bucket_next;
        break;
      }
    }
  }
  // No producer can find the queue any more: merge what it holds.
  bump(g_merged_by_owner, drain(*t, nullptr));
  ts.biased = nullptr;
  delete t->queue;
  delete t;
}

void BiasedPolicy::thread_spawning(ThreadState* parent) {
  vm_threads_.fetch_add(1, std::memory_order_seq_cst);
  // The spawner was alone until now: its elided sections must hold their
  // mutexes before the new thread can reach them.
  if (parent != nullptr && parent->biased != nullptr) BiasedCriticalSection::make_real(*parent->biased);
}

void BiasedPolicy::thread_spawn_failed() noexcept { vm_threads_.fetch_sub(1, std::memory_order_seq_cst); }

void BiasedPolicy::thread_begin(ThreadState& ts) {
  thread_start(ts)->counted = true;
  qsbr().register_thread(ts);
}

void BiasedPolicy::thread_end(ThreadState& ts) {
  if (ts.qsbr) {
    qsbr_poll(*ts.qsbr);
    qsbr().unregister_thread(ts);  // what is still pending is freed by later polls
  }
  thread_exit(ts);
  vm_threads_.fetch_sub(1, std::memory_order_seq_cst);
}

void BiasedPolicy::defer_free(ThreadState& ts, void* p, void (*fn)(void*)) {
  if (ts.qsbr == nullptr || !readers_may_race()) {
    fn(p);
    return;
  }
  qsbr_defer_free(*ts.qsbr, p, fn);
}

void BiasedPolicy::attach(ThreadState& ts) {
  world().attach(ts);
  if (ts.qsbr) {
    qsbr_online(*ts.qsbr);
    qsbr_poll(*ts.qsbr);  // back from a blocking call (a join...): what others finished with is freed
  }
  if (ts.biased) BiasedCriticalSection::resume_top(*ts.biased);
}

void BiasedPolicy::detach(ThreadState& ts) {
  if (ts.biased) BiasedCriticalSection::suspend_all(*ts.biased);
  if (ts.qsbr) qsbr_offline(*ts.qsbr);
  world().detach(ts);
}

void BiasedPolicy::on_eval_breaker(ThreadState& ts, uint32_t bits) {
  if (bits & kPendingMerges) merge_pending(ts);
  if (bits & kQsbrReport) ts.eval_breaker.fetch_and(~kQsbrReport, std::memory_order_relaxed);
  if (ts.qsbr) {
    qsbr_quiescent(*ts.qsbr);  // between bytecodes no lock-free read is in flight
    qsbr_poll(*ts.qsbr);       // cheap when nothing is pending
  }
  if (bits & kStopTheWorld) world().park(ts);
}

void BiasedPolicy::stop_the_world(ThreadRegistry& reg, ThreadState& requester) {
  world().stop(reg, &requester);
  // Every other thread is parked or detached, so none is popping its queue:
  // the requester merges them all (the threads' `local` writes happen before
  // their parking, which happens before this through the world's mutex).
  size_t n = 0;
  for (OwnerBucket& b : g_owners) {
    std::shared_lock<std::shared_mutex> lock(b.mutex);
    for (BiasedThread* t = b.head; t != nullptr; t = t->bucket_next) n += drain(*t, &g_pause_dead);
  }
  bump(g_merged_in_pause, n);
}

void BiasedPolicy::start_the_world(ThreadRegistry& reg) {
  std::vector<Header*> dead;
  dead.swap(g_pause_dead);
  world().start(reg);
  for (Header* h : dead) dealloc(h);  // finalisers run with the world running
}

// --- critical sections ------------------------------------------------------------------

void BiasedCriticalSection::begin(PyMutex* a, PyMutex* b) noexcept {
  if (a == nullptr) std::swap(a, b);
  if (a == b) b = nullptr;
  if (a == nullptr) return;  // no object: nothing to lock (mode kNoop)
  if (b != nullptr && std::less<PyMutex*>()(b, a)) std::swap(a, b);
  thread_ = biased_detail::t_thread;
  m1_ = a;
  m2_ = b;
  if (thread_ == nullptr) {
    // A thread that was never started has no stack: plain locking.
    mode_ = Mode::kPlain;
    a->lock();
    if (b) b->lock();
    active_ = true;
    return;
  }
  BiasedCriticalSection* top = thread_->cs_top;
  if (b == nullptr && top != nullptr && top->active_ && top->mode_ == Mode::kPushed &&
      (top->m1_ == a || top->m2_ == a)) {
    m1_ = nullptr;  // the enclosing section holds it (mode kNoop)
    return;
  }
  mode_ = Mode::kPushed;
  prev_ = top;
  if (a->try_lock()) {
    if (b == nullptr || b->try_lock()) {
      active_ = true;
      thread_->cs_top = this;
      return;
    }
    a->unlock();
  }
  // Contended: release what the outer sections hold (before this section is
  // on the stack, so the active run is still at its top), then wait.
  suspend_all(*thread_);
  thread_->cs_top = this;
  lock_all();
}

void BiasedCriticalSection::lock_all() noexcept {
  if (mode_ == Mode::kElided) {  // still alone (make_real would have converted it)
    active_ = true;
    return;
  }
  lock_waiting(thread_, m1_);
  if (m2_) lock_waiting(thread_, m2_);
  active_ = true;
}

void BiasedCriticalSection::end() noexcept {
  if (mode_ == Mode::kPlain) {
    if (m2_) m2_->unlock();
    m1_->unlock();
    return;
  }
  // kPushed or kElided. Sections nest strictly: this is the innermost.
  if (active_ && mode_ == Mode::kPushed) {
    if (m2_) m2_->unlock();
    m1_->unlock();
  }
  thread_->cs_top = prev_;
  if (prev_ != nullptr && !prev_->active_) prev_->lock_all();
}

void BiasedCriticalSection::suspend_all(BiasedThread& t) noexcept {
  // The active sections are a run at the top of the stack.
  for (BiasedCriticalSection* s = t.cs_top; s != nullptr && s->active_; s = s->prev_) {
    if (s->mode_ == Mode::kPushed) {
      if (s->m2_) s->m2_->unlock();
      s->m1_->unlock();
    }
    s->active_ = false;
  }
}

void BiasedCriticalSection::resume_top(BiasedThread& t) noexcept {
  BiasedCriticalSection* s = t.cs_top;
  if (s != nullptr && !s->active_) s->lock_all();
}

void BiasedCriticalSection::make_real(BiasedThread& t) noexcept {
  bool any = false;
  for (BiasedCriticalSection* s = t.cs_top; s != nullptr; s = s->prev_) any |= s->mode_ == Mode::kElided;
  if (!any) return;
  // As if the thread blocked: nothing is held, every section is suspended,
  // then the innermost takes its mutexes (uncontended: the new thread does
  // not exist yet). An outer section locks when the one above it ends.
  suspend_all(t);
  for (BiasedCriticalSection* s = t.cs_top; s != nullptr; s = s->prev_) {
    if (s->mode_ != Mode::kElided) continue;
    s->mode_ = Mode::kPushed;
    if (s->m2_ != nullptr && std::less<PyMutex*>()(s->m2_, s->m1_)) std::swap(s->m1_, s->m2_);
  }
  resume_top(t);
}

bool BiasedCriticalSection::check_critical_sections(const BiasedThread& t) noexcept {
  bool seen_suspended = false;
  for (const BiasedCriticalSection* s = t.cs_top; s != nullptr; s = s->prev_) {
    if (s->thread_ != &t || s->m1_ == nullptr) return false;
    if (s->mode_ == Mode::kElided) {
      // Only while the thread is the only VM thread; it holds nothing.
      if (!alone(&t)) return false;
      if (s->active_ && seen_suspended) return false;
      if (!s->active_) seen_suspended = true;
      continue;
    }
    if (s->mode_ != Mode::kPushed) return false;
    if (s->m2_ != nullptr && !std::less<PyMutex*>()(s->m1_, s->m2_)) return false;
    if (!s->active_) {
      seen_suspended = true;
      continue;
    }
    if (seen_suspended) return false;  // an active section below a suspended one
    if (!s->m1_->is_locked() || (s->m2_ && !s->m2_->is_locked())) return false;
  }
  return true;
}

}  // namespace gk
