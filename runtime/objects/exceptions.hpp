// runtime/objects/exceptions.hpp — Python exceptions: the built-in hierarchy,
// the exception object layout, and how C++ code raises and catches them.
//
// A Python exception travels through C++ as a thrown gk::PyError that owns the
// exception instance. Raising:   raise(Exc_TypeError, "bad operand");
//                                raise_fmt(Exc_ValueError, "x = %d", 3);
// Catching:                      catch (PyError& e) { if (e.matches(Exc_KeyError)) ... }
// Tracebacks: the eval loop appends an entry to the exception's __traceback__
// as the PyError passes through each Python frame.
#pragma once

#include <cstdarg>
#include <string>

#include "objects/object.hpp"

namespace gk {

// Every built-in exception type: X(Name, Base). Order matters: bases first.
#define GK_EXCEPTION_TYPES(X)                          \
  X(BaseException, BaseException)                      \
  X(SystemExit, BaseException)                         \
  X(KeyboardInterrupt, BaseException)                  \
  X(GeneratorExit, BaseException)                      \
  X(Exception, BaseException)                          \
  X(StopIteration, Exception)                          \
  X(StopAsyncIteration, Exception)                     \
  X(ArithmeticError, Exception)                        \
  X(FloatingPointError, ArithmeticError)               \
  X(OverflowError, ArithmeticError)                    \
  X(ZeroDivisionError, ArithmeticError)                \
  X(AssertionError, Exception)                         \
  X(AttributeError, Exception)                         \
  X(BufferError, Exception)                            \
  X(EOFError, Exception)                               \
  X(ImportError, Exception)                            \
  X(ModuleNotFoundError, ImportError)                  \
  X(LookupError, Exception)                            \
  X(IndexError, LookupError)                           \
  X(KeyError, LookupError)                             \
  X(MemoryError, Exception)                            \
  X(NameError, Exception)                              \
  X(UnboundLocalError, NameError)                      \
  X(OSError, Exception)                                \
  X(FileNotFoundError, OSError)                        \
  X(FileExistsError, OSError)                          \
  X(PermissionError, OSError)                          \
  X(IsADirectoryError, OSError)                        \
  X(NotADirectoryError, OSError)                       \
  X(TimeoutError, OSError)                             \
  X(InterruptedError, OSError)                         \
  X(BlockingIOError, OSError)                          \
  X(ChildProcessError, OSError)                        \
  X(ProcessLookupError, OSError)                       \
  X(ConnectionError, OSError)                          \
  X(BrokenPipeError, ConnectionError)                  \
  X(ConnectionAbortedError, ConnectionError)           \
  X(ConnectionRefusedError, ConnectionError)           \
  X(ConnectionResetError, ConnectionError)             \
  X(ReferenceError, Exception)                         \
  X(RuntimeError, Exception)                           \
  X(NotImplementedError, RuntimeError)                 \
  X(RecursionError, RuntimeError)                      \
  X(SyntaxError, Exception)                            \
  X(IndentationError, SyntaxError)                     \
  X(TabError, IndentationError)                        \
  X(SystemError, Exception)                            \
  X(TypeError, Exception)                              \
  X(ValueError, Exception)                             \
  X(UnicodeError, ValueError)                          \
  X(UnicodeDecodeError, UnicodeError)                  \
  X(UnicodeEncodeError, UnicodeError)                  \
  X(UnicodeTranslateError, UnicodeError)               \
  X(Warning, Exception)                                \
  X(UserWarning, Warning)                              \
  X(DeprecationWarning, Warning)                       \
  X(RuntimeWarning, Warning)                           \
  X(PendingDeprecationWarning, Warning)                \
  X(SyntaxWarning, Warning)                            \
  X(FutureWarning, Warning)                            \
  X(ImportWarning, Warning)                            \
  X(UnicodeWarning, Warning)                           \
  X(BytesWarning, Warning)                             \
  X(ResourceWarning, Warning)                          \
  X(EncodingWarning, Warning)

#define GK_DECLARE_EXC(name, base) extern TypeObject* const Exc_##name;
GK_EXCEPTION_TYPES(GK_DECLARE_EXC)
#undef GK_DECLARE_EXC

// The layout shared by every exception instance (user exception classes add a
// __dict__ after it). Extra attributes (StopIteration.value, SyntaxError's
// filename/lineno/offset/text/msg, OSError.errno, KeyError's key, ...) live in
// the instance __dict__ or are derived from args.
struct BaseExceptionObject : Object {
  Object* dict;              // instance __dict__ (strong, may be null until first use)
  Object* args;              // tuple (strong, never null after init)
  Object* traceback;         // TracebackObject or null (strong)
  Object* cause;             // __cause__ or null (strong)
  Object* context;           // __context__ or null (strong)
  bool suppress_context;     // __suppress_context__
};

// A traceback entry (the __traceback__ chain): innermost entry is last in
// the tb_next chain, as in CPython.
struct TracebackObject : Object {
  Object* next;      // TracebackObject or null (strong)
  Object* code;      // the CodeObject of the frame (strong)
  int lasti;         // instruction index in that frame
  int lineno;        // source line of lasti
};

// The C++ carrier of a Python exception. Owns one reference to the instance.
class PyError {
 public:
  explicit PyError(Ref<Object> exc) noexcept : exc_(std::move(exc)) {}
  Object* value() const noexcept { return exc_.get(); }
  TypeObject* type() const noexcept { return type_of(exc_.get()); }
  bool matches(TypeObject* t) const noexcept { return type_check(exc_.get(), t); }
  Ref<Object> take() noexcept { return std::move(exc_); }

