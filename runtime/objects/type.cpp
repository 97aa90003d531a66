// runtime/objects/type.cpp — `type` and `object`: readiness of built-in
// types, the registry of static types, class creation (type(name, bases,
// ns), __build_class__, metaclasses, __slots__, __init_subclass__,
// __set_name__, __classcell__), C3 linearisation, and the attributes and
// methods of `type` and `object` themselves.
//
// Design notes
// ============
//
// Two kinds of types. Built-in types are zero-initialised static TypeObjects
// that register a setup function (GK_REGISTER_TYPE). init_types() gives every
// one a header (type = `type`, immortal), runs the setups, then type_ready()s
// them, bases first. Classes (heap types) are TypeObjects allocated as
// instances of their metaclass; they own a reference to their base, bases,
// mro, dict and names, and carry TPFLAG_HEAPTYPE.
//
// Instance layout of classes. A class's instances are laid out as its
// *static base* (the nearest built-in type in the tp_base chain, whose C++
// code allocates and frees them) followed by the fields classes add, all
// Object* pointers: one per __slots__ name (member descriptors know their
// offset), then the __dict__ pointer when the class is the first in its
// chain to have one and __slots__ does not forbid it:
//
//   [ static base struct | slot a | slot b | __dict__ ]   basicsize
//                                            ^ dictoffset
//
// object_alloc/object_free add those extra bytes for any heap type, so
// built-in constructors that allocate sizeof(T) still get a full block.
// Var-sized bases (str, bytes, tuple) keep their items right after the
// struct, so a class over one cannot put __dict__ at a fixed offset; its
// instances' dicts live in a side table instead (TPFLAG_EXTERNAL_DICT), and
// nonempty __slots__ are refused, as in CPython. The "solid base" of a type
// is the most derived base that adds C-level fields; two bases with
// unrelated solid bases raise "multiple bases have instance lay-out conflict".
//
// Slot inheritance (type_ready). A built-in type inherits every slot it
// leaves null from each class in its MRO, except that richcompare and hash
// are inherited together, and only when the type defines neither: so a type
// with __eq__ but no __hash__ is unhashable. A built-in type does not inherit
// object.__new__ (it is "cannot create 'X' instances" unless it sets new_).
// Slots of built-in types are exposed to Python as slot wrappers in the
// type's dict (int.__add__, object.__init__), and new_ as a builtin __new__
// bound to the type; methods and getsets become method/getset descriptors.
//
// How dunders reach slots (type_slots.cpp). For a class, every slot is
// recomputed from the dunders visible along its MRO (fixup_slot_dispatchers
// at creation, type_update_slot on assignment to the class, recursively for
// subclasses): if a dunder found is a slot wrapper of a built-in type, the
// slot is that wrapper's C function (a class that merely inherits list keeps
// list's C slots); if it is anything else (a Python function), the slot is a
// generic function that looks the dunder up and calls it; if none is found
// the slot is null. `__hash__ = None` (set implicitly when a class defines
// __eq__ without __hash__) makes the hash slot null: "unhashable type".
//
// Attribute lookup along the MRO (type_lookup, abstract.cpp) is memoised in a
// global cache keyed by (type version tag, interned name); any change to a
// type's dict goes through type_modified(), which resets the tags of the type
// and its subclasses (kept in TypeObject::subclasses for this and for slot
// updates).
//
// Invariant: a ready type's mro starts with the type, contains its base, and
// a tagged type has tagged bases; a heap type's layout extends its base's.
// Checker: type_invariants_ok(), run after type_ready in checks builds.
#include "objects/type.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "gc/collector.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/frame.hpp"
#include "vm/interpreter.hpp"

