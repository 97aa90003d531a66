// runtime/vm/interpreter.hpp — interpreter-wide state: the builtins and sys
// modules, sys.modules, the recursion limit, the main thread. One per process.
// Fields are written at start-up or under the GIL (later: stop-the-world).
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "objects/object.hpp"
#include "threads/registry.hpp"

namespace gk {

struct Interpreter {
  Object* builtins_module = nullptr;  // strong
  Object* builtins = nullptr;         // its dict (borrowed from the module)
  Object* sys_module = nullptr;       // strong
  Object* modules = nullptr;          // sys.modules dict (strong)
  int recursion_limit = 1000;         // sys.setrecursionlimit
  std::vector<std::string> xoptions;  // -X name[=value]
  ThreadState* main_thread = nullptr;
  ThreadRegistry threads;             // every thread state that may run bytecode
  std::atomic<uint64_t> next_thread_serial{1};
  // GIL statistics of threads that have exited (added when they unregister).
  std::mutex retired_mutex;
  GilStatsSnapshot retired_gil_stats;  // guarded by retired_mutex
};

// Thread lifecycle for every thread but the main one (runtime/modules/thread.cpp).
void thread_state_register(Interpreter& interp, ThreadState& ts);
void thread_state_unregister(Interpreter& interp, ThreadState& ts);

// Start-up: types, singletons, builtins, sys; binds ts to the new interpreter.
// argv becomes sys.argv.
void interpreter_init(Interpreter& interp, ThreadState& ts, const std::vector<std::string>& argv);
void interpreter_fini(Interpreter& interp, ThreadState& ts);

// The allocator's fragmentation report, with the other threads paused (the
// no-GIL allocators' per-thread heaps are read from this thread).
FragmentationReport allocator_report(ThreadState& ts);

// Compile and run source as the __main__ module. Returns the process exit code:
// 0, 1 after printing an uncaught exception's traceback, or SystemExit's code.
int run_main_source(ThreadState& ts, std::string_view source, const std::string& filename);

// compile(source, filename, mode) -> code object; mode "exec" or "eval".
// Throws a Python SyntaxError (PyError) for malformed source.
Ref<Object> compile_source(ThreadState& ts, std::string_view source, const std::string& filename,
                           const char* mode = "exec");

// Run a code object with the given globals (and locals dict for module/class bodies).
Ref<Object> eval_code(ThreadState& ts, Object* code, Object* globals, Object* locals);

// Call a Python function (FunctionObject) with vectorcall arguments.
Ref<Object> function_call(ThreadState& ts, Object* func, Object* const* args, size_t nargs, Object* kwnames);
// Run a function's code with `locals` as its locals dict and its closure's
// cells bound, no arguments: the class body call of __build_class__. Returns
// what the body returns (the __class__ cell when the compiler makes one).
Ref<Object> run_class_body(ThreadState& ts, Object* func, Object* locals);

// Import a module by name (native modules; sys.modules cache). level/fromlist as __import__.
Ref<Object> import_module(ThreadState& ts, Object* name, Object* fromlist, int level);

}  // namespace gk
