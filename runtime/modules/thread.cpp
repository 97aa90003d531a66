// runtime/modules/thread.cpp — the native `_thread` module: starting OS
// threads that run Python callables, the lock types (lock, RLock) whose
// blocking acquire releases the GIL, thread-local storage (_local), and the
// life cycle of a non-main thread's ThreadState. threading.py (a frozen
// module, runtime/modules/lib/) builds the public API on top.
//
// A new thread: registers its ThreadState, takes the GIL (attach), calls the
// callable, prints an escaping exception, drops its references, unregisters
// (folding its GIL statistics into the interpreter's totals) and detaches.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "gc/heap.hpp"
#include "gil/policy.hpp"
#include "modules/stdio.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/module.hpp"
#include "gc/share.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "threads/os_thread.hpp"
#include "vm/eval.hpp"
#include "vm/interpreter.hpp"

namespace gk {

void thread_state_register(Interpreter& interp, ThreadState& ts) {
  ts.interp = &interp;
  ts.serial = interp.next_thread_serial.fetch_add(1, std::memory_order_relaxed);
  interp.threads.add(&ts);
}

void thread_state_unregister(Interpreter& interp, ThreadState& ts) {
  interp.threads.remove(&ts);
  std::lock_guard<std::mutex> g(interp.retired_mutex);
  interp.retired_gil_stats.add(ts.gil_stats);
}

namespace {

using Args = Object* const*;
using Clock = std::chrono::steady_clock;

TypeObject Lock_type, RLock_type, Local_type;

// Python's default TIMEOUT_MAX for lock waits (seconds).
constexpr double kTimeoutMax = 9223372036.0;

// --- the binary lock ------------------------------------------------------------
//
// A Python lock may be released by a thread other than the one that acquired
// it, so it is a binary semaphore (flag + condition variable), not a mutex.
// `locked` is guarded by `mutex`; waiters block with the GIL released.
struct LockState {
  std::mutex mutex;
  std::condition_variable cv;
  bool locked = false;  // guarded by mutex

  bool try_acquire() {
    std::lock_guard<std::mutex> g(mutex);
    if (locked) return false;
    locked = true;
    return true;
  }
  // Blocks (the caller has released the GIL); timeout < 0 waits forever.
  bool acquire_blocking(double timeout) {
    std::unique_lock<std::mutex> g(mutex);
    if (timeout < 0) {
      cv.wait(g, [&] { return !locked; });
    } else {
      auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout));
      if (!cv.wait_until(g, deadline, [&] { return !locked; })) return false;
    }
    locked = true;
    return true;
  }
  bool release() {
    {
      std::lock_guard<std::mutex> g(mutex);
      if (!locked) return false;
      locked = false;
    }
    cv.notify_one();
    return true;
  }
  bool is_locked() {
    std::lock_guard<std::mutex> g(mutex);
    return locked;
  }
};

// acquire(blocking=True, timeout=-1) argument handling shared by lock and RLock.
double parse_acquire_args(ThreadState& ts, const char* fname, Args args, size_t nargs, Object* kwnames,
                          bool& blocking) {
  Object* a[2];
  parse_args(fname, args, nargs, kwnames, {"blocking", "timeout"}, 0, a);
  blocking = a[0] ? is_true(ts, a[0]) : true;
  double timeout = a[1] ? as_double(ts, a[1]) : -1.0;
  if (!blocking && timeout != -1.0) raise(Exc_ValueError, "can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout != -1.0) raise(Exc_ValueError, "timeout value must be a non-negative number");
  if (timeout > kTimeoutMax) raise(Exc_OverflowError, "timeout value is too large");
  return timeout;
}

// Acquire with the GIL released while blocking.
bool lock_acquire(ThreadState& ts, LockState& l, bool blocking, double timeout) {
  if (l.try_acquire()) return true;
  if (!blocking || timeout == 0) return false;
  AllowThreads allow(ts);
  return l.acquire_blocking(timeout);
}

struct LockObject : Object {
  LockState* state;  // owned (a C++ object behind a pointer: object memory is zero-filled)
};

LockObject* as_lock(Object* o) { return static_cast<LockObject*>(o); }

void lock_dealloc(Object* o) noexcept {
  delete as_lock(o)->state;
  object_free(o, sizeof(LockObject));
}

Ref<Object> lock_repr(ThreadState&, Object* o) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "<%s _thread.lock object at %p>", as_lock(o)->state->is_locked() ? "locked" : "unlocked",
                static_cast<void*>(o));
  return str_new(buf);
}

