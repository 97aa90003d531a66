// runtime/vm/eval_ops.cpp — the slow halves of eval-loop instructions (see
// eval_ops.hpp): everything an instruction needs beyond its fast path, with
// CPython 3.11's error messages.
#include "vm/eval_ops.hpp"

#include <string>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/generator.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/set.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

std::string name_str(Object* name) { return is_str(name) ? std::string(str_view(name)) : std::string("?"); }

[[noreturn]] void raise_with_name(ThreadState& ts, TypeObject* type, const std::string& msg, Object* name) {
  Ref<Object> exc = exception_new(ts, type, msg);
  try {
    setattr(ts, exc, names::name, name);
  } catch (PyError&) {
  }
  raise_obj(std::move(exc));
}

Object* deref_name(CodeObject* co, int i) {
  return i < co->ncells ? tuple_get(co->cellvars, static_cast<size_t>(i))
                        : tuple_get(co->freevars, static_cast<size_t>(i - co->ncells));
}

[[noreturn]] void raise_free_unbound(ThreadState& ts, Object* name) {
  raise_with_name(ts, Exc_NameError,
                  "cannot access free variable '" + name_str(name) +
                      "' where it is not associated with a value in enclosing scope",
                  name);
}

// Lookup in a locals mapping: a dict directly, any other mapping by __getitem__.
Ref<Object> mapping_lookup(ThreadState& ts, Object* mapping, Object* name) {
  if (type_of(mapping) == &Dict_type) {
    Object* v = dict_get(ts, mapping, name);
    return v ? newref(v) : Ref<Object>();
  }
  try {
    return getitem(ts, mapping, name);
  } catch (PyError& e) {
    if (!e.matches(Exc_KeyError)) throw;
    return {};
  }
}

bool has_keys_method(ThreadState& ts, Object* o) {
  return is_dict(o) || static_cast<bool>(lookup_attr(ts, o, names::keys));
}

}  // namespace

// --- names ---------------------------------------------------------------------------

void raise_name_error(ThreadState& ts, Object* name) {
  raise_with_name(ts, Exc_NameError, "name '" + name_str(name) + "' is not defined", name);
}

void raise_unbound_local(ThreadState& ts, CodeObject* co, int i) {
  Object* name = tuple_get(co->varnames, static_cast<size_t>(i));
  raise_with_name(ts, Exc_UnboundLocalError,
                  "cannot access local variable '" + name_str(name) + "' where it is not associated with a value",
                  name);
}

void raise_unbound_deref(ThreadState& ts, CodeObject* co, int i) {
  Object* name = deref_name(co, i);
  if (i < co->ncells)
    raise_with_name(ts, Exc_UnboundLocalError,
                    "cannot access local variable '" + name_str(name) + "' where it is not associated with a value",
                    name);
  raise_free_unbound(ts, name);
}

Ref<Object> eval_load_name(ThreadState& ts, Frame* f, Object* name) {
  if (!f->locals) raise_fmt(Exc_SystemError, "no locals when loading '%s'", name_str(name).c_str());
  if (Ref<Object> v = mapping_lookup(ts, f->locals, name)) return v;
  if (Object* v = dict_get(ts, f->globals, name)) return newref(v);
  if (Object* v = dict_get(ts, f->builtins, name)) return newref(v);
  raise_name_error(ts, name);
}

Ref<Object> eval_load_global_slow(ThreadState& ts, Frame* f, Object* name) {
  if (Object* v = dict_get(ts, f->globals, name)) return newref(v);
  if (Object* v = dict_get(ts, f->builtins, name)) return newref(v);
  raise_name_error(ts, name);
}

void eval_store_name(ThreadState& ts, Frame* f, Object* name, Object* v) {
  if (!f->locals) raise_fmt(Exc_SystemError, "no locals found when storing '%s'", name_str(name).c_str());
  if (type_of(f->locals) == &Dict_type)
    dict_set(ts, f->locals, name, v);
  else
    setitem(ts, f->locals, name, v);
}

