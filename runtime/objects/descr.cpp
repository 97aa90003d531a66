// runtime/objects/descr.cpp — descriptors: the method, classmethod, getset,
// member (__slots__) and slot-wrapper descriptors that type_ready and class
// creation put into type dicts, the bound slot wrapper ("method-wrapper"),
// the Python-visible descriptor types property, classmethod, staticmethod and
// super, and mappingproxy (the read-only C.__dict__).
//
// Binding rules: a method descriptor bound to an instance becomes a builtin
// method (builtin_function_new(def, self)); a classmethod descriptor binds to
// the class; getset/member descriptors are data descriptors (they define
// descr_set, so they win over the instance __dict__). Every descriptor checks
// that the object it is applied to is an instance of the type that owns it,
// with CPython's messages.
#include "objects/descr.hpp"

#include <cstdio>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/function.hpp"
#include "objects/int.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/frame.hpp"

namespace gk {

TypeObject MethodDescr_type, ClassMethodDescr_type, GetSetDescr_type, MemberDescr_type, WrapperDescr_type;
TypeObject MethodWrapper_type, Property_type, ClassMethod_type, StaticMethod_type, Super_type;

namespace {

std::string addr_of(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

// "<kind 'name' of 'owner' objects>"
Ref<Object> descr_repr(const char* kind, const char* name, const TypeObject* owner) {
  return str_new(std::string("<") + kind + " '" + name + "' of '" + owner->name + "' objects>");
}

void check_applies(const char* name, TypeObject* owner, Object* obj) {
  if (!type_check(obj, owner))
    raise_fmt(Exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name, owner->name,
              type_name(obj));
}

Ref<Object> doc_or_none(const char* doc) { return doc ? str_new(doc) : none_ref(); }

// --- method descriptors (list.append) ------------------------------------------------

MethodDescrObject* as_mdescr(Object* o) { return static_cast<MethodDescrObject*>(o); }

void descr_dealloc(Object* o) noexcept { object_free(o, type_of(o)->basicsize); }

Ref<Object> mdescr_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  MethodDescrObject* d = as_mdescr(self);
  if (nargs < 1)
    raise_fmt(Exc_TypeError, "unbound method %s.%s() needs an argument", d->owner->name, d->def->name);
  check_applies(d->def->name, d->owner, args[0]);
  return d->def->fn(ts, args[0], args + 1, nargs - 1, kwnames);
}

Ref<Object> mdescr_get(ThreadState&, Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  MethodDescrObject* d = as_mdescr(self);
  check_applies(d->def->name, d->owner, obj);
  return builtin_function_new(d->def, obj);
}

Ref<Object> mdescr_repr(ThreadState&, Object* self) {
  return descr_repr("method", as_mdescr(self)->def->name, as_mdescr(self)->owner);
}

// Shared getsets of method-like descriptors (MethodDescr and ClassMethodDescr share a layout).
Ref<Object> mdescr_get_name(ThreadState&, Object* self) { return newref(intern(as_mdescr(self)->def->name)); }
Ref<Object> mdescr_get_qualname(ThreadState&, Object* self) {
  return str_new(std::string(as_mdescr(self)->owner->name) + "." + as_mdescr(self)->def->name);
}
Ref<Object> mdescr_get_objclass(ThreadState&, Object* self) { return newref<Object>(as_mdescr(self)->owner); }
Ref<Object> mdescr_get_doc(ThreadState&, Object* self) { return doc_or_none(as_mdescr(self)->def->doc); }
const GetSetDef kMethodDescrGetSets[] = {
    {"__name__", mdescr_get_name, nullptr},
    {"__qualname__", mdescr_get_qualname, nullptr},
    {"__objclass__", mdescr_get_objclass, nullptr},
    {"__doc__", mdescr_get_doc, nullptr},
    {nullptr, nullptr, nullptr},
};

// --- classmethod descriptors (dict.fromkeys) ------------------------------------------

Ref<Object> cmdescr_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  MethodDescrObject* d = as_mdescr(self);
  if (nargs < 1)
    raise_fmt(Exc_TypeError, "descriptor '%s' of '%s' object needs an argument", d->def->name, d->owner->name);
  if (!is_type(args[0]) || !is_subtype(static_cast<TypeObject*>(args[0]), d->owner))
    raise_fmt(Exc_TypeError, "descriptor '%s' for type '%s' needs a subtype of '%s' as arg 1, not '%s'", d->def->name,
              d->owner->name, d->owner->name, type_name(args[0]));
  return d->def->fn(ts, args[0], args + 1, nargs - 1, kwnames);
}

Ref<Object> cmdescr_get(ThreadState&, Object* self, Object* obj, Object* type) {
  MethodDescrObject* d = as_mdescr(self);
  if (!type) type = type_of(obj);
  if (!is_type(type) || !is_subtype(static_cast<TypeObject*>(type), d->owner))
    raise_fmt(Exc_TypeError, "descriptor '%s' for type '%s' doesn't apply to type '%s'", d->def->name, d->owner->name,
              static_cast<TypeObject*>(type)->name);
  return builtin_function_new(d->def, type);
}

// --- getset descriptors ---------------------------------------------------------------------

GetSetDescrObject* as_gsdescr(Object* o) { return static_cast<GetSetDescrObject*>(o); }

Ref<Object> gsdescr_get(ThreadState& ts, Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  GetSetDescrObject* d = as_gsdescr(self);
  check_applies(d->def->name, d->owner, obj);
  if (!d->def->get)
    raise_fmt(Exc_AttributeError, "attribute '%s' of '%s' objects is not readable", d->def->name, d->owner->name);
  return d->def->get(ts, obj);
}

void gsdescr_set(ThreadState& ts, Object* self, Object* obj, Object* value) {
  GetSetDescrObject* d = as_gsdescr(self);
  check_applies(d->def->name, d->owner, obj);
  if (!d->def->set)
    raise_fmt(Exc_AttributeError, "attribute '%s' of '%s' objects is not writable", d->def->name, d->owner->name);
  d->def->set(ts, obj, value);
}

Ref<Object> gsdescr_repr(ThreadState&, Object* self) {
  return descr_repr("attribute", as_gsdescr(self)->def->name, as_gsdescr(self)->owner);
}
Ref<Object> gsdescr_get_name(ThreadState&, Object* self) { return newref(intern(as_gsdescr(self)->def->name)); }
Ref<Object> gsdescr_get_qualname(ThreadState&, Object* self) {
  return str_new(std::string(as_gsdescr(self)->owner->name) + "." + as_gsdescr(self)->def->name);
}
Ref<Object> gsdescr_get_objclass(ThreadState&, Object* self) { return newref<Object>(as_gsdescr(self)->owner); }
const GetSetDef kGetSetDescrGetSets[] = {
    {"__name__", gsdescr_get_name, nullptr},
    {"__qualname__", gsdescr_get_qualname, nullptr},
    {"__objclass__", gsdescr_get_objclass, nullptr},
    {nullptr, nullptr, nullptr},
};

// --- member descriptors (__slots__) ---------------------------------------------------------

MemberDescrObject* as_member(Object* o) { return static_cast<MemberDescrObject*>(o); }
Object*& member_field(MemberDescrObject* d, Object* obj) {
  return *reinterpret_cast<Object**>(reinterpret_cast<char*>(obj) + d->offset);
}

Ref<Object> member_get(ThreadState&, Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  MemberDescrObject* d = as_member(self);
  check_applies(str_data(d->name), d->owner, obj);
  Object* v = member_field(d, obj);
  if (!v) raise_attribute_error(obj, d->name);
  return newref(v);
}

void member_set(ThreadState&, Object* self, Object* obj, Object* value) {
  MemberDescrObject* d = as_member(self);
  check_applies(str_data(d->name), d->owner, obj);
  Object*& field = member_field(d, obj);
  if (!value && !field) raise_attribute_error(obj, d->name);
  if (value) assign(field, value);
  else clear(field);
}

void member_dealloc(Object* o) noexcept {
  clear(as_member(o)->name);
  object_free(o, sizeof(MemberDescrObject));
}

Ref<Object> member_repr(ThreadState&, Object* self) {
  return descr_repr("member", str_data(as_member(self)->name), as_member(self)->owner);
}
Ref<Object> member_get_name(ThreadState&, Object* self) { return newref(as_member(self)->name); }
Ref<Object> member_get_objclass(ThreadState&, Object* self) { return newref<Object>(as_member(self)->owner); }
const GetSetDef kMemberDescrGetSets[] = {
    {"__name__", member_get_name, nullptr},
    {"__objclass__", member_get_objclass, nullptr},
    {nullptr, nullptr, nullptr},
};

// --- slot wrappers (int.__add__) and method-wrappers ((1).__add__) -----------------------

WrapperDescrObject* as_wrapper(Object* o) { return static_cast<WrapperDescrObject*>(o); }

Ref<Object> wrapper_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  WrapperDescrObject* d = as_wrapper(self);
  if (nargs < 1)
    raise_fmt(Exc_TypeError, "descriptor '%s' of '%s' object needs an argument", d->slot->name, d->owner->name);
  if (!type_check(args[0], d->owner))
    raise_fmt(Exc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'", d->slot->name,
              d->owner->name, type_name(args[0]));
  return d->slot->wrapper(ts, *d->slot, d->fn, args[0], args + 1, nargs - 1, kwnames);
}

