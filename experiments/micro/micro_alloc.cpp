// experiments/micro/micro_alloc.cpp — allocation and free throughput of this
// build's allocator policy (alloc/policy.hpp: AllocPolicy) and of the pool
// allocator used directly (alloc/pool_allocator.hpp), single thread, Google
// Benchmark. In a -Dalloc=mimalloc build AllocPolicy is mimalloc, so the
// same run compares mimalloc with the pools (issue 4's "same run" ratio).
//
//   BM_Alloc_SizeClass/N      AllocPolicy: allocate 256 blocks of N bytes, free them
//   BM_Alloc_PoolSizeClass/N  the same with a PoolAllocator instance
//   BM_Alloc_MallocSizeClass/N the same with std::malloc/free (baseline)
//   BM_Alloc_Mix              AllocPolicy, a realistic object size mix with
//                             interleaved frees (a window of live blocks)
//   BM_Alloc_PoolMix          the same mix with a PoolAllocator instance
//   BM_Alloc_MallocMix        the same mix with std::malloc/free
//
// items_per_second counts allocate+free pairs.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "alloc/policy.hpp"
#include "alloc/pool_allocator.hpp"

namespace {

// Blocks allocated, then freed, per iteration. An extra "anchor" block stays
// allocated through the benchmark so that the pool/page (and the arena) of the
// class never becomes empty: without it every iteration would measure the
// arena being given back to the OS and mapped again.
constexpr size_t kBatch = 256;

struct PolicyAlloc {
  static void* allocate(size_t n) { return gk::AllocPolicy::allocate(n); }
  static void deallocate(void* p, size_t n) { gk::AllocPolicy::deallocate(p, n); }
};

struct PoolAlloc {
  static gk::PoolAllocator& pool() {
    static gk::PoolAllocator p;
    return p;
  }
  static void* allocate(size_t n) { return pool().allocate(n); }
  static void deallocate(void* p, size_t n) { pool().deallocate(p, n); }
};

struct MallocAlloc {
  static void* allocate(size_t n) {
    void* p = std::malloc(n);
    if (!p) std::abort();
    return p;
  }
  static void deallocate(void* p, size_t) { std::free(p); }
};

template <class A>
void size_class(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  std::array<void*, kBatch> blocks{};
  void* anchor = A::allocate(size);
  for (auto _ : state) {
    for (auto& b : blocks) {
      b = A::allocate(size);
      // Touch the block, as an object constructor would.
      *static_cast<volatile uint64_t*>(b) = 1;
    }
    for (auto* b : blocks) A::deallocate(b, size);
    benchmark::ClobberMemory();
  }
  A::deallocate(anchor, size);
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetLabel(std::to_string(size) + " B");
}

void BM_Alloc_SizeClass(benchmark::State& state) { size_class<PolicyAlloc>(state); }
void BM_Alloc_PoolSizeClass(benchmark::State& state) { size_class<PoolAlloc>(state); }
void BM_Alloc_MallocSizeClass(benchmark::State& state) { size_class<MallocAlloc>(state); }

#define GK_SIZE_CLASSES ->Arg(16)->Arg(32)->Arg(48)->Arg(64)->Arg(128)->Arg(256)->Arg(512)->Arg(1024)
BENCHMARK(BM_Alloc_SizeClass) GK_SIZE_CLASSES;
BENCHMARK(BM_Alloc_PoolSizeClass) GK_SIZE_CLASSES;
BENCHMARK(BM_Alloc_MallocSizeClass) GK_SIZE_CLASSES;

// A size mix shaped like a Python heap: mostly 32-64 byte objects (ints,
// floats, small tuples, instances), some dicts and lists' item arrays,
// a few strings and large arrays. Weights in 1/64ths.
struct SizeWeight {
  uint32_t size;
  uint32_t weight;
};
constexpr SizeWeight kMix[] = {
    {32, 20}, {48, 12}, {64, 10}, {80, 5}, {96, 4}, {128, 4},
    {192, 3}, {256, 2}, {368, 2}, {512, 1}, {1024, 1},
};

std::vector<uint32_t> mix_sizes(size_t n) {
  std::vector<uint32_t> table;
  for (const auto& sw : kMix)
    for (uint32_t i = 0; i < sw.weight; ++i) table.push_back(sw.size);
  std::vector<uint32_t> sizes(n);
  uint64_t x = 0x9E3779B97F4A7C15ull;  // xorshift: the same sequence in every run
  for (auto& s : sizes) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s = table[x % table.size()];
  }
  return sizes;
}

template <class A>
void mix(benchmark::State& state) {
  constexpr size_t kWindow = 4096;  // live blocks; each step frees the oldest
  constexpr size_t kSteps = 65536;
  static const std::vector<uint32_t> sizes = mix_sizes(kSteps);
  std::vector<void*> live(kWindow, nullptr);
  std::vector<uint32_t> live_size(kWindow, 0);
  for (auto _ : state) {
    for (size_t i = 0; i < kSteps; ++i) {
      size_t slot = i % kWindow;
      if (live[slot]) A::deallocate(live[slot], live_size[slot]);
      live_size[slot] = sizes[i];
      live[slot] = A::allocate(sizes[i]);
      *static_cast<volatile uint64_t*>(live[slot]) = i;
    }
    benchmark::ClobberMemory();
  }
  for (size_t slot = 0; slot < kWindow; ++slot)
    if (live[slot]) A::deallocate(live[slot], live_size[slot]);
  state.SetItemsProcessed(state.iterations() * kSteps);
}

void BM_Alloc_Mix(benchmark::State& state) { mix<PolicyAlloc>(state); }
void BM_Alloc_PoolMix(benchmark::State& state) { mix<PoolAlloc>(state); }
void BM_Alloc_MallocMix(benchmark::State& state) { mix<MallocAlloc>(state); }
BENCHMARK(BM_Alloc_Mix);
BENCHMARK(BM_Alloc_PoolMix);
BENCHMARK(BM_Alloc_MallocMix);

}  // namespace

BENCHMARK_MAIN();
