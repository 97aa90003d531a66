// runtime/vm/call.cpp — calling Python code: binding vectorcall arguments to
// a function's parameters (with CPython 3.11's TypeError messages), creating
// the frame's cells, function_call / eval_code / class-body calls, and turning
// a call of a generator function into a generator object.
//
// Parameter layout of co_varnames (the compiler's contract, as CPython):
//   [0, argcount)                      positional (the first posonlyargcount positional-only)
//   [argcount, argcount + kwonly)      keyword-only
//   then the *args name if CO_VARARGS, then the **kwargs name if CO_VARKEYWORDS.
#include <string>
#include <vector>

#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/generator.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/eval.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

inline CodeObject* code_of(FunctionObject* fn) noexcept { return static_cast<CodeObject*>(fn->code); }

std::string func_name(FunctionObject* fn) {
  Object* q = fn->qualname ? fn->qualname : fn->name;
  return q && is_str(q) ? std::string(str_view(q)) : std::string("?");
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" (CPython's list of missing names).
std::string quoted_name_list(const std::vector<Object*>& names) {
  std::string out;
  size_t n = names.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += n == 2 ? " and " : (i == n - 1 ? ", and " : ", ");
    out += "'";
    out += str_view(names[i]);
    out += "'";
  }
  return out;
}

[[noreturn]] void missing_arguments(FunctionObject* fn, const std::vector<Object*>& missing, const char* kind) {
  size_t n = missing.size();
  raise_fmt(Exc_TypeError, "%s() missing %zu required %s argument%s: %s", func_name(fn).c_str(), n, kind,
            n == 1 ? "" : "s", quoted_name_list(missing).c_str());
}

[[noreturn]] void too_many_positional(FunctionObject* fn, size_t given, Object** lp) {
  CodeObject* co = code_of(fn);
  size_t argcount = static_cast<size_t>(co->argcount);
  size_t defcount = fn->defaults ? tuple_size(fn->defaults) : 0;
  size_t kwonly_given = 0;
  for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; ++i)
    if (lp[i]) ++kwonly_given;
  std::string sig;
  bool plural;
  if (defcount) {
    sig = "from " + std::to_string(argcount - defcount) + " to " + std::to_string(argcount);
    plural = true;
  } else {
    sig = std::to_string(argcount);
    plural = argcount != 1;
  }
  std::string kwonly_sig;
  if (kwonly_given) {
    kwonly_sig = std::string(" positional argument") + (given != 1 ? "s" : "") + " (and " +
                 std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
  }
  raise_fmt(Exc_TypeError, "%s() takes %s positional argument%s but %zu%s %s given", func_name(fn).c_str(),
            sig.c_str(), plural ? "s" : "", given, kwonly_sig.c_str(),
            given == 1 && !kwonly_given ? "was" : "were");
}

// Raises when some of kwnames name positional-only parameters (and there is no
// **kwargs to absorb them); returns otherwise.
void check_positional_only_as_keyword(FunctionObject* fn, Object* kwnames) {
  CodeObject* co = code_of(fn);
  std::string names;
  for (int i = 0; i < co->posonlyargcount; ++i) {
    Object* p = tuple_get(co->varnames, static_cast<size_t>(i));
    for (size_t k = 0; k < tuple_size(kwnames); ++k) {
      Object* kw = tuple_get(kwnames, k);
      if (kw == p || (is_str(kw) && str_equal(kw, p))) {
        if (!names.empty()) names += ", ";
        names += str_view(p);
        break;
      }
    }
  }
  if (!names.empty())
    raise_fmt(Exc_TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
              func_name(fn).c_str(), names.c_str());
}

// The index in co_varnames of keyword `name` among [posonly, nparams), or -1.
int find_keyword(CodeObject* co, Object* name, int nparams) {
  Object** vn = tuple_items(co->varnames);
  for (int i = co->posonlyargcount; i < nparams; ++i)
    if (vn[i] == name) return i;
  for (int i = co->posonlyargcount; i < nparams; ++i)
    if (str_equal(vn[i], name)) return i;
  return -1;
}

