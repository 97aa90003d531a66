// runtime/objects/generator.cpp — the generator type: resuming a suspended
// heap frame (__next__, send, throw, close), `yield from` delegation of
// throw/close, PEP 479, and finalisation of an abandoned generator.
//
// States: not started (frame->lasti == -1), suspended (frame at a
// YIELD_VALUE), running (`running`), finished (frame == null). Transitions:
// resume: not started/suspended -> running -> suspended (yield) or finished
// (return or exception); close() of a not-started generator -> finished.
//
// The exception being handled (sys.exc_info()) is per thread; a generator
// suspended inside an `except` block keeps its own handled exception in
// exc_state and swaps it in while it runs (CPython's per-generator exc_info
// link): on resume its outermost EXCEPT_HANDLER block is re-pointed at the
// caller's handled exception, so leaving that block restores the caller's.
#include "objects/generator.hpp"

#include <cstdio>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/int.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/eval.hpp"
#include "vm/eval_ops.hpp"
#include "vm/opcodes.hpp"

namespace gk {

TypeObject Generator_type;

namespace {

GeneratorObject* as_gen(Object* o) noexcept { return static_cast<GeneratorObject*>(o); }

void gen_finish(GeneratorObject* g) noexcept {
  Frame* f = g->frame;
  g->frame = nullptr;
  clear(g->exc_state);
  if (f) frame_free_heap(f);
}

Block* outermost_except_handler(Frame* f) noexcept {
  for (int i = 0; i < f->nblocks; ++i)
    if (f->blocks[i].kind == BlockKind::EXCEPT_HANDLER) return &f->blocks[i];
  return nullptr;
}

// The iterator a generator suspended in `yield from` delegates to: the
// compiler's loop is `SEND exit; YIELD_VALUE; JUMP_BACKWARD send`, with the
// sub-iterator on top of the stack while suspended at the YIELD_VALUE.
Object* gen_yf(GeneratorObject* g) noexcept {
  Frame* f = g->frame;
  if (!f || g->running || f->lasti < 1 || f->stack_depth < 1) return nullptr;
  const uint32_t* code = f->code->code;
  if (instr_op(code[f->lasti]) != OP_YIELD_VALUE || instr_op(code[f->lasti - 1]) != OP_SEND) return nullptr;
  return f->stack_base()[f->stack_depth - 1];
}

// One step of the generator: send `value` (null = None), or raise `exc` at the
// point where it is suspended.
Ref<Object> gen_resume(ThreadState& ts, GeneratorObject* g, Object* value, Object* exc, bool& returned) {
  if (g->running) raise(Exc_ValueError, "generator already executing");
  Frame* f = g->frame;
  if (!f) {
    if (exc) raise_obj(newref(exc));
    returned = true;
    return none_ref();
  }
  if (f->lasti == -1 && !exc && value && !is_none(value))
    raise(Exc_TypeError, "can't send non-None value to a just-started generator");

  // Swap in the generator's handled exception (see the file comment).
  Ref<Object> caller_exc = Ref<Object>::steal(ts.exc_info);
  ts.exc_info = nullptr;
  if (Block* outer = outermost_except_handler(f)) {
    assign(outer->prev_exc, caller_exc.get());
    ts.exc_info = g->exc_state;
    g->exc_state = nullptr;
  } else {
    ts.exc_info = newref(caller_exc.get()).release();
  }

  g->running = true;
  Ref<Object> result;
  try {
    if (exc)
      result = eval_frame_throw(ts, f, exc);
    else
      result = eval_frame(ts, f, f->lasti == -1 ? nullptr : (value ? value : None()));
  } catch (PyError& e) {
    g->running = false;
    xdecref(ts.exc_info);
    ts.exc_info = caller_exc.release();
    gen_finish(g);
    if (e.matches(Exc_StopIteration)) {
      // PEP 479: a StopIteration escaping a generator becomes a RuntimeError.
      Ref<Object> stop = e.take();
      Ref<Object> rt = exception_new(ts, Exc_RuntimeError, "generator raised StopIteration");
      exception_set_context(rt, stop);
      exception_set_cause(rt, stop);
      raise_obj(std::move(rt));
    }
    throw;
  }
  g->running = false;
  bool yielded = instr_op(f->code->code[f->lasti]) == OP_YIELD_VALUE;
  if (yielded && outermost_except_handler(f)) {
    g->exc_state = ts.exc_info;  // suspended inside an except block: keep its exception
  } else {
    xdecref(ts.exc_info);
  }
  ts.exc_info = caller_exc.release();
  returned = !yielded;
  if (!yielded) gen_finish(g);
  return result;
}

Ref<Object> gen_close_impl(ThreadState& ts, GeneratorObject* g);

// yf.close() for a `yield from` delegate.
void close_delegate(ThreadState& ts, Object* yf) {
  if (is_generator(yf)) {
    gen_close_impl(ts, as_gen(yf));
    return;
  }
  if (Ref<Object> meth = lookup_attr(ts, yf, names::close)) call0(ts, meth);
}

// generator.throw(exc) for a normalised exception instance.
Ref<Object> gen_throw_impl(ThreadState& ts, GeneratorObject* g, Object* exc, bool& returned) {
  Ref<Object> keep_yf = newref(gen_yf(g));
  Object* yf = keep_yf.get();
  if (!yf || !is_exception(exc)) return gen_resume(ts, g, nullptr, exc, returned);

  Ref<Object> err;
  if (type_check(exc, Exc_GeneratorExit)) {
    // Close the delegate first, then raise GeneratorExit (or what closing raised) here.
    g->running = true;
    try {
      close_delegate(ts, yf);
    } catch (PyError& e) {
      err = e.take();
    }
    g->running = false;
    return gen_resume(ts, g, nullptr, err ? err.get() : exc, returned);
  }

  Ref<Object> r;
  bool delegate_returned = false;
  g->running = true;
  try {
    if (is_generator(yf)) {
      r = gen_throw_impl(ts, as_gen(yf), exc, delegate_returned);
    } else {
      Ref<Object> meth = lookup_attr(ts, yf, names::throw_);
      if (!meth) {
        g->running = false;
        return gen_resume(ts, g, nullptr, exc, returned);
      }
      r = call1(ts, meth, exc);
    }
  } catch (PyError& e) {
    err = e.take();
  }
  g->running = false;
  if (!err && !delegate_returned) {
    returned = false;  // the delegate yielded: we stay suspended in the SEND loop
    return r;
  }
  if (delegate_returned || type_check(err, Exc_StopIteration)) {
    // The delegate finished: drop it and continue after the SEND loop with its value.
    Ref<Object> val = delegate_returned ? std::move(r) : stop_iteration_value(err);
    Frame* f = g->frame;
    int target = static_cast<int>(instr_arg(f->code->code[f->lasti - 1]));
    Object* sub = f->stack_base()[--f->stack_depth];
    decref(sub);
    f->lasti = target - 1;
    return gen_resume(ts, g, val, nullptr, returned);
  }
  return gen_resume(ts, g, nullptr, err, returned);
}

Ref<Object> gen_close_impl(ThreadState& ts, GeneratorObject* g) {
  Frame* f = g->frame;
  if (!f) return none_ref();
  if (f->lasti == -1) {  // never started: nothing to unwind
    gen_finish(g);
    return none_ref();
  }
  try {
    Ref<Object> exc = exception_new_args(ts, Exc_GeneratorExit, tuple_empty());
    bool returned = false;
    Ref<Object> r = gen_throw_impl(ts, g, exc, returned);
    if (!returned) raise(Exc_RuntimeError, "generator ignored GeneratorExit");
  } catch (PyError& e) {
    if (e.matches(Exc_GeneratorExit) || e.matches(Exc_StopIteration)) return none_ref();
    throw;
  }
  return none_ref();
}

// --- slots and methods -------------------------------------------------------------------

void gen_dealloc(Object* o) noexcept {
  GeneratorObject* g = as_gen(o);
  Frame* f = g->frame;
  if (f && f->lasti != -1 && f->nblocks > 0 && !g->running) {
    // Suspended inside try/finally or with: close() runs the cleanup, as CPython's finaliser.
    if (ThreadState* ts = current_thread_state()) {
      incref(o);  // alive while close() runs
      try {
        gen_close_impl(*ts, g);
      } catch (PyError& e) {
        Ref<Object> exc = e.take();
        print_unraisable(*ts, exc, o);
      } catch (...) {
      }
      // Drop the temporary reference without re-entering dealloc; a count
      // still above zero means the cleanup code stored the generator somewhere.
      if (!LockPolicy::decref(o->ob)) return;
    }
  }
  gen_finish(g);
  clear(g->code);
  clear(g->name);
  clear(g->qualname);
  object_free(o, sizeof(GeneratorObject));
}

Ref<Object> gen_repr(ThreadState&, Object* o) {
  Object* q = as_gen(o)->qualname;
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(o));
  return str_new("<generator object " + (q && is_str(q) ? std::string(str_view(q)) : std::string("?")) + " at " +
                 addr + ">");
}

Ref<Object> gen_iter(ThreadState&, Object* o) { return newref(o); }

Ref<Object> gen_iternext(ThreadState& ts, Object* o) {
  bool returned = false;
  Ref<Object> r = gen_resume(ts, as_gen(o), nullptr, nullptr, returned);
  if (returned) return {};
  return r;
}

Ref<Object> gen_next_method(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__next__", kwnames);
  check_nargs("__next__", nargs, 0, 0);
  bool returned = false;
  Ref<Object> r = gen_resume(ts, as_gen(self), nullptr, nullptr, returned);
  if (returned) raise_stop_iteration(r);
  return r;
}

Ref<Object> gen_send_method(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("send", kwnames);
  check_nargs("send", nargs, 1, 1);
  bool returned = false;
  Ref<Object> r = gen_resume(ts, as_gen(self), args[0], nullptr, returned);
  if (returned) raise_stop_iteration(r);
  return r;
}

Ref<Object> gen_throw_method(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("throw", kwnames);
  check_nargs("throw", nargs, 1, 3);
  Object* typ = args[0];
  Object* val = nargs > 1 ? args[1] : nullptr;
  Object* tb = nargs > 2 ? args[2] : nullptr;
  if (tb && is_none(tb)) tb = nullptr;
  if (tb && type_of(tb) != &Traceback_type) raise(Exc_TypeError, "throw() third argument must be a traceback object");
  Ref<Object> exc;
  if (is_exception_type(typ)) {
    if (val && is_exception(val) && type_check(val, static_cast<TypeObject*>(typ)))
      exc = newref(val);
    else if (!val || is_none(val))
      exc = call0(ts, typ);
    else if (is_tuple(val))
      exc = call_tuple_dict(ts, typ, val, nullptr);
    else
      exc = call1(ts, typ, val);
    if (!is_exception(exc))
      raise_fmt(Exc_TypeError, "calling %s should have returned an instance of BaseException, not %s",
                repr_utf8(ts, typ).c_str(), type_name(exc));
  } else if (is_exception(typ)) {
    if (val && !is_none(val)) raise(Exc_TypeError, "instance exception may not have a separate value");
    exc = newref(typ);
  } else {
    raise_fmt(Exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
              type_name(typ));
  }
  if (tb) exception_set_traceback(exc, tb);
  bool returned = false;
  Ref<Object> r = gen_throw_impl(ts, as_gen(self), exc, returned);
  if (returned) raise_stop_iteration(r);
  return r;
}

Ref<Object> gen_close_method(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("close", kwnames);
  check_nargs("close", nargs, 0, 0);
  return gen_close_impl(ts, as_gen(self));
}

const MethodDef kGeneratorMethods[] = {
    {"__next__", gen_next_method, METH_DEFAULT, "Implement next(self)."},
    {"send", gen_send_method, METH_DEFAULT,
     "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", gen_throw_method, METH_DEFAULT,
     "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\n"
     "StopIteration."},
    {"close", gen_close_method, METH_DEFAULT, "close() -> raise GeneratorExit inside generator."},
    {nullptr, nullptr},
};

Ref<Object> gen_get_name(ThreadState&, Object* o) { return newref(as_gen(o)->name); }
void gen_set_name(ThreadState&, Object* o, Object* v) {
  if (!v || !is_str(v)) raise(Exc_TypeError, "__name__ must be set to a string object");
  assign(as_gen(o)->name, v);
}
Ref<Object> gen_get_qualname(ThreadState&, Object* o) { return newref(as_gen(o)->qualname); }
void gen_set_qualname(ThreadState&, Object* o, Object* v) {
  if (!v || !is_str(v)) raise(Exc_TypeError, "__qualname__ must be set to a string object");
  assign(as_gen(o)->qualname, v);
}
Ref<Object> gen_get_running(ThreadState&, Object* o) { return bool_ref(as_gen(o)->running); }
Ref<Object> gen_get_suspended(ThreadState&, Object* o) {
  GeneratorObject* g = as_gen(o);
  return bool_ref(g->frame && g->frame->lasti != -1 && !g->running);
}
Ref<Object> gen_get_frame(ThreadState&, Object*) { return none_ref(); }  // frames are not objects (yet)
Ref<Object> gen_get_code(ThreadState&, Object* o) { return newref(as_gen(o)->code); }
Ref<Object> gen_get_yieldfrom(ThreadState&, Object* o) {
  Object* yf = gen_yf(as_gen(o));
  return newref(yf ? yf : None());
}

const GetSetDef kGeneratorGetSets[] = {
    {"__name__", gen_get_name, gen_set_name},
    {"__qualname__", gen_get_qualname, gen_set_qualname},
    {"gi_running", gen_get_running, nullptr},
    {"gi_suspended", gen_get_suspended, nullptr},
    {"gi_frame", gen_get_frame, nullptr},
    {"gi_code", gen_get_code, nullptr},
    {"gi_yieldfrom", gen_get_yieldfrom, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_generator(TypeObject& t) {
  t.name = "generator";
  t.basicsize = sizeof(GeneratorObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = gen_dealloc;
  t.repr = gen_repr;
  t.iter = gen_iter;
  t.iternext = gen_iternext;
  t.methods = kGeneratorMethods;
  t.getsets = kGeneratorGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Generator_type, setup_generator);

Ref<Object> generator_new(ThreadState&, Frame* frame) {
  auto* g = alloc_object<GeneratorObject>(&Generator_type);
  g->frame = frame;
  frame->generator = g;
  incref(frame->code);
  g->code = frame->code;
  auto* fn = static_cast<FunctionObject*>(frame->func);
  Object* name = fn && fn->name ? fn->name : frame->code->name;
  Object* qualname = fn && fn->qualname ? fn->qualname : frame->code->qualname;
  if (!qualname) qualname = name;
  incref(name);
  g->name = name;
  incref(qualname);
  g->qualname = qualname;
  return Ref<Object>::steal(g);
}

Ref<Object> generator_send(ThreadState& ts, Object* gen, Object* value, bool& returned) {
  return gen_resume(ts, as_gen(gen), value, nullptr, returned);
}

}  // namespace gk