 private:
  Ref<Object> exc_;
};

// Create an instance of an exception type with a message (args = (msg,)).
Ref<Object> exception_new(ThreadState& ts, TypeObject* type, std::string_view msg);
// Create an instance with the given args tuple.
Ref<Object> exception_new_args(ThreadState& ts, TypeObject* type, Object* args);

// Raising. None of these return. They need no ThreadState: constructing a
// built-in exception runs no Python code.
[[noreturn]] void raise(TypeObject* type, std::string_view msg);
[[noreturn]] void raise_fmt(TypeObject* type, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
[[noreturn]] void raise_obj(Ref<Object> exc);
[[noreturn]] void raise_with_arg(TypeObject* type, Object* arg);  // args = (arg,), e.g. KeyError(key)
[[noreturn]] void raise_stop_iteration(Object* value);           // StopIteration(value)
[[noreturn]] void raise_no_memory();

// Common messages, CPython's wording.
[[noreturn]] void raise_attribute_error(Object* obj, Object* name);   // 'X' object has no attribute 'y'
[[noreturn]] void raise_type_not(const char* what, Object* got);     // "<what>, not <type>"

// Builds a SyntaxError instance from the parser's error description.
struct SyntaxErrorInfo;
Ref<Object> syntax_error_new(ThreadState& ts, const SyntaxErrorInfo& info);

// Exception instance accessors.
inline BaseExceptionObject* as_exc(Object* o) noexcept { return static_cast<BaseExceptionObject*>(o); }
void exception_set_traceback(Object* exc, Object* tb);
void exception_set_context(Object* exc, Object* context);  // strong; breaks would-be cycles as CPython does
void exception_set_cause(Object* exc, Object* cause);      // also sets __suppress_context__ = True
// Prepend one entry (code, lasti, lineno) to exc.__traceback__ (called as the
// exception leaves a frame, so the outermost frame ends up first).
void traceback_add(Object* exc, Object* code, int lasti, int lineno);

// Print `exc` with its traceback, chained causes/contexts, CPython-style, to stderr.
void print_exception(ThreadState& ts, Object* exc);
// Report an exception that cannot propagate (a failing __del__, a generator's
// cleanup at finalisation), as CPython's "Exception ignored in: <obj>" plus the
// traceback, to stderr. `obj` may be null. Never throws. (runtime/vm/traceback.cpp)
void print_unraisable(ThreadState& ts, Object* exc, Object* obj) noexcept;

void init_exceptions();  // builds the hierarchy at start-up

}  // namespace gk