// The builtins dict for code running with `globals` (its __builtins__, a module or
// a dict, else the interpreter's).
Object* builtins_for(ThreadState& ts, Object* globals) {
  if (Object* b = dict_get_str(ts, globals, names::__builtins__)) {
    if (type_check(b, &Module_type)) return module_dict(b);
    if (is_dict(b)) return b;
  }
  return ts.interp->builtins;
}

}  // namespace

void frame_init_cells(Frame* f, FunctionObject* fn) {
  CodeObject* co = code_of(fn);
  Object** lp = f->localsplus();
  Object** cells = lp + co->nlocals;
  for (int i = 0; i < co->ncells; ++i) {
    Object* init = nullptr;
    if (co->cell2arg && co->cell2arg[i] >= 0) {
      // The argument moves into its cell (every access goes through *_DEREF).
      init = lp[co->cell2arg[i]];
      lp[co->cell2arg[i]] = nullptr;
    }
    Ref<Object> arg = steal(init);
    cells[i] = cell_new(init).release();
  }
  if (co->nfrees) {
    Object** frees = cells + co->ncells;
    size_t have = fn->closure && is_tuple(fn->closure) ? tuple_size(fn->closure) : 0;
    for (int i = 0; i < co->nfrees; ++i) {
      // A closure shorter than co_freevars (only a broken code object) gets empty cells.
      Object* c = static_cast<size_t>(i) < have ? tuple_get(fn->closure, static_cast<size_t>(i)) : nullptr;
      if (c && type_of(c) == &Cell_type) {
        incref(c);
        frees[i] = c;
      } else {
        frees[i] = cell_new(nullptr).release();
      }
    }
  }
}

void bind_arguments(ThreadState& ts, FunctionObject* fn, Frame* f, Object* self, Object* const* args, size_t nargs,
                    Object* kwnames) {
  CodeObject* co = code_of(fn);
  Object** lp = f->localsplus();
  const size_t total = nargs + (self ? 1 : 0);
  auto arg = [&](size_t i) -> Object* { return self ? (i == 0 ? self : args[i - 1]) : args[i]; };
  const size_t argcount = static_cast<size_t>(co->argcount);
  const int nparams = co->argcount + co->kwonlyargcount;
  int next_slot = nparams;
  int varargs_slot = (co->flags & CO_VARARGS) ? next_slot++ : -1;
  Object* kwdict = nullptr;
  if (co->flags & CO_VARKEYWORDS) {
    kwdict = dict_new().release();
    lp[next_slot] = kwdict;
  }

  size_t n = total < argcount ? total : argcount;
  for (size_t i = 0; i < n; ++i) {
    Object* v = arg(i);
    incref(v);
    lp[i] = v;
  }
  if (varargs_slot >= 0) {
    if (total > argcount) {
      Ref<Object> t = tuple_new(total - argcount);
      for (size_t i = argcount; i < total; ++i) {
        Object* v = arg(i);
        incref(v);
        tuple_set_steal(t, i - argcount, v);
      }
      lp[varargs_slot] = t.release();
    } else {
      lp[varargs_slot] = tuple_empty().release();
    }
  }

  if (kwnames) {
    size_t nkw = tuple_size(kwnames);
    for (size_t k = 0; k < nkw; ++k) {
      Object* name = tuple_get(kwnames, k);
      Object* value = args[nargs + k];
      if (!is_str(name)) raise_fmt(Exc_TypeError, "%s() keywords must be strings", func_name(fn).c_str());
      int j = find_keyword(co, name, nparams);
      if (j < 0) {
        if (kwdict) {
          dict_set(ts, kwdict, name, value);
          continue;
        }
        if (co->posonlyargcount) check_positional_only_as_keyword(fn, kwnames);
        raise_fmt(Exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", func_name(fn).c_str(),
                  static_cast<int>(str_view(name).size()), str_view(name).data());
      }
      if (lp[j])
        raise_fmt(Exc_TypeError, "%s() got multiple values for argument '%.*s'", func_name(fn).c_str(),
                  static_cast<int>(str_view(name).size()), str_view(name).data());
      incref(value);
      lp[j] = value;
    }
  }

  if (total > argcount && varargs_slot < 0) too_many_positional(fn, total, lp);

  if (total < argcount) {
    size_t defcount = fn->defaults ? tuple_size(fn->defaults) : 0;
    size_t first_default = argcount - (defcount < argcount ? defcount : argcount);
    std::vector<Object*> missing;
    for (size_t i = total; i < first_default; ++i)
      if (!lp[i]) missing.push_back(tuple_get(co->varnames, i));
    if (!missing.empty()) missing_arguments(fn, missing, "positional");
    for (size_t i = first_default > total ? first_default : total; i < argcount; ++i) {
      if (lp[i]) continue;
      Object* d = tuple_get(fn->defaults, i - (argcount - defcount));
      incref(d);
      lp[i] = d;
    }
  }

  if (co->kwonlyargcount) {
    std::vector<Object*> missing;
    for (int i = co->argcount; i < nparams; ++i) {
      if (lp[i]) continue;
      Object* name = tuple_get(co->varnames, static_cast<size_t>(i));
      Object* d = fn->kwdefaults ? dict_get(ts, fn->kwdefaults, name) : nullptr;
      if (d) {
        incref(d);
        lp[i] = d;
      } else {
        missing.push_back(name);
      }
    }
    if (!missing.empty()) missing_arguments(fn, missing, "keyword-only");
  }

  if (co->ncells | co->nfrees) frame_init_cells(f, fn);
}