void eval_delete_name(ThreadState& ts, Frame* f, Object* name) {
  if (!f->locals) raise_fmt(Exc_SystemError, "no locals when deleting '%s'", name_str(name).c_str());
  if (type_of(f->locals) == &Dict_type) {
    if (!dict_del(ts, f->locals, name)) raise_name_error(ts, name);
    return;
  }
  try {
    delitem(ts, f->locals, name);
  } catch (PyError& e) {
    if (!e.matches(Exc_KeyError)) throw;
    raise_name_error(ts, name);
  }
}

void eval_delete_global(ThreadState& ts, Frame* f, Object* name) {
  if (!dict_del(ts, f->globals, name)) raise_name_error(ts, name);
}

Ref<Object> eval_load_classderef(ThreadState& ts, Frame* f, int i) {
  CodeObject* co = f->code;
  Object* name = deref_name(co, i);
  if (f->locals) {
    if (Ref<Object> v = mapping_lookup(ts, f->locals, name)) return v;
  }
  Object* cell = f->localsplus()[co->nlocals + i];
  Object* v = cell ? static_cast<CellObject*>(cell)->ref : nullptr;
  if (!v) raise_free_unbound(ts, name);
  return newref(v);
}

Ref<Object> eval_load_build_class(ThreadState& ts, Frame* f) {
  Object* bc = dict_get(ts, f->builtins, names::__build_class__);
  if (!bc) raise(Exc_NameError, "__build_class__ not found");
  return newref(bc);
}

void eval_setup_annotations(ThreadState& ts, Frame* f) {
  if (!f->locals) raise(Exc_SystemError, "no locals found when setting up annotations");
  if (type_of(f->locals) == &Dict_type) {
    if (!dict_get(ts, f->locals, names::__annotations__)) dict_set(ts, f->locals, names::__annotations__, dict_new());
    return;
  }
  if (!mapping_lookup(ts, f->locals, names::__annotations__))
    setitem(ts, f->locals, names::__annotations__, dict_new());
}

bool eval_load_method(ThreadState& ts, Object* obj, Object* name, Object** out) {
  TypeObject* tp = type_of(obj);
  if (tp->getattro == static_cast<GetAttrFn>(&generic_getattr)) {
    Object* descr = type_lookup(tp, name);
    if (descr) {
      TypeObject* dt = type_of(descr);
      bool plain = dt == &Function_type ||
                   (dt == &MethodDescr_type && static_cast<MethodDescrObject*>(descr)->def->flags == METH_DEFAULT);
      if (plain) {
        Object** dp = instance_dict_slot(obj);
        if (!dp || !*dp || !dict_get(ts, *dp, name)) {
          incref(descr);
          *out = descr;
          return true;
        }
      }
    }
  }
  *out = getattr(ts, obj, name).release();
  return false;
}

// --- unpacking ----------------------------------------------------------------------------

namespace {

Ref<Object> unpack_iter(ThreadState& ts, Object* seq) {
  TypeObject* t = type_of(seq);
  if (!t->iter && !t->getitem)
    raise_fmt(Exc_TypeError, "cannot unpack non-iterable %s object", type_name(seq));
  return get_iter(ts, seq);
}

}  // namespace