Ref<Object> lock_acquire_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  bool blocking;
  double timeout = parse_acquire_args(ts, "acquire", args, nargs, kwnames, blocking);
  return bool_ref(lock_acquire(ts, *as_lock(self)->state, blocking, timeout));
}

Ref<Object> lock_release_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("release", kwnames);
  check_nargs("release", nargs, 0, 0);
  if (!as_lock(self)->state->release()) raise(Exc_RuntimeError, "release unlocked lock");
  return none_ref();
}

Ref<Object> lock_exit_m(ThreadState& ts, Object* self, Args, size_t, Object*) {
  return lock_release_m(ts, self, nullptr, 0, nullptr);
}

Ref<Object> lock_locked_m(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("locked", kwnames);
  check_nargs("locked", nargs, 0, 0);
  return bool_ref(as_lock(self)->state->is_locked());
}

const MethodDef kLockMethods[] = {
    {"acquire", lock_acquire_m},   {"acquire_lock", lock_acquire_m}, {"__enter__", lock_acquire_m},
    {"release", lock_release_m},   {"release_lock", lock_release_m}, {"__exit__", lock_exit_m},
    {"locked", lock_locked_m},     {"locked_lock", lock_locked_m},   {nullptr, nullptr},
};

Ref<Object> new_lock() {
  auto* l = alloc_object<LockObject>(&Lock_type);
  l->state = new LockState();
  return steal<Object>(l);
}

// --- the reentrant lock ------------------------------------------------------------

struct RLockObject : Object {
  LockState* state;  // owned
  // Written only by the thread holding `state`; read by any thread (is it
  // mine?) without a GIL in the no-GIL build: relaxed atomics (a reader that
  // is not the owner only needs to see "not me", which any value shows).
  uint64_t owner;    // serial of the owning thread state, 0 = none
  uint64_t count;    // recursion depth
};

RLockObject* as_rlock(Object* o) { return static_cast<RLockObject*>(o); }
uint64_t load(const uint64_t& f) noexcept {
  return std::atomic_ref<uint64_t>(const_cast<uint64_t&>(f)).load(std::memory_order_relaxed);
}
void store(uint64_t& f, uint64_t v) noexcept { std::atomic_ref<uint64_t>(f).store(v, std::memory_order_relaxed); }

void rlock_dealloc(Object* o) noexcept {
  delete as_rlock(o)->state;
  object_free(o, sizeof(RLockObject));
}

Ref<Object> rlock_new(ThreadState&, TypeObject* type, Args, size_t, Object*) {
  Ref<Object> r = steal(type_alloc(type));
  as_rlock(r)->state = new LockState();
  return r;
}

Ref<Object> rlock_repr(ThreadState&, Object* o) {
  RLockObject* r = as_rlock(o);
  char buf[128];
  std::snprintf(buf, sizeof buf, "<%s _thread.RLock object owner=%llu count=%llu at %p>",
                load(r->count) ? "locked" : "unlocked", static_cast<unsigned long long>(load(r->owner)),
                static_cast<unsigned long long>(load(r->count)), static_cast<void*>(o));
  return str_new(buf);
}

Ref<Object> rlock_acquire_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  bool blocking;
  double timeout = parse_acquire_args(ts, "acquire", args, nargs, kwnames, blocking);
  RLockObject* r = as_rlock(self);
  if (load(r->count) > 0 && load(r->owner) == ts.serial) {
    store(r->count, load(r->count) + 1);
    return bool_ref(true);
  }
  if (!lock_acquire(ts, *r->state, blocking, timeout)) return bool_ref(false);
  store(r->owner, ts.serial);
  store(r->count, 1);
  return bool_ref(true);
}

