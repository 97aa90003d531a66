// threads/registry.hpp — the registry of live thread states: what the GIL
// statistics, stop-the-world and shutdown walk. A thread registers before it
// first runs bytecode and unregisters after its last.
//
// Guarded by its own mutex; for_each holds it while calling `f`, so `f` must
// not register or unregister threads or block on the GIL.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include "threads/thread_state.hpp"

namespace gk {

class ThreadRegistry {
 public:
  void add(ThreadState* ts) {
    std::lock_guard<std::mutex> g(mutex_);
    states_.push_back(ts);
  }
  void remove(ThreadState* ts) {
    std::lock_guard<std::mutex> g(mutex_);
    for (size_t i = 0; i < states_.size(); ++i) {
      if (states_[i] == ts) {
        states_[i] = states_.back();
        states_.pop_back();
        return;
      }
    }
  }
  size_t count() const {
    std::lock_guard<std::mutex> g(mutex_);
    return states_.size();
  }
  template <class F>
  void for_each(F&& f) const {
    std::lock_guard<std::mutex> g(mutex_);
    for (ThreadState* ts : states_) f(*ts);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<ThreadState*> states_;  // guarded by mutex_
};

}  // namespace gk
