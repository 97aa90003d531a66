// runtime/vm/opcodes.hpp — the instruction set: ONE X-macro table that is the
// single source for the Opcode enum, the eval loop's dispatch table, the
// names `--dis` prints, and the stack effects the compiler uses to compute
// co_stacksize.
//
// Format: one 32-bit word per instruction (code.hpp): opcode in the low 8 bits,
// argument in the high 24. Jump targets are absolute instruction indices.
//
// Each row: X(NAME, HAS_ARG, EFFECT, KIND) where EFFECT is the net stack
// effect as an expression of `oparg` and `jump` (true when the branch is taken),
// and KIND tells --dis how to render the argument:
//   NONE, CONST (co_consts), NAME (co_names), LOCAL (co_varnames), FREE (cells
//   then frees), JUMP (absolute target), COMPARE, BINOP, PLAIN.
//
// Stack notation below: [... a b] means b is TOS. NULL is an empty slot.
//
// Exceptions use a per-frame block stack (SETUP_FINALLY / POP_BLOCK). When an
// exception is raised inside a SETUP_FINALLY block, the eval loop pops the
// block, cuts the value stack back to the block's level, pushes an
// EXCEPT_HANDLER block that remembers the previously handled exception
// (ts.exc_info), makes the new exception the handled one, pushes it, and jumps
// to the handler. POP_EXCEPT pops that EXCEPT_HANDLER block and restores the
// previously handled exception. With no block left, the exception leaves the
// frame (after a traceback entry for this frame is added).
//
// Generators: `yield from` must be compiled as `SEND exit; YIELD_VALUE;
// JUMP_BACKWARD send` — generator.throw()/close() recognise a generator
// suspended in a delegation by the SEND right before its YIELD_VALUE, with
// the delegate on top of the stack.
#pragma once

#include <cstdint>

