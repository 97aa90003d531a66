// runtime/objects/abstract.cpp — the abstract object layer, part 1: attribute
// access (generic getattr/setattr with descriptors; type_lookup and its
// method cache), calls, repr/str/ascii/format/hash, iteration and
// subscription (with types.GenericAlias for list[int] and friends), with
// CPython 3.11's rules and error messages. Operators, comparison, truth and
// numeric conversions are in abstract_ops.cpp.
#include "objects/abstract.hpp"

#include <atomic>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "objects/args.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/range.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "objects/utf8.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

ThreadState& any_ts() noexcept {
  static ThreadState scratch;
  ThreadState* ts = current_thread_state();
  return ts ? *ts : scratch;
}

// Looks `name` up in one type's own dict (no MRO); borrowed or null.
inline Object* dict_lookup_name(ThreadState& ts, Object* dict, Object* name) {
  return type_check_exact(name, &Str_type) ? dict_get_str(ts, dict, name) : dict_get(ts, dict, name);
}

}  // namespace

// Vectorcall with `self` prepended to (args, nargs, kwnames) — the common
// shape of a method call. Uses a stack buffer for short argument lists.
Ref<Object> call_with_self(ThreadState& ts, Object* callable, Object* self, Object* const* args, size_t nargs,
                           Object* kwnames) {
  size_t total = nargs + kwnames_count(kwnames);
  Object* small[8];
  std::unique_ptr<Object*[]> big;
  Object** buf = small;
  if (total + 1 > 8) {
    big.reset(new Object*[total + 1]);
    buf = big.get();
  }
  buf[0] = self;
  for (size_t i = 0; i < total; ++i) buf[i + 1] = args[i];
  return call(ts, callable, buf, nargs + 1, kwnames);
}

void check_c_stack(ThreadState& ts) {
  char here;
  if (ts.c_stack_limit && reinterpret_cast<uintptr_t>(&here) < ts.c_stack_limit)
    raise(Exc_RecursionError, "maximum recursion depth exceeded");
}

// ---------------------------------------------------------------------------
// Attributes

namespace {

// The method cache: (type version tag, interned name) -> the result of the MRO
// walk (borrowed: the owning dict keeps it alive until it changes, and any
// change resets the version tags of the type and its subclasses). Only
// interned names are cached, so the name pointer identifies the string.
//
// Threads: without a GIL several threads read and fill it at once, so each
// entry is a seqlock (as the eval loop's inline caches, vm/code_cache.hpp):
// a writer CASes seq even -> odd, release-stores the fields, release-stores
// seq + 1; a reader acquire-loads seq, the fields, and re-checks seq. A
// filler reads the type's tag BEFORE its MRO walk, so an entry can be stale
// only under a tag that type_modified() has already retired. Tags come from
// one atomic counter and are never reused.
struct MethodCacheEntry {
  std::atomic<uint32_t> seq;
  std::atomic<uint32_t> version;
  std::atomic<Object*> name;
  std::atomic<Object*> value;
};
constexpr size_t kMethodCacheSize = 4096;  // power of two
MethodCacheEntry g_method_cache[kMethodCacheSize];
std::atomic<uint32_t> g_next_version_tag{1};  // 0 once exhausted

inline size_t method_cache_index(uint32_t version, Object* name) noexcept {
  return ((version * 2654435761u) ^ static_cast<uint32_t>(reinterpret_cast<uintptr_t>(name) >> 4)) &
         (kMethodCacheSize - 1);
}

inline bool cacheable_name(Object* name) noexcept {
  return type_check_exact(name, &Str_type) && static_cast<StrObject*>(name)->interned;
}

Object* type_lookup_uncached(TypeObject* type, Object* name) noexcept {
  ThreadState& ts = any_ts();
  try {
    if (Object* mro = type->mro) {
      size_t n = tuple_size(mro);
      Object** items = tuple_items(mro);
      for (size_t i = 0; i < n; ++i) {
        Object* d = static_cast<TypeObject*>(items[i])->dict;
        if (!d) continue;
        if (Object* v = dict_lookup_name(ts, d, name)) return v;
      }
      return nullptr;
    }
    // Not ready yet (during type_ready): the single-inheritance chain.
    for (TypeObject* t = type; t; t = t->base) {
      if (t->dict)
        if (Object* v = dict_lookup_name(ts, t->dict, name)) return v;
    }
  } catch (PyError&) {
    // A key's __eq__ failed: treat as not found, as CPython's lookup does.
  }
  return nullptr;
}

}  // namespace

