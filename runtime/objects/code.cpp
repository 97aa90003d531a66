// code.cpp — the `code` type (objects/code.hpp): construction from a CodeSpec
// (deriving nlocals/ncells/nfrees and cell2arg), deallocation, repr, and the
// read-only co_* attributes Python code can inspect.
//
// Buffer ownership: CodeSpec::code and CodeSpec::lines are mem_alloc'ed
// blocks of max(ncode, 1) 32-bit words each; the code object
// frees them with those sizes. cell2arg is allocated here (ncells words).
#include "objects/code.hpp"

#include <cstdio>
#include <string>

#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject Code_type;

namespace {

CodeObject* as_code(Object* o) { return static_cast<CodeObject*>(o); }

void code_dealloc(Object* o) noexcept {
  CodeObject* c = as_code(o);
  code_cache_free(c);
  size_t words = c->ncode ? c->ncode : 1;
  if (c->code) mem_free(c->code, words * sizeof(uint32_t));
  if (c->lines) mem_free(c->lines, words * sizeof(int32_t));
  if (c->cell2arg) mem_free(c->cell2arg, static_cast<size_t>(c->ncells) * sizeof(int32_t));
  clear(c->consts);
  clear(c->names);
  clear(c->varnames);
  clear(c->cellvars);
  clear(c->freevars);
  clear(c->filename);
  clear(c->name);
  clear(c->qualname);
  object_free(o, sizeof(CodeObject));
}

Ref<Object> code_repr(ThreadState&, Object* o) {
  CodeObject* c = as_code(o);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(o));
  std::string s = "<code object ";
  s += str_view(c->name);
  s += " at ";
  s += addr;
  s += ", file \"";
  s += str_view(c->filename);
  s += "\", line ";
  s += std::to_string(c->firstlineno);
  s += ">";
  return str_new(s);
}

// --- co_* attributes ---------------------------------------------------------------

Ref<Object> get_co_code(ThreadState&, Object* o) {
  CodeObject* c = as_code(o);
  std::string bytes(c->ncode * 4, '\0');
  for (size_t i = 0; i < c->ncode; ++i) {
    uint32_t w = c->code[i];
    for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((w >> (8 * b)) & 0xff);
  }
  return bytes_new(bytes);
}
Ref<Object> get_co_consts(ThreadState&, Object* o) { return newref(as_code(o)->consts); }
Ref<Object> get_co_names(ThreadState&, Object* o) { return newref(as_code(o)->names); }
Ref<Object> get_co_varnames(ThreadState&, Object* o) { return newref(as_code(o)->varnames); }
Ref<Object> get_co_cellvars(ThreadState&, Object* o) { return newref(as_code(o)->cellvars); }
Ref<Object> get_co_freevars(ThreadState&, Object* o) { return newref(as_code(o)->freevars); }
Ref<Object> get_co_filename(ThreadState&, Object* o) { return newref(as_code(o)->filename); }
Ref<Object> get_co_name(ThreadState&, Object* o) { return newref(as_code(o)->name); }
Ref<Object> get_co_qualname(ThreadState&, Object* o) { return newref(as_code(o)->qualname); }
Ref<Object> get_co_nlocals(ThreadState&, Object* o) { return int_from_i64(as_code(o)->nlocals); }
Ref<Object> get_co_argcount(ThreadState&, Object* o) { return int_from_i64(as_code(o)->argcount); }
Ref<Object> get_co_posonlyargcount(ThreadState&, Object* o) { return int_from_i64(as_code(o)->posonlyargcount); }
Ref<Object> get_co_kwonlyargcount(ThreadState&, Object* o) { return int_from_i64(as_code(o)->kwonlyargcount); }
Ref<Object> get_co_stacksize(ThreadState&, Object* o) { return int_from_i64(as_code(o)->stacksize); }
Ref<Object> get_co_firstlineno(ThreadState&, Object* o) { return int_from_i64(as_code(o)->firstlineno); }
Ref<Object> get_co_flags(ThreadState&, Object* o) { return int_from_i64(as_code(o)->flags); }

