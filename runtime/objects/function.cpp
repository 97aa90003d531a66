// runtime/objects/function.cpp — the types `function`, `cell`, `method`
// (bound methods) and `builtin_function_or_method`: construction, calling,
// binding (function.__get__), reprs, equality, and their attributes
// (__name__, __qualname__, __defaults__, __closure__, cell_contents, ...).
#include "objects/function.hpp"

#include <cstddef>
#include <cstdio>
#include <string>

#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/eval.hpp"
#include "vm/interpreter.hpp"

namespace gk {

TypeObject Function_type, Cell_type, Method_type, BuiltinFunction_type;

namespace {

std::string hex_address(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

// CPython's pointer hash: the address rotated by 4 bits (low bits are alignment).
int64_t hash_pointer(const void* p) noexcept {
  uint64_t y = reinterpret_cast<uintptr_t>(p);
  y = (y >> 4) | (y << 60);
  auto h = static_cast<int64_t>(y);
  return h == -1 ? -2 : h;
}

Ref<Object> or_none(Object* o) { return newref(o ? o : None()); }

// =====================================================================================
// function

FunctionObject* as_func(Object* o) noexcept { return static_cast<FunctionObject*>(o); }

void func_dealloc(Object* o) noexcept {
  FunctionObject* f = as_func(o);
  clear(f->code);
  clear(f->globals);
  clear(f->builtins);
  clear(f->name);
  clear(f->qualname);
  clear(f->defaults);
  clear(f->kwdefaults);
  clear(f->closure);
  clear(f->dict);
  clear(f->doc);
  clear(f->module);
  clear(f->annotations);
  object_free(o, sizeof(FunctionObject));
}

Ref<Object> func_repr(ThreadState&, Object* o) {
  Object* q = as_func(o)->qualname;
  std::string name = q && is_str(q) ? std::string(str_view(q)) : "?";
  return str_new("<function " + name + " at " + hex_address(o) + ">");
}

Ref<Object> func_descr_get(ThreadState&, Object* f, Object* obj, Object*) {
  if (!obj || is_none(obj)) return newref(f);
  return method_new(f, obj);
}

Ref<Object> func_get_name(ThreadState&, Object* o) { return or_none(as_func(o)->name); }
void func_set_name(ThreadState&, Object* o, Object* v) {
  if (!v || !is_str(v)) raise(Exc_TypeError, "__name__ must be set to a string object");
  assign(as_func(o)->name, v);
}
Ref<Object> func_get_qualname(ThreadState&, Object* o) { return or_none(as_func(o)->qualname); }
void func_set_qualname(ThreadState&, Object* o, Object* v) {
  if (!v || !is_str(v)) raise(Exc_TypeError, "__qualname__ must be set to a string object");
  assign(as_func(o)->qualname, v);
}
Ref<Object> func_get_code(ThreadState&, Object* o) { return newref(as_func(o)->code); }
void func_set_code(ThreadState&, Object* o, Object* v) {
  if (!v || type_of(v) != &Code_type) raise(Exc_TypeError, "__code__ must be set to a code object");
  FunctionObject* f = as_func(o);
  int nfree = static_cast<CodeObject*>(v)->nfrees;
  int nclosure = f->closure ? static_cast<int>(tuple_size(f->closure)) : 0;
  if (nfree != nclosure) {
    std::string name = f->name && is_str(f->name) ? std::string(str_view(f->name)) : "?";
    raise_fmt(Exc_ValueError, "%s() requires a code object with %d free vars, not %d", name.c_str(), nclosure,
              nfree);
  }
  assign(f->code, v);
}
Ref<Object> func_get_defaults(ThreadState&, Object* o) { return or_none(as_func(o)->defaults); }
void func_set_defaults(ThreadState&, Object* o, Object* v) {
  if (v && is_none(v)) v = nullptr;
  if (v && !is_tuple(v)) raise(Exc_TypeError, "__defaults__ must be set to a tuple object");
  assign(as_func(o)->defaults, v);
}
Ref<Object> func_get_kwdefaults(ThreadState&, Object* o) { return or_none(as_func(o)->kwdefaults); }
void func_set_kwdefaults(ThreadState&, Object* o, Object* v) {
  if (v && is_none(v)) v = nullptr;
  if (v && !is_dict(v)) raise(Exc_TypeError, "__kwdefaults__ must be set to a dict object");
  assign(as_func(o)->kwdefaults, v);
}
Ref<Object> func_get_doc(ThreadState&, Object* o) { return or_none(as_func(o)->doc); }
void func_set_doc(ThreadState&, Object* o, Object* v) { assign(as_func(o)->doc, v && !is_none(v) ? v : nullptr); }
Ref<Object> func_get_dict(ThreadState&, Object* o) {
  FunctionObject* f = as_func(o);
  if (!f->dict) f->dict = dict_new().release();
  return newref(f->dict);
}
void func_set_dict(ThreadState&, Object* o, Object* v) {
  if (!v) raise(Exc_TypeError, "cannot delete __dict__");
  if (!is_dict(v)) raise_fmt(Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(v));
  assign(as_func(o)->dict, v);
}
Ref<Object> func_get_closure(ThreadState&, Object* o) { return or_none(as_func(o)->closure); }
Ref<Object> func_get_globals(ThreadState&, Object* o) { return newref(as_func(o)->globals); }
Ref<Object> func_get_builtins(ThreadState&, Object* o) { return newref(as_func(o)->builtins); }
Ref<Object> func_get_module(ThreadState&, Object* o) { return or_none(as_func(o)->module); }
void func_set_module(ThreadState&, Object* o, Object* v) { assign(as_func(o)->module, v); }
Ref<Object> func_get_annotations(ThreadState&, Object* o) {
  FunctionObject* f = as_func(o);
  if (!f->annotations) f->annotations = dict_new().release();
  return newref(f->annotations);
}
void func_set_annotations(ThreadState&, Object* o, Object* v) {
  if (v && is_none(v)) v = nullptr;
  if (v && !is_dict(v)) raise(Exc_TypeError, "__annotations__ must be set to a dict object");
  assign(as_func(o)->annotations, v);
}

const GetSetDef kFunctionGetSets[] = {
    {"__name__", func_get_name, func_set_name},
    {"__qualname__", func_get_qualname, func_set_qualname},
    {"__code__", func_get_code, func_set_code},
    {"__defaults__", func_get_defaults, func_set_defaults},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults},
    {"__doc__", func_get_doc, func_set_doc},
    {"__dict__", func_get_dict, func_set_dict},
    {"__closure__", func_get_closure, nullptr},
    {"__globals__", func_get_globals, nullptr},
    {"__builtins__", func_get_builtins, nullptr},
    {"__module__", func_get_module, func_set_module},
    {"__annotations__", func_get_annotations, func_set_annotations},
    {nullptr, nullptr, nullptr},
};

void setup_function(TypeObject& t) {
  t.name = "function";
  t.basicsize = sizeof(FunctionObject);
  static FunctionObject probe;  // the offset of the __dict__ slot (offsetof is not defined for derived structs)
  t.dictoffset = static_cast<size_t>(reinterpret_cast<char*>(&probe.dict) - reinterpret_cast<char*>(&probe));
  t.flags = TPFLAG_HAS_DICT | TPFLAG_IMMUTABLE;
  t.doc = "Create a function object.";
  t.dealloc = func_dealloc;
  t.repr = func_repr;
  t.call = function_call;
  t.descr_get = func_descr_get;
  t.getattro = generic_getattr;
  t.setattro = generic_setattr;
  t.getsets = kFunctionGetSets;
}

// =====================================================================================
// cell

CellObject* as_cell(Object* o) noexcept { return static_cast<CellObject*>(o); }

void cell_dealloc(Object* o) noexcept {
  clear(as_cell(o)->ref);
  object_free(o, sizeof(CellObject));
}

Ref<Object> cell_repr(ThreadState&, Object* o) {
  Object* v = as_cell(o)->ref;
  if (!v) return str_new("<cell at " + hex_address(o) + ": empty>");
  return str_new("<cell at " + hex_address(o) + ": " + type_name(v) + " object at " + hex_address(v) + ">");
}

Ref<Object> cell_get_contents(ThreadState&, Object* o) {
  Object* v = as_cell(o)->ref;
  if (!v) raise(Exc_ValueError, "Cell is empty");
  return newref(v);
}
void cell_set_contents(ThreadState&, Object* o, Object* v) { assign(as_cell(o)->ref, v); }

Ref<Object> cell_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if (type_of(a) != &Cell_type || type_of(b) != &Cell_type) return newref(NotImplemented());
  Object* x = as_cell(a)->ref;
  Object* y = as_cell(b)->ref;
  if (x && y) return rich_compare(ts, x, y, op);
  // Empty cells are smaller than full ones.
  int c = (x ? 1 : 0) - (y ? 1 : 0);
  bool r = false;
  switch (op) {
    case CompareOp::LT: r = c < 0; break;
    case CompareOp::LE: r = c <= 0; break;
    case CompareOp::EQ: r = c == 0; break;
    case CompareOp::NE: r = c != 0; break;
    case CompareOp::GT: r = c > 0; break;
    case CompareOp::GE: r = c >= 0; break;
  }
  return bool_ref(r);
}

const GetSetDef kCellGetSets[] = {
    {"cell_contents", cell_get_contents, cell_set_contents},
    {nullptr, nullptr, nullptr},
};

void setup_cell(TypeObject& t) {
  t.name = "cell";
  t.basicsize = sizeof(CellObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = cell_dealloc;
  t.repr = cell_repr;
  t.richcompare = cell_richcompare;
  t.getsets = kCellGetSets;
}

// =====================================================================================
// method (bound)

MethodObject* as_method(Object* o) noexcept { return static_cast<MethodObject*>(o); }

void method_dealloc(Object* o) noexcept {
  clear(as_method(o)->func);
  clear(as_method(o)->self);
  object_free(o, sizeof(MethodObject));
}

Ref<Object> method_call(ThreadState& ts, Object* m, Object* const* args, size_t nargs, Object* kwnames) {
  Object* func = as_method(m)->func;
  Object* self = as_method(m)->self;
  if (type_of(func) == &Function_type) return function_call_self(ts, func, self, args, nargs, kwnames);
  return call_with_self(ts, func, self, args, nargs, kwnames);
}

Ref<Object> method_repr(ThreadState& ts, Object* m) {
  Object* func = as_method(m)->func;
  Ref<Object> name = lookup_attr(ts, func, names::__qualname__);
  if (!name || !is_str(name)) name = lookup_attr(ts, func, names::__name__);
  std::string n = name && is_str(name) ? std::string(str_view(name)) : "?";
  return str_new("<bound method " + n + " of " + repr_utf8(ts, as_method(m)->self) + ">");
}

Ref<Object> method_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::EQ && op != CompareOp::NE) || type_of(a) != &Method_type || type_of(b) != &Method_type)
    return newref(NotImplemented());
  bool eq = as_method(a)->self == as_method(b)->self && equals(ts, as_method(a)->func, as_method(b)->func);
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}

