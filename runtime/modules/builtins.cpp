// runtime/modules/builtins.cpp — the `builtins` module: the built-in
// functions (print, len, isinstance, getattr, min/max, sorted, ...) and the
// names of the built-in types and exceptions.
//
// Iteration-heavy reductions (sum, min, max, any, all, sorted) live in
// builtins_iter.cpp; this file holds the rest and assembles the module.
#include "modules/builtins.hpp"

#include <cstdio>
#include <iostream>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/function.hpp"
#include "objects/generator.hpp"
#include "objects/int.hpp"
#include "objects/iterators.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "modules/fileio.hpp"
#include "modules/stdio.hpp"
#include "vm/frame.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

using Args = Object* const*;

// --- output -------------------------------------------------------------------

Ref<Object> builtin_print(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* sep = nullptr;
  Object* end = nullptr;
  Object* file = nullptr;
  Object* flush = nullptr;
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kw = str_view(tuple_get(kwnames, k));
    Object* v = args[nargs + k];
    if (kw == "sep") sep = v;
    else if (kw == "end") end = v;
    else if (kw == "file") file = v;
    else if (kw == "flush") flush = v;
    else raise_fmt(Exc_TypeError, "'%.*s' is an invalid keyword argument for print()", (int)kw.size(), kw.data());
  }
  if (sep && !is_none(sep) && !is_str(sep))
    raise_fmt(Exc_TypeError, "sep must be None or a string, not %s", type_name(sep));
  if (end && !is_none(end) && !is_str(end))
    raise_fmt(Exc_TypeError, "end must be None or a string, not %s", type_name(end));
  std::string_view sep_s = (sep && !is_none(sep)) ? str_view(sep) : std::string_view(" ");
  std::string_view end_s = (end && !is_none(end)) ? str_view(end) : std::string_view("\n");
  if (file && is_none(file)) file = nullptr;
  Ref<Object> target = file ? newref(file) : stdio_current_stdout(ts);

  // Build the whole line, then write it once (one write per print, as CPython's
  // buffered text streams effectively do).
  std::string line;
  for (size_t i = 0; i < nargs; ++i) {
    if (i) line += sep_s;
    Object* a = args[i];
    if (type_check_exact(a, &Str_type)) {
      line += str_view(a);
    } else {
      Ref<Object> s = str(ts, a);
      line += str_view(s);
    }
  }
  line += end_s;
  stdio_write(ts, target, line);
  if (flush && is_true(ts, flush)) stdio_flush(ts, target);
  return none_ref();
}

Ref<Object> builtin_input(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("input", kwnames);
  check_nargs("input", nargs, 0, 1);
  if (nargs == 1) {
    Ref<Object> out = stdio_current_stdout(ts);
    Ref<Object> prompt = str(ts, args[0]);
    stdio_write(ts, out, str_view(prompt));
    stdio_flush(ts, out);
  }
  std::string line;
  if (!stdio_read_line(ts, line)) raise(Exc_EOFError, "EOF when reading a line");
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return str_new(line);
}

// --- object protocol ----------------------------------------------------------

Ref<Object> builtin_len(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("len", kwnames);
  check_nargs("len", nargs, 1, 1);
  return int_from_u64(length(ts, args[0]));
}

Ref<Object> builtin_repr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("repr", kwnames);
  check_nargs("repr", nargs, 1, 1);
  return repr(ts, args[0]);
}

Ref<Object> builtin_ascii(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("ascii", kwnames);
  check_nargs("ascii", nargs, 1, 1);
  return ascii(ts, args[0]);
}

Ref<Object> builtin_format(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("format", args, nargs, kwnames, {"%value", "%format_spec"}, 1, a);
  if (a[1] && !is_str(a[1]))
    raise_fmt(Exc_TypeError, "format() argument 2 must be str, not %s", type_name(a[1]));
  return format(ts, a[0], a[1]);
}

Ref<Object> builtin_hash(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("hash", kwnames);
  check_nargs("hash", nargs, 1, 1);
  return int_from_i64(hash(ts, args[0]));
}