void eval_unpack_sequence(ThreadState& ts, Object* seq, size_t n, Object** out) {
  std::vector<Ref<Object>> items;
  items.reserve(n);
  if (type_of(seq) == &List_type) {
    // A consistent snapshot of exactly n items (another thread may resize
    // the list): out is filled in eval-stack order.
    if (list_unpack_exact(seq, n, out)) return;
    size_t size = list_size(seq);
    if (size < n) raise_fmt(Exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, size);
    raise_fmt(Exc_ValueError, "too many values to unpack (expected %zu)", n);
  }
  if (type_of(seq) == &Tuple_type) {
    size_t size = tuple_size(seq);
    if (size < n) raise_fmt(Exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, size);
    if (size > n) raise_fmt(Exc_ValueError, "too many values to unpack (expected %zu)", n);
    Object** src = tuple_items(seq);
    for (size_t i = 0; i < n; ++i) items.push_back(newref(src[i]));
  } else {
    Ref<Object> it = unpack_iter(ts, seq);
    for (size_t i = 0; i < n; ++i) {
      Ref<Object> v = iter_next(ts, it);
      if (!v) raise_fmt(Exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, i);
      items.push_back(std::move(v));
    }
    if (iter_next(ts, it)) raise_fmt(Exc_ValueError, "too many values to unpack (expected %zu)", n);
  }
  for (size_t i = 0; i < n; ++i) out[n - 1 - i] = items[i].release();
}

void eval_unpack_ex(ThreadState& ts, Object* seq, size_t before, size_t after, Object** out) {
  Ref<Object> it = unpack_iter(ts, seq);
  std::vector<Ref<Object>> items;
  items.reserve(before + 1 + after);
  for (size_t i = 0; i < before; ++i) {
    Ref<Object> v = iter_next(ts, it);
    if (!v)
      raise_fmt(Exc_ValueError, "not enough values to unpack (expected at least %zu, got %zu)", before + after, i);
    items.push_back(std::move(v));
  }
  Ref<Object> rest = list_from_iterable(ts, it);
  size_t nrest = list_size(rest);
  if (nrest < after)
    raise_fmt(Exc_ValueError, "not enough values to unpack (expected at least %zu, got %zu)", before + after,
              before + nrest);
  // The last `after` items of the list are the names after the star.
  Ref<Object> middle = list_from_array(list_items(rest), nrest - after);
  items.push_back(std::move(middle));
  for (size_t i = nrest - after; i < nrest; ++i) items.push_back(newref(list_get(rest, i)));
  size_t total = items.size();
  for (size_t i = 0; i < total; ++i) out[total - 1 - i] = items[i].release();
}

// --- exceptions -------------------------------------------------------------------------------

Ref<Object> eval_make_exception(ThreadState& ts, Object* v) {
  if (is_exception_type(v)) {
    Ref<Object> exc = call0(ts, v);
    if (!is_exception(exc))
      raise_fmt(Exc_TypeError, "calling %s should have returned an instance of BaseException, not %s",
                repr_utf8(ts, v).c_str(), type_name(exc));
    return exc;
  }
  if (is_exception(v)) return newref(v);
  raise(Exc_TypeError, "exceptions must derive from BaseException");
}

void eval_set_cause(ThreadState& ts, Object* exc, Object* cause) {
  if (is_none(cause)) {
    exception_set_cause(exc, nullptr);
    return;
  }
  if (is_exception_type(cause)) {
    Ref<Object> c = call0(ts, cause);
    if (!is_exception(c))
      raise_fmt(Exc_TypeError, "calling %s should have returned an instance of BaseException, not %s",
                repr_utf8(ts, cause).c_str(), type_name(c));
    exception_set_cause(exc, c);
    return;
  }
  if (!is_exception(cause)) raise(Exc_TypeError, "exception causes must derive from BaseException");
  exception_set_cause(exc, cause);
}

bool eval_exception_matches(ThreadState&, Object* exc, Object* type) {
  static const char kMsg[] = "catching classes that do not inherit from BaseException is not allowed";
  if (is_tuple(type)) {
    size_t n = tuple_size(type);
    for (size_t i = 0; i < n; ++i)
      if (!is_exception_type(tuple_get(type, i))) raise(Exc_TypeError, kMsg);
    for (size_t i = 0; i < n; ++i)
      if (type_check(exc, static_cast<TypeObject*>(tuple_get(type, i)))) return true;
    return false;
  }
  if (!is_exception_type(type)) raise(Exc_TypeError, kMsg);
  return type_check(exc, static_cast<TypeObject*>(type));
}