int64_t method_hash(ThreadState& ts, Object* m) {
  int64_t h = hash_pointer(as_method(m)->self) ^ hash(ts, as_method(m)->func);
  return h == -1 ? -2 : h;
}

// Attributes the method type does not define come from the function
// (__name__, __qualname__, __module__, __defaults__, ...).
Ref<Object> method_getattro(ThreadState& ts, Object* m, Object* name) {
  if (Ref<Object> r = generic_getattr(ts, m, name)) return r;
  return lookup_attr(ts, as_method(m)->func, name);
}

Ref<Object> method_get_func(ThreadState&, Object* m) { return newref(as_method(m)->func); }
Ref<Object> method_get_self(ThreadState&, Object* m) { return newref(as_method(m)->self); }
Ref<Object> method_get_doc(ThreadState& ts, Object* m) {
  Ref<Object> d = lookup_attr(ts, as_method(m)->func, names::__doc__);
  return d ? d : none_ref();
}

const GetSetDef kMethodGetSets[] = {
    {"__func__", method_get_func, nullptr},
    {"__self__", method_get_self, nullptr},
    {"__doc__", method_get_doc, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_method(TypeObject& t) {
  t.name = "method";
  t.basicsize = sizeof(MethodObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = method_dealloc;
  t.repr = method_repr;
  t.call = method_call;
  t.richcompare = method_richcompare;
  t.hash = method_hash;
  t.getattro = method_getattro;
  t.getsets = kMethodGetSets;
}

// =====================================================================================
// builtin_function_or_method

BuiltinFunctionObject* as_builtin(Object* o) noexcept { return static_cast<BuiltinFunctionObject*>(o); }

// A module function (or unbound static) prints as a function; a bound one as a method.
bool builtin_is_function(BuiltinFunctionObject* b) noexcept {
  return !b->self || type_check(b->self, &Module_type);
}

void builtin_dealloc(Object* o) noexcept {
  clear(as_builtin(o)->self);
  clear(as_builtin(o)->module_name);
  object_free(o, sizeof(BuiltinFunctionObject));
}

Ref<Object> builtin_call(ThreadState& ts, Object* o, Object* const* args, size_t nargs, Object* kwnames) {
  BuiltinFunctionObject* b = as_builtin(o);
  return b->def->fn(ts, b->self, args, nargs, kwnames);
}

Ref<Object> builtin_repr(ThreadState& ts, Object* o) {
  BuiltinFunctionObject* b = as_builtin(o);
  if (builtin_is_function(b)) return str_new(std::string("<built-in function ") + b->def->name + ">");
  std::string owner = is_type(b->self) ? "type" : type_name(b->self);
  (void)ts;
  return str_new(std::string("<built-in method ") + b->def->name + " of " + owner + " object at " +
                 hex_address(b->self) + ">");
}

Ref<Object> builtin_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::EQ && op != CompareOp::NE) || type_of(a) != &BuiltinFunction_type ||
      type_of(b) != &BuiltinFunction_type)
    return newref(NotImplemented());
  bool eq = as_builtin(a)->def == as_builtin(b)->def && as_builtin(a)->self == as_builtin(b)->self;
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}