namespace gk {

#define GK_OPCODES(X)                                                                                      \
  /* --- stack manipulation --- */                                                                         \
  X(NOP, 0, 0, NONE)                                                                                       \
  X(POP_TOP, 0, -1, NONE)                                                                                  \
  X(COPY, 1, 1, PLAIN)                 /* push a new reference to stack[-oparg] (COPY 1 = dup TOS) */      \
  X(SWAP, 1, 0, PLAIN)                 /* swap TOS with stack[-oparg] (oparg >= 2) */                      \
  X(PUSH_NULL, 0, 1, NONE)             /* push NULL (CALL_METHOD's "no self" marker) */                   \
  /* --- constants and variables --- */                                                                    \
  X(LOAD_CONST, 1, 1, CONST)                                                                               \
  X(LOAD_FAST, 1, 1, LOCAL)            /* UnboundLocalError if unset */                                   \
  X(STORE_FAST, 1, -1, LOCAL)                                                                              \
  X(DELETE_FAST, 1, 0, LOCAL)                                                                              \
  X(LOAD_NAME, 1, 1, NAME)             /* locals dict, then globals, then builtins */                     \
  X(STORE_NAME, 1, -1, NAME)                                                                               \
  X(DELETE_NAME, 1, 0, NAME)                                                                               \
  X(LOAD_GLOBAL, 1, 1, NAME)           /* globals, then builtins; NameError */                            \
  X(STORE_GLOBAL, 1, -1, NAME)                                                                             \
  X(DELETE_GLOBAL, 1, 0, NAME)                                                                             \
  X(LOAD_DEREF, 1, 1, FREE)            /* contents of cell localsplus[nlocals+oparg] */                   \
  X(STORE_DEREF, 1, -1, FREE)                                                                              \
  X(DELETE_DEREF, 1, 0, FREE)                                                                              \
  X(LOAD_CLOSURE, 1, 1, FREE)          /* push the cell itself (for MAKE_FUNCTION's closure tuple) */      \
  X(LOAD_CLASSDEREF, 1, 1, FREE)       /* class body: locals dict first, then the cell */                 \
  X(LOAD_ATTR, 1, 0, NAME)             /* [obj] -> [obj.name] */                                          \
  X(STORE_ATTR, 1, -2, NAME)           /* [value obj] -> [] ; obj.name = value */                         \
  X(DELETE_ATTR, 1, -1, NAME)          /* [obj] -> [] */                                                  \
  X(LOAD_METHOD, 1, 1, NAME)           /* [obj] -> [meth obj] when an unbound method was found, else [attr NULL] */ \
  /* --- operators --- */                                                                                  \
  X(UNARY_POSITIVE, 0, 0, NONE)                                                                            \
  X(UNARY_NEGATIVE, 0, 0, NONE)                                                                            \
  X(UNARY_NOT, 0, 0, NONE)                                                                                 \
  X(UNARY_INVERT, 0, 0, NONE)                                                                              \
  X(BINARY_OP, 1, -1, BINOP)           /* oparg: BinaryOpKind, +NB_INPLACE_OFFSET for a op= b */          \
  X(COMPARE_OP, 1, -1, COMPARE)        /* oparg: CompareOp */                                             \
  X(IS_OP, 1, -1, PLAIN)               /* oparg 1: `is not` */                                            \
  X(CONTAINS_OP, 1, -1, PLAIN)         /* [item container]; oparg 1: `not in` */                         \
  X(BINARY_SUBSCR, 0, -1, NONE)        /* [container key] -> [container[key]] */                          \
  X(STORE_SUBSCR, 0, -3, NONE)         /* [value container key] -> [] */                                  \
  X(DELETE_SUBSCR, 0, -2, NONE)        /* [container key] -> [] */                                        \
  X(BUILD_SLICE, 1, 1 - oparg, PLAIN)  /* oparg 2: [start stop]; 3: [start stop step] */                  \
  /* --- building containers --- */                                                                       \
  X(BUILD_TUPLE, 1, 1 - oparg, PLAIN)                                                                      \
  X(BUILD_LIST, 1, 1 - oparg, PLAIN)                                                                       \
  X(BUILD_SET, 1, 1 - oparg, PLAIN)                                                                        \
  X(BUILD_MAP, 1, 1 - 2 * oparg, PLAIN)  /* [k1 v1 ... kn vn] */                                          \
  X(BUILD_STRING, 1, 1 - oparg, PLAIN)   /* concatenate oparg strs */                                     \
  X(LIST_APPEND, 1, -1, PLAIN)         /* [... list ... v]: stack[-oparg-1] (counted with v on the stack) .append(v) */ \
  X(SET_ADD, 1, -1, PLAIN)                                                                                 \
  X(MAP_ADD, 1, -2, PLAIN)             /* [... dict ... k v] */                                           \
  X(LIST_EXTEND, 1, -1, PLAIN)         /* stack[-oparg-1].extend(TOS) */                                  \
  X(SET_UPDATE, 1, -1, PLAIN)                                                                              \
  X(DICT_UPDATE, 1, -1, PLAIN)         /* {**x} */                                                        \
  X(DICT_MERGE, 1, -1, PLAIN)          /* f(**x): TypeError on a repeated keyword */                      \
  X(LIST_TO_TUPLE, 0, 0, NONE)                                                                             \
  X(FORMAT_VALUE, 1, (oparg & 4) ? -1 : 0, PLAIN) /* oparg&3: 0 none,1 str,2 repr,3 ascii; oparg&4: spec on TOS */ \
  X(UNPACK_SEQUENCE, 1, oparg - 1, PLAIN)  /* pushes items so that item 0 is TOS */                       \
  X(UNPACK_EX, 1, (oparg & 0xff) + (oparg >> 8), PLAIN) /* before | after<<8; the starred list between */ \
  /* --- control flow --- */                                                                               \
  X(JUMP_FORWARD, 1, 0, JUMP)                                                                              \
  X(JUMP_BACKWARD, 1, 0, JUMP)         /* checks the eval breaker */                                      \
  X(POP_JUMP_IF_FALSE, 1, -1, JUMP)                                                                        \
  X(POP_JUMP_IF_TRUE, 1, -1, JUMP)                                                                         \
  X(POP_JUMP_IF_NONE, 1, -1, JUMP)                                                                         \
  X(POP_JUMP_IF_NOT_NONE, 1, -1, JUMP)                                                                     \
  X(JUMP_IF_FALSE_OR_POP, 1, jump ? 0 : -1, JUMP)                                                          \
  X(JUMP_IF_TRUE_OR_POP, 1, jump ? 0 : -1, JUMP)                                                           \
  X(GET_ITER, 0, 0, NONE)                                                                                  \
  X(FOR_ITER, 1, jump ? -1 : 1, JUMP)  /* [it] -> [it next]; exhausted: pop it, jump */                   \
  X(RETURN_VALUE, 0, -1, NONE)                                                                             \
  /* --- calls and definitions --- */                                                                     \
  X(KW_NAMES, 1, 0, CONST)             /* the next CALL's or CALL_METHOD's keyword names: a tuple constant */              \
  X(CALL, 1, -oparg, PLAIN)            /* [callable a1..an] -> [result]; last len(kw_names) args are keywords */ \
  X(CALL_METHOD, 1, -oparg - 1, PLAIN) /* [meth self a1..an] or [attr NULL a1..an] -> [result] */         \
  X(CALL_FUNCTION_EX, 1, -1 - (oparg & 1), PLAIN) /* [callable args (kwargs_dict if oparg&1)]; args: a tuple, or any iterable from a lone f(*x) */     \
  X(MAKE_FUNCTION, 1, -((oparg & 1) + ((oparg >> 1) & 1) + ((oparg >> 2) & 1) + ((oparg >> 3) & 1)), PLAIN) \
    /* [defaults? kwdefaults? annotations? closure? code] -> [function]; flags 1,2,4,8 */                  \
  X(LOAD_BUILD_CLASS, 0, 1, NONE)                                                                          \
  X(SETUP_ANNOTATIONS, 0, 0, NONE)     /* ensure __annotations__ exists in the locals dict */             \
  X(IMPORT_NAME, 1, -1, NAME)          /* [level fromlist] -> [module] */                                 \
  X(IMPORT_FROM, 1, 1, NAME)           /* [module] -> [module attr]; ImportError "cannot import name" */  \
  X(IMPORT_STAR, 0, -1, NONE)                                                                              \
  /* --- exceptions and with --- */                                                                      \
  X(SETUP_FINALLY, 1, jump ? 1 : 0, JUMP) /* push block (handler=oparg, level=stack depth); handler gets [exc] */ \
  X(SETUP_WITH, 1, 0, JUMP)            /* [exit res]: as SETUP_FINALLY with level = depth - 1, so the handler \
                                          gets [exit exc] also when storing res (the `as` target) fails */ \
  X(POP_BLOCK, 0, 0, NONE)                                                                                 \
  X(POP_EXCEPT, 0, 0, NONE)            /* pop the EXCEPT_HANDLER block, restore the previous exc_info */  \
  X(RERAISE, 0, -1, NONE)              /* [exc] -> raise exc again, traceback unchanged */                \
  X(CHECK_EXC_MATCH, 0, 0, NONE)       /* [exc type] -> [exc bool]; TypeError if type is not an exception class */ \
  X(RAISE_VARARGS, 1, -oparg, PLAIN)   /* 0: re-raise exc_info; 1: [exc]; 2: [exc cause] */               \
  X(LOAD_ASSERTION_ERROR, 0, 1, NONE)                                                                      \
  X(BEFORE_WITH, 0, 1, NONE)           /* [mgr] -> [bound __exit__, mgr.__enter__()] */                   \
  X(WITH_EXCEPT_START, 0, 1, NONE)     /* [exit exc] -> [exit exc exit(type(exc), exc, tb)] */            \
  /* --- generators --- */                                                                                 \
  X(YIELD_VALUE, 0, 0, NONE)           /* [v] -> yield v; resumes with [sent] */                          \
  X(GET_YIELD_FROM_ITER, 0, 0, NONE)                                                                       \
  X(SEND, 1, jump ? -1 : 0, JUMP)       /* [subiter v] -> [subiter yielded] or, when subiter returns r: [r] and jump */

enum Opcode : uint8_t {
#define GK_OP_ENUM(name, has_arg, effect, kind) OP_##name,
  GK_OPCODES(GK_OP_ENUM)
#undef GK_OP_ENUM
  OP__COUNT
};
static_assert(OP__COUNT <= 256, "opcodes fit in 8 bits");

enum class OpArgKind : uint8_t { NONE, CONST, NAME, LOCAL, FREE, JUMP, COMPARE, BINOP, PLAIN };

inline constexpr const char* kOpcodeNames[] = {
#define GK_OP_NAME(name, has_arg, effect, kind) #name,
    GK_OPCODES(GK_OP_NAME)
#undef GK_OP_NAME
};

inline constexpr bool kOpcodeHasArg[] = {
#define GK_OP_HASARG(name, has_arg, effect, kind) has_arg != 0,
    GK_OPCODES(GK_OP_HASARG)
#undef GK_OP_HASARG
};

inline constexpr OpArgKind kOpcodeArgKind[] = {
#define GK_OP_KIND(name, has_arg, effect, kind) OpArgKind::kind,
    GK_OPCODES(GK_OP_KIND)
#undef GK_OP_KIND
};

// Net stack effect of one instruction (jump: whether the branch is taken).
constexpr int stack_effect(int op, int oparg, bool jump) {
  switch (op) {
#define GK_OP_EFFECT(name, has_arg, effect, kind) \
  case OP_##name:                                 \
    return (effect);
    GK_OPCODES(GK_OP_EFFECT)
#undef GK_OP_EFFECT
    default:
      return 0;
  }
}

inline constexpr bool is_jump_op(int op) { return kOpcodeArgKind[op] == OpArgKind::JUMP; }

}  // namespace gk
