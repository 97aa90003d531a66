// runtime/vm/eval.cpp — the dispatch loop: one handler per opcode of the
// GK_OPCODES table (opcodes.hpp), computed-goto dispatch through a label table
// built from the same table, exception unwinding through the frame's block
// stack, and Python-to-Python calls that reuse this C++ activation.
// Slow paths live in eval_ops.cpp (instructions), call.cpp (argument
// binding) and frame.cpp (frame memory); LOAD_GLOBAL / LOAD_ATTR /
// STORE_ATTR / LOAD_METHOD go through the inline caches of code_cache.hpp.
//
// Registers of the loop (locals, reloaded whenever `frame` changes):
//   frame   the executing frame (ts.frame == frame while running)
//   first   the code's first instruction; ip the NEXT instruction
//   lp      frame->localsplus(); sp the value-stack top (one past TOS)
//   consts, names   the code's tuples' item arrays
// A frame that is not executing keeps its position in frame->lasti (the
// instruction in progress: the call) and frame->stack_depth; while it runs
// both are stale, so whatever empties its stack sets stack_depth to 0 before
// the frame is cleared (clearing drops stack[0, stack_depth)).
//
// Computed gotos do not run destructors: a handler must not DISPATCH() while
// an object with a destructor (Ref<>, a CriticalSection) is in scope.
//
// Stack discipline (what makes unwinding simple): an instruction leaves its
// operands on the stack until its operation has succeeded, so when a C++
// PyError is thrown every slot below sp is a strong reference (or NULL).
// Unwinding pops them down to the handler block's level.
//
// Exceptions: a C++ PyError thrown by any handler is caught once per loop
// iteration (zero-cost try), then unwound here; `raise` and RERAISE jump to
// the unwinder directly. A traceback entry is added for the frame where an
// exception is raised or through whose call it passes; RERAISE and a bare
// `raise` add none (as CPython).
#include "vm/eval.hpp"

#include <atomic>
#include <bit>
#include <climits>
#include <new>

#include "gc/collector.hpp"
#include "objects/abstract.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/function.hpp"
#include "objects/generator.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/range.hpp"
#include "objects/set.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/code_cache.hpp"
#include "vm/eval_ops.hpp"
#include "vm/interpreter.hpp"
#include "vm/opcodes.hpp"

namespace gk {

void handle_eval_breaker(ThreadState& ts) {
  uint32_t bits = ts.eval_breaker.load(std::memory_order_acquire);
  if (!bits) return;
  // The lock policy serves what it owns (under the GIL: the drop request, by
  // handing the GIL to a waiting thread; without it: merges, QSBR reports and
  // stop-the-world pauses).
  LockPolicy::on_eval_breaker(ts, bits);
  // Pending calls are not served yet: cleared, so the loop does not stop on
  // them forever.
  if (bits & kPendingCalls) ts.eval_breaker.fetch_and(~kPendingCalls, std::memory_order_relaxed);
  // An automatic cyclic collection, at this safe point (runtime/gc/collector.hpp).
  if (bits & kGcScheduled) gc_collect_scheduled(ts);
}

namespace {

// a OP b on two int64 values when the result fits in int64; false otherwise
// (overflow, division by zero, kinds without a fast path).
inline bool small_int_binop(int kind, int64_t a, int64_t b, int64_t& c) noexcept {
  switch (kind) {
    case NB_ADD: return !__builtin_add_overflow(a, b, &c);
    case NB_SUBTRACT: return !__builtin_sub_overflow(a, b, &c);
    case NB_MULTIPLY: return !__builtin_mul_overflow(a, b, &c);
    case NB_AND: c = a & b; return true;
    case NB_OR: c = a | b; return true;
    case NB_XOR: c = a ^ b; return true;
    case NB_FLOOR_DIVIDE:
      if (b == 0 || (a == INT64_MIN && b == -1)) return false;
      c = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) --c;
      return true;
    case NB_REMAINDER:
      if (b == 0 || b == -1) return false;
      c = a % b;
      if (c != 0 && ((c < 0) != (b < 0))) c += b;
      return true;
    case NB_RSHIFT:
      if (b < 0) return false;
      c = b >= 63 ? (a < 0 ? -1 : 0) : a >> b;
      return true;
    case NB_LSHIFT:
      if (b < 0 || b >= 63) return false;
      c = static_cast<int64_t>(static_cast<uint64_t>(a) << b);
      return (c >> b) == a;
    default: return false;
  }
}

// a OP b on two doubles for the operators that cannot raise; false otherwise.
inline bool float_binop(int kind, double a, double b, double& c) noexcept {
  switch (kind) {
    case NB_ADD: c = a + b; return true;
    case NB_SUBTRACT: c = a - b; return true;
    case NB_MULTIPLY: c = a * b; return true;
    case NB_TRUE_DIVIDE:
      if (b == 0.0) return false;
      c = a / b;
      return true;
    default: return false;
  }
}

template <class T>
inline int compare_values(int op, T a, T b) noexcept {
  switch (static_cast<CompareOp>(op)) {
    case CompareOp::LT: return a < b;
    case CompareOp::LE: return a <= b;
    case CompareOp::EQ: return a == b;
    case CompareOp::NE: return a != b;
    case CompareOp::GT: return a > b;
    case CompareOp::GE: return a >= b;
  }
  return -1;
}

inline bool exact_small_int(const Object* o) noexcept { return type_of(o) == &Int_type && int_is_small(o); }

// An exact float held only by the reference being consumed: the eval loop
// may store a result in it instead of freeing it and allocating another.
inline bool float_reusable(const Object* o) noexcept {
  return type_of(o) == &Float_type && LockPolicy::is_unique(o->ob);
}

// The class's __init__ (run inline by CALL) returned `retval`, not None: the
// TypeError type.__call__ raises, after dropping both references.
[[gnu::noinline, gnu::cold, noreturn]] void init_returned_non_none(Object* retval, Object* self) {
  std::string tn = type_name(retval);
  decref(retval);
  decref(self);
  raise_fmt(Exc_TypeError, "__init__() should return None, not '%s'", tn.c_str());
}

// A C++ exception other than PyError, as a Python exception instance.
[[gnu::noinline]] Object* exception_from_cpp(const std::exception& e) {
  try {
    if (dynamic_cast<const std::bad_alloc*>(&e)) raise_no_memory();
    raise_fmt(Exc_SystemError, "internal error: %s", e.what());
  } catch (PyError& pe) {
    return pe.take().release();
  } catch (...) {
  }
  return nullptr;
}

Ref<Object> run_frame(ThreadState& ts, Frame* entry, Object* sent, Object* throw_exc);

}  // namespace