int64_t builtin_hash(ThreadState&, Object* o) {
  int64_t h = hash_pointer(as_builtin(o)->self) ^ hash_pointer(as_builtin(o)->def);
  return h == -1 ? -2 : h;
}

Ref<Object> builtin_get_name(ThreadState&, Object* o) { return str_new(as_builtin(o)->def->name); }
Ref<Object> builtin_get_qualname(ThreadState& ts, Object* o) {
  BuiltinFunctionObject* b = as_builtin(o);
  if (builtin_is_function(b)) return str_new(b->def->name);
  Object* owner = is_type(b->self) ? b->self : type_of(b->self);
  Ref<Object> q = lookup_attr(ts, owner, names::__qualname__);
  std::string prefix = q && is_str(q) ? std::string(str_view(q)) : std::string(type_name(b->self));
  return str_new(prefix + "." + b->def->name);
}
Ref<Object> builtin_get_self(ThreadState&, Object* o) { return or_none(as_builtin(o)->self); }
Ref<Object> builtin_get_module(ThreadState&, Object* o) { return or_none(as_builtin(o)->module_name); }
Ref<Object> builtin_get_doc(ThreadState&, Object* o) {
  const char* d = as_builtin(o)->def->doc;
  return d ? str_new(d) : none_ref();
}

