// experiments/micro/micro_refcount.cpp — reference-count operations of this
// build's lock policy (gil/policy.hpp), Google Benchmark.
//
//   BM_Refcount_IncDec          incref + decref of one mortal header
//   BM_Refcount_IncDecImmortal  the same on an immortal header (the early-out)
//   BM_Refcount_IncDecBatch     incref 256 headers, then decref them (memory
//                               traffic closer to real objects)
//   BM_Refcount_IncDecPerThread each thread counts its own header (1, 2 threads):
//                               the owner path, which must not slow down with threads
//
// The GIL build counts with plain integers; the no-GIL build with biased
// counts (local, non-atomic for the owner). Compare the two builds' JSON.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

#include "gil/policy.hpp"

namespace {

using gk::LockPolicy;
using Header = gk::LockPolicy::Header;

// A stand-in type pointer: the policies store it but never dereference it here.
gk::TypeObject* fake_type(void* p) { return reinterpret_cast<gk::TypeObject*>(p); }

void BM_Refcount_IncDec(benchmark::State& state) {
  Header h{};
  LockPolicy::init_header(h, fake_type(&h));
  for (auto _ : state) {
    LockPolicy::incref(h);
    benchmark::ClobberMemory();
    if (LockPolicy::decref(h)) std::abort();  // never reaches zero: we hold one reference
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(h);
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_Refcount_IncDec);

void BM_Refcount_IncDecImmortal(benchmark::State& state) {
  Header h{};
  LockPolicy::init_header(h, fake_type(&h));
  LockPolicy::make_immortal(h);
  for (auto _ : state) {
    LockPolicy::incref(h);
    benchmark::ClobberMemory();
    if (LockPolicy::decref(h)) std::abort();
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(h);
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_Refcount_IncDecImmortal);

void BM_Refcount_IncDecBatch(benchmark::State& state) {
  constexpr size_t kHeaders = 256;
  std::vector<Header> headers(kHeaders);
  for (auto& h : headers) LockPolicy::init_header(h, fake_type(&h));
  for (auto _ : state) {
    for (auto& h : headers) LockPolicy::incref(h);
    benchmark::ClobberMemory();
    for (auto& h : headers)
      if (LockPolicy::decref(h)) std::abort();
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kHeaders * 2);
}
BENCHMARK(BM_Refcount_IncDecBatch);

void BM_Refcount_IncDecPerThread(benchmark::State& state) {
  Header h{};  // this thread's own object: it is the owner
  LockPolicy::init_header(h, fake_type(&h));
  for (auto _ : state) {
    LockPolicy::incref(h);
    benchmark::ClobberMemory();
    if (LockPolicy::decref(h)) std::abort();
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(h);
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_Refcount_IncDecPerThread)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
