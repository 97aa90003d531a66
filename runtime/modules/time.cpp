// runtime/modules/time.cpp — the `time` module: clocks and sleep.
// sleep() is a blocking call: the threads issue routes it through
// AllowThreads so that other threads run while this one sleeps.
#include <cerrno>
#include <chrono>
#include <cmath>
#include <ctime>

#include "gil/policy.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/module.hpp"

namespace gk {

namespace {

using Args = Object* const*;

int64_t clock_ns(clockid_t id) {
  timespec t;
  clock_gettime(id, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

#define GK_CLOCK_FUNCS(pyname, clock)                                                              \
  Ref<Object> time_##pyname(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {         \
    check_no_kwargs(#pyname, kwnames);                                                             \
    check_nargs(#pyname, nargs, 0, 0);                                                             \
    return float_from(static_cast<double>(clock_ns(clock)) * 1e-9);                                \
  }                                                                                                \
  Ref<Object> time_##pyname##_ns(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {    \
    check_no_kwargs(#pyname "_ns", kwnames);                                                       \
    check_nargs(#pyname "_ns", nargs, 0, 0);                                                       \
    return int_from_i64(clock_ns(clock));                                                          \
  }

GK_CLOCK_FUNCS(time, CLOCK_REALTIME)
GK_CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
GK_CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
GK_CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
GK_CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)
#undef GK_CLOCK_FUNCS

Ref<Object> time_sleep(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("sleep", kwnames);
  check_nargs("sleep", nargs, 1, 1);
  double secs = as_double(ts, args[0]);
  if (std::isnan(secs)) raise(Exc_ValueError, "Invalid value NaN (not a number)");
  if (secs < 0) raise(Exc_ValueError, "sleep length must be non-negative");
  timespec req;
  req.tv_sec = static_cast<time_t>(secs);
  req.tv_nsec = static_cast<long>((secs - static_cast<double>(req.tv_sec)) * 1e9);
  AllowThreads allow(ts);  // other threads run while this one sleeps
  while (nanosleep(&req, &req) != 0 && errno == EINTR) {
  }
  return none_ref();
}

const MethodDef kTimeFunctions[] = {
    {"time", time_time},
    {"time_ns", time_time_ns},
    {"perf_counter", time_perf_counter},
    {"perf_counter_ns", time_perf_counter_ns},
    {"monotonic", time_monotonic},
    {"monotonic_ns", time_monotonic_ns},
    {"process_time", time_process_time},
    {"process_time_ns", time_process_time_ns},
    {"thread_time", time_thread_time},
    {"thread_time_ns", time_thread_time_ns},
    {"sleep", time_sleep},
    {nullptr, nullptr},
};

Ref<Object> init_time_module(ThreadState& ts) {
  Ref<Object> m = module_new(ts, "time");
  module_add_functions(ts, m, kTimeFunctions);
  return m;
}

}  // namespace

GK_REGISTER_MODULE(time, init_time_module);

}  // namespace gk