Ref<Object> eval_frame(ThreadState& ts, Frame* frame, Object* sent) { return run_frame(ts, frame, sent, nullptr); }

Ref<Object> eval_frame_throw(ThreadState& ts, Frame* frame, Object* exc) {
  return run_frame(ts, frame, nullptr, exc);
}

namespace {

#define TARGET(name) op_##name:
#define DISPATCH()                     \
  do {                                 \
    uint32_t w_ = *ip++;               \
    oparg = w_ >> 8;                   \
    goto* kLabels[w_ & 0xff];          \
  } while (0)
#define LOAD_FRAME_REGS()                                            \
  do {                                                               \
    first = frame->code->code;                                       \
    lp = frame->localsplus();                                        \
    consts = tuple_items(frame->code->consts);                       \
    names = tuple_items(frame->code->names);                         \
  } while (0)
#define POP_DECREF(n)                                 \
  do {                                                \
    for (size_t i_ = 0; i_ < static_cast<size_t>(n); ++i_) { \
      Object* v_ = *--sp;                             \
      xdecref(v_);                                    \
    }                                                 \
  } while (0)
#define SET_TOP(r)           \
  do {                       \
    Object* old_ = sp[-1];   \
    sp[-1] = (r);            \
    xdecref(old_);           \
  } while (0)
#define JUMPTO(target) (ip = first + (target))
#define CHECK_EVAL_BREAKER()                                          \
  do {                                                                \
    if (ts.eval_breaker.load(std::memory_order_relaxed)) handle_eval_breaker(ts); \
  } while (0)
#define LASTI() (static_cast<int>(ip - first) - 1)

// no-tree-loop-distribute-patterns: the short loops inlined here (a new frame's locals) stay
// loops, not memset calls.
// no-crossjumping / no-gcse: keep one indirect jump per handler (GCC otherwise merges the
// dispatch jumps into a few shared ones, which defeats branch prediction).
[[gnu::hot, gnu::optimize("no-crossjumping", "no-gcse", "no-tree-loop-distribute-patterns")]]
Ref<Object> run_frame(ThreadState& ts, Frame* entry, Object* sent, Object* throw_exc) {
#define GK_LABEL_ADDR(name, has_arg, effect, kind) &&op_##name,
  static void* const kLabels[OP__COUNT] = {GK_OPCODES(GK_LABEL_ADDR)};
#undef GK_LABEL_ADDR

  check_c_stack(ts);
  if (ts.recursion_depth >= ts.interp->recursion_limit) raise_recursion_error();
  ++ts.recursion_depth;
  entry->back = ts.frame;
  ts.frame = entry;

  Frame* frame = entry;
  const uint32_t* first;
  const uint32_t* ip;
  Object** lp;
  Object** sp;
  Object* const* consts;
  Object* const* names;
  uint32_t oparg = 0;
  Object* kwnames = nullptr;  // set by KW_NAMES for the next call (borrowed from consts)
  Object* exc = nullptr;      // the exception being unwound (owned)
  bool add_tb = true;         // add a traceback entry for `frame` when unwinding starts
  bool set_ctx = true;        // a fresh exception gets __context__ = ts.exc_info
  // The call being made (CALL / CALL_METHOD share their second half).
  Object* callable;
  Object** call_base;  // first stack slot the call consumes
  Object** call_args;
  size_t call_nargs;
  Object* call_kw;

  LOAD_FRAME_REGS();
  ip = first + frame->lasti + 1;
  sp = frame->stack_base() + frame->stack_depth;
  if (sent) {
    incref(sent);
    *sp++ = sent;
  }
  if (throw_exc) {
    incref(throw_exc);
    exc = throw_exc;
    set_ctx = false;
    goto exception_unwind;
  }

  for (;;) {
  resume:
    try {
      DISPATCH();

      // --- stack manipulation -----------------------------------------------------------
      TARGET(NOP) { DISPATCH(); }
      TARGET(POP_TOP) {
        Object* v = *--sp;
        xdecref(v);
        DISPATCH();
      }
      TARGET(COPY) {
        Object* v = sp[-static_cast<int>(oparg)];
        xincref(v);
        *sp++ = v;
        DISPATCH();
      }
      TARGET(SWAP) {
        Object* t = sp[-1];
        sp[-1] = sp[-static_cast<int>(oparg)];
        sp[-static_cast<int>(oparg)] = t;
        DISPATCH();
      }
      TARGET(PUSH_NULL) {
        *sp++ = nullptr;
        DISPATCH();
      }

      // --- constants and variables ----------------------------------------------------------
      TARGET(LOAD_CONST) {
        Object* v = consts[oparg];
        incref(v);
        *sp++ = v;
        DISPATCH();
      }
      TARGET(LOAD_FAST) {
        Object* v = lp[oparg];
        if (__builtin_expect(v == nullptr, 0)) raise_unbound_local(ts, frame->code, static_cast<int>(oparg));
        incref(v);
        *sp++ = v;
        DISPATCH();
      }
      TARGET(STORE_FAST) {
        Object* old = lp[oparg];
        lp[oparg] = *--sp;
        xdecref(old);
        DISPATCH();
      }
      TARGET(DELETE_FAST) {
        if (!lp[oparg]) raise_unbound_local(ts, frame->code, static_cast<int>(oparg));
        clear(lp[oparg]);
        DISPATCH();
      }
      TARGET(LOAD_NAME) {
        Object* locals = frame->locals;
        Object* v;
        if (locals && type_of(locals) == &Dict_type) {
          // eval_load_name's steps, the locals lookup through the entry's hint.
          CacheEntry* e = cache_entry(frame->code, LASTI());
          v = hinted_get(ts, e, locals, names[oparg]);
          if (v)
            incref(v);
          else
            v = eval_load_global_slow(ts, frame, names[oparg]).release();
        } else {
          v = eval_load_name(ts, frame, names[oparg]).release();
        }
        *sp++ = v;
        DISPATCH();
      }
      TARGET(STORE_NAME) {
        Object* locals = frame->locals;
        if (locals && type_of(locals) == &Dict_type)
          hinted_set(ts, cache_entry(frame->code, LASTI()), locals, names[oparg], sp[-1]);
        else
          eval_store_name(ts, frame, names[oparg], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(DELETE_NAME) {
        eval_delete_name(ts, frame, names[oparg]);
        DISPATCH();
      }
      TARGET(LOAD_GLOBAL) {
        CacheEntry* e = cache_entry(frame->code, LASTI());
        Object* v = global_entry_read(e, frame->globals, frame->builtins);
        if (!v) {
          v = global_cache_fill(ts, e, frame->globals, frame->builtins, names[oparg]);
          if (!v) raise_name_error(ts, names[oparg]);
        }
        incref(v);
        *sp++ = v;
        DISPATCH();
      }
      TARGET(STORE_GLOBAL) {
        dict_set(ts, frame->globals, names[oparg], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(DELETE_GLOBAL) {
        eval_delete_global(ts, frame, names[oparg]);
        DISPATCH();
      }
      TARGET(LOAD_DEREF) {
        auto* cell = static_cast<CellObject*>(lp[frame->code->nlocals + oparg]);
        Object* v = cell_load(cell);
        if (!v) raise_unbound_deref(ts, frame->code, static_cast<int>(oparg));
        incref(v);
        *sp++ = v;
        DISPATCH();
      }
      TARGET(STORE_DEREF) {
        auto* cell = static_cast<CellObject*>(lp[frame->code->nlocals + oparg]);
        xdecref_shared(ts, cell_exchange(cell, *--sp));
        DISPATCH();
      }
      TARGET(DELETE_DEREF) {
        auto* cell = static_cast<CellObject*>(lp[frame->code->nlocals + oparg]);
        Object* old = cell_exchange(cell, nullptr);
        if (!old) raise_unbound_deref(ts, frame->code, static_cast<int>(oparg));
        decref_shared(ts, old);
        DISPATCH();
      }
      TARGET(LOAD_CLOSURE) {
        Object* cell = lp[frame->code->nlocals + oparg];
        incref(cell);
        *sp++ = cell;
        DISPATCH();
      }
      TARGET(LOAD_CLASSDEREF) {
        Object* v = eval_load_classderef(ts, frame, static_cast<int>(oparg)).release();
        *sp++ = v;
        DISPATCH();
      }
      TARGET(LOAD_ATTR) {
        Object* obj = sp[-1];
        TypeObject* t = type_of(obj);
        CacheEntry* e = cache_entry(frame->code, LASTI());
        AttrView view;
        if (!attr_entry_read(e, t, view)) view = attr_cache_fill(e, t, names[oparg], false, false);
        Object* r = cached_load_attr(ts, e, view, obj, names[oparg]);
        if (!r) r = getattr(ts, obj, names[oparg]).release();
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(STORE_ATTR) {
        Object* obj = sp[-1];
        TypeObject* t = type_of(obj);
        CacheEntry* e = cache_entry(frame->code, LASTI());
        AttrView view;
        if (!attr_entry_read(e, t, view)) view = attr_cache_fill(e, t, names[oparg], true, false);
        if (!cached_store_attr(ts, e, view, obj, names[oparg], sp[-2])) setattr(ts, obj, names[oparg], sp[-2]);
        POP_DECREF(2);
        DISPATCH();
      }
      TARGET(DELETE_ATTR) {
        delattr(ts, sp[-1], names[oparg]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(LOAD_METHOD) {
        Object* obj = sp[-1];
        Object* name = names[oparg];
        TypeObject* t = type_of(obj);
        CacheEntry* e = cache_entry(frame->code, LASTI());
        AttrView view;
        if (!attr_entry_read(e, t, view)) view = attr_cache_fill(e, t, name, false, true);
        Object* m;
        if (view.kind == CacheKind::ATTR_METHOD) {
          // A method on the type, unless the instance dict shadows it.
          m = instance_dict_lookup(ts, e, obj, name);
          if (!m) {
            m = view.value;
            incref(m);
            sp[-1] = m;  // [meth obj]: obj's reference moves up
            *sp++ = obj;
            DISPATCH();
          }
        } else {
          m = cached_load_attr(ts, e, view, obj, name);
        }
        if (m) {
          sp[-1] = m;  // [attr NULL]
          *sp++ = nullptr;
          decref(obj);
        } else if (eval_load_method(ts, obj, name, &m)) {
          sp[-1] = m;  // [meth obj]: obj's reference moves up
          *sp++ = obj;
        } else {
          sp[-1] = m;  // [attr NULL]
          *sp++ = nullptr;
          decref(obj);
        }
        DISPATCH();
      }

      // --- operators ---------------------------------------------------------------------------
      TARGET(UNARY_POSITIVE) {
        Object* r = unary_positive(ts, sp[-1]).release();
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(UNARY_NEGATIVE) {
        Object* v = sp[-1];
        Object* r;
        if (exact_small_int(v) && int_small_value(v) != INT64_MIN)
          r = int_from_i64(-int_small_value(v)).release();
        else
          r = unary_negative(ts, v).release();
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(UNARY_NOT) {
        bool t = is_true(ts, sp[-1]);
        Object* r = t ? False() : True();
        incref(r);
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(UNARY_INVERT) {
        Object* r = unary_invert(ts, sp[-1]).release();
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(BINARY_OP) {
        Object* r = sp[-1];
        Object* l = sp[-2];
        Object* res;
        int kind = oparg >= static_cast<uint32_t>(NB_INPLACE_OFFSET) ? static_cast<int>(oparg) - NB_INPLACE_OFFSET
                                                                       : static_cast<int>(oparg);
        if (type_of(l) == type_of(r)) {
          if (exact_small_int(l) && int_is_small(r)) {
            int64_t c;
            if (small_int_binop(kind, int_small_value(l), int_small_value(r), c)) {
              res = int_from_i64(c).release();
              goto binop_done;
            }
            if (kind == NB_TRUE_DIVIDE) {
              int64_t a = int_small_value(l), b = int_small_value(r);
              constexpr int64_t k53 = int64_t(1) << 53;
              if (b != 0 && a > -k53 && a < k53 && b > -k53 && b < k53) {
                res = float_from(static_cast<double>(a) / static_cast<double>(b)).release();
                goto binop_done;
              }
            }
          } else if (type_of(l) == &Float_type) {
            double c;
            if (float_binop(kind, float_value(l), float_value(r), c)) {
              // An operand whose only reference is this stack slot (a temporary)
              // would die right after: it takes the result instead.
              if (float_reusable(l)) {
                static_cast<FloatObject*>(l)->value = c;
                --sp;
                decref(r);
                DISPATCH();
              }
              if (float_reusable(r)) {
                static_cast<FloatObject*>(r)->value = c;
                --sp;
                sp[-1] = r;
                decref(l);
                DISPATCH();
              }
              res = float_from(c).release();
              goto binop_done;
            }
            if (kind == NB_POWER) {  // the float slot's own operation, without the slot dispatch
              res = float_pow(ts, float_value(l), float_value(r)).release();
              goto binop_done;
            }
          } else if (type_of(l) == &Str_type && kind == NB_ADD) {
            res = str_concat(l, r).release();
            goto binop_done;
          }
        }
        res = binary_op(ts, l, r, static_cast<int>(oparg)).release();
      binop_done:
        --sp;
        sp[-1] = res;
        decref(r);
        decref(l);
        DISPATCH();
      }
      TARGET(COMPARE_OP) {
        Object* r = sp[-1];
        Object* l = sp[-2];
        int cmp = -1;
        if (type_of(l) == type_of(r)) {
          if (exact_small_int(l) && int_is_small(r))
            cmp = compare_values(static_cast<int>(oparg), int_small_value(l), int_small_value(r));
          else if (type_of(l) == &Float_type)
            cmp = compare_values(static_cast<int>(oparg), float_value(l), float_value(r));
          else if (type_of(l) == &Str_type && (oparg == static_cast<uint32_t>(CompareOp::EQ) ||
                                               oparg == static_cast<uint32_t>(CompareOp::NE)))
            cmp = str_equal(l, r) == (oparg == static_cast<uint32_t>(CompareOp::EQ));
        }
        if (cmp >= 0) {
          sp -= 2;
          decref(r);
          decref(l);
          // Fuse with a following conditional jump: no bool object, one dispatch.
          uint32_t next = *ip;
          if ((next & 0xff) == OP_POP_JUMP_IF_FALSE) {
            ++ip;
            if (!cmp) JUMPTO(next >> 8);
            DISPATCH();
          }
          if ((next & 0xff) == OP_POP_JUMP_IF_TRUE) {
            ++ip;
            if (cmp) JUMPTO(next >> 8);
            DISPATCH();
          }
          Object* b = cmp ? True() : False();
          incref(b);
          *sp++ = b;
          DISPATCH();
        }
        Object* res = rich_compare(ts, l, r, static_cast<CompareOp>(oparg)).release();
        --sp;
        sp[-1] = res;
        decref(r);
        decref(l);
        DISPATCH();
      }
      TARGET(IS_OP) {
        bool same = (sp[-2] == sp[-1]) != (oparg != 0);
        POP_DECREF(2);
        Object* b = same ? True() : False();
        incref(b);
        *sp++ = b;
        DISPATCH();
      }
      TARGET(CONTAINS_OP) {
        bool in = contains(ts, sp[-1], sp[-2]) != (oparg != 0);
        POP_DECREF(2);
        Object* b = in ? True() : False();
        incref(b);
        *sp++ = b;
        DISPATCH();
      }
      TARGET(BINARY_SUBSCR) {
        Object* key = sp[-1];
        Object* c = sp[-2];
        Object* res = nullptr;
        if (exact_small_int(key)) {
          int64_t i = int_small_value(key);
          if (type_of(c) == &List_type) {
            int64_t n = static_cast<int64_t>(list_size(c));
            if (i < 0) i += n;
            if (i >= 0 && i < n) res = list_get(c, static_cast<size_t>(i));
          } else if (type_of(c) == &Tuple_type) {
            int64_t n = static_cast<int64_t>(tuple_size(c));
            if (i < 0) i += n;
            if (i >= 0 && i < n) res = tuple_get(c, static_cast<size_t>(i));
          }
          if (res) incref(res);
        } else if (type_of(c) == &Dict_type) {
          res = dict_get(ts, c, key);
          if (res) incref(res);
        }
        if (!res) res = getitem(ts, c, key).release();
        --sp;
        sp[-1] = res;
        decref(key);
        decref(c);
        DISPATCH();
      }
      TARGET(STORE_SUBSCR) {
        Object* key = sp[-1];
        Object* c = sp[-2];
        Object* v = sp[-3];
        if (type_of(c) == &List_type && exact_small_int(key) && list_store_steal(c, int_small_value(key), v)) {
          sp -= 3;  // the stack's reference to v moved into the list
          decref(key);
          decref(c);
          DISPATCH();
        }
        if (type_of(c) == &Dict_type)
          dict_set(ts, c, key, v);
        else
          setitem(ts, c, key, v);
        POP_DECREF(3);
        DISPATCH();
      }
      TARGET(DELETE_SUBSCR) {
        delitem(ts, sp[-2], sp[-1]);
        POP_DECREF(2);
        DISPATCH();
      }
      TARGET(BUILD_SLICE) {
        Object* step = oparg == 3 ? sp[-1] : nullptr;
        Object* stop = sp[oparg == 3 ? -2 : -1];
        Object* start = sp[oparg == 3 ? -3 : -2];
        Object* s = slice_new(start, stop, step).release();
        POP_DECREF(oparg);
        *sp++ = s;
        DISPATCH();
      }

      // --- building containers ---------------------------------------------------------------
      TARGET(BUILD_TUPLE) {
        Object* t = tuple_new(oparg).release();
        Object** items = sp - oparg;
        for (uint32_t i = 0; i < oparg; ++i) tuple_set_steal(t, i, items[i]);
        sp = items;
        *sp++ = t;
        DISPATCH();
      }
      TARGET(BUILD_LIST) {
        Object* l = list_new(oparg).release();
        Object** items = sp - oparg;
        for (uint32_t i = 0; i < oparg; ++i) list_set_steal(l, i, items[i]);
        sp = items;
        *sp++ = l;
        DISPATCH();
      }
      TARGET(BUILD_SET) {
        Object* s = eval_build_set(ts, sp - oparg, oparg).release();
        POP_DECREF(oparg);
        *sp++ = s;
        DISPATCH();
      }
      TARGET(BUILD_MAP) {
        Object* d = eval_build_map(ts, sp - 2 * oparg, oparg).release();
        POP_DECREF(2 * oparg);
        *sp++ = d;
        DISPATCH();
      }
      TARGET(BUILD_STRING) {
        Object* s = eval_build_string(ts, sp - oparg, oparg).release();
        POP_DECREF(oparg);
        *sp++ = s;
        DISPATCH();
      }
      TARGET(LIST_APPEND) {
        list_append(sp[-static_cast<int>(oparg) - 1], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(SET_ADD) {
        set_add(ts, sp[-static_cast<int>(oparg) - 1], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(MAP_ADD) {
        dict_set(ts, sp[-static_cast<int>(oparg) - 2], sp[-2], sp[-1]);
        POP_DECREF(2);
        DISPATCH();
      }
      TARGET(LIST_EXTEND) {
        Object* it = sp[-1];
        if (!type_of(it)->iter && !type_of(it)->getitem)
          raise_fmt(Exc_TypeError, "Value after * must be an iterable, not %s", type_name(it));
        list_extend(ts, sp[-static_cast<int>(oparg) - 1], it);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(SET_UPDATE) {
        eval_set_update(ts, sp[-static_cast<int>(oparg) - 1], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(DICT_UPDATE) {
        eval_dict_update(ts, sp[-static_cast<int>(oparg) - 1], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(DICT_MERGE) {
        eval_dict_merge(ts, sp[-static_cast<int>(oparg) - 3], sp[-static_cast<int>(oparg) - 1], sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }
      TARGET(LIST_TO_TUPLE) {
        Object* t = list_as_tuple(sp[-1]).release();
        SET_TOP(t);
        DISPATCH();
      }
      TARGET(FORMAT_VALUE) {
        Object* spec = (oparg & 4) ? sp[-1] : nullptr;
        Object* value = spec ? sp[-2] : sp[-1];
        if (!spec && (oparg & 3) == 0 && type_of(value) == &Str_type) DISPATCH();
        Object* r = eval_format_value(ts, value, static_cast<int>(oparg & 3), spec).release();
        if (spec) POP_DECREF(1);
        SET_TOP(r);
        DISPATCH();
      }
      TARGET(UNPACK_SEQUENCE) {
        Object* seq = sp[-1];
        Object** src = nullptr;
        if (type_of(seq) == &Tuple_type && tuple_size(seq) == oparg)
          src = tuple_items(seq);
        if (!src && type_of(seq) == &List_type && list_unpack_exact(seq, oparg, sp - 1)) {
          --sp;  // the items are on the stack already
        } else if (src) {
          --sp;
          for (uint32_t i = 0; i < oparg; ++i) {
            incref(src[i]);
            sp[oparg - 1 - i] = src[i];
          }
        } else {
          eval_unpack_sequence(ts, seq, oparg, sp - 1);
          --sp;
        }
        sp += oparg;
        decref(seq);
        DISPATCH();
      }
      TARGET(UNPACK_EX) {
        Object* seq = sp[-1];
        size_t before = oparg & 0xff, after = oparg >> 8;
        eval_unpack_ex(ts, seq, before, after, sp - 1);
        sp += before + after;
        decref(seq);
        DISPATCH();
      }

      // --- control flow -----------------------------------------------------------------------
      TARGET(JUMP_FORWARD) {
        JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(JUMP_BACKWARD) {
        JUMPTO(oparg);
        CHECK_EVAL_BREAKER();
        DISPATCH();
      }
      TARGET(POP_JUMP_IF_FALSE) {
        Object* v = sp[-1];
        bool t = v == True() ? true : (v == False() || v == None()) ? false : is_true(ts, v);
        --sp;
        decref(v);
        if (!t) JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(POP_JUMP_IF_TRUE) {
        Object* v = sp[-1];
        bool t = v == True() ? true : (v == False() || v == None()) ? false : is_true(ts, v);
        --sp;
        decref(v);
        if (t) JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(POP_JUMP_IF_NONE) {
        Object* v = *--sp;
        bool none = is_none(v);
        decref(v);
        if (none) JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(POP_JUMP_IF_NOT_NONE) {
        Object* v = *--sp;
        bool none = is_none(v);
        decref(v);
        if (!none) JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(JUMP_IF_FALSE_OR_POP) {
        Object* v = sp[-1];
        bool t = v == True() ? true : (v == False() || v == None()) ? false : is_true(ts, v);
        if (!t) {
          JUMPTO(oparg);
        } else {
          --sp;
          decref(v);
        }
        DISPATCH();
      }
      TARGET(JUMP_IF_TRUE_OR_POP) {
        Object* v = sp[-1];
        bool t = v == True() ? true : (v == False() || v == None()) ? false : is_true(ts, v);
        if (t) {
          JUMPTO(oparg);
        } else {
          --sp;
          decref(v);
        }
        DISPATCH();
      }
      TARGET(GET_ITER) {
        Object* it = get_iter(ts, sp[-1]).release();
        SET_TOP(it);
        DISPATCH();
      }
      TARGET(FOR_ITER) {
        Object* it = sp[-1];
        Object* next;
        if (IterNextFn fn = type_of(it)->iternext) {
          try {
            next = fn(ts, it).release();
          } catch (PyError& e) {
            if (!e.matches(Exc_StopIteration)) throw;
            next = nullptr;
          }
        } else {
          next = iter_next(ts, it).release();
        }
        if (next) {
          *sp++ = next;
          DISPATCH();
        }
        --sp;
        decref(it);
        JUMPTO(oparg);
        DISPATCH();
      }
      TARGET(RETURN_VALUE) {
        Object* retval = *--sp;
        if (frame->nblocks) eval_pop_blocks(ts, frame);
        {
          Object** base = frame->stack_base();
          while (sp > base) xdecref(*--sp);
        }
        frame->lasti = LASTI();
        frame->stack_depth = 0;
        --ts.recursion_depth;
        if (frame == entry) {
          ts.frame = frame->back;
          return Ref<Object>::steal(retval);
        }
        Frame* caller = frame->back;
        Object* init_self = frame->init_self;  // the reference moves here
        frame->init_self = nullptr;
        ts.frame = caller;
        frame_pop(ts, frame);
        frame = caller;
        LOAD_FRAME_REGS();
        ip = first + frame->lasti + 1;
        sp = frame->stack_base() + frame->stack_depth;
        if (init_self) {
          // The class call returns the instance; raised here, the error is
          // the caller's (as when type.__call__ raises it).
          if (!is_none(retval)) init_returned_non_none(retval, init_self);
          decref(retval);
          retval = init_self;
        }
        *sp++ = retval;
        DISPATCH();
      }

      // --- calls and definitions ---------------------------------------------------------------
      TARGET(KW_NAMES) {
        kwnames = consts[oparg];
        DISPATCH();
      }
      TARGET(CALL) {
        call_base = sp - oparg - 1;
        callable = call_base[0];
        call_args = call_base + 1;
        call_nargs = oparg;
        goto do_call;
      }
      TARGET(CALL_METHOD) {
        call_base = sp - oparg - 2;
        callable = call_base[0];
        if (call_base[1]) {
          call_args = call_base + 1;
          call_nargs = oparg + 1;
        } else {
          call_args = call_base + 2;
          call_nargs = oparg;
        }
        goto do_call;
      }
    do_call: {
      call_kw = kwnames;
      kwnames = nullptr;
      if (call_kw) call_nargs -= tuple_size(call_kw);
      CHECK_EVAL_BREAKER();
      frame->lasti = LASTI();
      TypeObject* ct = type_of(callable);
      FunctionObject* fn = nullptr;
      Object* self = nullptr;
      if (ct == &Function_type) {
        fn = static_cast<FunctionObject*>(callable);
      } else if (ct == &Method_type) {
        auto* m = static_cast<MethodObject*>(callable);
        if (type_of(m->func) == &Function_type) {
          fn = static_cast<FunctionObject*>(m->func);
          self = m->self;
        }
      }
      if (fn && !(static_cast<CodeObject*>(fn->code)->flags & CO_GENERATOR)) {
        // Python to Python: push the callee's frame and keep dispatching here.
        auto* co = static_cast<CodeObject*>(fn->code);
        if (ts.recursion_depth >= ts.interp->recursion_limit) raise_recursion_error();
        Frame* nf = frame_push(ts, co, fn, fn->globals, fn->builtins, nullptr);
        if (!self && !call_kw && call_nargs == static_cast<size_t>(co->argcount) &&
            !(co->flags & (CO_VARARGS | CO_VARKEYWORDS)) && co->kwonlyargcount == 0) {
          // Exact positional call: the stack's references move into the new frame.
          Object** nlp = nf->localsplus();
          for (size_t i = 0; i < call_nargs; ++i) nlp[i] = call_args[i];
          sp = call_args;
          while (sp > call_base) xdecref(*--sp);  // the callable (the new frame holds fn) and the NULL
          if (co->ncells | co->nfrees) {
            try {
              frame_init_cells(nf, fn);
            } catch (...) {
              frame_pop(ts, nf);
              throw;
            }
          }
        } else {
          try {
            bind_arguments(ts, fn, nf, self, call_args, call_nargs, call_kw);
          } catch (...) {
            frame_pop(ts, nf);
            throw;
          }
          while (sp > call_base) xdecref(*--sp);
        }
        frame->stack_depth = static_cast<int>(sp - frame->stack_base());
        nf->back = frame;
        ts.frame = nf;
        ++ts.recursion_depth;
        frame = nf;
        LOAD_FRAME_REGS();
        ip = first;
        sp = frame->stack_base();
        DISPATCH();
      }
      if (ct == &Type_type) {
        // A class whose instances come from object.__new__ and whose __init__
        // is a Python function: what type.__call__ does, with __init__'s frame
        // run here like a Python call (RETURN_VALUE hands back init_self).
        auto* cls = static_cast<TypeObject*>(callable);
        Object* init;
        if (cls->new_ == object_new && is_slot_tp_init(cls->init) &&
            (init = type_lookup(cls, names::__init__)) != nullptr && type_of(init) == &Function_type &&
            !(static_cast<CodeObject*>(static_cast<FunctionObject*>(init)->code)->flags & CO_GENERATOR)) {
          auto* ifn = static_cast<FunctionObject*>(init);
          auto* co = static_cast<CodeObject*>(ifn->code);
          Object* obj = cls->new_(ts, cls, call_args, call_nargs, call_kw).release();
          if (ts.recursion_depth >= ts.interp->recursion_limit) {
            decref(obj);
            raise_recursion_error();
          }
          Frame* nf = frame_push(ts, co, ifn, ifn->globals, ifn->builtins, nullptr);
          try {
            bind_arguments(ts, ifn, nf, obj, call_args, call_nargs, call_kw);
          } catch (...) {
            frame_pop(ts, nf);
            decref(obj);
            throw;
          }
          nf->init_self = obj;
          while (sp > call_base) xdecref(*--sp);
          frame->stack_depth = static_cast<int>(sp - frame->stack_base());
          nf->back = frame;
          ts.frame = nf;
          ++ts.recursion_depth;
          frame = nf;
          LOAD_FRAME_REGS();
          ip = first;
          sp = frame->stack_base();
          DISPATCH();
        }
      }
      Object* res;
      if (ct == &BuiltinFunction_type) {
        auto* b = static_cast<BuiltinFunctionObject*>(callable);
        res = b->def->fn(ts, b->self, call_args, call_nargs, call_kw).release();
      } else if (ct == &MethodDescr_type && call_nargs >= 1 &&
                 static_cast<MethodDescrObject*>(callable)->def->flags == METH_DEFAULT &&
                 type_check(call_args[0], static_cast<MethodDescrObject*>(callable)->owner)) {
        const MethodDef* def = static_cast<MethodDescrObject*>(callable)->def;
        res = def->fn(ts, call_args[0], call_args + 1, call_nargs - 1, call_kw).release();
      } else {
        res = call(ts, callable, call_args, call_nargs, call_kw).release();
      }
      while (sp > call_base) xdecref(*--sp);
      *sp++ = res;
      DISPATCH();
    }
      TARGET(CALL_FUNCTION_EX) {
        Object* kwargs = (oparg & 1) ? sp[-1] : nullptr;
        Object* args = sp[-1 - static_cast<int>(oparg & 1)];
        Object* fnobj = sp[-2 - static_cast<int>(oparg & 1)];
        CHECK_EVAL_BREAKER();
        frame->lasti = LASTI();
        Object* res = eval_call_function_ex(ts, fnobj, args, kwargs).release();
        POP_DECREF(2 + (oparg & 1));
        *sp++ = res;
        DISPATCH();
      }
      TARGET(MAKE_FUNCTION) {
        int k = std::popcount(oparg & 15u);
        Object* fnobj = eval_make_function(ts, frame, sp - 1 - k, oparg, sp[-1]).release();
        POP_DECREF(k + 1);
        *sp++ = fnobj;
        DISPATCH();
      }
      TARGET(LOAD_BUILD_CLASS) {
        Object* bc = eval_load_build_class(ts, frame).release();
        *sp++ = bc;
        DISPATCH();
      }
      TARGET(SETUP_ANNOTATIONS) {
        eval_setup_annotations(ts, frame);
        DISPATCH();
      }
      TARGET(IMPORT_NAME) {
        frame->lasti = LASTI();
        Object* m = eval_import_name(ts, frame, names[oparg], sp[-1], sp[-2]).release();
        POP_DECREF(2);
        *sp++ = m;
        DISPATCH();
      }
      TARGET(IMPORT_FROM) {
        Object* v = eval_import_from(ts, sp[-1], names[oparg]).release();
        *sp++ = v;
        DISPATCH();
      }
      TARGET(IMPORT_STAR) {
        eval_import_star(ts, frame, sp[-1]);
        POP_DECREF(1);
        DISPATCH();
      }

      // --- exceptions and with ------------------------------------------------------------------
      TARGET(SETUP_FINALLY) {
        if (frame->nblocks >= kMaxBlocks) raise(Exc_SystemError, "too many statically nested blocks");
        Block& b = frame->blocks[frame->nblocks++];
        b.kind = BlockKind::FINALLY;
        b.handler = static_cast<int>(oparg);
        b.level = static_cast<int>(sp - frame->stack_base());
        b.prev_exc = nullptr;
        DISPATCH();
      }
      TARGET(SETUP_WITH) {
        if (frame->nblocks >= kMaxBlocks) raise(Exc_SystemError, "too many statically nested blocks");
        Block& b = frame->blocks[frame->nblocks++];
        b.kind = BlockKind::FINALLY;
        b.handler = static_cast<int>(oparg);
        b.level = static_cast<int>(sp - frame->stack_base()) - 1;  // below __enter__'s result
        b.prev_exc = nullptr;
        DISPATCH();
      }
      TARGET(POP_BLOCK) {
        --frame->nblocks;
        DISPATCH();
      }
      TARGET(POP_EXCEPT) {
        Block& b = frame->blocks[--frame->nblocks];
        Object* old = ts.exc_info;
        ts.exc_info = b.prev_exc;
        b.prev_exc = nullptr;
        xdecref(old);
        DISPATCH();
      }
      TARGET(RERAISE) {
        exc = *--sp;
        add_tb = false;
        goto exception_unwind;
      }
      TARGET(CHECK_EXC_MATCH) {
        bool m = eval_exception_matches(ts, sp[-2], sp[-1]);
        Object* b = m ? True() : False();
        incref(b);
        SET_TOP(b);
        DISPATCH();
      }
      TARGET(RAISE_VARARGS) {
        if (oparg == 0) {
          if (!ts.exc_info) raise(Exc_RuntimeError, "No active exception to reraise");
          exc = ts.exc_info;
          incref(exc);
          add_tb = false;
          goto exception_unwind;
        }
        Ref<Object> e = eval_make_exception(ts, oparg == 2 ? sp[-2] : sp[-1]);
        if (oparg == 2) eval_set_cause(ts, e, sp[-1]);
        if (ts.exc_info && ts.exc_info != e.get()) exception_set_context(e, ts.exc_info);
        exc = e.release();
        POP_DECREF(oparg);
        add_tb = true;
        set_ctx = false;
        goto exception_unwind;
      }
      TARGET(LOAD_ASSERTION_ERROR) {
        Object* t = Exc_AssertionError;
        incref(t);
        *sp++ = t;
        DISPATCH();
      }
      TARGET(BEFORE_WITH) {
        Object* mgr = sp[-1];
        Object* exit;
        Object* res = eval_before_with(ts, mgr, &exit).release();
        sp[-1] = exit;
        decref(mgr);
        *sp++ = res;
        DISPATCH();
      }
      TARGET(WITH_EXCEPT_START) {
        Object* res = eval_with_except_start(ts, sp[-2], sp[-1]).release();
        *sp++ = res;
        DISPATCH();
      }

      // --- generators -----------------------------------------------------------------------------
      TARGET(YIELD_VALUE) {
        Object* v = *--sp;
        frame->lasti = LASTI();
        frame->stack_depth = static_cast<int>(sp - frame->stack_base());
        --ts.recursion_depth;
        ts.frame = frame->back;
        return Ref<Object>::steal(v);
      }
      TARGET(GET_YIELD_FROM_ITER) {
        Object* it = eval_get_yield_from_iter(ts, sp[-1]).release();
        SET_TOP(it);
        DISPATCH();
      }
      TARGET(SEND) {
        bool done;
        frame->lasti = LASTI();
        Object* r = eval_send(ts, sp[-2], sp[-1], &done).release();
        if (done) {
          POP_DECREF(2);
          *sp++ = r;
          JUMPTO(oparg);
        } else {
          SET_TOP(r);
        }
        DISPATCH();
      }
    } catch (PyError& e) {
      exc = e.take().release();
    } catch (std::exception& e) {
      exc = exception_from_cpp(e);
      if (!exc) throw;
    }
    add_tb = true;
    set_ctx = true;

  exception_unwind:
    // `exc` (owned) is raised at the instruction before ip in `frame`.
    kwnames = nullptr;
    frame->lasti = LASTI();
    if (add_tb) {
      BaseExceptionObject* e = as_exc(exc);
      if (set_ctx && !e->traceback && !e->context && ts.exc_info && ts.exc_info != exc)
        exception_set_context(exc, ts.exc_info);
      traceback_add(exc, frame->code, frame->lasti, frame->current_line());
    }
    set_ctx = true;
  unwind_frame: {
    Object** base = frame->stack_base();
    while (frame->nblocks > 0) {
      Block& b = frame->blocks[frame->nblocks - 1];
      while (sp > base + b.level) xdecref(*--sp);
      if (b.kind == BlockKind::EXCEPT_HANDLER) {
        --frame->nblocks;
        Object* old = ts.exc_info;
        ts.exc_info = b.prev_exc;
        b.prev_exc = nullptr;
        xdecref(old);
        continue;
      }
      // A FINALLY block: its handler runs with [exc] under an EXCEPT_HANDLER block.
      int handler = b.handler;
      b.kind = BlockKind::EXCEPT_HANDLER;
      b.prev_exc = ts.exc_info;
      incref(exc);
      ts.exc_info = exc;
      *sp++ = exc;
      exc = nullptr;
      JUMPTO(handler);
      goto resume;
    }
    while (sp > base) xdecref(*--sp);
    frame->stack_depth = 0;  // (a stale depth from an earlier call would be cleared twice)
    if (frame == entry) break;
    // No handler here: the exception passes into the caller at its call.
    Frame* caller = frame->back;
    ts.frame = caller;
    --ts.recursion_depth;
    frame_pop(ts, frame);
    frame = caller;
    LOAD_FRAME_REGS();
    ip = first + frame->lasti + 1;
    sp = frame->stack_base() + frame->stack_depth;
    traceback_add(exc, frame->code, frame->lasti, frame->current_line());
    goto unwind_frame;
  }
  }

  // The exception leaves the entry frame.
  entry->stack_depth = 0;
  ts.frame = entry->back;
  --ts.recursion_depth;
  throw PyError(Ref<Object>::steal(exc));
}

}  // namespace
}  // namespace gk