Ref<Object> wrapper_get(ThreadState&, Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  WrapperDescrObject* d = as_wrapper(self);
  check_applies(d->slot->name, d->owner, obj);
  auto* mw = alloc_object<MethodWrapperObject>(&MethodWrapper_type);
  mw->descr = newref(self).release();
  mw->self = newref(obj).release();
  return steal<Object>(mw);
}

Ref<Object> wrapper_repr(ThreadState&, Object* self) {
  return descr_repr("slot wrapper", as_wrapper(self)->slot->name, as_wrapper(self)->owner);
}
Ref<Object> wrapper_get_name(ThreadState&, Object* self) { return newref(intern(as_wrapper(self)->slot->name)); }
Ref<Object> wrapper_get_qualname(ThreadState&, Object* self) {
  return str_new(std::string(as_wrapper(self)->owner->name) + "." + as_wrapper(self)->slot->name);
}
Ref<Object> wrapper_get_objclass(ThreadState&, Object* self) { return newref<Object>(as_wrapper(self)->owner); }
Ref<Object> wrapper_get_doc(ThreadState&, Object* self) { return doc_or_none(as_wrapper(self)->slot->doc); }
const GetSetDef kWrapperDescrGetSets[] = {
    {"__name__", wrapper_get_name, nullptr},
    {"__qualname__", wrapper_get_qualname, nullptr},
    {"__objclass__", wrapper_get_objclass, nullptr},
    {"__doc__", wrapper_get_doc, nullptr},
    {nullptr, nullptr, nullptr},
};