Ref<Object> function_make_generator(ThreadState& ts, FunctionObject* fn, Object* self, Object* const* args,
                                    size_t nargs, Object* kwnames) {
  Frame* f = frame_new_heap(code_of(fn), fn, fn->globals, fn->builtins, nullptr);
  try {
    bind_arguments(ts, fn, f, self, args, nargs, kwnames);
  } catch (...) {
    frame_free_heap(f);
    throw;
  }
  return generator_new(ts, f);
}

Ref<Object> function_call_self(ThreadState& ts, Object* func, Object* self, Object* const* args, size_t nargs,
                               Object* kwnames) {
  auto* fn = static_cast<FunctionObject*>(func);
  CodeObject* co = code_of(fn);
  if (co->flags & CO_GENERATOR) return function_make_generator(ts, fn, self, args, nargs, kwnames);
  Frame* f = frame_push(ts, co, fn, fn->globals, fn->builtins, nullptr);
  ArenaFrameGuard guard(ts, f);
  bind_arguments(ts, fn, f, self, args, nargs, kwnames);
  return eval_frame(ts, f, nullptr);
}

Ref<Object> function_call(ThreadState& ts, Object* func, Object* const* args, size_t nargs, Object* kwnames) {
  return function_call_self(ts, func, nullptr, args, nargs, kwnames);
}

Ref<Object> run_class_body(ThreadState& ts, Object* func, Object* locals) {
  auto* fn = static_cast<FunctionObject*>(func);
  CodeObject* co = code_of(fn);
  Frame* f = frame_push(ts, co, fn, fn->globals, fn->builtins, locals);
  ArenaFrameGuard guard(ts, f);
  if (co->ncells | co->nfrees) frame_init_cells(f, fn);
  return eval_frame(ts, f, nullptr);
}

Ref<Object> eval_code(ThreadState& ts, Object* code, Object* globals, Object* locals) {
  if (type_of(code) != &Code_type) raise_type_not("eval_code() expects a code object", code);
  if (!is_dict(globals)) raise_type_not("globals must be a dict", globals);
  auto* co = static_cast<CodeObject*>(code);
  Object* builtins = builtins_for(ts, globals);
  Frame* f = frame_push(ts, co, nullptr, globals, builtins, locals ? locals : globals);
  ArenaFrameGuard guard(ts, f);
  if (co->ncells | co->nfrees) {
    // Code with cells run without a function (a class body run by exec): fresh empty cells.
    Object** cells = f->localsplus() + co->nlocals;
    for (int i = 0; i < co->ncells + co->nfrees; ++i) cells[i] = cell_new(nullptr).release();
  }
  return eval_frame(ts, f, nullptr);
}

}  // namespace gk