Ref<Object> rlock_release_m(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("release", kwnames);
  check_nargs("release", nargs, 0, 0);
  RLockObject* r = as_rlock(self);
  if (load(r->count) == 0 || load(r->owner) != ts.serial) raise(Exc_RuntimeError, "cannot release un-acquired lock");
  uint64_t depth = load(r->count) - 1;
  store(r->count, depth);
  if (depth == 0) {
    store(r->owner, 0);
    r->state->release();
  }
  return none_ref();
}

Ref<Object> rlock_exit_m(ThreadState& ts, Object* self, Args, size_t, Object*) {
  return rlock_release_m(ts, self, nullptr, 0, nullptr);
}

Ref<Object> rlock_is_owned_m(ThreadState& ts, Object* self, Args, size_t, Object*) {
  RLockObject* r = as_rlock(self);
  return bool_ref(load(r->count) > 0 && load(r->owner) == ts.serial);
}

// Condition.wait's helpers: release every level, then restore them.
Ref<Object> rlock_release_save_m(ThreadState& ts, Object* self, Args, size_t, Object*) {
  RLockObject* r = as_rlock(self);
  if (load(r->count) == 0) raise(Exc_RuntimeError, "cannot release un-acquired lock");
  Ref<Object> state = tuple_pack({int_from_u64(load(r->count)).get(), int_from_u64(load(r->owner)).get()});
  (void)ts;
  store(r->count, 0);
  store(r->owner, 0);
  r->state->release();
  return state;
}

Ref<Object> rlock_acquire_restore_m(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_acquire_restore", kwnames);
  check_nargs("_acquire_restore", nargs, 1, 1);
  Object* state = args[0];
  if (!is_tuple(state) || tuple_size(state) != 2) raise(Exc_TypeError, "_acquire_restore() argument must be a 2-tuple");
  RLockObject* r = as_rlock(self);
  lock_acquire(ts, *r->state, true, -1);
  store(r->count, static_cast<uint64_t>(index_as_i64(ts, tuple_get(state, 0))));
  store(r->owner, static_cast<uint64_t>(index_as_i64(ts, tuple_get(state, 1))));
  return none_ref();
}

const MethodDef kRLockMethods[] = {
    {"acquire", rlock_acquire_m},
    {"__enter__", rlock_acquire_m},
    {"release", rlock_release_m},
    {"__exit__", rlock_exit_m},
    {"_is_owned", rlock_is_owned_m},
    {"_release_save", rlock_release_save_m},
    {"_acquire_restore", rlock_acquire_restore_m},
    {nullptr, nullptr},
};

// --- thread-local storage --------------------------------------------------------------
//
// A _local object keeps one attribute dict per thread, keyed by the thread
// state's serial number (never reused, unlike OS thread ids).
struct LocalObject : Object {
  Object* dicts;  // dict: serial (int) -> attribute dict; strong
};

void local_dealloc(Object* o) noexcept {
  xdecref(static_cast<LocalObject*>(o)->dicts);
  object_free(o, sizeof(LocalObject));
}

Ref<Object> local_new(ThreadState&, TypeObject* type, Args, size_t nargs, Object* kwnames) {
  if (nargs || kwnames_count(kwnames)) raise(Exc_TypeError, "Initialization arguments are not supported");
  Ref<Object> l = steal(type_alloc(type));
  static_cast<LocalObject*>(l.get())->dicts = dict_new().release();
  return l;
}

Object* local_dict(ThreadState& ts, Object* self) {
  Object* dicts = static_cast<LocalObject*>(self)->dicts;
  Ref<Object> key = int_from_u64(ts.serial);
  if (Object* d = dict_get(ts, dicts, key)) return d;
  Ref<Object> d = dict_new();
  dict_set(ts, dicts, key, d);
  return d.get();  // kept alive by `dicts`
}