void eval_pop_blocks(ThreadState& ts, Frame* f) noexcept {
  while (f->nblocks > 0) {
    Block& b = f->blocks[--f->nblocks];
    if (b.kind == BlockKind::EXCEPT_HANDLER) {
      Object* old = ts.exc_info;
      ts.exc_info = b.prev_exc;
      b.prev_exc = nullptr;
      xdecref(old);
    }
  }
}

// --- with ---------------------------------------------------------------------------------------

Ref<Object> eval_before_with(ThreadState& ts, Object* mgr, Object** exit) {
  Ref<Object> enter = lookup_special(ts, mgr, names::__enter__);
  if (!enter)
    raise_fmt(Exc_TypeError, "'%s' object does not support the context manager protocol", type_name(mgr));
  Ref<Object> ex = lookup_special(ts, mgr, names::__exit__);
  if (!ex)
    raise_fmt(Exc_TypeError, "'%s' object does not support the context manager protocol (missed __exit__ method)",
              type_name(mgr));
  Ref<Object> res = call0(ts, enter);
  *exit = ex.release();
  return res;
}

Ref<Object> eval_with_except_start(ThreadState& ts, Object* exit, Object* exc) {
  Object* tb = as_exc(exc)->traceback;
  Object* args[3] = {type_of(exc), exc, tb ? tb : None()};
  return call(ts, exit, args, 3);
}

// --- strings ---------------------------------------------------------------------------------------

Ref<Object> eval_format_value(ThreadState& ts, Object* value, int conversion, Object* spec) {
  Ref<Object> v;
  switch (conversion) {
    case 1: v = str(ts, value); break;
    case 2: v = repr(ts, value); break;
    case 3: v = ascii(ts, value); break;
    default: v = newref(value); break;
  }
  if (!spec && type_of(v) == &Str_type) return v;
  if (spec && type_of(v) == &Str_type && str_view(spec).empty()) return v;
  return format(ts, v, spec);
}

Ref<Object> eval_build_string(ThreadState&, Object* const* items, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (!is_str(items[i])) raise_type_not("BUILD_STRING expects str", items[i]);
    out += str_view(items[i]);
  }
  return str_new(out);
}

// --- containers ------------------------------------------------------------------------------------

void eval_set_update(ThreadState& ts, Object* set, Object* iterable) {
  for_each(ts, iterable, [&](Object* item) {
    set_add(ts, set, item);
    return true;
  });
}

void eval_dict_update(ThreadState& ts, Object* dict, Object* update) {
  if (!has_keys_method(ts, update)) raise_fmt(Exc_TypeError, "'%s' object is not a mapping", type_name(update));
  dict_update(ts, dict, update);
}

std::string eval_function_str(ThreadState& ts, Object* callable) {
  Ref<Object> qualname = lookup_attr(ts, callable, names::__qualname__);
  if (!qualname) return str_utf8(ts, callable);
  Ref<Object> module = lookup_attr(ts, callable, names::__module__);
  std::string q = str_utf8(ts, qualname);
  if (module && !is_none(module)) {
    std::string m = str_utf8(ts, module);
    if (m != "builtins") return m + "." + q + "()";
  }
  return q + "()";
}

void eval_dict_merge(ThreadState& ts, Object* callable, Object* dict, Object* update) {
  if (!has_keys_method(ts, update))
    raise_fmt(Exc_TypeError, "%s argument after ** must be a mapping, not %s",
              eval_function_str(ts, callable).c_str(), type_name(update));
  // Non-str keys pass here; the call reports them ("keywords must be strings").
  auto add = [&](Object* key, Object* value) {
    if (dict_get(ts, dict, key))
      raise_fmt(Exc_TypeError, "%s got multiple values for keyword argument '%s'",
                eval_function_str(ts, callable).c_str(), str_utf8(ts, key).c_str());
    dict_set(ts, dict, key, value);
  };
  if (type_of(update) == &Dict_type) {
    Object *k, *v;
    for (size_t pos = 0; dict_next(update, pos, &k, &v);) {
      Ref<Object> key = newref(k), value = newref(v);
      add(key, value);
    }
    return;
  }
  Ref<Object> keys = call_method(ts, update, names::keys, nullptr, 0);
  for_each(ts, keys, [&](Object* key) {
    Ref<Object> value = getitem(ts, update, key);
    add(key, value);
    return true;
  });
}