const GetSetDef code_getsets[] = {
    {"co_code", get_co_code, nullptr},
    {"co_consts", get_co_consts, nullptr},
    {"co_names", get_co_names, nullptr},
    {"co_varnames", get_co_varnames, nullptr},
    {"co_cellvars", get_co_cellvars, nullptr},
    {"co_freevars", get_co_freevars, nullptr},
    {"co_filename", get_co_filename, nullptr},
    {"co_name", get_co_name, nullptr},
    {"co_qualname", get_co_qualname, nullptr},
    {"co_nlocals", get_co_nlocals, nullptr},
    {"co_argcount", get_co_argcount, nullptr},
    {"co_posonlyargcount", get_co_posonlyargcount, nullptr},
    {"co_kwonlyargcount", get_co_kwonlyargcount, nullptr},
    {"co_stacksize", get_co_stacksize, nullptr},
    {"co_firstlineno", get_co_firstlineno, nullptr},
    {"co_flags", get_co_flags, nullptr},
    {nullptr, nullptr, nullptr},
};

// co_lines(): (start, end, line) byte-offset ranges of consecutive
// instructions on the same line (a list here; CPython returns an iterator).
Ref<Object> code_co_lines(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs != 0 || kwnames) raise(Exc_TypeError, "co_lines() takes no arguments");
  CodeObject* c = as_code(self);
  Ref<Object> out = list_new();
  size_t start = 0;
  for (size_t i = 1; i <= c->ncode; ++i) {
    if (i < c->ncode && c->lines[i] == c->lines[start]) continue;
    Ref<Object> a = int_from_i64(static_cast<int64_t>(start * 4));
    Ref<Object> b = int_from_i64(static_cast<int64_t>(i * 4));
    Ref<Object> l = int_from_i64(c->lines[start]);
    Ref<Object> t = tuple_pack({a.get(), b.get(), l.get()});
    list_append(out, t);
    start = i;
  }
  return out;
}

const MethodDef code_methods[] = {
    {"co_lines", code_co_lines, METH_DEFAULT, "Return (start, end, line) ranges of the bytecode."},
    {nullptr, nullptr},
};

void setup_code(TypeObject& t) {
  t.name = "code";
  t.basicsize = sizeof(CodeObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.doc = "A compiled code object.";
  t.dealloc = code_dealloc;
  t.repr = code_repr;
  t.getsets = code_getsets;
  t.methods = code_methods;
}

}  // namespace

GK_REGISTER_TYPE(Code_type, setup_code);

Ref<Object> code_new(CodeSpec&& spec) {
  size_t words = spec.ncode ? spec.ncode : 1;
  CodeObject* c;
  try {
    c = alloc_object<CodeObject>(&Code_type);
  } catch (...) {
    mem_free(spec.code, words * sizeof(uint32_t));
    mem_free(spec.lines, words * sizeof(int32_t));
    throw;
  }
  Ref<Object> owner = steal<Object>(c);  // frees everything below if a later step throws
  c->code = spec.code;
  c->lines = spec.lines;
  c->ncode = spec.ncode;
  c->consts = spec.consts.release();
  c->names = spec.names.release();
  c->varnames = spec.varnames.release();
  c->cellvars = spec.cellvars.release();
  c->freevars = spec.freevars.release();
  c->filename = spec.filename.release();
  c->name = spec.name.release();
  c->qualname = spec.qualname.release();
  c->argcount = spec.argcount;
  c->posonlyargcount = spec.posonlyargcount;
  c->kwonlyargcount = spec.kwonlyargcount;
  c->stacksize = spec.stacksize;
  c->firstlineno = spec.firstlineno;
  c->flags = spec.flags;
  c->nlocals = static_cast<int>(tuple_size(c->varnames));
  c->ncells = static_cast<int>(tuple_size(c->cellvars));
  c->nfrees = static_cast<int>(tuple_size(c->freevars));

  // A cell variable that is also an argument: the frame moves the argument
  // into the cell at entry.
  int nargs = c->argcount + c->kwonlyargcount + ((c->flags & CO_VARARGS) ? 1 : 0) +
              ((c->flags & CO_VARKEYWORDS) ? 1 : 0);
  if (nargs > c->nlocals) nargs = c->nlocals;
  bool any = false;
  for (int i = 0; i < c->ncells && !any; ++i)
    for (int j = 0; j < nargs; ++j)
      if (str_equal(tuple_get(c->cellvars, i), tuple_get(c->varnames, j))) any = true;
  if (any) {
    auto* map = static_cast<int32_t*>(mem_alloc(static_cast<size_t>(c->ncells) * sizeof(int32_t)));
    for (int i = 0; i < c->ncells; ++i) {
      map[i] = -1;
      for (int j = 0; j < nargs; ++j)
        if (str_equal(tuple_get(c->cellvars, i), tuple_get(c->varnames, j))) {
          map[i] = j;
          break;
        }
    }
    c->cell2arg = map;
  }
  return owner;
}

}  // namespace gk