Ref<Object> local_getattro(ThreadState& ts, Object* self, Object* name) {
  if (str_view(name) == "__dict__") return newref(local_dict(ts, self));
  if (Object* v = dict_get(ts, local_dict(ts, self), name)) return newref(v);
  return generic_getattr(ts, self, name);
}

void local_setattro(ThreadState& ts, Object* self, Object* name, Object* value) {
  if (str_view(name) == "__dict__") raise(Exc_AttributeError, "'_thread._local' object attribute '__dict__' is read-only");
  Object* d = local_dict(ts, self);
  if (value) {
    dict_set(ts, d, name, value);
  } else if (!dict_del(ts, d, name)) {
    raise_attribute_error(self, name);
  }
}

// --- module functions ---------------------------------------------------------------------

std::atomic<int64_t> g_running_threads{0};  // threads started by start_new_thread and not finished

void run_thread_body(Interpreter* interp, ThreadState* ts, Object* func, Object* args, Object* kwargs) {
  set_current_thread_state(ts);
  init_stack_limit(*ts);
  LockPolicy::thread_begin(*ts);
  gc_thread_begin(*ts);
  LockPolicy::attach(*ts);
  try {
    call_tuple_dict(*ts, func, args, kwargs);
  } catch (PyError& e) {
    Ref<Object> exc = e.take();
    if (!type_check(exc, Exc_SystemExit)) {
      stdio_flush_all();
      std::string who = "<callable>";
      try {
        who = repr_utf8(*ts, func);
      } catch (PyError&) {  // a failing __repr__ must not end the process
      }
      std::fprintf(stderr, "Unhandled exception in thread started by %s\n", who.c_str());
      print_exception(*ts, exc);
    }
  } catch (std::bad_alloc&) {
    std::fprintf(stderr, "MemoryError in thread\n");
  }
  decref(func);
  decref(args);
  xdecref(kwargs);
  clear(ts->exc_info);
  gc_thread_end(*ts);
  LockPolicy::thread_end(*ts);
  thread_state_unregister(*interp, *ts);
  g_running_threads.fetch_sub(1, std::memory_order_relaxed);
  frame_arena_free(*ts);
  LockPolicy::detach(*ts);
  set_current_thread_state(nullptr);
  delete ts;
  float_free_list_clear();
  // Last: this thread's allocator heap is handed back (its live blocks stay
  // valid; frees from other threads reach it as an orphan).
  AllocPolicy::thread_exit();
}

Ref<Object> thread_start_new_thread(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("start_new_thread", kwnames);
  check_nargs("start_new_thread", nargs, 2, 3);
  Object* func = args[0];
  Object* fargs = args[1];
  Object* fkwargs = nargs == 3 ? args[2] : nullptr;
  if (!is_callable(func)) raise(Exc_TypeError, "first arg must be callable");
  if (!is_tuple(fargs)) raise(Exc_TypeError, "2nd arg must be a tuple");
  if (fkwargs && !is_dict(fkwargs)) raise(Exc_TypeError, "optional 3rd arg must be a dictionary");

  // No-GIL build: functions, classes, modules and constants every thread
  // will touch become immortal now, so their counts never contend.
  share_objects_for_threads(ts);
  auto* child = new ThreadState();
  thread_state_register(*ts.interp, *child);
  incref(func);
  incref(fargs);
  xincref(fkwargs);
  std::atomic<uint64_t> ident{0};
  Interpreter* interp = ts.interp;
  g_running_threads.fetch_add(1, std::memory_order_relaxed);
  LockPolicy::thread_spawning(&ts);  // counted before it exists: from here this thread locks for real
  bool ok = start_os_thread([interp, child, func, fargs, fkwargs, &ident] {
    child->thread_id = current_thread_ident();
    ident.store(child->thread_id, std::memory_order_release);
    run_thread_body(interp, child, func, fargs, fkwargs);
  });
  if (!ok) {
    LockPolicy::thread_spawn_failed();
    g_running_threads.fetch_sub(1, std::memory_order_relaxed);
    thread_state_unregister(*interp, *child);
    delete child;
    decref(func);
    decref(fargs);
    xdecref(fkwargs);
    raise(Exc_RuntimeError, "can't start new thread");
  }
  // The child publishes its ident before it asks for the GIL, so waiting here
  // (holding the GIL) is short and cannot deadlock.
  while (ident.load(std::memory_order_acquire) == 0) std::this_thread::yield();
  return int_from_u64(ident.load(std::memory_order_relaxed));
}