MethodWrapperObject* as_mw(Object* o) { return static_cast<MethodWrapperObject*>(o); }

void mw_dealloc(Object* o) noexcept {
  clear(as_mw(o)->descr);
  clear(as_mw(o)->self);
  object_free(o, sizeof(MethodWrapperObject));
}

Ref<Object> mw_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  WrapperDescrObject* d = as_wrapper(as_mw(self)->descr);
  return d->slot->wrapper(ts, *d->slot, d->fn, as_mw(self)->self, args, nargs, kwnames);
}

Ref<Object> mw_repr(ThreadState&, Object* self) {
  WrapperDescrObject* d = as_wrapper(as_mw(self)->descr);
  Object* obj = as_mw(self)->self;
  return str_new(std::string("<method-wrapper '") + d->slot->name + "' of " + type_name(obj) + " object at " +
                 addr_of(obj) + ">");
}

Ref<Object> mw_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::EQ && op != CompareOp::NE) || type_of(b) != &MethodWrapper_type)
    return newref(NotImplemented());
  bool eq = as_mw(a)->descr == as_mw(b)->descr && as_mw(a)->self == as_mw(b)->self;
  return bool_ref(op == CompareOp::EQ ? eq : !eq);
}
int64_t mw_hash(ThreadState& ts, Object* self) {
  int64_t h = hash(ts, as_mw(self)->self) ^ static_cast<int64_t>(reinterpret_cast<uintptr_t>(as_mw(self)->descr) >> 4);
  return h == -1 ? -2 : h;
}

Ref<Object> mw_get_self(ThreadState&, Object* self) { return newref(as_mw(self)->self); }
Ref<Object> mw_get_name(ThreadState&, Object* self) {
  return newref(intern(as_wrapper(as_mw(self)->descr)->slot->name));
}
Ref<Object> mw_get_qualname(ThreadState& ts, Object* self) { return wrapper_get_qualname(ts, as_mw(self)->descr); }
Ref<Object> mw_get_objclass(ThreadState&, Object* self) { return newref<Object>(as_wrapper(as_mw(self)->descr)->owner); }
const GetSetDef kMethodWrapperGetSets[] = {
    {"__self__", mw_get_self, nullptr},
    {"__name__", mw_get_name, nullptr},
    {"__qualname__", mw_get_qualname, nullptr},
    {"__objclass__", mw_get_objclass, nullptr},
    {nullptr, nullptr, nullptr},
};

// --- type setups ------------------------------------------------------------------------

void setup_method_descr(TypeObject& t) {
  t.name = "method_descriptor";
  t.basicsize = sizeof(MethodDescrObject);
  t.dealloc = descr_dealloc;
  t.repr = mdescr_repr;
  t.call = mdescr_call;
  t.descr_get = mdescr_get;
  t.getsets = kMethodDescrGetSets;
}
void setup_classmethod_descr(TypeObject& t) {
  t.name = "classmethod_descriptor";
  t.basicsize = sizeof(MethodDescrObject);
  t.dealloc = descr_dealloc;
  t.repr = mdescr_repr;
  t.call = cmdescr_call;
  t.descr_get = cmdescr_get;
  t.getsets = kMethodDescrGetSets;
}
void setup_getset_descr(TypeObject& t) {
  t.name = "getset_descriptor";
  t.basicsize = sizeof(GetSetDescrObject);
  t.dealloc = descr_dealloc;
  t.repr = gsdescr_repr;
  t.descr_get = gsdescr_get;
  t.descr_set = gsdescr_set;
  t.getsets = kGetSetDescrGetSets;
}
void setup_member_descr(TypeObject& t) {
  t.name = "member_descriptor";
  t.basicsize = sizeof(MemberDescrObject);
  t.dealloc = member_dealloc;
  t.repr = member_repr;
  t.descr_get = member_get;
  t.descr_set = member_set;
  t.getsets = kMemberDescrGetSets;
}
void setup_wrapper_descr(TypeObject& t) {
  t.name = "wrapper_descriptor";
  t.basicsize = sizeof(WrapperDescrObject);
  t.dealloc = descr_dealloc;
  t.repr = wrapper_repr;
  t.call = wrapper_call;
  t.descr_get = wrapper_get;
  t.getsets = kWrapperDescrGetSets;
}
void setup_method_wrapper(TypeObject& t) {
  t.name = "method-wrapper";
  t.basicsize = sizeof(MethodWrapperObject);
  t.dealloc = mw_dealloc;
  t.repr = mw_repr;
  t.call = mw_call;
  t.richcompare = mw_richcompare;
  t.hash = mw_hash;
  t.getsets = kMethodWrapperGetSets;
}

}  // namespace