namespace {

constexpr auto kAcq = std::memory_order_acquire;
constexpr auto kRel = std::memory_order_release;
constexpr auto kRlx = std::memory_order_relaxed;

std::atomic_ref<uint32_t> tag_ref(TypeObject* t) noexcept { return std::atomic_ref<uint32_t>(t->version_tag); }

// Gives type and its bases a tag (bases first). Invariant: a type with a tag
// has tagged bases, so that type_modified() on a base without a tag may stop
// there. Returns the type's tag, 0 when tags ran out.
uint32_t assign_version_tags(TypeObject* type) noexcept {
  Object* mro = type->mro;
  for (size_t i = tuple_size(mro); i-- > 0;) {
    auto* t = static_cast<TypeObject*>(tuple_get(mro, i));
    if (tag_ref(t).load(kAcq)) continue;
    uint32_t next = g_next_version_tag.load(kRlx);
    do {
      if (next == 0) return 0;  // tags exhausted: stop caching
    } while (!g_next_version_tag.compare_exchange_weak(next, next + 1, kRlx, kRlx));
    uint32_t none = 0;
    tag_ref(t).compare_exchange_strong(none, next, kRel, kRlx);  // another thread may have tagged it
  }
  return tag_ref(type).load(kAcq);
}

}  // namespace

Object* type_lookup(TypeObject* type, Object* name) noexcept {
  if (!cacheable_name(name) || !(type->flags & TPFLAG_READY)) return type_lookup_uncached(type, name);
  uint32_t v = tag_ref(type).load(kAcq);
  if (v) {
    MethodCacheEntry& e = g_method_cache[method_cache_index(v, name)];
    uint32_t seq = e.seq.load(kAcq);
    if (e.version.load(kAcq) == v && e.name.load(kAcq) == name) {
      Object* value = e.value.load(kAcq);
      if ((seq & 1) == 0 && e.seq.load(kRlx) == seq) {
        if constexpr (config::checks >= 2) {
          if (value != type_lookup_uncached(type, name) && tag_ref(type).load(kAcq) == v) {
            std::fprintf(stderr, "gilkit: stale method cache entry for %s.%s\n", type->name, str_data(name));
            std::abort();
          }
        }
        return value;
      }
    }
  } else {
    v = assign_version_tags(type);
  }
  Object* value = type_lookup_uncached(type, name);  // after reading the tag (see above)
  if (!v) return value;
  MethodCacheEntry& e = g_method_cache[method_cache_index(v, name)];
  uint32_t seq = e.seq.load(kRlx);
  if ((seq & 1) == 0 && e.seq.compare_exchange_strong(seq, seq + 1, kAcq, kRlx)) {
    e.version.store(v, kRel);
    e.name.store(name, kRel);
    e.value.store(value, kRel);
    e.seq.store(seq + 2, kRel);
  }
  return value;
}

void type_modified(TypeObject* type) noexcept {
  if (!tag_ref(type).load(kAcq)) return;  // untagged: so are its subclasses (see type_lookup)
  tag_ref(type).store(0, kRel);
  if (Object* subs = type->subclasses)
    for (size_t i = 0, n = list_size(subs); i < n; ++i)
      if (Ref<Object> sub = list_item_ref(subs, i))  // safe while another thread adds a subclass
        type_modified(static_cast<TypeObject*>(sub.get()));
}

