// runtime/vm/eval_ops.hpp — the out-of-line (slow) halves of the eval loop's
// instructions: name lookups with their error messages, unpacking, raise,
// with, imports, f-string formatting, function creation, ** merging,
// generator delegation. Private to runtime/vm (eval.cpp calls them).
//
// Conventions: Object* parameters are borrowed; results are new references;
// every function may throw PyError, with CPython 3.11's messages.
#pragma once

#include <cstddef>
#include <string>

#include "objects/code.hpp"
#include "vm/frame.hpp"

namespace gk {

// --- names ------------------------------------------------------------------------
[[noreturn]] void raise_name_error(ThreadState& ts, Object* name);          // name 'x' is not defined
[[noreturn]] void raise_unbound_local(ThreadState& ts, CodeObject* co, int i);  // LOAD_FAST of an unset local
[[noreturn]] void raise_unbound_deref(ThreadState& ts, CodeObject* co, int i);  // empty cell i (cell or free)
Ref<Object> eval_load_name(ThreadState& ts, Frame* f, Object* name);        // LOAD_NAME
Ref<Object> eval_load_global_slow(ThreadState& ts, Frame* f, Object* name);  // LOAD_GLOBAL, non-dict paths
void eval_store_name(ThreadState& ts, Frame* f, Object* name, Object* v);    // STORE_NAME
void eval_delete_name(ThreadState& ts, Frame* f, Object* name);              // DELETE_NAME
void eval_delete_global(ThreadState& ts, Frame* f, Object* name);            // DELETE_GLOBAL
Ref<Object> eval_load_classderef(ThreadState& ts, Frame* f, int i);         // LOAD_CLASSDEREF
Ref<Object> eval_load_build_class(ThreadState& ts, Frame* f);               // LOAD_BUILD_CLASS
void eval_setup_annotations(ThreadState& ts, Frame* f);                      // SETUP_ANNOTATIONS

// LOAD_METHOD: true when `name` is a plain method found on type(obj) that
// can be called with obj as its first argument (*out = the unbound method);
// false with *out = getattr(obj, name) otherwise.
bool eval_load_method(ThreadState& ts, Object* obj, Object* name, Object** out);

// --- unpacking ------------------------------------------------------------------------
// Store the n items of `seq` at out[0..n) with item 0 at out[n-1] (it ends
// on top of the stack). Nothing is written unless the whole unpack succeeds.
void eval_unpack_sequence(ThreadState& ts, Object* seq, size_t n, Object** out);
// a, *b, c = seq: `before` items, the list of the rest, `after` items; written
// like eval_unpack_sequence (before + 1 + after entries).
void eval_unpack_ex(ThreadState& ts, Object* seq, size_t before, size_t after, Object** out);

// --- exceptions -------------------------------------------------------------------------
// RAISE_VARARGS' operand (an exception class or instance) as an instance.
Ref<Object> eval_make_exception(ThreadState& ts, Object* exc_or_type);
// `raise exc from cause`: sets __cause__ (None: no cause, context suppressed).
void eval_set_cause(ThreadState& ts, Object* exc, Object* cause);
// CHECK_EXC_MATCH: isinstance(exc, type) for a class or tuple of classes.
bool eval_exception_matches(ThreadState& ts, Object* exc, Object* type);
// Pop every block of a returning frame (restoring exc_info under EXCEPT_HANDLER blocks).
void eval_pop_blocks(ThreadState& ts, Frame* f) noexcept;

// --- with -----------------------------------------------------------------------------------
// BEFORE_WITH: *exit = bound mgr.__exit__ (new reference); returns mgr.__enter__().
Ref<Object> eval_before_with(ThreadState& ts, Object* mgr, Object** exit);
// WITH_EXCEPT_START: exit(type(exc), exc, exc.__traceback__).
Ref<Object> eval_with_except_start(ThreadState& ts, Object* exit, Object* exc);

// --- strings ---------------------------------------------------------------------------------
Ref<Object> eval_format_value(ThreadState& ts, Object* value, int conversion, Object* spec /*nullable*/);
Ref<Object> eval_build_string(ThreadState& ts, Object* const* items, size_t n);

// --- containers --------------------------------------------------------------------------------
void eval_set_update(ThreadState& ts, Object* set, Object* iterable);
void eval_dict_update(ThreadState& ts, Object* dict, Object* update);                   // {**x}
void eval_dict_merge(ThreadState& ts, Object* callable, Object* dict, Object* update);  // f(**x)
Ref<Object> eval_build_map(ThreadState& ts, Object* const* items, size_t npairs);
Ref<Object> eval_build_set(ThreadState& ts, Object* const* items, size_t n);

// --- calls and definitions -----------------------------------------------------------------------
// callable(*args, **kwargs); args any iterable, kwargs a dict or null.
Ref<Object> eval_call_function_ex(ThreadState& ts, Object* callable, Object* args, Object* kwargs);
// MAKE_FUNCTION: extras holds [defaults? kwdefaults? annotations? closure?] per flags, then code.
Ref<Object> eval_make_function(ThreadState& ts, Frame* f, Object* const* extras, uint32_t flags, Object* code);
// "f()" / "mod.f()" as CPython names a callable in call errors.
std::string eval_function_str(ThreadState& ts, Object* callable);

// --- imports ----------------------------------------------------------------------------------------
Ref<Object> eval_import_name(ThreadState& ts, Frame* f, Object* name, Object* fromlist, Object* level);
Ref<Object> eval_import_from(ThreadState& ts, Object* module, Object* name);
void eval_import_star(ThreadState& ts, Frame* f, Object* module);

// --- generators ---------------------------------------------------------------------------------------
Ref<Object> eval_get_yield_from_iter(ThreadState& ts, Object* o);
// SEND: advance `subiter` with `v`; *done = true when it returned (result = its return value).
Ref<Object> eval_send(ThreadState& ts, Object* subiter, Object* v, bool* done);
// The return value carried by a StopIteration instance (its first arg or None).
Ref<Object> stop_iteration_value(Object* exc);

}  // namespace gk