GK_REGISTER_TYPE(MethodDescr_type, setup_method_descr);
GK_REGISTER_TYPE(ClassMethodDescr_type, setup_classmethod_descr);
GK_REGISTER_TYPE(GetSetDescr_type, setup_getset_descr);
GK_REGISTER_TYPE(MemberDescr_type, setup_member_descr);
GK_REGISTER_TYPE(WrapperDescr_type, setup_wrapper_descr);
GK_REGISTER_TYPE(MethodWrapper_type, setup_method_wrapper);

Ref<Object> method_descr_new(TypeObject* owner, const MethodDef* def) {
  auto* d = alloc_object<MethodDescrObject>(&MethodDescr_type);
  d->def = def;
  d->owner = owner;
  return steal<Object>(d);
}

Ref<Object> classmethod_descr_new(TypeObject* owner, const MethodDef* def) {
  auto* d = alloc_object<MethodDescrObject>(&ClassMethodDescr_type);
  d->def = def;
  d->owner = owner;
  return steal<Object>(d);
}

Ref<Object> getset_descr_new(TypeObject* owner, const GetSetDef* def) {
  auto* d = alloc_object<GetSetDescrObject>(&GetSetDescr_type);
  d->def = def;
  d->owner = owner;
  return steal<Object>(d);
}

Ref<Object> member_descr_new(TypeObject* owner, Object* name, size_t offset) {
  auto* d = alloc_object<MemberDescrObject>(&MemberDescr_type);
  d->name = newref(name).release();
  d->owner = owner;
  d->offset = offset;
  return steal<Object>(d);
}

Ref<Object> wrapper_descr_new(TypeObject* owner, const SlotDef* slot, void (*fn)()) {
  auto* d = alloc_object<WrapperDescrObject>(&WrapperDescr_type);
  d->slot = slot;
  d->owner = owner;
  d->fn = fn;
  return steal<Object>(d);
}

// ---------------------------------------------------------------------------
// property

namespace {

PropertyObject* as_prop(Object* o) { return static_cast<PropertyObject*>(o); }

void prop_dealloc(Object* o) noexcept {
  PropertyObject* p = as_prop(o);
  clear(p->fget);
  clear(p->fset);
  clear(p->fdel);
  clear(p->doc);
  clear(p->name);
  object_free(o, sizeof(PropertyObject));
}

// "property 'x' of 'C' object has no setter" (or "property of 'C' ..." without a name).
[[noreturn]] void prop_missing(PropertyObject* p, Object* obj, const char* what) {
  if (p->name && is_str(p->name))
    raise_fmt(Exc_AttributeError, "property '%s' of '%s' object has no %s", str_data(p->name), type_name(obj), what);
  raise_fmt(Exc_AttributeError, "property of '%s' object has no %s", type_name(obj), what);
}

Ref<Object> prop_get(ThreadState& ts, Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  PropertyObject* p = as_prop(self);
  if (!p->fget) prop_missing(p, obj, "getter");
  return call1(ts, p->fget, obj);
}

void prop_set(ThreadState& ts, Object* self, Object* obj, Object* value) {
  PropertyObject* p = as_prop(self);
  if (!value) {
    if (!p->fdel) prop_missing(p, obj, "deleter");
    call1(ts, p->fdel, obj);
  } else {
    if (!p->fset) prop_missing(p, obj, "setter");
    call2(ts, p->fset, obj, value);
  }
}

Object* none_to_null(Object* o) { return o && !is_none(o) ? o : nullptr; }

void prop_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[4];
  parse_args("property", args, nargs, kwnames, {"fget", "fset", "fdel", "doc"}, 0, a);
  PropertyObject* p = as_prop(self);
  assign(p->fget, none_to_null(a[0]));
  assign(p->fset, none_to_null(a[1]));
  assign(p->fdel, none_to_null(a[2]));
  Object* doc = none_to_null(a[3]);
  Ref<Object> getter_doc;
  if (!doc && p->fget) {
    getter_doc = lookup_attr(ts, p->fget, names::__doc__);
    if (getter_doc && !is_none(getter_doc)) doc = getter_doc.get();
  }
  assign(p->doc, doc);
}