Ref<Object> eval_build_map(ThreadState& ts, Object* const* items, size_t npairs) {
  Ref<Object> d = dict_new();
  for (size_t i = 0; i < npairs; ++i) dict_set(ts, d, items[2 * i], items[2 * i + 1]);
  return d;
}

Ref<Object> eval_build_set(ThreadState& ts, Object* const* items, size_t n) {
  Ref<Object> s = set_new();
  for (size_t i = 0; i < n; ++i) set_add(ts, s, items[i]);
  return s;
}

// --- calls and definitions ---------------------------------------------------------------------------

Ref<Object> eval_call_function_ex(ThreadState& ts, Object* callable, Object* args, Object* kwargs) {
  Ref<Object> argt;
  if (type_of(args) == &Tuple_type) {
    argt = newref(args);
  } else {
    TypeObject* t = type_of(args);
    if (!t->iter && !t->getitem)
      raise_fmt(Exc_TypeError, "%s argument after * must be an iterable, not %s",
                eval_function_str(ts, callable).c_str(), type_name(args));
    argt = tuple_from_iterable(ts, args);
  }
  size_t nargs = tuple_size(argt);
  if (!kwargs || dict_size(kwargs) == 0) return call(ts, callable, tuple_items(argt), nargs, nullptr);
  Ref<Object> kwd;
  if (!is_dict(kwargs)) {
    kwd = dict_new();
    eval_dict_merge(ts, callable, kwd, kwargs);
    kwargs = kwd;
  }
  size_t nkw = dict_size(kwargs);
  std::vector<Object*> argv(nargs + nkw);
  for (size_t i = 0; i < nargs; ++i) argv[i] = tuple_get(argt, i);
  Ref<Object> kwnames = tuple_new(nkw);
  Ref<Object> hold = newref(kwargs);  // keeps the values alive across the call
  Object *k, *v;
  size_t j = 0;
  for (size_t pos = 0; j < nkw && dict_next(kwargs, pos, &k, &v); ++j) {
    if (!is_str(k)) raise(Exc_TypeError, "keywords must be strings");
    incref(k);
    tuple_set_steal(kwnames, j, k);
    argv[nargs + j] = v;
  }
  Ref<Object> values = tuple_from_array(argv.data() + nargs, j);  // own the values (the dict may change)
  for (size_t i = 0; i < j; ++i) argv[nargs + i] = tuple_get(values, i);
  return call(ts, callable, argv.data(), nargs, kwnames);
}

Ref<Object> eval_make_function(ThreadState& ts, Frame* f, Object* const* extras, uint32_t flags, Object* code) {
  Ref<Object> fn = function_new(code, f->globals, nullptr);
  auto* func = static_cast<FunctionObject*>(fn.get());
  assign(func->builtins, f->builtins);
  size_t i = 0;
  if (flags & 1) {
    Object* d = extras[i++];
    assign(func->defaults, is_none(d) ? nullptr : d);
  }
  if (flags & 2) {
    Object* d = extras[i++];
    assign(func->kwdefaults, is_none(d) ? nullptr : d);
  }
  if (flags & 4) {
    Object* a = extras[i++];
    if (is_tuple(a)) {  // (name, value, name, value, ...) as CPython 3.11 emits
      Ref<Object> d = dict_new();
      for (size_t k = 0; k + 1 < tuple_size(a); k += 2) dict_set(ts, d, tuple_get(a, k), tuple_get(a, k + 1));
      assign(func->annotations, d.get());
    } else {
      assign(func->annotations, a);
    }
  }
  if (flags & 8) assign(func->closure, extras[i++]);
  return fn;
}