Ref<Object> lookup_special(ThreadState& ts, Object* o, Object* name) {
  TypeObject* t = type_of(o);
  Object* descr = type_lookup(t, name);
  if (!descr) return nullptr;
  if (DescrGetFn f = type_of(descr)->descr_get) return f(ts, descr, o, t);
  return newref(descr);
}

Ref<Object> generic_getattr(ThreadState& ts, Object* o, Object* name) {
  TypeObject* t = type_of(o);
  Object* descr = type_lookup(t, name);
  DescrGetFn f = nullptr;
  Ref<Object> keep;
  if (descr) {
    keep = newref(descr);  // a __get__ or __eq__ may drop the class attribute
    f = type_of(descr)->descr_get;
    if (f && type_of(descr)->descr_set) return f(ts, descr, o, t);
  }
  if (Object** slot = instance_dict_slot(o)) {
    if (Object* d = *slot) {
      Ref<Object> dict = newref(d);
      if (Object* v = dict_lookup_name(ts, d, name)) return newref(v);
    }
  }
  if (f) return f(ts, descr, o, t);
  if (descr) return keep;
  return nullptr;
}

void generic_setattr(ThreadState& ts, Object* o, Object* name, Object* value) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  TypeObject* t = type_of(o);
  Object* descr = type_lookup(t, name);
  Ref<Object> keep;
  if (descr) {
    keep = newref(descr);
    if (DescrSetFn f = type_of(descr)->descr_set) {
      f(ts, descr, o, value);
      return;
    }
  }
  Object** slot = instance_dict_slot(o);
  if (!slot) {
    if (descr)
      raise_fmt(Exc_AttributeError, "'%s' object attribute '%s' is read-only", type_name(o), str_data(name));
    raise_attribute_error(o, name);
  }
  if (value) {
    Object* d = instance_get_dict(ts, o);
    dict_set(ts, d, name, value);
  } else {
    if (!*slot || !dict_del(ts, *slot, name)) raise_attribute_error(o, name);
  }
}

Ref<Object> getattr(ThreadState& ts, Object* o, Object* name) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  GetAttrFn f = type_of(o)->getattro;
  Ref<Object> r = f ? f(ts, o, name) : generic_getattr(ts, o, name);
  if (!r) raise_attribute_error(o, name);
  return r;
}

Ref<Object> getattr(ThreadState& ts, Object* o, const char* name) { return getattr(ts, o, intern(name)); }

Ref<Object> lookup_attr(ThreadState& ts, Object* o, Object* name) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  GetAttrFn f = type_of(o)->getattro;
  try {
    return f ? f(ts, o, name) : generic_getattr(ts, o, name);
  } catch (PyError& e) {
    if (e.matches(Exc_AttributeError)) return nullptr;
    throw;
  }
}

bool hasattr(ThreadState& ts, Object* o, Object* name) { return static_cast<bool>(lookup_attr(ts, o, name)); }

void setattr(ThreadState& ts, Object* o, Object* name, Object* value) {
  if (!is_str(name)) raise_fmt(Exc_TypeError, "attribute name must be string, not '%s'", type_name(name));
  SetAttrFn f = type_of(o)->setattro;
  if (!f) {
    raise_fmt(Exc_TypeError, "'%s' object has only read-only attributes (%s .%s)", type_name(o),
              value ? "assign to" : "del", str_data(name));
  }
  f(ts, o, name, value);
}

void delattr(ThreadState& ts, Object* o, Object* name) { setattr(ts, o, name, nullptr); }

// ---------------------------------------------------------------------------
// Calls

Ref<Object> call(ThreadState& ts, Object* callable, Object* const* args, size_t nargs, Object* kwnames) {
  CallFn f = type_of(callable)->call;
  if (!f) raise_fmt(Exc_TypeError, "'%s' object is not callable", type_name(callable));
  check_c_stack(ts);
  return f(ts, callable, args, nargs, kwnames);
}