// A copy of the property with one accessor replaced (getter/setter/deleter).
Ref<Object> prop_copy(ThreadState& ts, Object* self, Object* fget, Object* fset, Object* fdel) {
  PropertyObject* p = as_prop(self);
  Object* args[4] = {fget ? fget : None(), fset ? fset : None(), fdel ? fdel : None(), p->doc ? p->doc : None()};
  // A doc taken from the old getter is re-derived from the new one.
  if (fget != p->fget && p->fget && p->doc) {
    Ref<Object> old_doc = lookup_attr(ts, p->fget, names::__doc__);
    if (old_doc.get() == p->doc) args[3] = None();
  }
  Ref<Object> np = call(ts, type_of(self), args, 4, nullptr);
  if (type_check(np, &Property_type)) assign(as_prop(np)->name, p->name);
  return np;
}

Ref<Object> prop_getter(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("getter", kwnames);
  check_nargs("getter", nargs, 1, 1);
  return prop_copy(ts, self, args[0], as_prop(self)->fset, as_prop(self)->fdel);
}
Ref<Object> prop_setter(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("setter", kwnames);
  check_nargs("setter", nargs, 1, 1);
  return prop_copy(ts, self, as_prop(self)->fget, args[0], as_prop(self)->fdel);
}
Ref<Object> prop_deleter(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("deleter", kwnames);
  check_nargs("deleter", nargs, 1, 1);
  return prop_copy(ts, self, as_prop(self)->fget, as_prop(self)->fset, args[0]);
}
Ref<Object> prop_set_name(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__set_name__", kwnames);
  if (nargs != 2) raise_fmt(Exc_TypeError, "__set_name__() takes 2 positional arguments but %zu were given", nargs);
  assign(as_prop(self)->name, args[1]);
  return none_ref();
}