namespace gk {

TypeObject Type_type, Object_type;

namespace {
Ref<Object> tp_new_wrapper(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames);
}
const MethodDef kTpNewDef = {"__new__", tp_new_wrapper, METH_DEFAULT,
                             "Create and return a new object.  See help(type) for accurate signature."};

namespace {

inline TypeObject* as_type(Object* o) noexcept { return static_cast<TypeObject*>(o); }
inline bool is_heap(const TypeObject* t) noexcept { return (t->flags & TPFLAG_HEAPTYPE) != 0; }

// The registry of static types (function-local: filled by static initialisers).
struct Registration {
  TypeObject* type;
  TypeSetupFn setup;
};
std::vector<Registration>& registry() {
  static std::vector<Registration> r;
  return r;
}

// Side table of __dict__ pointers for instances of classes over var-sized
// bases. Guarded by external_dicts_mutex() (RuntimeMutex: a no-op under the
// GIL). Node addresses are stable, so a slot pointer stays valid until its
// object dies.
std::unordered_map<Object*, Object*>& external_dicts() {
  static std::unordered_map<Object*, Object*> m;
  return m;
}
RuntimeMutex& external_dicts_mutex() {
  static RuntimeMutex m;
  return m;
}

bool is_varsize(const TypeObject* t) noexcept {
  return t->itemsize != 0 ||
         (t->flags & (TPFLAG_STR_SUBCLASS | TPFLAG_TUPLE_SUBCLASS | TPFLAG_BYTES_SUBCLASS)) != 0;
}

// The module and the short name of a static type named "module.name" (or "name": builtins).
std::string_view static_module(const TypeObject* t) {
  std::string_view n = t->name;
  size_t dot = n.rfind('.');
  return dot == std::string_view::npos ? std::string_view("builtins") : n.substr(0, dot);
}
std::string_view static_short_name(const TypeObject* t) {
  std::string_view n = t->name;
  size_t dot = n.rfind('.');
  return dot == std::string_view::npos ? n : n.substr(dot + 1);
}

ThreadState& any_ts() noexcept {
  static ThreadState scratch;
  ThreadState* ts = current_thread_state();
  return ts ? *ts : scratch;
}

}  // namespace

// ---------------------------------------------------------------------------
// Small public helpers

TypeObject* type_static_base(TypeObject* t) noexcept {
  while (t && is_heap(t)) t = t->base;
  return t;
}

Object** external_dict_slot(Object* o) noexcept {
  try {
    std::lock_guard<RuntimeMutex> g(external_dicts_mutex());
    return &external_dicts()[o];
  } catch (...) {
    return nullptr;
  }
}

void external_dict_drop(Object* o) noexcept {
  Object* d;
  {
    std::lock_guard<RuntimeMutex> g(external_dicts_mutex());
    auto& m = external_dicts();
    auto it = m.find(o);
    if (it == m.end()) return;
    d = it->second;
    m.erase(it);
  }
  xdecref(d);
}

Ref<Object> object_generic_new(ThreadState&, TypeObject* type) { return steal(type_alloc(type)); }

Object* instance_dict_get_or_create(Object*, Object** slot) {
  std::atomic_ref<Object*> ref(*slot);
  Object* d = ref.load(std::memory_order_acquire);
  if (d) return d;
  Object* fresh = dict_new().release();
  if (ref.compare_exchange_strong(d, fresh, std::memory_order_acq_rel, std::memory_order_acquire)) return fresh;
  decref(fresh);  // another thread created it first
  return d;
}

Object* instance_get_dict(ThreadState&, Object* o) {
  Object** slot = instance_dict_slot(o);
  if (!slot) return nullptr;
  return instance_dict_get_or_create(o, slot);
}

std::string type_qualified_name(TypeObject* t) {
  if (!is_heap(t)) {
    std::string_view mod = static_module(t);
    if (mod == "builtins") return std::string(static_short_name(t));
    return std::string(t->name);
  }
  std::string qual = t->qualname && is_str(t->qualname) ? std::string(str_view(t->qualname)) : std::string(t->name);
  Object* mod = t->dict ? dict_get_str(any_ts(), t->dict, names::__module__) : nullptr;
  if (mod && is_str(mod) && str_view(mod) != "builtins") return std::string(str_view(mod)) + "." + qual;
  return qual;
}

Ref<Object> type_repr_name(TypeObject* t) { return str_new("<class '" + type_qualified_name(t) + "'>"); }

bool register_builtin_type(TypeObject* type, TypeSetupFn setup) noexcept {
  try {
    registry().push_back({type, setup});
    return true;
  } catch (...) {
    return false;
  }
}

// ---------------------------------------------------------------------------
// MRO (C3 linearisation)

namespace {

Ref<Object> compute_mro(TypeObject* type) {
  Object* bases = type->bases;
  size_t n = tuple_size(bases);
  if (n == 0) return tuple_pack({type});
  if (n == 1) {
    Object* bmro = as_type(tuple_get(bases, 0))->mro;
    size_t m = tuple_size(bmro);
    Ref<Object> r = tuple_new(m + 1);
    incref(type);
    tuple_set_steal(r, 0, type);
    for (size_t i = 0; i < m; ++i) {
      incref(tuple_get(bmro, i));
      tuple_set_steal(r, i + 1, tuple_get(bmro, i));
    }
    return r;
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      if (tuple_get(bases, i) == tuple_get(bases, j))
        raise_fmt(Exc_TypeError, "duplicate base class %s", as_type(tuple_get(bases, i))->name);

  // Merge the bases' MROs and the list of bases.
  std::vector<std::vector<TypeObject*>> seqs;
  for (size_t i = 0; i < n; ++i) {
    Object* bmro = as_type(tuple_get(bases, i))->mro;
    std::vector<TypeObject*> s;
    for (size_t k = 0; k < tuple_size(bmro); ++k) s.push_back(as_type(tuple_get(bmro, k)));
    seqs.push_back(std::move(s));
  }
  std::vector<TypeObject*> blist;
  for (size_t i = 0; i < n; ++i) blist.push_back(as_type(tuple_get(bases, i)));
  seqs.push_back(std::move(blist));
  std::vector<size_t> pos(seqs.size(), 0);
  std::vector<TypeObject*> result{type};
  auto in_tail = [&](TypeObject* c) {
    for (size_t s = 0; s < seqs.size(); ++s)
      for (size_t k = pos[s] + 1; k < seqs[s].size(); ++k)
        if (seqs[s][k] == c) return true;
    return false;
  };
  for (;;) {
    bool empty = true, found = false;
    for (size_t s = 0; s < seqs.size() && !found; ++s) {
      if (pos[s] >= seqs[s].size()) continue;
      empty = false;
      TypeObject* cand = seqs[s][pos[s]];
      if (in_tail(cand)) continue;
      found = true;
      result.push_back(cand);
      for (size_t t = 0; t < seqs.size(); ++t)
        if (pos[t] < seqs[t].size() && seqs[t][pos[t]] == cand) ++pos[t];
    }
    if (empty) break;
    if (!found) {
      std::string names_list;
      std::vector<TypeObject*> seen;
      for (size_t s = 0; s < seqs.size(); ++s) {
        if (pos[s] >= seqs[s].size()) continue;
        TypeObject* h = seqs[s][pos[s]];
        bool dup = false;
        for (TypeObject* x : seen) dup = dup || x == h;
        if (dup) continue;
        seen.push_back(h);
        if (!names_list.empty()) names_list += ", ";
        names_list += h->name;
      }
      raise_fmt(Exc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %s",
                names_list.c_str());
    }
  }
  Ref<Object> r = tuple_new(result.size());
  for (size_t i = 0; i < result.size(); ++i) {
    incref(result[i]);
    tuple_set_steal(r, i, result[i]);
  }
  return r;
}

// ---------------------------------------------------------------------------
// type_ready

void inherit_special(TypeObject* type, TypeObject* base) {
  if (!type->basicsize) type->basicsize = base->basicsize;
  if (!type->itemsize) type->itemsize = base->itemsize;
  if (!type->dictoffset) type->dictoffset = base->dictoffset;
  constexpr uint32_t kInherited = TPFLAG_INT_SUBCLASS | TPFLAG_STR_SUBCLASS | TPFLAG_TUPLE_SUBCLASS |
                                  TPFLAG_LIST_SUBCLASS | TPFLAG_DICT_SUBCLASS | TPFLAG_EXC_SUBCLASS |
                                  TPFLAG_TYPE_SUBCLASS | TPFLAG_BYTES_SUBCLASS | TPFLAG_EXTERNAL_DICT;
  type->flags |= base->flags & kInherited;
}

void inherit_slots(TypeObject* type, TypeObject* b) {
#define GK_COPY(f) \
  if (!type->f) type->f = b->f;
  GK_COPY(dealloc) GK_COPY(repr) GK_COPY(str) GK_COPY(getattro) GK_COPY(setattro) GK_COPY(call)
  GK_COPY(iter) GK_COPY(iternext) GK_COPY(descr_get) GK_COPY(descr_set) GK_COPY(init)
  GK_COPY(nb_negative) GK_COPY(nb_positive) GK_COPY(nb_invert) GK_COPY(nb_absolute) GK_COPY(nb_bool)
  GK_COPY(nb_index) GK_COPY(nb_int) GK_COPY(nb_float) GK_COPY(len) GK_COPY(getitem) GK_COPY(setitem)
  GK_COPY(contains)
#undef GK_COPY
  for (int i = 0; i < NB_COUNT; ++i) {
    if (!type->nb[i]) type->nb[i] = b->nb[i];
    if (!type->nb_inplace[i]) type->nb_inplace[i] = b->nb_inplace[i];
  }
  if (!type->richcompare && !type->hash) {
    type->richcompare = b->richcompare;
    type->hash = b->hash;
  }
  if (!type->new_ && (is_heap(type) || b->new_ != Object_type.new_)) type->new_ = b->new_;
}

void add_methods_and_getsets(ThreadState& ts, TypeObject* type) {
  if (const MethodDef* m = type->methods) {
    for (; m->name; ++m) {
      Object* name = intern(m->name);
      if (dict_get_str(ts, type->dict, name)) continue;
      Ref<Object> d;
      if (m->flags & METH_CLASS) {
        d = classmethod_descr_new(type, m);
      } else if (m->flags & METH_STATIC) {
        Ref<Object> f = builtin_function_new(m, nullptr);
        d = staticmethod_new(f);
      } else {
        d = method_descr_new(type, m);
      }
      dict_set(ts, type->dict, name, d);
    }
  }
  if (const GetSetDef* g = type->getsets) {
    for (; g->name; ++g) {
      Object* name = intern(g->name);
      if (dict_get_str(ts, type->dict, name)) continue;
      dict_set(ts, type->dict, name, getset_descr_new(type, g));
    }
  }
}

void add_subclass(TypeObject* base, TypeObject* type) {
  if (!base->subclasses) base->subclasses = list_new().release();
  list_append(base->subclasses, type);
}

}  // namespace

void type_ready(ThreadState& ts, TypeObject* type) {
  if (type->flags & TPFLAG_READY) return;
  if (!type->ob.type) {  // a static type nobody registered
    LockPolicy::init_header(type->ob, &Type_type);
    make_immortal(type);
  }
  if (!type->base && type != &Object_type) type->base = &Object_type;
  TypeObject* base = type->base;
  if (base && !(base->flags & TPFLAG_READY)) type_ready(ts, base);
  if (!type->bases) type->bases = base ? tuple_pack({base}).release() : tuple_empty().release();
  for (size_t i = 0, n = tuple_size(type->bases); i < n; ++i) {
    TypeObject* b = as_type(tuple_get(type->bases, i));
    if (!(b->flags & TPFLAG_READY)) type_ready(ts, b);
  }
  if (!type->dict) type->dict = dict_new().release();
  bool heap = is_heap(type);
  if (!heap) {
    if (!type->name_obj) type->name_obj = newref(intern(static_short_name(type))).release();
    if (!type->qualname) type->qualname = newref(type->name_obj).release();
  }
  if (base) inherit_special(type, base);
  if (type == &Type_type) type->flags |= TPFLAG_TYPE_SUBCLASS;
  if (type == &Int_type || type == &Bool_type) type->flags |= TPFLAG_INT_SUBCLASS;
  if (type == &Str_type) type->flags |= TPFLAG_STR_SUBCLASS;
  if (type == &Tuple_type) type->flags |= TPFLAG_TUPLE_SUBCLASS;
  if (type == &List_type) type->flags |= TPFLAG_LIST_SUBCLASS;
  if (type == &Dict_type) type->flags |= TPFLAG_DICT_SUBCLASS;
  if (type == &Bytes_type) type->flags |= TPFLAG_BYTES_SUBCLASS;
  if (type->dictoffset || (type->flags & TPFLAG_EXTERNAL_DICT)) type->flags |= TPFLAG_HAS_DICT;

  Ref<Object> mro = compute_mro(type);
  assign(type->mro, mro.get());

  if (!heap) {
    add_slot_wrappers(ts, type);
    add_methods_and_getsets(ts, type);
    if (!dict_get_str(ts, type->dict, names::__doc__)) {
      Ref<Object> doc = type->doc ? str_new(type->doc) : none_ref();
      dict_set(ts, type->dict, names::__doc__, doc);
    }
  }
  for (size_t i = 1, n = tuple_size(type->mro); i < n; ++i) inherit_slots(type, as_type(tuple_get(type->mro, i)));
  if (!heap) {
    if (!type->hash && !dict_get_str(ts, type->dict, names::__hash__)) dict_set(ts, type->dict, names::__hash__, None());
    if (type->new_ && !dict_get_str(ts, type->dict, names::__new__)) {
      Ref<Object> f = builtin_function_new(&kTpNewDef, type);
      dict_set(ts, type->dict, names::__new__, f);
    }
    type->flags |= TPFLAG_IMMUTABLE;
  }
  for (size_t i = 0, n = tuple_size(type->bases); i < n; ++i) add_subclass(as_type(tuple_get(type->bases, i)), type);
  type->flags |= TPFLAG_READY;
  if constexpr (config::checks >= 1) {
    if (!type_invariants_ok(type)) {
      std::fprintf(stderr, "gilkit: type invariants broken for '%s'\n", type->name);
      std::abort();
    }
  }
}

bool type_invariants_ok(TypeObject* t) noexcept {
  if (!(t->flags & TPFLAG_READY)) return true;
  Object* mro = t->mro;
  if (!mro || !is_tuple(mro) || tuple_size(mro) == 0 || tuple_get(mro, 0) != t) return false;
  bool base_seen = !t->base;
  for (size_t i = 0, n = tuple_size(mro); i < n; ++i) {
    Object* m = tuple_get(mro, i);
    if (!is_type(m)) return false;
    if (m == t->base) base_seen = true;
    if (t->version_tag && !as_type(m)->version_tag) return false;
  }
  if (!base_seen) return false;
  if (t->base && t->basicsize < t->base->basicsize) return false;
  if (is_heap(t) && t->dictoffset && t->dictoffset + sizeof(Object*) > t->basicsize) return false;
  return true;
}

void init_types(ThreadState& ts) {
  names::init_names();
  auto& regs = registry();
  for (Registration& r : regs) {
    LockPolicy::init_header(r.type->ob, &Type_type);
    make_immortal(r.type);
  }
  for (Registration& r : regs)
    if (r.setup) r.setup(*r.type);
  gc_init_types();  // TPFLAG_HAVE_GC before the first container is allocated
  type_ready(ts, &Object_type);
  type_ready(ts, &Type_type);
  for (Registration& r : regs) type_ready(ts, r.type);
  init_exceptions();
}

// ---------------------------------------------------------------------------
// tp_new_wrapper: X.__new__(subtype, *args)

namespace {

Ref<Object> tp_new_wrapper(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TypeObject* type = as_type(self);
  if (nargs < 1) raise_fmt(Exc_TypeError, "%s.__new__(): not enough arguments", type->name);
  Object* arg0 = args[0];
  if (!is_type(arg0))
    raise_fmt(Exc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->name, type_name(arg0));
  TypeObject* subtype = as_type(arg0);
  if (!is_subtype(subtype, type))
    raise_fmt(Exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->name, subtype->name, subtype->name,
              type->name);
  TypeObject* staticbase = subtype;
  while (staticbase && is_slot_tp_new(staticbase->new_)) staticbase = staticbase->base;
  if (staticbase && staticbase->new_ != type->new_)
    raise_fmt(Exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->name, subtype->name,
              staticbase->name);
  return type->new_(ts, subtype, args + 1, nargs - 1, kwnames);
}

}  // namespace

// ---------------------------------------------------------------------------
// object

namespace {

bool excess_args(size_t nargs, Object* kwnames) { return nargs != 0 || kwnames_count(kwnames) != 0; }

void object_dealloc_impl(Object* o) noexcept { object_free(o, sizeof(Object)); }

int64_t object_hash(ThreadState&, Object* o) {
  // CPython's pointer hash: rotate by 4 so that aligned addresses spread.
  uint64_t y = reinterpret_cast<uintptr_t>(o);
  y = (y >> 4) | (y << 60);
  int64_t h = static_cast<int64_t>(y);
  return h == -1 ? -2 : h;
}

Ref<Object> object_str(ThreadState& ts, Object* o) { return repr(ts, o); }

Ref<Object> object_richcompare(ThreadState& ts, Object* self, Object* other, CompareOp op) {
  switch (op) {
    case CompareOp::EQ:
      return newref(self == other ? True() : NotImplemented());
    case CompareOp::NE: {
      // By default __ne__ delegates to __eq__ and inverts the result.
      RichCompareFn f = type_of(self)->richcompare;
      if (!f) return newref(NotImplemented());
      Ref<Object> r = f(ts, self, other, CompareOp::EQ);
      if (r.get() == NotImplemented()) return r;
      return bool_ref(!is_true(ts, r));
    }
    default:
      return newref(NotImplemented());
  }
}

Ref<Object> object_get_class(ThreadState&, Object* self) { return newref(type_of(self)); }

void object_set_class(ThreadState&, Object* self, Object* value) {
  if (!value) raise(Exc_TypeError, "can't delete __class__ attribute");
  if (!is_type(value)) raise_fmt(Exc_TypeError, "__class__ must be set to a class, not '%s' object", type_name(value));
  TypeObject* oldt = type_of(self);
  TypeObject* newt = as_type(value);
  if (!is_heap(oldt) || !is_heap(newt))
    raise(Exc_TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
  if (type_static_base(oldt) != type_static_base(newt) || oldt->basicsize != newt->basicsize ||
      oldt->dictoffset != newt->dictoffset || oldt->itemsize != newt->itemsize ||
      (oldt->flags & TPFLAG_EXTERNAL_DICT) != (newt->flags & TPFLAG_EXTERNAL_DICT))
    raise_fmt(Exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'", newt->name, oldt->name);
  incref(newt);
  self->ob.type = newt;  // the one place an object changes type
  decref(oldt);
}

Ref<Object> object_format_method(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__format__", kwnames);
  check_nargs("__format__", nargs, 1, 1);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "__format__() argument must be str, not %s", type_name(args[0]));
  if (!str_view(args[0]).empty())
    raise_fmt(Exc_TypeError, "unsupported format string passed to %s.__format__", type_name(self));
  return str(ts, self);
}

void collect_dict_keys(ThreadState& ts, Object* result_dict, Object* d) {
  if (!d || !is_dict(d)) return;
  size_t pos = 0;
  Object *k, *v;
  while (dict_next(d, pos, &k, &v)) dict_set(ts, result_dict, k, None());
}

void collect_type_attrs(ThreadState& ts, Object* result_dict, TypeObject* t) {
  Object* mro = t->mro;
  if (!mro) return;
  for (size_t i = 0, n = tuple_size(mro); i < n; ++i) collect_dict_keys(ts, result_dict, as_type(tuple_get(mro, i))->dict);
}

Ref<Object> object_dir(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__dir__", kwnames);
  check_nargs("__dir__", nargs, 0, 0);
  Ref<Object> acc = dict_new();
  if (Object** slot = instance_dict_slot(self)) collect_dict_keys(ts, acc, *slot);
  collect_type_attrs(ts, acc, type_of(self));
  return dict_keys_list(acc);
}

Ref<Object> object_init_subclass(ThreadState&, Object* cls, Object* const*, size_t nargs, Object* kwnames) {
  if (kwnames_count(kwnames)) raise_fmt(Exc_TypeError, "%s.__init_subclass__() takes no keyword arguments", as_type(cls)->name);
  if (nargs) raise_fmt(Exc_TypeError, "%s.__init_subclass__() takes no arguments (%zu given)", as_type(cls)->name, nargs);
  return none_ref();
}

Ref<Object> object_subclasshook(ThreadState&, Object*, Object* const*, size_t, Object*) {
  return newref(NotImplemented());
}

Ref<Object> object_sizeof(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__sizeof__", kwnames);
  check_nargs("__sizeof__", nargs, 0, 0);
  return int_from_u64(type_of(self)->basicsize);
}

const MethodDef kObjectMethods[] = {
    {"__subclasshook__", object_subclasshook, METH_CLASS, "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__", object_init_subclass, METH_CLASS,
     "This method is called when a class is subclassed.\n\nThe default implementation does nothing. It may be\n"
     "overridden to extend subclasses.\n"},
    {"__format__", object_format_method, METH_DEFAULT, "Default object formatter."},
    {"__sizeof__", object_sizeof, METH_DEFAULT, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, METH_DEFAULT, "Default dir() implementation."},
    {nullptr, nullptr},
};

const GetSetDef kObjectGetSets[] = {
    {"__class__", object_get_class, object_set_class},
    {nullptr, nullptr, nullptr},
};

void setup_object(TypeObject& t) {
  t.name = "object";
  t.basicsize = sizeof(Object);
  t.flags = TPFLAG_BASETYPE;
  t.doc = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\n"
          "instance that has no instance attributes and cannot be given any.\n";
  t.base = nullptr;
  t.dealloc = object_dealloc_impl;
  t.repr = object_repr;
  t.str = object_str;
  t.hash = object_hash;
  t.richcompare = object_richcompare;
  t.getattro = generic_getattr;
  t.setattro = generic_setattr;
  t.new_ = object_new;
  t.init = object_init;
  t.methods = kObjectMethods;
  t.getsets = kObjectGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Object_type, setup_object);

Ref<Object> object_repr(ThreadState&, Object* self) {
  TypeObject* t = type_of(self);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  return str_new("<" + type_qualified_name(t) + " object at " + addr + ">");
}

void object_init(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  if (!excess_args(nargs, kwnames)) return;
  TypeObject* type = type_of(self);
  if (type->init != object_init)
    raise(Exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
  if (type->new_ == object_new)
    raise_fmt(Exc_TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)", type->name);
}

Ref<Object> object_new(ThreadState& ts, TypeObject* type, Object* const*, size_t nargs, Object* kwnames) {
  if (excess_args(nargs, kwnames)) {
    if (type->new_ != object_new)
      raise(Exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
    if (type->init == object_init) raise_fmt(Exc_TypeError, "%s() takes no arguments", type->name);
  }
  return object_generic_new(ts, type);
}

// ---------------------------------------------------------------------------
// type: attributes

namespace {

void check_heap_set(TypeObject* t, const char* attr, Object* value) {
  if (!is_heap(t)) raise_fmt(Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", attr, t->name);
  if (!value) raise_fmt(Exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr, t->name);
}

Ref<Object> type_get_name(ThreadState&, Object* self) {
  TypeObject* t = as_type(self);
  if (t->name_obj) return newref(t->name_obj);
  return str_new(static_short_name(t));
}
void type_set_name(ThreadState&, Object* self, Object* v) {
  TypeObject* t = as_type(self);
  check_heap_set(t, "__name__", v);
  if (!is_str(v)) raise_fmt(Exc_TypeError, "can only assign string to %s.__name__, not '%s'", t->name, type_name(v));
  if (str_view(v).find('\0') != std::string_view::npos) raise(Exc_ValueError, "type name must not contain null characters");
  assign(t->name_obj, v);
  t->name = str_data(t->name_obj);
}

Ref<Object> type_get_qualname(ThreadState& ts, Object* self) {
  TypeObject* t = as_type(self);
  if (t->qualname) return newref(t->qualname);
  return type_get_name(ts, self);
}
void type_set_qualname(ThreadState&, Object* self, Object* v) {
  TypeObject* t = as_type(self);
  check_heap_set(t, "__qualname__", v);
  if (!is_str(v)) raise_fmt(Exc_TypeError, "can only assign string to %s.__qualname__, not '%s'", t->name, type_name(v));
  assign(t->qualname, v);
}

Ref<Object> type_get_module(ThreadState& ts, Object* self) {
  TypeObject* t = as_type(self);
  if (is_heap(t)) {
    Object* m = dict_get_str(ts, t->dict, names::__module__);
    if (!m) raise_attribute_error(self, names::__module__);
    return newref(m);
  }
  return str_new(static_module(t));
}
void type_set_module(ThreadState& ts, Object* self, Object* v) {
  TypeObject* t = as_type(self);
  check_heap_set(t, "__module__", v);
  dict_set(ts, t->dict, names::__module__, v);
}

Ref<Object> type_get_mro(ThreadState&, Object* self) {
  Object* m = as_type(self)->mro;
  return m ? newref(m) : none_ref();
}
Ref<Object> type_get_bases(ThreadState&, Object* self) { return newref(as_type(self)->bases); }
Ref<Object> type_get_base(ThreadState&, Object* self) {
  TypeObject* b = as_type(self)->base;
  return b ? newref(static_cast<Object*>(b)) : none_ref();
}
Ref<Object> type_get_dict(ThreadState&, Object* self) { return mappingproxy_new(as_type(self)->dict); }

Ref<Object> type_get_doc(ThreadState& ts, Object* self) {
  TypeObject* t = as_type(self);
  if (!is_heap(t)) return t->doc ? str_new(t->doc) : none_ref();
  Object* d = dict_get_str(ts, t->dict, names::__doc__);
  if (!d) return none_ref();
  if (DescrGetFn f = type_of(d)->descr_get) return f(ts, d, nullptr, t);
  return newref(d);
}
void type_set_doc(ThreadState& ts, Object* self, Object* v) {
  TypeObject* t = as_type(self);
  check_heap_set(t, "__doc__", v);
  dict_set(ts, t->dict, names::__doc__, v);
}

Ref<Object> type_get_annotations(ThreadState& ts, Object* self) {
  TypeObject* t = as_type(self);
  if (!is_heap(t)) raise_fmt(Exc_AttributeError, "type object '%s' has no attribute '__annotations__'", t->name);
  Object* a = dict_get_str(ts, t->dict, names::__annotations__);
  if (a) {
    if (DescrGetFn f = type_of(a)->descr_get) return f(ts, a, nullptr, t);
    return newref(a);
  }
  Ref<Object> d = dict_new();
  dict_set(ts, t->dict, names::__annotations__, d);
  type_modified(t);
  return d;
}
void type_set_annotations(ThreadState& ts, Object* self, Object* v) {
  TypeObject* t = as_type(self);
  check_heap_set(t, "__annotations__", v ? v : None());
  if (v) dict_set(ts, t->dict, names::__annotations__, v);
  else if (!dict_del(ts, t->dict, names::__annotations__)) raise_attribute_error(self, names::__annotations__);
}

Ref<Object> type_get_basicsize(ThreadState&, Object* self) { return int_from_u64(as_type(self)->basicsize); }
Ref<Object> type_get_dictoffset(ThreadState&, Object* self) { return int_from_u64(as_type(self)->dictoffset); }
Ref<Object> type_get_flags(ThreadState&, Object* self) { return int_from_u64(as_type(self)->flags); }

const GetSetDef kTypeGetSets[] = {
    {"__name__", type_get_name, type_set_name},
    {"__qualname__", type_get_qualname, type_set_qualname},
    {"__module__", type_get_module, type_set_module},
    {"__mro__", type_get_mro, nullptr},
    {"__bases__", type_get_bases, nullptr},
    {"__base__", type_get_base, nullptr},
    {"__dict__", type_get_dict, nullptr},
    {"__doc__", type_get_doc, type_set_doc},
    {"__annotations__", type_get_annotations, type_set_annotations},
    {"__basicsize__", type_get_basicsize, nullptr},
    {"__dictoffset__", type_get_dictoffset, nullptr},
    {"__flags__", type_get_flags, nullptr},
    {nullptr, nullptr, nullptr},
};

// --- type: methods ---------------------------------------------------------------

Ref<Object> type_mro_method(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("mro", kwnames);
  check_nargs("mro", nargs, 0, 0);
  Ref<Object> m = compute_mro(as_type(self));
  return list_from_array(tuple_items(m), tuple_size(m));
}

Ref<Object> type_subclasses(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__subclasses__", kwnames);
  check_nargs("__subclasses__", nargs, 0, 0);
  Object* subs = as_type(self)->subclasses;
  if (!subs) return list_new();
  CriticalSection cs(subs);  // a consistent snapshot while another thread may add a subclass
  return list_from_array(list_items(subs), list_size(subs));
}

Ref<Object> type_instancecheck(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__instancecheck__", kwnames);
  check_nargs("__instancecheck__", nargs, 1, 1);
  Object* inst = args[0];
  if (type_check(inst, as_type(self))) return bool_ref(true);
  Ref<Object> c = lookup_attr(ts, inst, names::__class__);
  if (c && c.get() != type_of(inst) && is_type(c)) return bool_ref(is_subtype(as_type(c.get()), as_type(self)));
  return bool_ref(false);
}

Ref<Object> type_subclasscheck(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__subclasscheck__", kwnames);
  check_nargs("__subclasscheck__", nargs, 1, 1);
  if (!is_type(args[0])) raise(Exc_TypeError, "issubclass() arg 1 must be a class");
  return bool_ref(is_subtype(as_type(args[0]), as_type(self)));
}

Ref<Object> type_prepare(ThreadState&, Object*, Object* const*, size_t, Object*) { return dict_new(); }

Ref<Object> type_dir(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__dir__", kwnames);
  check_nargs("__dir__", nargs, 0, 0);
  Ref<Object> acc = dict_new();
  collect_type_attrs(ts, acc, as_type(self));
  return dict_keys_list(acc);
}

const MethodDef kTypeMethods[] = {
    {"mro", type_mro_method, METH_DEFAULT, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, METH_DEFAULT, "Return a list of immediate subclasses."},
    {"__prepare__", type_prepare, METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_DEFAULT, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_DEFAULT, "Check if a class is a subclass."},
    {"__dir__", type_dir, METH_DEFAULT, "Specialized __dir__ implementation for types."},
    {nullptr, nullptr},
};

// --- type: slots -------------------------------------------------------------------

Ref<Object> type_repr(ThreadState&, Object* self) { return type_repr_name(as_type(self)); }

Ref<Object> type_call(ThreadState& ts, Object* callable, Object* const* args, size_t nargs, Object* kwnames) {
  TypeObject* type = as_type(callable);
  if (type == &Type_type && nargs == 1 && kwnames_count(kwnames) == 0) return newref(type_of(args[0]));
  if (!type->new_) raise_fmt(Exc_TypeError, "cannot create '%s' instances", type_qualified_name(type).c_str());
  Ref<Object> obj = type->new_(ts, type, args, nargs, kwnames);
  if (!type_check(obj, type)) return obj;
  if (InitFn init = type_of(obj)->init) init(ts, obj, args, nargs, kwnames);
  return obj;
}

Ref<Object> kwnames_to_dict(ThreadState& ts, Object* const* args, size_t nargs, Object* kwnames) {
  size_t nkw = kwnames_count(kwnames);
  if (!nkw) return nullptr;
  Ref<Object> d = dict_new();
  for (size_t i = 0; i < nkw; ++i) dict_set(ts, d, tuple_get(kwnames, i), args[nargs + i]);
  return d;
}

Ref<Object> type_new(ThreadState& ts, TypeObject* metatype, Object* const* args, size_t nargs, Object* kwnames) {
  if (metatype == &Type_type && nargs == 1 && kwnames_count(kwnames) == 0) return newref(type_of(args[0]));
  if (nargs != 3) {
    if (metatype == &Type_type || nargs != 1) raise(Exc_TypeError, "type() takes 1 or 3 arguments");
    raise_fmt(Exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", nargs);
  }
  Ref<Object> kwds = kwnames_to_dict(ts, args, nargs, kwnames);
  return type_new_class(ts, metatype, args[0], args[1], args[2], kwds);
}

void type_init(ThreadState&, Object*, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs == 1 && kwnames_count(kwnames) != 0) raise(Exc_TypeError, "type.__init__() takes no keyword arguments");
  if (nargs != 1 && nargs != 3) raise(Exc_TypeError, "type.__init__() takes 1 or 3 arguments");
}

void type_setattro(ThreadState& ts, Object* self, Object* name, Object* value) {
  TypeObject* t = as_type(self);
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  if (!is_heap(t))
    raise_fmt(Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", str_data(name), t->name);
  Object* key = type_check_exact(name, &Str_type) ? intern(str_view(name)) : name;
  type_modified(t);
  generic_setattr(ts, self, key, value);
  type_modified(t);
  type_update_slot(t, key);
}

void type_dealloc(Object* o) noexcept {
  TypeObject* t = as_type(o);
  if (!is_heap(t)) return;  // static types are immortal
  clear(t->dict);
  clear(t->mro);
  clear(t->bases);
  clear(t->subclasses);
  clear(t->qualname);
  Object* base = t->base;
  t->base = nullptr;
  clear(t->name_obj);
  t->name = nullptr;
  object_free(o, sizeof(TypeObject));
  xdecref(base);
}

void setup_type(TypeObject& t) {
  t.name = "type";
  t.basicsize = sizeof(TypeObject);
  t.flags = TPFLAG_BASETYPE | TPFLAG_TYPE_SUBCLASS | TPFLAG_HAS_DICT;
  t.dictoffset = reinterpret_cast<char*>(&Type_type.dict) - reinterpret_cast<char*>(&Type_type);
  t.doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type";
  t.base = &Object_type;
  t.dealloc = type_dealloc;
  t.repr = type_repr;
  t.call = type_call;
  t.getattro = type_getattro;
  t.setattro = type_setattro;
  t.new_ = type_new;
  t.init = type_init;
  t.methods = kTypeMethods;
  t.getsets = kTypeGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Type_type, setup_type);

Ref<Object> type_getattro(ThreadState& ts, Object* self, Object* name) {
  TypeObject* type = as_type(self);
  TypeObject* meta = type_of(self);
  Object* meta_attr = type_lookup(meta, name);
  DescrGetFn meta_get = nullptr;
  Ref<Object> keep_meta;
  if (meta_attr) {
    keep_meta = newref(meta_attr);
    meta_get = type_of(meta_attr)->descr_get;
    if (meta_get && type_of(meta_attr)->descr_set) return meta_get(ts, meta_attr, self, meta);
  }
  if (Object* attr = type_lookup(type, name)) {
    Ref<Object> keep = newref(attr);
    if (DescrGetFn local_get = type_of(attr)->descr_get) return local_get(ts, attr, nullptr, type);
    return keep;
  }
  if (meta_get) return meta_get(ts, meta_attr, self, meta);
  return keep_meta;
}

// ---------------------------------------------------------------------------
// Class creation

namespace {

// The solid base: the most derived base that adds C-level fields.
bool extra_ivars(TypeObject* t, TypeObject* base) {
  size_t size = t->basicsize;
  if (t->itemsize != base->itemsize) return true;
  if (is_heap(t) && t->dictoffset && !base->dictoffset && t->dictoffset + sizeof(Object*) == size)
    size -= sizeof(Object*);
  return size != base->basicsize;
}

TypeObject* solid_base(TypeObject* t) {
  TypeObject* base = t->base ? solid_base(t->base) : &Object_type;
  return t->base && extra_ivars(t, t->base) ? t : base;
}

TypeObject* best_base(Object* bases) {
  TypeObject* base = nullptr;
  TypeObject* winner = nullptr;
  for (size_t i = 0, n = tuple_size(bases); i < n; ++i) {
    Object* b = tuple_get(bases, i);
    if (!is_type(b)) raise(Exc_TypeError, "bases must be types");
    TypeObject* bt = as_type(b);
    if (!(bt->flags & TPFLAG_BASETYPE)) raise_fmt(Exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
    TypeObject* candidate = solid_base(bt);
    if (!winner) {
      winner = candidate;
      base = bt;
    } else if (is_subtype(winner, candidate)) {
      // keep
    } else if (is_subtype(candidate, winner)) {
      winner = candidate;
      base = bt;
    } else {
      raise(Exc_TypeError, "multiple bases have instance lay-out conflict");
    }
  }
  return base;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Private names in __slots__ are mangled like attribute names in the class body.
Ref<Object> mangle(Object* classname, Object* name) {
  std::string_view n = str_view(name);
  if (n.size() < 3 || n.substr(0, 2) != "__" || n.substr(n.size() - 2) == "__" || n.find('.') != n.npos)
    return newref(name);
  std::string_view c = str_view(classname);
  size_t k = c.find_first_not_of('_');
  if (k == std::string_view::npos) return newref(name);
  return newref(intern("_" + std::string(c.substr(k)) + std::string(n)));
}

// The __dict__ attribute of instances of classes that add a __dict__.
Ref<Object> subtype_get_dict(ThreadState& ts, Object* self) {
  Object* d = instance_get_dict(ts, self);
  if (!d) raise_attribute_error(self, names::__dict__);
  return newref(d);
}
void subtype_set_dict(ThreadState&, Object* self, Object* v) {
  Object** slot = instance_dict_slot(self);
  if (!slot) raise_attribute_error(self, names::__dict__);
  if (v && !is_dict(v))
    raise_fmt(Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(v));
  if (v) assign(*slot, v);
  else clear(*slot);
}
const GetSetDef kSubtypeDictGetSet = {"__dict__", subtype_get_dict, subtype_set_dict};

// The slot names of a __slots__ value, checked; sets *add_dict for "__dict__".
std::vector<Ref<Object>> parse_slots(ThreadState& ts, Object* slots, TypeObject* base, Object* name, Object* dict,
                                     bool* add_dict) {
  std::vector<Ref<Object>> out;
  Ref<Object> items = is_str(slots) ? tuple_pack({slots}) : tuple_from_iterable(ts, slots);
  bool base_has_dict = base->dictoffset || (base->flags & TPFLAG_EXTERNAL_DICT);
  size_t nonspecial = 0;
  for (size_t i = 0, n = tuple_size(items); i < n; ++i) {
    Object* s = tuple_get(items, i);
    if (!is_str(s)) raise_fmt(Exc_TypeError, "__slots__ items must be strings, not '%s'", type_name(s));
    if (!is_identifier(str_view(s))) raise(Exc_TypeError, "__slots__ must be identifiers");
    if (str_view(s) == "__dict__") {
      if (base_has_dict || *add_dict) raise(Exc_TypeError, "__dict__ slot disallowed: we already got one");
      *add_dict = true;
      continue;
    }
    if (str_view(s) == "__weakref__") continue;
    Ref<Object> m = mangle(name, s);
    if (dict_get(ts, dict, m))
      raise_fmt(Exc_ValueError, "'%s' in __slots__ conflicts with class variable", str_data(m));
    out.push_back(std::move(m));
    ++nonspecial;
  }
  if (nonspecial && is_varsize(base))
    raise_fmt(Exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", base->name);
  return out;
}

// __module__ for a class created outside a class statement: the caller's globals' __name__.
Object* caller_module_name(ThreadState& ts) {
  if (!ts.frame || !ts.frame->globals) return nullptr;
  return dict_get_str(ts, ts.frame->globals, names::__name__);
}

void call_set_names(ThreadState& ts, TypeObject* type) {
  Ref<Object> items = dict_items_list(type->dict);
  for (size_t i = 0, n = list_size(items); i < n; ++i) {
    Object* pair = list_get(items, i);
    Object* key = tuple_get(pair, 0);
    Object* value = tuple_get(pair, 1);
    Ref<Object> set_name = lookup_special(ts, value, names::__set_name__);
    if (!set_name) continue;
    try {
      call2(ts, set_name, type, key);
    } catch (PyError& e) {
      Ref<Object> cause = e.take();
      std::string msg = "Error calling __set_name__ on '" + std::string(type_name(value)) + "' instance " +
                        repr_utf8(ts, key) + " in '" + type->name + "'";
      Ref<Object> exc = exception_new(ts, Exc_RuntimeError, msg);
      exception_set_cause(exc, cause);
      exception_set_context(exc, cause);
      raise_obj(std::move(exc));
    }
  }
}

void call_init_subclass(ThreadState& ts, TypeObject* type, Object* kwds) {
  // super(type, type).__init_subclass__(**kwds)
  Object* mro = type->mro;
  for (size_t i = 1, n = tuple_size(mro); i < n; ++i) {
    Object* d = as_type(tuple_get(mro, i))->dict;
    Object* f = dict_get_str(ts, d, names::__init_subclass__);
    if (!f) continue;
    Ref<Object> keep = newref(f);
    Ref<Object> bound = type_of(f)->descr_get ? type_of(f)->descr_get(ts, f, nullptr, type) : keep;
    Ref<Object> empty = tuple_empty();
    call_tuple_dict(ts, bound, empty, kwds);
    return;
  }
}

}  // namespace

TypeObject* calculate_metaclass(TypeObject* meta, Object* bases) {
  TypeObject* winner = meta;
  for (size_t i = 0, n = tuple_size(bases); i < n; ++i) {
    TypeObject* t = type_of(tuple_get(bases, i));
    if (is_subtype(winner, t)) continue;
    if (is_subtype(t, winner)) {
      winner = t;
      continue;
    }
    raise(Exc_TypeError,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
          "metaclasses of all its bases");
  }
  return winner;
}

Ref<Object> type_new_class(ThreadState& ts, TypeObject* metatype, Object* name, Object* bases, Object* ns,
                           Object* kwds) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "type.__new__() argument 1 must be str, not %s", type_name(name));
  if (!is_tuple(bases)) raise_fmt(Exc_TypeError, "type.__new__() argument 2 must be tuple, not %s", type_name(bases));
  if (!is_dict(ns)) raise_fmt(Exc_TypeError, "type.__new__() argument 3 must be dict, not %s", type_name(ns));

  TypeObject* winner = calculate_metaclass(metatype, bases);
  if (winner != metatype) {
    if (winner->new_ != Type_type.new_) {
      // The winning metaclass has its own __new__: let it build the class.
      Ref<Object> fn = getattr(ts, winner, names::__new__);
      Ref<Object> full = tuple_pack({winner, name, bases, ns});
      return call_tuple_dict(ts, fn, full, kwds);
    }
    metatype = winner;
  }
  Ref<Object> bases_ref = tuple_size(bases) == 0 ? tuple_pack({&Object_type}) : newref(bases);
  TypeObject* base = best_base(bases_ref);
  Ref<Object> dict = dict_copy(ts, ns);

  // __slots__ and the instance layout.
  bool add_dict = false;
  std::vector<Ref<Object>> slot_names;
  bool base_has_dict = base->dictoffset || (base->flags & TPFLAG_EXTERNAL_DICT);
  if (Object* slots = dict_get_str(ts, dict, names::__slots__)) {
    slot_names = parse_slots(ts, slots, base, name, dict, &add_dict);
  } else {
    add_dict = !base_has_dict;
  }
  // A class with several bases gets a __dict__ if any base has one.
  for (size_t i = 0, n = tuple_size(bases_ref); i < n && !add_dict && !base_has_dict; ++i) {
    TypeObject* b = as_type(tuple_get(bases_ref, i));
    if (b->dictoffset || (b->flags & TPFLAG_EXTERNAL_DICT)) add_dict = true;
  }

  Ref<Object> typeref = steal(type_alloc(metatype));
  TypeObject* type = as_type(typeref.get());
  type->flags = TPFLAG_HEAPTYPE | TPFLAG_BASETYPE;
  gc_init_heap_type(type);  // instances are tracked by the cyclic GC
  type->name_obj = newref(name).release();
  type->name = str_data(type->name_obj);
  type->bases = bases_ref.release();
  incref(base);
  type->base = base;

  // Names and documentation from the namespace.
  if (Object* q = dict_get_str(ts, dict, names::__qualname__)) {
    if (!is_str(q)) raise_fmt(Exc_TypeError, "type __qualname__ must be a str, not %s", type_name(q));
    type->qualname = newref(q).release();
    dict_del(ts, dict, names::__qualname__);
  } else {
    type->qualname = newref(name).release();
  }
  if (!dict_get_str(ts, dict, names::__module__))
    if (Object* m = caller_module_name(ts)) dict_set(ts, dict, names::__module__, m);
  if (!dict_get_str(ts, dict, names::__doc__)) dict_set(ts, dict, names::__doc__, None());
  // __new__ is implicitly a staticmethod; __init_subclass__ and __class_getitem__ classmethods.
  if (Object* f = dict_get_str(ts, dict, names::__new__); f && type_of(f) == &Function_type)
    dict_set(ts, dict, names::__new__, staticmethod_new(f));
  for (Object* n : {names::__init_subclass__, names::__class_getitem__})
    if (Object* f = dict_get_str(ts, dict, n); f && type_of(f) == &Function_type)
      dict_set(ts, dict, n, classmethod_new(f));
  Ref<Object> classcell;
  if (Object* cell = dict_get_str(ts, dict, names::__classcell__)) {
    if (type_of(cell) != &Cell_type)
      raise_fmt(Exc_TypeError, "__classcell__ must be a nonlocal cell, not %s", repr_utf8(ts, type_of(cell)).c_str());
    classcell = newref(cell);
    dict_del(ts, dict, names::__classcell__);
  }
  if (dict_get_str(ts, dict, names::__eq__) && !dict_get_str(ts, dict, names::__hash__))
    dict_set(ts, dict, names::__hash__, None());

  // Layout: the base's, then one pointer per slot, then __dict__.
  type->basicsize = base->basicsize;
  type->itemsize = base->itemsize;
  type->dictoffset = base->dictoffset;
  for (Ref<Object>& s : slot_names) {
    dict_set(ts, dict, s, member_descr_new(type, s, type->basicsize));
    type->basicsize += sizeof(Object*);
  }
  if (add_dict) {
    if (is_varsize(base)) {
      type->flags |= TPFLAG_EXTERNAL_DICT;
    } else {
      type->dictoffset = type->basicsize;
      type->basicsize += sizeof(Object*);
    }
  }
  type->dict = dict.release();

  type_ready(ts, type);
  if (add_dict && !dict_get_str(ts, type->dict, names::__dict__))
    dict_set(ts, type->dict, names::__dict__, getset_descr_new(type, &kSubtypeDictGetSet));
  type_modified(type);
  fixup_slot_dispatchers(type);
  type->dealloc = subtype_dealloc;

  if (classcell) assign(static_cast<CellObject*>(classcell.get())->ref, type);
  call_set_names(ts, type);
  call_init_subclass(ts, type, kwds);
  return typeref;
}

// ---------------------------------------------------------------------------
// __build_class__(func, name, *bases, metaclass=None, **kwds)

Ref<Object> build_class(ThreadState& ts, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 2) raise(Exc_TypeError, "__build_class__: not enough arguments");
  Object* func = args[0];
  Object* name = args[1];
  if (type_of(func) != &Function_type) raise(Exc_TypeError, "__build_class__: func must be a function");
  if (!is_str(name)) raise(Exc_TypeError, "__build_class__: name is not a string");
  Ref<Object> orig_bases = tuple_from_array(args + 2, nargs - 2);

  // PEP 560: a base that is not a class may stand for others (__mro_entries__).
  Ref<Object> bases = orig_bases;
  bool changed = false;
  for (size_t i = 0, n = tuple_size(orig_bases); i < n; ++i) {
    if (is_type(tuple_get(orig_bases, i))) continue;
    if (lookup_attr(ts, tuple_get(orig_bases, i), names::__mro_entries__)) changed = true;
  }
  if (changed) {
    Ref<Object> acc = list_new();
    for (size_t i = 0, n = tuple_size(orig_bases); i < n; ++i) {
      Object* b = tuple_get(orig_bases, i);
      Ref<Object> me = is_type(b) ? nullptr : lookup_attr(ts, b, names::__mro_entries__);
      if (!me) {
        list_append(acc, b);
        continue;
      }
      Ref<Object> entries = call1(ts, me, orig_bases);
      if (!is_tuple(entries)) raise(Exc_TypeError, "__mro_entries__ must return a tuple");
      for (size_t k = 0; k < tuple_size(entries); ++k) list_append(acc, tuple_get(entries, k));
    }
    bases = list_as_tuple(acc);
  }

  Ref<Object> kwds = dict_new();
  for (size_t i = 0, n = kwnames_count(kwnames); i < n; ++i) dict_set(ts, kwds, tuple_get(kwnames, i), args[nargs + i]);
  Ref<Object> meta = dict_pop(ts, kwds, names::metaclass);
  bool is_class = false;
  if (!meta) {
    meta = tuple_size(bases) ? newref(static_cast<Object*>(type_of(tuple_get(bases, 0))))
                             : newref(static_cast<Object*>(&Type_type));
    is_class = true;
  } else {
    is_class = is_type(meta);
  }
  if (is_class) meta = newref(static_cast<Object*>(calculate_metaclass(as_type(meta.get()), bases)));

  Ref<Object> ns;
  if (Ref<Object> prepare = lookup_attr(ts, meta, names::__prepare__)) {
    Ref<Object> pargs = tuple_pack({name, bases});
    ns = call_tuple_dict(ts, prepare, pargs, kwds);
    if (!is_dict(ns)) {
      const char* mname = is_class ? as_type(meta.get())->name : "<metaclass>";
      raise_fmt(Exc_TypeError, "%s.__prepare__() must return a mapping, not %s", mname, type_name(ns));
    }
  } else {
    ns = dict_new();
  }

  Ref<Object> cell = run_class_body(ts, func, ns);
  // The compiler returns the __class__ cell from the body; hand it to
  // type.__new__ the way CPython's class bodies do, as ns['__classcell__'].
  if (cell && type_of(cell) == &Cell_type && !dict_get_str(ts, ns, names::__classcell__))
    dict_set(ts, ns, names::__classcell__, cell);
  if (changed) dict_set(ts, ns, intern("__orig_bases__"), orig_bases);
  Ref<Object> cargs = tuple_pack({name, bases, ns});
  Ref<Object> cls = call_tuple_dict(ts, meta, cargs, kwds);
  if (is_type(cls) && cell && type_of(cell) == &Cell_type) {
    Object* contents = static_cast<CellObject*>(cell.get())->ref;
    if (contents != cls.get()) {
      if (!contents)
        raise_fmt(Exc_RuntimeError,
                  "__class__ not set defining %s as %s. Was __classcell__ propagated to type.__new__?",
                  repr_utf8(ts, name).c_str(), repr_utf8(ts, cls).c_str());
      raise_fmt(Exc_TypeError, "__class__ set to %s defining %s as %s", repr_utf8(ts, contents).c_str(),
                repr_utf8(ts, name).c_str(), repr_utf8(ts, cls).c_str());
    }
  }
  return cls;
}

}  // namespace gk
