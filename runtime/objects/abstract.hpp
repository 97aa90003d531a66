// runtime/objects/abstract.hpp — the abstract object layer: every generic
// operation on Python values (attribute access, calls, operators, comparison,
// truth, iteration, subscription, repr/str/hash). The eval loop and the
// built-ins use only these; each dispatches through the type's slots with
// CPython 3.11's rules (reflected operands, subclass priority, NotImplemented,
// __getattr__ fallback, descriptors).
//
// All functions may throw PyError. Object* parameters are borrowed.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"

namespace gk {

// --- attributes -------------------------------------------------------------
Ref<Object> getattr(ThreadState& ts, Object* o, Object* name);          // raises AttributeError
Ref<Object> getattr(ThreadState& ts, Object* o, const char* name);      // interns the name
Ref<Object> lookup_attr(ThreadState& ts, Object* o, Object* name);      // null if missing (AttributeError swallowed)
void setattr(ThreadState& ts, Object* o, Object* name, Object* value);
void delattr(ThreadState& ts, Object* o, Object* name);
bool hasattr(ThreadState& ts, Object* o, Object* name);

// object.__getattribute__ / object.__setattr__: data descriptors on the type,
// then the instance __dict__, then non-data descriptors / class attributes.
Ref<Object> generic_getattr(ThreadState& ts, Object* o, Object* name);   // null if missing
void generic_setattr(ThreadState& ts, Object* o, Object* name, Object* value);  // value null = delete

// Look `name` up along type(o).__mro__ without descriptors or instance dicts
// (CPython's _PyType_Lookup). Borrowed result or null.
Object* type_lookup(TypeObject* type, Object* name) noexcept;
// Look up a special method on the type and bind it; null if missing.
Ref<Object> lookup_special(ThreadState& ts, Object* o, Object* name);

// --- calls ------------------------------------------------------------------
// Vectorcall: args[0..nargs) positional, then values for kwnames (tuple or null).
Ref<Object> call(ThreadState& ts, Object* callable, Object* const* args, size_t nargs, Object* kwnames = nullptr);
Ref<Object> call0(ThreadState& ts, Object* callable);
Ref<Object> call1(ThreadState& ts, Object* callable, Object* a);
Ref<Object> call2(ThreadState& ts, Object* callable, Object* a, Object* b);
// f(*args_tuple, **kwargs_dict); kwargs may be null.
Ref<Object> call_tuple_dict(ThreadState& ts, Object* callable, Object* args, Object* kwargs);
// o.name(args...) — looks the method up without creating a bound method when it can.
Ref<Object> call_method(ThreadState& ts, Object* o, Object* name, Object* const* args, size_t nargs,
                        Object* kwnames = nullptr);
bool is_callable(Object* o) noexcept;
// callable(self, *args) for vectorcall args: the shape of an unbound method call.
Ref<Object> call_with_self(ThreadState& ts, Object* callable, Object* self, Object* const* args, size_t nargs,
                           Object* kwnames = nullptr);

// --- operators --------------------------------------------------------------
// kind: BinaryOpKind, or NB_INPLACE_OFFSET + kind for a += b forms.
Ref<Object> binary_op(ThreadState& ts, Object* a, Object* b, int kind);
Ref<Object> unary_negative(ThreadState& ts, Object* o);
Ref<Object> unary_positive(ThreadState& ts, Object* o);
Ref<Object> unary_invert(ThreadState& ts, Object* o);
Ref<Object> power3(ThreadState& ts, Object* base, Object* exp, Object* mod);  // pow(a, b, m)
const char* binary_op_symbol(int kind) noexcept;  // "+", "+=", "**", ...

Ref<Object> rich_compare(ThreadState& ts, Object* a, Object* b, CompareOp op);
bool rich_compare_bool(ThreadState& ts, Object* a, Object* b, CompareOp op);  // identity shortcut for EQ/NE
bool equals(ThreadState& ts, Object* a, Object* b);                           // a is b or a == b
const char* compare_op_symbol(CompareOp op) noexcept;

bool is_true(ThreadState& ts, Object* o);
bool contains(ThreadState& ts, Object* container, Object* item);  // `item in container`

// --- conversions --------------------------------------------------------------
Ref<Object> repr(ThreadState& ts, Object* o);
Ref<Object> str(ThreadState& ts, Object* o);
std::string repr_utf8(ThreadState& ts, Object* o);
std::string str_utf8(ThreadState& ts, Object* o);
Ref<Object> ascii(ThreadState& ts, Object* o);
Ref<Object> format(ThreadState& ts, Object* o, Object* spec /*str or null*/);  // format(o, spec)
int64_t hash(ThreadState& ts, Object* o);   // raises TypeError for unhashable
Ref<Object> number_index(ThreadState& ts, Object* o);  // operator.index: an exact int
int64_t index_as_i64(ThreadState& ts, Object* o);     // __index__ then clamp-check (OverflowError / IndexError msgs)
Ref<Object> number_int(ThreadState& ts, Object* o);    // int(o)
Ref<Object> number_float(ThreadState& ts, Object* o);  // float(o)
double as_double(ThreadState& ts, Object* o);          // float(o) as a C double (TypeError if not a number)
const char* type_name(const Object* o) noexcept;       // type(o).__name__ as a C string

// --- iteration ----------------------------------------------------------------
Ref<Object> get_iter(ThreadState& ts, Object* o);      // iter(o); sequences via __getitem__
Ref<Object> iter_next(ThreadState& ts, Object* it);    // null when exhausted
// Call f(item) for every item of an iterable; f returns false to stop early.
template <class F>
void for_each(ThreadState& ts, Object* iterable, F&& f) {
  Ref<Object> it = get_iter(ts, iterable);
  while (Ref<Object> item = iter_next(ts, it)) {
    if (!f(item.get())) break;
  }
}

// --- subscription ---------------------------------------------------------------
Ref<Object> getitem(ThreadState& ts, Object* o, Object* key);
void setitem(ThreadState& ts, Object* o, Object* key, Object* value);
void delitem(ThreadState& ts, Object* o, Object* key);
size_t length(ThreadState& ts, Object* o);  // len(o): TypeError "object of type 'X' has no len()"

// --- classes --------------------------------------------------------------------
// isinstance(o, cls) / issubclass(c, cls): cls may be a tuple (recursively);
// honours __instancecheck__ / __subclasscheck__ on the metaclass.
bool object_isinstance(ThreadState& ts, Object* o, Object* cls);
bool object_issubclass(ThreadState& ts, Object* c, Object* cls);

// RecursionError "maximum recursion depth exceeded" when the C stack is
// nearly exhausted (ts.c_stack_limit); cheap enough for every call.
void check_c_stack(ThreadState& ts);

}  // namespace gk
