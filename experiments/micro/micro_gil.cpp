// experiments/micro/micro_gil.cpp — the GIL hand-off (gil/gil.hpp), Google
// Benchmark. Uses a private Gil instance and ThreadStates of its own: no VM.
//
//   BM_Gil_TakeDrop   one thread takes and drops an uncontended GIL
//   BM_Gil_Handoff    two threads pass the GIL back and forth: a thread takes
//                     it (blocking in Gil::take while the other holds it),
//                     drops it, and waits until the other thread has taken it
//                     before asking again. One iteration = one round trip =
//                     two hand-offs; real_time per iteration is the cost of
//                     waking the waiter through the GIL's condition variable.
#include <benchmark/benchmark.h>

#include <atomic>
#include <thread>

#include "gil/gil.hpp"

namespace {

using gk::Gil;
using gk::ThreadState;

void BM_Gil_TakeDrop(benchmark::State& state) {
  Gil gil;
  ThreadState ts;
  for (auto _ : state) {
    gil.take(ts);
    gil.drop(ts, true);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Gil_TakeDrop);

// Shared by the two threads of BM_Gil_Handoff (set up by thread 0).
Gil* g_gil = nullptr;
std::atomic<uint64_t> g_takes{0};  // successful takes so far, by either thread

void BM_Gil_Handoff(benchmark::State& state) {
  if (state.thread_index() == 0) {
    g_gil = new Gil();
    g_takes.store(0);
  }
  // Google Benchmark starts the timed loops of all threads together: the
  // set-up above is complete before any thread enters its loop.
  // Both threads run the same number of iterations, and the takes strictly
  // alternate, so there are exactly 2 * max_iterations takes: the last take
  // must not wait for a successor.
  const uint64_t last = 2 * static_cast<uint64_t>(state.max_iterations);
  ThreadState ts;
  for (auto _ : state) {
    g_gil->take(ts);
    uint64_t mine = g_takes.fetch_add(1, std::memory_order_acq_rel) + 1;
    g_gil->drop(ts, true);
    // Do not retake before the other thread has had the GIL.
    while (mine < last && g_takes.load(std::memory_order_acquire) == mine) std::this_thread::yield();
  }
  // The loop ends with a barrier across the threads: nobody uses the GIL now.
  // Summed over the two threads: 2 * iterations = the hand-offs.
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    delete g_gil;
    g_gil = nullptr;
  }
}
BENCHMARK(BM_Gil_Handoff)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