Ref<Object> call0(ThreadState& ts, Object* callable) { return call(ts, callable, nullptr, 0, nullptr); }

Ref<Object> call1(ThreadState& ts, Object* callable, Object* a) {
  Object* args[1] = {a};
  return call(ts, callable, args, 1, nullptr);
}

Ref<Object> call2(ThreadState& ts, Object* callable, Object* a, Object* b) {
  Object* args[2] = {a, b};
  return call(ts, callable, args, 2, nullptr);
}

Ref<Object> call_tuple_dict(ThreadState& ts, Object* callable, Object* args, Object* kwargs) {
  size_t npos = args ? tuple_size(args) : 0;
  size_t nkw = kwargs ? dict_size(kwargs) : 0;
  if (nkw == 0) return call(ts, callable, npos ? tuple_items(args) : nullptr, npos, nullptr);
  std::unique_ptr<Object*[]> buf(new Object*[npos + nkw]);
  for (size_t i = 0; i < npos; ++i) buf[i] = tuple_get(args, i);
  Ref<Object> kwnames = tuple_new(nkw);
  // Keep the dict alive and unchanged while its borrowed values are in use.
  Ref<Object> keep = newref(kwargs);
  size_t pos = 0, i = 0;
  Object *k, *v;
  while (dict_next(kwargs, pos, &k, &v) && i < nkw) {
    if (!is_str(k)) raise(Exc_TypeError, "keywords must be strings");
    incref(k);
    tuple_set_steal(kwnames, i, k);
    buf[npos + i] = v;
    ++i;
  }
  return call(ts, callable, buf.get(), npos, kwnames);
}

Ref<Object> call_method(ThreadState& ts, Object* o, Object* name, Object* const* args, size_t nargs,
                        Object* kwnames) {
  TypeObject* t = type_of(o);
  if (t->getattro == generic_getattr) {
    // An unbound function found on the type and not shadowed by the
    // instance dict is called with `o` prepended: no bound method is made.
    Object* descr = type_lookup(t, name);
    if (descr && (type_of(descr) == &Function_type || type_of(descr) == &MethodDescr_type)) {
      Object** slot = instance_dict_slot(o);
      if (!slot || !*slot || !dict_lookup_name(ts, *slot, name)) {
        Ref<Object> keep = newref(descr);
        return call_with_self(ts, descr, o, args, nargs, kwnames);
      }
    }
  }
  Ref<Object> meth = getattr(ts, o, name);
  return call(ts, meth, args, nargs, kwnames);
}

bool is_callable(Object* o) noexcept { return type_of(o)->call != nullptr; }

// ---------------------------------------------------------------------------
// repr / str / ascii / format / hash

Ref<Object> repr(ThreadState& ts, Object* o) {
  check_c_stack(ts);
  UnaryFn f = type_of(o)->repr;
  if (!f) return type_repr_name(type_of(o));
  Ref<Object> r = f(ts, o);
  if (!is_str(r)) raise_fmt(Exc_TypeError, "__repr__ returned non-string (type %s)", type_name(r));
  return r;
}

Ref<Object> str(ThreadState& ts, Object* o) {
  if (type_check_exact(o, &Str_type)) return newref(o);
  check_c_stack(ts);
  UnaryFn f = type_of(o)->str;
  if (!f) return repr(ts, o);
  Ref<Object> r = f(ts, o);
  if (!is_str(r)) raise_fmt(Exc_TypeError, "__str__ returned non-string (type %s)", type_name(r));
  return r;
}

std::string repr_utf8(ThreadState& ts, Object* o) { return std::string(str_view(repr(ts, o))); }
std::string str_utf8(ThreadState& ts, Object* o) { return std::string(str_view(str(ts, o))); }