Ref<Object> thread_allocate_lock(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("allocate_lock", kwnames);
  check_nargs("allocate_lock", nargs, 0, 0);
  return new_lock();
}

Ref<Object> thread_get_ident(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get_ident", kwnames);
  check_nargs("get_ident", nargs, 0, 0);
  return int_from_u64(ts.thread_id);
}

Ref<Object> thread_get_native_id(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("get_native_id", kwnames);
  check_nargs("get_native_id", nargs, 0, 0);
  return int_from_u64(current_native_id());
}

Ref<Object> thread_count(ThreadState&, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_count", kwnames);
  check_nargs("_count", nargs, 0, 0);
  return int_from_i64(g_running_threads.load(std::memory_order_relaxed));
}

Ref<Object> thread_monotonic(ThreadState&, Object*, Args, size_t, Object*) {
  return float_from(std::chrono::duration<double>(Clock::now().time_since_epoch()).count());
}

// _print_thread_exception(header, exc): threading.excepthook's output.
Ref<Object> thread_print_exception(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("_print_thread_exception", kwnames);
  check_nargs("_print_thread_exception", nargs, 2, 2);
  stdio_flush_all();
  std::string header = str_utf8(ts, args[0]);
  std::fprintf(stderr, "%s\n", header.c_str());
  if (is_exception(args[1])) print_exception(ts, args[1]);
  std::fflush(stderr);
  return none_ref();
}

const MethodDef kThreadFunctions[] = {
    {"start_new_thread", thread_start_new_thread},
    {"start_new", thread_start_new_thread},
    {"allocate_lock", thread_allocate_lock},
    {"allocate", thread_allocate_lock},
    {"get_ident", thread_get_ident},
    {"get_native_id", thread_get_native_id},
    {"_count", thread_count},
    {"_monotonic", thread_monotonic},
    {"_print_thread_exception", thread_print_exception},
    {nullptr, nullptr},
};

void setup_lock(TypeObject& t) {
  t.name = "_thread.lock";
  t.basicsize = sizeof(LockObject);
  t.dealloc = lock_dealloc;
  t.repr = lock_repr;
  t.methods = kLockMethods;
}

void setup_rlock(TypeObject& t) {
  t.name = "_thread.RLock";
  t.basicsize = sizeof(RLockObject);
  t.dealloc = rlock_dealloc;
  t.repr = rlock_repr;
  t.new_ = rlock_new;
  t.methods = kRLockMethods;
}

void setup_local(TypeObject& t) {
  t.name = "_thread._local";
  t.basicsize = sizeof(LocalObject);
  t.dealloc = local_dealloc;
  t.new_ = local_new;
  t.getattro = local_getattro;
  t.setattro = local_setattro;
}

GK_REGISTER_TYPE(Lock_type, setup_lock);
GK_REGISTER_TYPE(RLock_type, setup_rlock);
GK_REGISTER_TYPE(Local_type, setup_local);

Ref<Object> init_thread_module(ThreadState& ts) {
  Ref<Object> m = module_new(ts, "_thread");
  module_add_functions(ts, m, kThreadFunctions);
  module_add(ts, m, "LockType", &Lock_type);
  module_add(ts, m, "lock", &Lock_type);
  module_add(ts, m, "RLock", &RLock_type);
  module_add(ts, m, "_local", &Local_type);
  module_add(ts, m, "error", Exc_RuntimeError);
  module_add(ts, m, "TIMEOUT_MAX", float_from(kTimeoutMax));
  return m;
}

}  // namespace

GK_REGISTER_MODULE(_thread, init_thread_module);

}  // namespace gk
