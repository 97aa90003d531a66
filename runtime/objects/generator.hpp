// runtime/objects/generator.hpp — generator objects: a suspended heap frame
// plus the protocol that resumes it (__next__, send, throw, close).
#pragma once

#include "objects/object.hpp"

namespace gk {

struct Frame;

struct GeneratorObject : Object {
  Frame* frame;       // owned heap frame; null once the generator has finished
  Object* code;       // CodeObject (strong), kept after the frame is gone (gi_code)
  Object* name;       // str (strong)
  Object* qualname;   // str (strong)
  Object* exc_state;  // the exception its own except-block is handling while suspended (strong, nullable)
  bool running;       // inside send/throw/close (gi_running)
};

inline bool is_generator(const Object* o) noexcept { return type_of(o) == &Generator_type; }

// A generator that owns `frame` (a heap frame of a CO_GENERATOR code, with
// its arguments bound) — what calling a generator function returns.
Ref<Object> generator_new(ThreadState& ts, Frame* frame);

// Resume the generator with `value` (send; null or None for next). Returns the
// yielded value with `returned` false, or the return value with `returned`
// true (the generator has finished). Raises what the generator raises.
Ref<Object> generator_send(ThreadState& ts, Object* gen, Object* value, bool& returned);

}  // namespace gk
