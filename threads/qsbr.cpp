// threads/qsbr.cpp — QSBR registration, scanning and freeing (the design and
// the ordering argument are in qsbr.hpp).
#include "threads/qsbr.hpp"

#include <algorithm>

namespace gk {

namespace {

// Poll after this many pending items (a resize-heavy thread frees in batches).
constexpr size_t kPollEvery = 32;
// A deferral advances wr_seq (one atomic read-modify-write on a line every
// thread reads) only every kAdvanceEvery-th time; the others take the goal
// wr_seq + 1, which the next advance (a later deferral's, or a poll's)
// makes reachable — CPython's deferred advance. Measured: with an advance per
// deferral, two threads storing attributes spent 11% in the fetch_add.
constexpr uint64_t kAdvanceEvery = 16;

}  // namespace

QsbrDomain::~QsbrDomain() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (QsbrDeferred& d : orphans_) d.fn(d.ptr);
  freed_.fetch_add(orphans_.size(), std::memory_order_relaxed);
  orphans_.clear();
}

QsbrThread* QsbrDomain::register_thread(std::atomic<uint32_t>* breaker) {
  auto* t = new QsbrThread;
  t->domain = this;
  t->breaker = breaker;
  std::lock_guard<std::mutex> lock(mutex_);
  threads_.push_back(t);
  return t;
}

QsbrThread* QsbrDomain::register_thread(ThreadState& ts) {
  ts.qsbr = register_thread(&ts.eval_breaker);
  return ts.qsbr;
}

void QsbrDomain::unregister_thread(QsbrThread* t) {
  qsbr_offline(*t);
  // Orphans must not wait for a deferral that may never come.
  if (!t->pending.empty() && t->pending.back().goal > write_seq()) advance_only();
  std::lock_guard<std::mutex> lock(mutex_);
  threads_.erase(std::find(threads_.begin(), threads_.end(), t));
  deferred_.fetch_add(t->deferrals.load(std::memory_order_relaxed), std::memory_order_relaxed);
  if (!t->pending.empty()) {
    orphans_.insert(orphans_.end(), t->pending.begin(), t->pending.end());
    has_orphans_.store(true, std::memory_order_relaxed);
  }
  delete t;
}

void QsbrDomain::unregister_thread(ThreadState& ts) {
  unregister_thread(ts.qsbr);
  ts.qsbr = nullptr;
}

uint64_t QsbrDomain::scan(uint64_t want) {
  // seq_cst loads: a thread whose seq we still read as 0 will, once online,
  // see every unpublishing store made before the advance (qsbr.hpp, Ordering).
  uint64_t min = wr_seq_.load(std::memory_order_seq_cst);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    scans_.fetch_add(1, std::memory_order_relaxed);
    for (QsbrThread* t : threads_) {
      uint64_t s = t->seq.load(std::memory_order_seq_cst);
      if (s == 0) continue;  // offline: reads nothing
      if (s < min) min = s;
      if (s < want && t->breaker) {
        t->breaker->fetch_or(kQsbrReport, std::memory_order_relaxed);
        report_requests_.fetch_add(1, std::memory_order_relaxed);
      }
    }
  }
  // rd_seq only grows: two scans may finish out of order.
  uint64_t rd = rd_seq_.load(std::memory_order_relaxed);
  while (rd < min && !rd_seq_.compare_exchange_weak(rd, min, std::memory_order_acq_rel, std::memory_order_relaxed)) {
  }
  return std::max(rd, min);
}

size_t QsbrDomain::poll_orphans(uint64_t rd) {
  if (!has_orphans_.load(std::memory_order_relaxed)) return 0;
  std::vector<QsbrDeferred> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto split = std::partition(orphans_.begin(), orphans_.end(), [&](const QsbrDeferred& d) { return d.goal > rd; });
    ready.assign(split, orphans_.end());
    orphans_.erase(split, orphans_.end());
    has_orphans_.store(!orphans_.empty(), std::memory_order_relaxed);
  }
  for (QsbrDeferred& d : ready) d.fn(d.ptr);  // outside the lock: fn may defer again
  freed_.fetch_add(ready.size(), std::memory_order_relaxed);
  return ready.size();
}