const MethodDef kPropertyMethods[] = {
    {"getter", prop_getter, METH_DEFAULT, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", prop_setter, METH_DEFAULT, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", prop_deleter, METH_DEFAULT, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", prop_set_name, METH_DEFAULT, "Method to set name of a property."},
    {nullptr, nullptr},
};

Ref<Object> or_none(Object* o) { return newref(o ? o : None()); }
Ref<Object> prop_get_fget(ThreadState&, Object* self) { return or_none(as_prop(self)->fget); }
Ref<Object> prop_get_fset(ThreadState&, Object* self) { return or_none(as_prop(self)->fset); }
Ref<Object> prop_get_fdel(ThreadState&, Object* self) { return or_none(as_prop(self)->fdel); }
Ref<Object> prop_get_doc(ThreadState&, Object* self) { return or_none(as_prop(self)->doc); }
void prop_set_doc(ThreadState&, Object* self, Object* v) { assign(as_prop(self)->doc, none_to_null(v)); }
Ref<Object> prop_get_isabstract(ThreadState& ts, Object* self) {
  for (Object* f : {as_prop(self)->fget, as_prop(self)->fset, as_prop(self)->fdel}) {
    if (!f) continue;
    Ref<Object> v = lookup_attr(ts, f, intern("__isabstractmethod__"));
    if (v && is_true(ts, v)) return bool_ref(true);
  }
  return bool_ref(false);
}

const GetSetDef kPropertyGetSets[] = {
    {"fget", prop_get_fget, nullptr},
    {"fset", prop_get_fset, nullptr},
    {"fdel", prop_get_fdel, nullptr},
    {"__doc__", prop_get_doc, prop_set_doc},
    {"__isabstractmethod__", prop_get_isabstract, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_property(TypeObject& t) {
  t.name = "property";
  t.doc = "Property attribute.";
  t.basicsize = sizeof(PropertyObject);
  t.flags = TPFLAG_BASETYPE;
  t.dealloc = prop_dealloc;
  t.descr_get = prop_get;
  t.descr_set = prop_set;
  t.new_ = object_new;
  t.init = prop_init;
  t.methods = kPropertyMethods;
  t.getsets = kPropertyGetSets;
}

// ---------------------------------------------------------------------------
// classmethod and staticmethod (one layout)

ClassMethodObject* as_cm(Object* o) { return static_cast<ClassMethodObject*>(o); }

void cm_dealloc(Object* o) noexcept {
  clear(as_cm(o)->callable);
  clear(as_cm(o)->dict);
  object_free(o, sizeof(ClassMethodObject));
}

// Like functools.wraps: __module__, __name__, __qualname__, __doc__ of the callable.
void copy_wrapper_attrs(ThreadState& ts, Object* self, Object* callable) {
  static const char* const kAttrs[] = {"__module__", "__name__", "__qualname__", "__doc__"};
  for (const char* a : kAttrs) {
    Ref<Object> v;
    try {
      v = lookup_attr(ts, callable, intern(a));
    } catch (PyError&) {
      continue;
    }
    if (!v) continue;
    if (!as_cm(self)->dict) as_cm(self)->dict = dict_new().release();
    dict_set(ts, as_cm(self)->dict, intern(a), v);
  }
}

void cm_init_common(ThreadState& ts, const char* name, Object* self, Object* const* args, size_t nargs,
                    Object* kwnames) {
  check_no_kwargs(name, kwnames);
  if (nargs != 1) raise_fmt(Exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
  assign(as_cm(self)->callable, args[0]);
  copy_wrapper_attrs(ts, self, args[0]);
}
void classmethod_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  cm_init_common(ts, "classmethod", self, args, nargs, kwnames);
}
void staticmethod_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  cm_init_common(ts, "staticmethod", self, args, nargs, kwnames);
}

Ref<Object> classmethod_get(ThreadState& ts, Object* self, Object* obj, Object* type) {
  Object* f = as_cm(self)->callable;
  if (!f) raise(Exc_RuntimeError, "uninitialized classmethod object");
  if (!type) type = type_of(obj);
  if (type_of(f) != &Function_type)
    if (DescrGetFn g = type_of(f)->descr_get) return g(ts, f, type, type);  // chaining, as 3.11
  return method_new(f, type);
}

Ref<Object> staticmethod_get(ThreadState&, Object* self, Object*, Object*) {
  Object* f = as_cm(self)->callable;
  if (!f) raise(Exc_RuntimeError, "uninitialized staticmethod object");
  return newref(f);
}

Ref<Object> staticmethod_call(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return call(ts, as_cm(self)->callable, args, nargs, kwnames);
}

Ref<Object> cm_repr_common(ThreadState& ts, Object* self) {
  Object* f = as_cm(self)->callable;
  std::string inner = f ? repr_utf8(ts, f) : "NULL";
  return str_new("<" + std::string(type_name(self)) + "(" + inner + ")>");
}

Ref<Object> cm_get_func(ThreadState&, Object* self) { return or_none(as_cm(self)->callable); }
Ref<Object> cm_get_isabstract(ThreadState& ts, Object* self) {
  Object* f = as_cm(self)->callable;
  if (!f) return bool_ref(false);
  Ref<Object> v = lookup_attr(ts, f, intern("__isabstractmethod__"));
  return bool_ref(v && is_true(ts, v));
}
Ref<Object> cm_get_dict(ThreadState& ts, Object* self) { return newref(instance_get_dict(ts, self)); }

const GetSetDef kClassMethodGetSets[] = {
    {"__func__", cm_get_func, nullptr},
    {"__wrapped__", cm_get_func, nullptr},
    {"__isabstractmethod__", cm_get_isabstract, nullptr},
    {"__dict__", cm_get_dict, nullptr},
    {nullptr, nullptr, nullptr},
};

size_t cm_dictoffset() {
  ClassMethodObject probe{};
  return reinterpret_cast<char*>(&probe.dict) - reinterpret_cast<char*>(&probe);
}

void setup_classmethod(TypeObject& t) {
  t.name = "classmethod";
  t.doc = "classmethod(function) -> method\n\nConvert a function to be a class method.";
  t.basicsize = sizeof(ClassMethodObject);
  t.dictoffset = cm_dictoffset();
  t.flags = TPFLAG_BASETYPE | TPFLAG_HAS_DICT;
  t.dealloc = cm_dealloc;
  t.repr = cm_repr_common;
  t.descr_get = classmethod_get;
  t.new_ = object_new;
  t.init = classmethod_init;
  t.getsets = kClassMethodGetSets;
}

void setup_staticmethod(TypeObject& t) {
  t.name = "staticmethod";
  t.doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.";
  t.basicsize = sizeof(ClassMethodObject);
  t.dictoffset = cm_dictoffset();
  t.flags = TPFLAG_BASETYPE | TPFLAG_HAS_DICT;
  t.dealloc = cm_dealloc;
  t.repr = cm_repr_common;
  t.descr_get = staticmethod_get;
  t.call = staticmethod_call;
  t.new_ = object_new;
  t.init = staticmethod_init;
  t.getsets = kClassMethodGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Property_type, setup_property);
GK_REGISTER_TYPE(ClassMethod_type, setup_classmethod);
GK_REGISTER_TYPE(StaticMethod_type, setup_staticmethod);

static Ref<Object> cm_new(TypeObject* type, Object* callable) {
  auto* cm = alloc_object<ClassMethodObject>(type);
  cm->callable = newref(callable).release();
  Ref<Object> r = steal<Object>(cm);
  ThreadState* ts = current_thread_state();
  if (ts) copy_wrapper_attrs(*ts, r, callable);
  return r;
}
Ref<Object> classmethod_new(Object* callable) { return cm_new(&ClassMethod_type, callable); }
Ref<Object> staticmethod_new(Object* callable) { return cm_new(&StaticMethod_type, callable); }

// ---------------------------------------------------------------------------
// super

namespace {

SuperObject* as_super(Object* o) { return static_cast<SuperObject*>(o); }

void super_dealloc(Object* o) noexcept {
  SuperObject* s = as_super(o);
  Object* t = s->type;
  Object* ot = s->obj_type;
  s->type = nullptr;
  s->obj_type = nullptr;
  xdecref(t);
  clear(s->obj);
  xdecref(ot);
  object_free(o, sizeof(SuperObject));
}

// The type to start the MRO search from: obj itself when it is a subclass of
// `type` (super(C, cls)), else type(obj) (super(C, self)).
TypeObject* super_check(ThreadState& ts, TypeObject* type, Object* obj) {
  if (is_type(obj) && is_subtype(static_cast<TypeObject*>(obj), type)) return static_cast<TypeObject*>(obj);
  if (is_subtype(type_of(obj), type)) return type_of(obj);
  Ref<Object> cls = lookup_attr(ts, obj, names::__class__);
  if (cls && is_type(cls) && cls.get() != type_of(obj) && is_subtype(static_cast<TypeObject*>(cls.get()), type))
    return static_cast<TypeObject*>(cls.get());
  raise(Exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
}

// super() with no arguments: the first argument of the calling function and
// its __class__ cell.
void super_from_frame(ThreadState& ts, TypeObject** type, Object** obj) {
  Frame* f = ts.frame;
  if (!f || !f->code) raise(Exc_RuntimeError, "super(): no current frame");
  CodeObject* co = f->code;
  if (co->argcount == 0) raise(Exc_RuntimeError, "super(): no arguments");
  Object** lp = f->localsplus();
  Object* first = lp[0];
  if (co->cell2arg) {
    for (int i = 0; i < co->ncells; ++i) {
      if (co->cell2arg[i] == 0) {
        Object* cell = lp[co->nlocals + i];
        if (cell && type_of(cell) == &Cell_type) first = static_cast<CellObject*>(cell)->ref;
        break;
      }
    }
  } else if (first && type_of(first) == &Cell_type && co->ncells > 0) {
    first = static_cast<CellObject*>(first)->ref;  // the argument was turned into its cell
  }
  if (!first) raise(Exc_RuntimeError, "super(): arg[0] deleted");
  Object* freevars = co->freevars;
  size_t nfree = freevars ? tuple_size(freevars) : 0;
  for (size_t i = 0; i < nfree; ++i) {
    if (str_view(tuple_get(freevars, i)) != "__class__") continue;
    Object* cell = lp[co->nlocals + co->ncells + static_cast<int>(i)];
    if (!cell || type_of(cell) != &Cell_type) raise(Exc_RuntimeError, "super(): bad __class__ cell");
    Object* cls = static_cast<CellObject*>(cell)->ref;
    if (!cls) raise(Exc_RuntimeError, "super(): empty __class__ cell");
    if (!is_type(cls)) raise_fmt(Exc_RuntimeError, "super(): __class__ is not a type (%s)", type_name(cls));
    *type = static_cast<TypeObject*>(cls);
    *obj = first;
    return;
  }
  raise(Exc_RuntimeError, "super(): __class__ cell not found");
}

void super_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("super", kwnames);
  if (nargs > 2) raise_fmt(Exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
  TypeObject* type = nullptr;
  Object* obj = nullptr;
  if (nargs == 0) {
    super_from_frame(ts, &type, &obj);
  } else {
    if (!is_type(args[0])) raise_fmt(Exc_TypeError, "super() argument 1 must be a type, not %s", type_name(args[0]));
    type = static_cast<TypeObject*>(args[0]);
    if (nargs == 2 && !is_none(args[1])) obj = args[1];
  }
  TypeObject* obj_type = obj ? super_check(ts, type, obj) : nullptr;
  SuperObject* s = as_super(self);
  Object* old_t = s->type;
  Object* old_ot = s->obj_type;
  incref(type);
  s->type = type;
  if (obj_type) incref(obj_type);
  s->obj_type = obj_type;
  assign(s->obj, obj);
  xdecref(old_t);
  xdecref(old_ot);
}

Ref<Object> super_getattro(ThreadState& ts, Object* self, Object* name) {
  SuperObject* s = as_super(self);
  TypeObject* start = s->obj_type;
  if (start && !(is_str(name) && str_view(name) == "__class__")) {
    Object* mro = start->mro;
    size_t n = mro ? tuple_size(mro) : 0;
    size_t i = 0;
    while (i < n && tuple_get(mro, i) != s->type) ++i;
    Ref<Object> keep_mro = mro ? newref(mro) : nullptr;
    for (++i; i < n; ++i) {
      Object* d = static_cast<TypeObject*>(tuple_get(mro, i))->dict;
      if (!d) continue;
      Object* res = type_check_exact(name, &Str_type) ? dict_get_str(ts, d, name) : dict_get(ts, d, name);
      if (!res) continue;
      Ref<Object> keep = newref(res);
      if (DescrGetFn f = type_of(res)->descr_get)
        return f(ts, res, s->obj == static_cast<Object*>(start) ? nullptr : s->obj, start);
      return keep;
    }
  }
  return generic_getattr(ts, self, name);
}

Ref<Object> super_descr_get(ThreadState& ts, Object* self, Object* obj, Object*) {
  SuperObject* s = as_super(self);
  if (!obj || s->obj) return newref(self);
  Object* args[2] = {s->type, obj};
  return call(ts, type_of(self), args, 2, nullptr);
}

Ref<Object> super_repr(ThreadState&, Object* self) {
  SuperObject* s = as_super(self);
  std::string t = s->type ? "<class '" + std::string(s->type->name) + "'>" : "NULL";
  if (s->obj_type) return str_new("<super: " + t + ", <" + s->obj_type->name + " object>>");
  return str_new("<super: " + t + ", NULL>");
}

Ref<Object> super_get_thisclass(ThreadState&, Object* self) { return or_none(as_super(self)->type); }
Ref<Object> super_get_self(ThreadState&, Object* self) { return or_none(as_super(self)->obj); }
Ref<Object> super_get_self_class(ThreadState&, Object* self) { return or_none(as_super(self)->obj_type); }
const GetSetDef kSuperGetSets[] = {
    {"__thisclass__", super_get_thisclass, nullptr},
    {"__self__", super_get_self, nullptr},
    {"__self_class__", super_get_self_class, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_super(TypeObject& t) {
  t.name = "super";
  t.doc = "super() -> same as super(__class__, <first argument>)\nsuper(type) -> unbound super object\n"
          "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
          "super(type, type2) -> bound super object; requires issubclass(type2, type)";
  t.basicsize = sizeof(SuperObject);
  t.flags = TPFLAG_BASETYPE;
  t.dealloc = super_dealloc;
  t.repr = super_repr;
  t.getattro = super_getattro;
  t.descr_get = super_descr_get;
  t.new_ = object_new;
  t.init = super_init;
  t.getsets = kSuperGetSets;
}

}  // namespace

GK_REGISTER_TYPE(Super_type, setup_super);

// ---------------------------------------------------------------------------
// mappingproxy: the read-only view that C.__dict__ returns.

namespace {

struct MappingProxyObject : Object {
  Object* mapping;  // strong
};
TypeObject MappingProxy_type;

Object* proxied(Object* o) { return static_cast<MappingProxyObject*>(o)->mapping; }

void mp_dealloc(Object* o) noexcept {
  clear(static_cast<MappingProxyObject*>(o)->mapping);
  object_free(o, sizeof(MappingProxyObject));
}
Ref<Object> mp_getitem(ThreadState& ts, Object* self, Object* key) { return getitem(ts, proxied(self), key); }
size_t mp_len(ThreadState& ts, Object* self) { return length(ts, proxied(self)); }
bool mp_contains(ThreadState& ts, Object* self, Object* key) { return contains(ts, proxied(self), key); }
Ref<Object> mp_iter(ThreadState& ts, Object* self) { return get_iter(ts, proxied(self)); }
Ref<Object> mp_repr(ThreadState& ts, Object* self) { return str_new("mappingproxy(" + repr_utf8(ts, proxied(self)) + ")"); }
Ref<Object> mp_str(ThreadState& ts, Object* self) { return str(ts, proxied(self)); }
Ref<Object> mp_richcompare(ThreadState& ts, Object* self, Object* other, CompareOp op) {
  return rich_compare(ts, proxied(self), other, op);
}

Ref<Object> mp_forward(ThreadState& ts, Object* self, const char* name, Object* const* args, size_t nargs,
                       Object* kwnames) {
  return call_method(ts, proxied(self), intern(name), args, nargs, kwnames);
}
Ref<Object> mp_keys(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* k) {
  return mp_forward(ts, self, "keys", a, n, k);
}
Ref<Object> mp_values(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* k) {
  return mp_forward(ts, self, "values", a, n, k);
}
Ref<Object> mp_items(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* k) {
  return mp_forward(ts, self, "items", a, n, k);
}
Ref<Object> mp_get(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* k) {
  return mp_forward(ts, self, "get", a, n, k);
}
Ref<Object> mp_copy(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* k) {
  return mp_forward(ts, self, "copy", a, n, k);
}
const MethodDef kMappingProxyMethods[] = {
    {"keys", mp_keys}, {"values", mp_values}, {"items", mp_items}, {"get", mp_get}, {"copy", mp_copy},
    {nullptr, nullptr},
};

Ref<Object> mp_new(ThreadState&, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[1];
  parse_args("mappingproxy", args, nargs, kwnames, {"mapping"}, 1, a);
  if (!type_of(a[0])->getitem || is_list(a[0]) || is_tuple(a[0]))
    raise_fmt(Exc_TypeError, "mappingproxy() argument must be a mapping, not %s", type_name(a[0]));
  return mappingproxy_new(a[0]);
}

void setup_mappingproxy(TypeObject& t) {
  t.name = "mappingproxy";
  t.basicsize = sizeof(MappingProxyObject);
  t.dealloc = mp_dealloc;
  t.repr = mp_repr;
  t.str = mp_str;
  t.richcompare = mp_richcompare;
  t.getitem = mp_getitem;
  t.len = mp_len;
  t.contains = mp_contains;
  t.iter = mp_iter;
  t.new_ = mp_new;
  t.methods = kMappingProxyMethods;
}

}  // namespace

GK_REGISTER_TYPE(MappingProxy_type, setup_mappingproxy);

Ref<Object> mappingproxy_new(Object* mapping) {
  auto* p = alloc_object<MappingProxyObject>(&MappingProxy_type);
  p->mapping = newref(mapping).release();
  return steal<Object>(p);
}

}  // namespace gk
