// runtime/objects/descr.hpp — descriptors: methods of built-in types, getset
// and member (__slots__) descriptors, slot wrappers (int.__add__, object.__init__),
// property, classmethod, staticmethod, and super.
#pragma once

#include "objects/object.hpp"

namespace gk {

struct MethodDescrObject : Object {   // a MethodDef on a built-in type (unbound)
  const MethodDef* def;
  TypeObject* owner;  // borrowed (types are immortal or outlive their descriptors)
};

struct GetSetDescrObject : Object {
  const GetSetDef* def;
  TypeObject* owner;
};

struct MemberDescrObject : Object {   // one __slots__ entry: a pointer-sized field at `offset`
  Object* name;  // str
  TypeObject* owner;
  size_t offset;
};

struct PropertyObject : Object {
  Object* fget;  // strong or null
  Object* fset;
  Object* fdel;
  Object* doc;
  Object* name;  // set by __set_name__ (for error messages), strong or null
};

// A slot wrapper (int.__add__, object.__init__): calls a C slot function.
struct SlotDef;
struct WrapperDescrObject : Object {
  const SlotDef* slot;
  TypeObject* owner;  // borrowed
  void (*fn)();       // the C slot function (cast back by slot->wrapper)
};
// A slot wrapper bound to an instance: (1).__add__ -> <method-wrapper ...>.
struct MethodWrapperObject : Object {
  Object* descr;  // WrapperDescrObject (strong)
  Object* self;   // strong
};
extern TypeObject MethodWrapper_type;

struct ClassMethodObject : Object {  // classmethod and staticmethod share it
  Object* callable;  // strong
  Object* dict;
};

struct SuperObject : Object {
  TypeObject* type;   // strong: the class where lookup starts after
  Object* obj;        // strong or null
  TypeObject* obj_type;  // strong or null
};

Ref<Object> method_descr_new(TypeObject* owner, const MethodDef* def);
Ref<Object> getset_descr_new(TypeObject* owner, const GetSetDef* def);
Ref<Object> member_descr_new(TypeObject* owner, Object* name, size_t offset);
Ref<Object> classmethod_descr_new(TypeObject* owner, const MethodDef* def);  // a METH_CLASS entry
Ref<Object> wrapper_descr_new(TypeObject* owner, const SlotDef* slot, void (*fn)());
Ref<Object> classmethod_new(Object* callable);   // classmethod(f)
Ref<Object> staticmethod_new(Object* callable);  // staticmethod(f)
Ref<Object> mappingproxy_new(Object* mapping);    // the read-only view C.__dict__ returns

// True if `o` is a data descriptor (its type defines descr_set).
inline bool is_data_descriptor(const Object* o) noexcept { return type_of(o)->descr_set != nullptr; }

}  // namespace gk
