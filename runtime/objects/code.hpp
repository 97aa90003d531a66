// runtime/objects/code.hpp — code objects: compiled bytecode plus the tables
// the eval loop and `--dis` need. Immutable after the compiler builds them, so
// every thread may read one without a lock.
//
// Instruction format: one 32-bit word per instruction, opcode in the low 8
// bits and the argument in the high 24 bits (no EXTENDED_ARG needed). Jump
// arguments are absolute instruction indices. `--dis` shows byte offsets
// (index * 4).
//
// Fast locals ("localsplus") of a frame: [0, nlocals) the co_varnames (the
// arguments first), then [nlocals, nlocals + ncells) the cells of co_cellvars,
// then the cells of co_freevars (copied from the function's closure).
// LOAD_DEREF i addresses localsplus[nlocals + i]. A cell variable that is also
// an argument is listed in cell2arg (cell index -> argument index, -1 if none).
#pragma once

#include <cstdint>

#include "objects/object.hpp"

namespace gk {

enum CodeFlags : uint32_t {
  CO_OPTIMIZED = 0x0001,
  CO_NEWLOCALS = 0x0002,
  CO_VARARGS = 0x0004,
  CO_VARKEYWORDS = 0x0008,
  CO_NESTED = 0x0010,
  CO_GENERATOR = 0x0020,
  CO_NOFREE = 0x0040,
};

struct CodeCache;  // runtime/vm/code_cache.hpp

struct CodeObject : Object {
  uint32_t* code;        // owned (mem_alloc), ncode instructions
  int32_t* lines;        // owned, the source line of each instruction (co_lines)
  size_t ncode;
  Object* consts;        // tuple
  Object* names;         // tuple of str: globals/attributes/imports
  Object* varnames;      // tuple of str: arguments then locals
  Object* cellvars;      // tuple of str
  Object* freevars;      // tuple of str
  Object* filename;      // str
  Object* name;          // str
  Object* qualname;      // str
  int32_t* cell2arg;     // owned or null: ncells entries
  int argcount;          // positional (including positional-only)
  int posonlyargcount;
  int kwonlyargcount;
  int nlocals;           // len(varnames)
  int ncells;            // len(cellvars)
  int nfrees;            // len(freevars)
  int stacksize;         // max value-stack depth, computed by the compiler from the opcode table
  int firstlineno;
  uint32_t flags;        // CodeFlags
  // The eval loop's inline caches (runtime/vm/code_cache.hpp): created on
  // first use by the executing thread, owned by the code object and released
  // by code_cache_free() from the code's dealloc. Null until then.
  CodeCache* cache;
};

// Releases code->cache (runtime/vm/code_cache.cpp); code_dealloc calls it.
void code_cache_free(CodeObject* code) noexcept;

inline int code_nlocalsplus(const CodeObject* c) noexcept { return c->nlocals + c->ncells + c->nfrees; }
inline uint32_t instr_op(uint32_t w) noexcept { return w & 0xff; }
inline uint32_t instr_arg(uint32_t w) noexcept { return w >> 8; }
inline uint32_t make_instr(uint32_t op, uint32_t arg) noexcept { return op | (arg << 8); }

// Builds a code object; takes ownership of `code` and `lines` buffers (mem_alloc'ed).
struct CodeSpec {
  uint32_t* code;
  int32_t* lines;
  size_t ncode;
  Ref<Object> consts, names, varnames, cellvars, freevars, filename, name, qualname;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int stacksize = 0, firstlineno = 1;
  uint32_t flags = 0;
};
Ref<Object> code_new(CodeSpec&& spec);  // computes nlocals/ncells/nfrees/cell2arg

}  // namespace gk