void qsbr_defer_free(QsbrThread& t, void* ptr, void (*fn)(void*)) {
  uint64_t goal = qsbr_goal(t);
  t.pending.push_back({ptr, fn, goal});
  if (t.pending.size() % kPollEvery == 0) qsbr_poll(t);
}

uint64_t qsbr_goal(QsbrThread& t) noexcept {
  uint64_t n = t.deferrals.load(std::memory_order_relaxed) + 1;
  t.deferrals.store(n, std::memory_order_relaxed);
  if (n % kAdvanceEvery == 0) return t.domain->advance();
  // seq_cst: ordered after the store that unpublished the item (qsbr.hpp,
  // Ordering), so any advance past the value read comes after it.
  return t.domain->write_seq_sc() + 1;
}

size_t qsbr_poll(QsbrThread& t) {
  QsbrDomain& d = *t.domain;
  bool orphans = d.has_orphans_.load(std::memory_order_relaxed);
  if (t.pending.empty() && !orphans) return 0;
  size_t freed = 0;
  // A goal wr_seq + 1 (deferred advance) becomes reachable once wr_seq moves.
  if (!t.pending.empty() && t.pending.back().goal > d.write_seq()) d.advance_only();
  uint64_t rd = d.read_seq();
  if (orphans || t.pending.front().goal > rd)
    rd = d.scan(t.pending.empty() ? d.write_seq() : t.pending.back().goal);
  if (!t.pending.empty()) {
    // Goals are non-decreasing: free the prefix that is ready.
    size_t n = 0;
    while (n < t.pending.size() && t.pending[n].goal <= rd) ++n;
    if (n > 0) {
      std::vector<QsbrDeferred> ready(t.pending.begin(), t.pending.begin() + n);
      t.pending.erase(t.pending.begin(), t.pending.begin() + n);
      for (QsbrDeferred& item : ready) item.fn(item.ptr);  // fn may defer again: list already updated
      freed += n;
      t.freed += n;
      d.freed_.fetch_add(n, std::memory_order_relaxed);
    }
  }
  freed += d.poll_orphans(rd);
  return freed;
}

bool QsbrDomain::check() const {
  // Read rd before wr: both only grow, so rd <= wr holds for these snapshots.
  uint64_t rd = rd_seq_.load(std::memory_order_acquire);
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t wr = wr_seq_.load(std::memory_order_acquire);  // after the lock: covers every orphan
  if (rd > wr || rd == 0) return false;
  for (const QsbrDeferred& o : orphans_)
    if (o.goal > wr) return false;
  for (const QsbrThread* t : threads_) {
    uint64_t s = t->seq.load(std::memory_order_acquire);
    if (s > wr_seq_.load(std::memory_order_acquire)) return false;
    if (t->domain != this) return false;
  }
  return true;
}

bool qsbr_check_thread(const QsbrThread& t) {
  uint64_t wr = t.domain->write_seq();
  uint64_t s = t.seq.load(std::memory_order_relaxed);
  if (s > wr) return false;
  uint64_t prev = 0;
  for (const QsbrDeferred& d : t.pending) {
    if (d.goal < prev || d.goal > wr + 1 || d.fn == nullptr) return false;  // wr + 1: a deferred advance
    prev = d.goal;
  }
  return true;
}

QsbrStats QsbrDomain::stats() const {
  uint64_t deferred;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    deferred = deferred_.load(std::memory_order_relaxed);
    for (const QsbrThread* t : threads_) deferred += t->deferrals.load(std::memory_order_relaxed);
  }
  return {wr_seq_.load(std::memory_order_relaxed),      rd_seq_.load(std::memory_order_relaxed),
          deferred,                                     freed_.load(std::memory_order_relaxed),
          scans_.load(std::memory_order_relaxed),       report_requests_.load(std::memory_order_relaxed)};
}

size_t QsbrDomain::orphan_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return orphans_.size();
}

}  // namespace gk