Ref<Object> ascii(ThreadState& ts, Object* o) {
  Ref<Object> r = repr(ts, o);
  std::string_view s = str_view(r);
  if (utf8::is_ascii(s.data(), s.size())) return r;
  std::string out;
  out.reserve(s.size() + 16);
  const char* p = s.data();
  const char* end = p + s.size();
  char buf[16];
  while (p < end) {
    uint32_t cp = utf8::decode(p);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      continue;
    }
    if (cp < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
    else if (cp < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
    out += buf;
  }
  return str_new(out);
}

Ref<Object> format(ThreadState& ts, Object* o, Object* spec) {
  bool empty = !spec || str_view(spec).empty();
  if (empty) {
    if (type_check_exact(o, &Str_type)) return newref(o);
    if (type_check_exact(o, &Int_type)) return str(ts, o);
  }
  Ref<Object> spec_ref = spec ? newref(spec) : str_empty();
  Ref<Object> meth = lookup_special(ts, o, names::__format__);
  if (!meth) raise_fmt(Exc_TypeError, "Type %s doesn't define __format__", type_name(o));
  Ref<Object> r = call1(ts, meth, spec_ref);
  if (!is_str(r)) raise_fmt(Exc_TypeError, "__format__ must return a str, not %s", type_name(r));
  return r;
}

int64_t hash(ThreadState& ts, Object* o) {
  HashFn f = type_of(o)->hash;
  if (!f) raise_fmt(Exc_TypeError, "unhashable type: '%s'", type_name(o));
  return f(ts, o);
}

const char* type_name(const Object* o) noexcept { return type_of(o)->name; }

// ---------------------------------------------------------------------------
// Iteration

Ref<Object> get_iter(ThreadState& ts, Object* o) {
  TypeObject* t = type_of(o);
  if (t->iter) {
    Ref<Object> it = t->iter(ts, o);
    if (!type_of(it)->iternext)
      raise_fmt(Exc_TypeError, "iter() returned non-iterator of type '%s'", type_name(it));
    return it;
  }
  if (t->getitem && !is_dict(o)) return seq_iter_new(o);
  raise_fmt(Exc_TypeError, "'%s' object is not iterable", type_name(o));
}

Ref<Object> iter_next(ThreadState& ts, Object* it) {
  IterNextFn f = type_of(it)->iternext;
  if (!f) raise_fmt(Exc_TypeError, "'%s' object is not an iterator", type_name(it));
  return f(ts, it);
}

// ---------------------------------------------------------------------------
// types.GenericAlias: list[int], dict[str, int] (PEP 585) — enough for
// annotations and for calling / inspecting the alias.

namespace {

struct GenericAliasObject : Object {
  Object* origin;  // the class (strong)
  Object* args;    // tuple (strong)
};
TypeObject GenericAlias_type;

GenericAliasObject* as_alias(Object* o) { return static_cast<GenericAliasObject*>(o); }

void alias_dealloc(Object* o) noexcept {
  clear(as_alias(o)->origin);
  clear(as_alias(o)->args);
  object_free(o, sizeof(GenericAliasObject));
}

// How an alias argument prints: classes by qualified name, ... for Ellipsis.
std::string alias_arg_repr(ThreadState& ts, Object* a) {
  if (a == Ellipsis()) return "...";
  if (is_type(a)) return type_qualified_name(static_cast<TypeObject*>(a));
  if (is_tuple(a) && tuple_size(a) == 0) return "()";
  return repr_utf8(ts, a);
}

Ref<Object> alias_repr(ThreadState& ts, Object* self) {
  GenericAliasObject* g = as_alias(self);
  std::string out = alias_arg_repr(ts, g->origin) + "[";
  for (size_t i = 0, n = tuple_size(g->args); i < n; ++i) {
    if (i) out += ", ";
    out += alias_arg_repr(ts, tuple_get(g->args, i));
  }
  if (tuple_size(g->args) == 0) out += "()";
  return str_new(out + "]");
}

Ref<Object> alias_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return call(ts, as_alias(self)->origin, args, nargs, kwnames);
}

Ref<Object> alias_richcompare(ThreadState& ts, Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::EQ && op != CompareOp::NE) || type_of(b) != &GenericAlias_type)
    return newref(NotImplemented());
  bool eq = as_alias(a)->origin == as_alias(b)->origin && equals(ts, as_alias(a)->args, as_alias(b)->args);
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}