const GetSetDef kBuiltinGetSets[] = {
    {"__name__", builtin_get_name, nullptr},
    {"__qualname__", builtin_get_qualname, nullptr},
    {"__self__", builtin_get_self, nullptr},
    {"__module__", builtin_get_module, nullptr},
    {"__doc__", builtin_get_doc, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_builtin_function(TypeObject& t) {
  t.name = "builtin_function_or_method";
  t.basicsize = sizeof(BuiltinFunctionObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = builtin_dealloc;
  t.repr = builtin_repr;
  t.call = builtin_call;
  t.richcompare = builtin_richcompare;
  t.hash = builtin_hash;
  t.getsets = kBuiltinGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Function_type, setup_function);
GK_REGISTER_TYPE(Cell_type, setup_cell);
GK_REGISTER_TYPE(Method_type, setup_method);
GK_REGISTER_TYPE(BuiltinFunction_type, setup_builtin_function);

// =====================================================================================
// constructors

Ref<Object> function_new(Object* code, Object* globals, Object* qualname) {
  auto* co = static_cast<CodeObject*>(code);
  ThreadState* ts = current_thread_state();
  auto* f = alloc_object<FunctionObject>(&Function_type);
  Ref<Object> result = Ref<Object>::steal(f);
  incref(code);
  f->code = code;
  incref(globals);
  f->globals = globals;
  Object* name = co->name ? co->name : intern("?");
  incref(name);
  f->name = name;
  Object* q = qualname ? qualname : (co->qualname ? co->qualname : name);
  incref(q);
  f->qualname = q;
  // The docstring is the code's first constant when it is a str (the
  // compiler puts the docstring, or None, first).
  if (co->consts && tuple_size(co->consts) > 0 && is_str(tuple_get(co->consts, 0))) {
    f->doc = tuple_get(co->consts, 0);
    incref(f->doc);
  }
  if (ts) {
    if (Object* m = dict_get_str(*ts, globals, names::__name__)) {
      incref(m);
      f->module = m;
    }
    Object* b = dict_get_str(*ts, globals, names::__builtins__);
    if (b && type_check(b, &Module_type)) b = module_dict(b);
    if (!b || !is_dict(b)) b = ts->interp ? ts->interp->builtins : nullptr;
    xincref(b);
    f->builtins = b;
  }
  if (!f->builtins) {
    f->builtins = dict_new().release();
  }
  return result;
}

Ref<Object> cell_new(Object* contents) {
  auto* c = alloc_object<CellObject>(&Cell_type);
  xincref(contents);
  c->ref = contents;
  return Ref<Object>::steal(c);
}

Ref<Object> method_new(Object* func, Object* self) {
  auto* m = alloc_object<MethodObject>(&Method_type);
  incref(func);
  m->func = func;
  incref(self);
  m->self = self;
  return Ref<Object>::steal(m);
}

Ref<Object> builtin_function_new(const MethodDef* def, Object* self, Object* module_name) {
  auto* b = alloc_object<BuiltinFunctionObject>(&BuiltinFunction_type);
  b->def = def;
  xincref(self);
  b->self = self;
  xincref(module_name);
  b->module_name = module_name;
  return Ref<Object>::steal(b);
}

}  // namespace gk