Ref<Object> builtin_id(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("id", kwnames);
  check_nargs("id", nargs, 1, 1);
  return int_from_u64(reinterpret_cast<uintptr_t>(args[0]));
}

Ref<Object> builtin_callable(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("callable", kwnames);
  check_nargs("callable", nargs, 1, 1);
  return bool_ref(is_callable(args[0]));
}

Object* check_attr_name(Object* name) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  return name;
}

Ref<Object> builtin_getattr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getattr", kwnames);
  check_nargs("getattr", nargs, 2, 3);
  Object* name = check_attr_name(args[1]);
  if (nargs == 3) {
    Ref<Object> v = lookup_attr(ts, args[0], name);
    return v ? std::move(v) : newref(args[2]);
  }
  return getattr(ts, args[0], name);
}

Ref<Object> builtin_setattr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("setattr", kwnames);
  check_nargs("setattr", nargs, 3, 3);
  setattr(ts, args[0], check_attr_name(args[1]), args[2]);
  return none_ref();
}

Ref<Object> builtin_delattr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("delattr", kwnames);
  check_nargs("delattr", nargs, 2, 2);
  delattr(ts, args[0], check_attr_name(args[1]));
  return none_ref();
}

Ref<Object> builtin_hasattr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("hasattr", kwnames);
  check_nargs("hasattr", nargs, 2, 2);
  return bool_ref(hasattr(ts, args[0], check_attr_name(args[1])));
}

Ref<Object> builtin_isinstance(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("isinstance", kwnames);
  check_nargs("isinstance", nargs, 2, 2);
  return bool_ref(object_isinstance(ts, args[0], args[1]));
}

Ref<Object> builtin_issubclass(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("issubclass", kwnames);
  check_nargs("issubclass", nargs, 2, 2);
  return bool_ref(object_issubclass(ts, args[0], args[1]));
}

Ref<Object> builtin_iter(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("iter", kwnames);
  check_nargs("iter", nargs, 1, 2);
  if (nargs == 1) return get_iter(ts, args[0]);
  if (!is_callable(args[0])) raise(Exc_TypeError, "iter(v, w): v must be callable");
  return call_iter_new(args[0], args[1]);
}

Ref<Object> builtin_next(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("next", kwnames);
  check_nargs("next", nargs, 1, 2);
  Object* it = args[0];
  if (!type_of(it)->iternext)
    raise_fmt(Exc_TypeError, "'%s' object is not an iterator", type_name(it));
  if (is_generator(it)) {
    // A generator's return value travels in StopIteration.value, which the
    // iternext slot (null = exhausted) cannot carry.
    bool returned = false;
    Ref<Object> v = generator_send(ts, it, nullptr, returned);
    if (!returned) return v;
    if (nargs == 2) return newref(args[1]);
    raise_stop_iteration(is_none(v) ? nullptr : v.get());
  }
  if (Ref<Object> v = iter_next(ts, it)) return v;
  if (nargs == 2) return newref(args[1]);
  raise_stop_iteration(nullptr);
}

// --- numbers --------------------------------------------------------------------

Ref<Object> builtin_abs(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("abs", kwnames);
  check_nargs("abs", nargs, 1, 1);
  Object* x = args[0];
  if (UnaryFn f = type_of(x)->nb_absolute) return f(ts, x);
  raise_fmt(Exc_TypeError, "bad operand type for abs(): '%s'", type_name(x));
}