int64_t alias_hash(ThreadState& ts, Object* self) {
  int64_t h = hash(ts, as_alias(self)->origin) ^ hash(ts, as_alias(self)->args);
  return h == -1 ? -2 : h;
}

// Attributes not defined by the alias come from the origin (list[int].__name__).
Ref<Object> alias_getattro(ThreadState& ts, Object* self, Object* name) {
  if (Ref<Object> r = generic_getattr(ts, self, name)) return r;
  return lookup_attr(ts, as_alias(self)->origin, name);
}

Ref<Object> alias_get_origin(ThreadState&, Object* self) { return newref(as_alias(self)->origin); }
Ref<Object> alias_get_args(ThreadState&, Object* self) { return newref(as_alias(self)->args); }
Ref<Object> alias_get_parameters(ThreadState&, Object*) { return tuple_empty(); }
const GetSetDef kAliasGetSets[] = {
    {"__origin__", alias_get_origin, nullptr},
    {"__args__", alias_get_args, nullptr},
    {"__parameters__", alias_get_parameters, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_generic_alias(TypeObject& t) {
  t.name = "types.GenericAlias";
  t.basicsize = sizeof(GenericAliasObject);
  t.dealloc = alias_dealloc;
  t.repr = alias_repr;
  t.call = alias_call;
  t.richcompare = alias_richcompare;
  t.hash = alias_hash;
  t.getattro = alias_getattro;
  t.getsets = kAliasGetSets;
}

// The built-in classes that are generic in annotations (their subclasses too).
bool is_generic_builtin(TypeObject* t) {
  for (TypeObject* g : {&List_type, &Dict_type, &Tuple_type, &Set_type, &FrozenSet_type, &Type_type})
    if (is_subtype(t, g)) return true;
  return false;
}

Ref<Object> generic_alias_new(Object* origin, Object* key) {
  auto* g = alloc_object<GenericAliasObject>(&GenericAlias_type);
  g->origin = newref(origin).release();
  g->args = (is_tuple(key) ? newref(key) : tuple_pack({key})).release();
  return steal<Object>(g);
}

}  // namespace

GK_REGISTER_TYPE(GenericAlias_type, setup_generic_alias);

// ---------------------------------------------------------------------------
// Subscription

Ref<Object> getitem(ThreadState& ts, Object* o, Object* key) {
  if (GetItemFn f = type_of(o)->getitem) return f(ts, o, key);
  if (is_type(o)) {
    // list[int] and friends: __class_getitem__ on the class itself.
    if (Ref<Object> meth = lookup_attr(ts, o, names::__class_getitem__)) return call1(ts, meth, key);
    if (is_generic_builtin(static_cast<TypeObject*>(o))) return generic_alias_new(o, key);
    raise_fmt(Exc_TypeError, "type '%s' is not subscriptable", static_cast<TypeObject*>(o)->name);
  }
  raise_fmt(Exc_TypeError, "'%s' object is not subscriptable", type_name(o));
}

void setitem(ThreadState& ts, Object* o, Object* key, Object* value) {
  SetItemFn f = type_of(o)->setitem;
  if (!f) raise_fmt(Exc_TypeError, "'%s' object does not support item assignment", type_name(o));
  f(ts, o, key, value);
}

void delitem(ThreadState& ts, Object* o, Object* key) {
  SetItemFn f = type_of(o)->setitem;
  if (!f) raise_fmt(Exc_TypeError, "'%s' object doesn't support item deletion", type_name(o));
  f(ts, o, key, nullptr);
}

size_t length(ThreadState& ts, Object* o) {
  LenFn f = type_of(o)->len;
  if (!f) raise_fmt(Exc_TypeError, "object of type '%s' has no len()", type_name(o));
  return f(ts, o);
}

}  // namespace gk