// --- imports --------------------------------------------------------------------------------------------

Ref<Object> eval_import_name(ThreadState& ts, Frame* f, Object* name, Object* fromlist, Object* level) {
  (void)f;
  int64_t lv = is_int(level) ? int_as_i64(level) : 0;
  return import_module(ts, name, fromlist, static_cast<int>(lv));
}

Ref<Object> eval_import_from(ThreadState& ts, Object* module, Object* name) {
  try {
    return getattr(ts, module, name);
  } catch (PyError& e) {
    if (!e.matches(Exc_AttributeError)) throw;
  }
  // A submodule imported as a side effect: sys.modules["pkg.name"].
  Ref<Object> modname = lookup_attr(ts, module, names::__name__);
  std::string mod = modname && is_str(modname) ? std::string(str_view(modname)) : std::string("<unknown module name>");
  if (modname && is_str(modname)) {
    Ref<Object> full = str_new(mod + "." + name_str(name));
    if (Object* m = dict_get(ts, ts.interp->modules, full)) return newref(m);
  }
  Ref<Object> file = lookup_attr(ts, module, names::__file__);
  std::string where = file && is_str(file) ? std::string(str_view(file)) : std::string("unknown location");
  Ref<Object> exc = exception_new(ts, Exc_ImportError,
                                  "cannot import name '" + name_str(name) + "' from '" + mod + "' (" + where + ")");
  try {
    if (modname) setattr(ts, exc, names::name, modname);
  } catch (PyError&) {
  }
  raise_obj(std::move(exc));
}

void eval_import_star(ThreadState& ts, Frame* f, Object* module) {
  if (!f->locals) raise(Exc_SystemError, "no locals found during 'import *'");
  Ref<Object> all = lookup_attr(ts, module, names::__all__);
  if (all) {
    for_each(ts, all, [&](Object* n) {
      Ref<Object> v = getattr(ts, module, n);
      eval_store_name(ts, f, n, v);
      return true;
    });
    return;
  }
  Ref<Object> d = getattr(ts, module, names::__dict__);
  if (!is_dict(d)) raise(Exc_ImportError, "from-import-* object has no __dict__ and no __all__");
  Ref<Object> items = dict_items_list(d);
  for (size_t i = 0; i < list_size(items); ++i) {
    Object* pair = list_get(items, i);
    Object* k = tuple_get(pair, 0);
    if (!is_str(k) || str_view(k).starts_with("_")) continue;
    eval_store_name(ts, f, k, tuple_get(pair, 1));
  }
}

// --- generators ---------------------------------------------------------------------------------------------

Ref<Object> eval_get_yield_from_iter(ThreadState& ts, Object* o) {
  if (is_generator(o)) return newref(o);
  return get_iter(ts, o);
}

Ref<Object> stop_iteration_value(Object* exc) {
  Object* args = as_exc(exc)->args;
  if (args && tuple_size(args) > 0) return newref(tuple_get(args, 0));
  return none_ref();
}

Ref<Object> eval_send(ThreadState& ts, Object* subiter, Object* v, bool* done) {
  *done = false;
  if (is_generator(subiter)) {
    bool returned = false;
    Ref<Object> r = generator_send(ts, subiter, v, returned);
    *done = returned;
    return r;
  }
  try {
    if (is_none(v) && type_of(subiter)->iternext) {
      Ref<Object> r = type_of(subiter)->iternext(ts, subiter);
      if (r) return r;
      *done = true;
      return none_ref();
    }
    return call_method(ts, subiter, names::send, &v, 1);
  } catch (PyError& e) {
    if (!e.matches(Exc_StopIteration)) throw;
    *done = true;
    return stop_iteration_value(e.value());
  }
}

}  // namespace gk