Ref<Object> builtin_divmod(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("divmod", kwnames);
  check_nargs("divmod", nargs, 2, 2);
  Object* a = args[0];
  Object* b = args[1];
  // __divmod__ / __rdivmod__ (int and float define them, with CPython's messages).
  if (Ref<Object> m = lookup_special(ts, a, names::__divmod__)) {
    Ref<Object> r = call1(ts, m, b);
    if (r.get() != NotImplemented()) return r;
  }
  if (Ref<Object> m = lookup_special(ts, b, names::__rdivmod__)) {
    Ref<Object> r = call1(ts, m, a);
    if (r.get() != NotImplemented()) return r;
  }
  raise_fmt(Exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", type_name(a), type_name(b));
}

Ref<Object> builtin_pow(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[3];
  parse_args("pow", args, nargs, kwnames, {"base", "exp", "mod"}, 2, a);
  if (a[2] && !is_none(a[2])) return power3(ts, a[0], a[1], a[2]);
  return binary_op(ts, a[0], a[1], NB_POWER);
}

Ref<Object> builtin_round(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("round", args, nargs, kwnames, {"number", "ndigits"}, 1, a);
  Ref<Object> m = lookup_special(ts, a[0], names::__round__);
  if (!m) raise_fmt(Exc_TypeError, "type %s doesn't define __round__ method", type_name(a[0]));
  if (a[1] && !is_none(a[1])) return call1(ts, m, a[1]);
  return call0(ts, m);
}

Ref<Object> int_base_string(ThreadState& ts, Object* x, int base) {
  Ref<Object> i = number_index(ts, x);
  return str_new(int_to_base(i, base, true));
}

Ref<Object> builtin_hex(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("hex", kwnames);
  check_nargs("hex", nargs, 1, 1);
  return int_base_string(ts, args[0], 16);
}
Ref<Object> builtin_oct(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("oct", kwnames);
  check_nargs("oct", nargs, 1, 1);
  return int_base_string(ts, args[0], 8);
}
Ref<Object> builtin_bin(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bin", kwnames);
  check_nargs("bin", nargs, 1, 1);
  return int_base_string(ts, args[0], 2);
}

Ref<Object> builtin_ord(ThreadState&, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("ord", kwnames);
  check_nargs("ord", nargs, 1, 1);
  Object* c = args[0];
  if (is_str(c)) {
    if (str_length(c) != 1)
      raise_fmt(Exc_TypeError, "ord() expected a character, but string of length %zu found", str_length(c));
    return int_from_i64(str_char_at(c, 0));
  }
  raise_fmt(Exc_TypeError, "ord() expected string of length 1, but %s found", type_name(c));
}

Ref<Object> builtin_chr(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("chr", kwnames);
  check_nargs("chr", nargs, 1, 1);
  if (is_float(args[0])) raise(Exc_TypeError, "integer argument expected, got float");
  Ref<Object> i = number_index(ts, args[0]);
  int64_t v;
  if (!int_to_i64(i, v) || v < 0 || v > 0x10FFFF) raise(Exc_ValueError, "chr() arg not in range(0x110000)");
  return str_from_codepoint(static_cast<uint32_t>(v));
}

// --- namespaces -------------------------------------------------------------------

// The current frame's locals as a dict: the locals dict of module and class
// bodies, or a fresh snapshot of a function's fast locals and cells.
Ref<Object> frame_locals(ThreadState& ts) {
  Frame* f = ts.frame;
  if (!f) return dict_new();
  if (f->locals) return newref(f->locals);
  Ref<Object> d = dict_new();
  CodeObject* co = f->code;
  Object** lp = f->localsplus();
  for (int i = 0; i < co->nlocals; ++i)
    if (lp[i]) dict_set(ts, d, tuple_get(co->varnames, i), lp[i]);
  int ncells = co->ncells + co->nfrees;
  for (int i = 0; i < ncells; ++i) {
    Object* cell = lp[co->nlocals + i];
    Object* name = i < co->ncells ? tuple_get(co->cellvars, i) : tuple_get(co->freevars, i - co->ncells);
    if (cell && static_cast<CellObject*>(cell)->ref) dict_set(ts, d, name, static_cast<CellObject*>(cell)->ref);
  }
  return d;
}

Ref<Object> builtin_globals(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("globals", kwnames);
  check_nargs("globals", nargs, 0, 0);
  if (!ts.frame) return dict_new();
  return newref(ts.frame->globals);
}

Ref<Object> builtin_locals(ThreadState& ts, Object*, Args, size_t nargs, Object* kwnames) {
  check_no_kwargs("locals", kwnames);
  check_nargs("locals", nargs, 0, 0);
  return frame_locals(ts);
}

Ref<Object> builtin_vars(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("vars", kwnames);
  check_nargs("vars", nargs, 0, 1);
  if (nargs == 0) return frame_locals(ts);
  Ref<Object> d = lookup_attr(ts, args[0], names::__dict__);
  if (!d) raise(Exc_TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

Ref<Object> builtin_dir(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  check_no_kwargs("dir", kwnames);
  check_nargs("dir", nargs, 0, 1);
  Ref<Object> result;
  if (nargs == 0) {
    Ref<Object> locals = frame_locals(ts);
    result = dict_keys_list(locals);
  } else {
    static Object* dir_name = intern("__dir__");
    Ref<Object> m = lookup_special(ts, args[0], dir_name);
    if (!m) raise(Exc_TypeError, "object does not provide __dir__");
    Ref<Object> r = call0(ts, m);
    result = list_from_iterable(ts, r);
  }
  list_sort(ts, result, nullptr, false);
  return result;
}

// --- code execution -----------------------------------------------------------------

Object* dict_arg_or_null(const char* fname, const char* what, Object* o) {
  if (!o || is_none(o)) return nullptr;
  if (!is_dict(o)) raise_fmt(Exc_TypeError, "%s() %s must be a dict, not %s", fname, what, type_name(o));
  return o;
}

// exec/eval: source text or a code object, in the given or the caller's namespaces.
Ref<Object> run_source(ThreadState& ts, const char* fname, const char* mode, Args args, size_t nargs,
                       Object* kwnames) {
  Object* a[3];
  parse_args(fname, args, nargs, kwnames, {"%source", "%globals", "%locals"}, 1, a);
  Object* globals = dict_arg_or_null(fname, "globals", a[1]);
  Object* locals = a[2] && !is_none(a[2]) ? a[2] : nullptr;
  Ref<Object> owned_globals;
  Ref<Object> owned_locals;
  if (!globals) {
    owned_globals = ts.frame ? newref(ts.frame->globals) : dict_new();
    globals = owned_globals;
    if (!locals) {
      owned_locals = ts.frame && ts.frame->locals ? newref(ts.frame->locals) : frame_locals(ts);
      locals = owned_locals;
    }
  }
  if (!locals) locals = globals;
  if (!dict_get(ts, globals, names::__builtins__))
    dict_set(ts, globals, names::__builtins__, ts.interp->builtins_module);
  Ref<Object> code;
  Object* src = a[0];
  if (type_check(src, &Code_type)) {
    code = newref(src);
  } else if (is_str(src)) {
    std::string_view text = str_view(src);
    // eval() ignores leading spaces and tabs, as CPython does.
    if (std::string_view(mode) == "eval")
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    code = compile_source(ts, text, "<string>", mode);
  } else {
    raise_fmt(Exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
  }
  return eval_code(ts, code, globals, locals);
}

Ref<Object> builtin_exec(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  run_source(ts, "exec", "exec", args, nargs, kwnames);
  return none_ref();
}

Ref<Object> builtin_eval(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  return run_source(ts, "eval", "eval", args, nargs, kwnames);
}

Ref<Object> builtin_compile(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[6];
  parse_args("compile", args, nargs, kwnames, {"source", "filename", "mode", "flags", "dont_inherit", "optimize"},
             3, a);
  if (!is_str(a[0])) raise(Exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
  if (!is_str(a[1]) || !is_str(a[2])) raise(Exc_TypeError, "compile() arguments 2 and 3 must be str");
  std::string mode(str_view(a[2]));
  if (mode != "exec" && mode != "eval" && mode != "single")
    raise(Exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  if (mode == "single") mode = "exec";
  return compile_source(ts, str_view(a[0]), std::string(str_view(a[1])), mode.c_str());
}

Ref<Object> builtin_build_class(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  return build_class(ts, args, nargs, kwnames);
}

Ref<Object> builtin_import(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  Object* a[5];
  parse_args("__import__", args, nargs, kwnames, {"name", "globals", "locals", "fromlist", "level"}, 1, a);
  if (!is_str(a[0])) raise_fmt(Exc_TypeError, "__import__() argument 1 must be str, not %s", type_name(a[0]));
  int level = a[4] ? static_cast<int>(index_as_i64(ts, a[4])) : 0;
  return import_module(ts, a[0], a[3] ? a[3] : None(), level);
}

const MethodDef kBuiltinFunctions[] = {
    {"print", builtin_print, METH_DEFAULT, "print(value, ..., sep=' ', end='\\n', file=None, flush=False)"},
    {"input", builtin_input},
    {"len", builtin_len},
    {"repr", builtin_repr},
    {"ascii", builtin_ascii},
    {"format", builtin_format},
    {"hash", builtin_hash},
    {"id", builtin_id},
    {"callable", builtin_callable},
    {"getattr", builtin_getattr},
    {"setattr", builtin_setattr},
    {"delattr", builtin_delattr},
    {"hasattr", builtin_hasattr},
    {"isinstance", builtin_isinstance},
    {"issubclass", builtin_issubclass},
    {"iter", builtin_iter},
    {"next", builtin_next},
    {"abs", builtin_abs},
    {"divmod", builtin_divmod},
    {"pow", builtin_pow},
    {"round", builtin_round},
    {"hex", builtin_hex},
    {"oct", builtin_oct},
    {"bin", builtin_bin},
    {"ord", builtin_ord},
    {"chr", builtin_chr},
    {"globals", builtin_globals},
    {"locals", builtin_locals},
    {"vars", builtin_vars},
    {"dir", builtin_dir},
    {"exec", builtin_exec},
    {"eval", builtin_eval},
    {"compile", builtin_compile},
    {"__build_class__", builtin_build_class},
    {"__import__", builtin_import},
    {"open", builtin_open},
    {nullptr, nullptr},
};

}  // namespace

Ref<Object> make_builtins_module(ThreadState& ts) {
  Ref<Object> m = module_new(ts, "builtins");
  module_add_functions(ts, m, kBuiltinFunctions);
  module_add_functions(ts, m, builtin_iteration_functions());
  struct NamedType {
    const char* name;
    TypeObject* type;
  };
  const NamedType types[] = {
      {"object", &Object_type},       {"type", &Type_type},           {"int", &Int_type},
      {"bool", &Bool_type},           {"float", &Float_type},         {"complex", &Complex_type},
      {"str", &Str_type},             {"bytes", &Bytes_type},       {"bytearray", &ByteArray_type},         {"tuple", &Tuple_type},
      {"list", &List_type},           {"dict", &Dict_type},           {"set", &Set_type},
      {"frozenset", &FrozenSet_type}, {"range", &Range_type},         {"slice", &Slice_type},
      {"property", &Property_type},   {"classmethod", &ClassMethod_type},
      {"staticmethod", &StaticMethod_type},                           {"super", &Super_type},
      {"enumerate", &Enumerate_type}, {"zip", &Zip_type},             {"map", &Map_type},
      {"filter", &Filter_type},       {"reversed", &Reversed_type},
  };
  for (const NamedType& t : types) module_add(ts, m, t.name, t.type);
#define GK_ADD_EXC(name, base) module_add(ts, m, #name, Exc_##name);
  GK_EXCEPTION_TYPES(GK_ADD_EXC)
#undef GK_ADD_EXC
  module_add(ts, m, "EnvironmentError", Exc_OSError);
  module_add(ts, m, "IOError", Exc_OSError);
  module_add(ts, m, "None", None());
  module_add(ts, m, "NotImplemented", NotImplemented());
  module_add(ts, m, "Ellipsis", Ellipsis());
  module_add(ts, m, "True", True());
  module_add(ts, m, "False", False());
  module_add(ts, m, "__debug__", True());
  return m;
}

}  // namespace gk
