// runtime/objects/bytearray.cpp — bytearray: a mutable byte buffer
// (ByteArrayObject in bytes.hpp: size, capacity, a mem_alloc'ed data array)
// and its iterator. Mutators (item/slice assignment, append, extend, insert,
// pop, remove, clear, reverse, +=) are implemented here; the read-only
// methods shared with bytes (find, split, strip, decode, ...) run the bytes
// implementation on a snapshot and convert bytes results back to bytearray.
//
// Owns: ByteArray_type, ByteArrayIter_type ("bytearray_iterator").
// Writes are not guarded by a critical section yet (the GIL protects them);
// a no-GIL build must add CriticalSection(self) around every mutation.
// Gaps: no buffer protocol (resizing while exported), not subclassable.
#include <algorithm>
#include <array>
#include <utility>
#include <vector>
#include <cstring>
#include <string>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/range.hpp"
#include "objects/str.hpp"
#include "objects/str_internal.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

TypeObject ByteArray_type;
TypeObject ByteArrayIter_type;

namespace {

ByteArrayObject* ba(Object* o) noexcept { return static_cast<ByteArrayObject*>(o); }
std::string_view ba_view(Object* o) noexcept {
  ByteArrayObject* b = ba(o);
  return {b->data ? b->data : "", b->size};
}
bool is_bytearray(const Object* o) noexcept { return type_check(o, &ByteArray_type); }

void ba_reserve(Object* o, size_t n) {
  ByteArrayObject* b = ba(o);
  if (n <= b->capacity) return;
  size_t cap = std::max(n, b->capacity + b->capacity / 2 + 8);
  b->data = static_cast<char*>(b->data ? mem_realloc(b->data, b->capacity, cap) : mem_alloc(cap));
  b->capacity = cap;
}

// Replaces bytes [lo, hi) by `v` (which may alias self's buffer: copied first).
void ba_splice(Object* o, size_t lo, size_t hi, std::string_view v) {
  std::string tmp(v);
  ByteArrayObject* b = ba(o);
  size_t old_len = hi - lo, size = b->size;
  size_t new_size = size - old_len + tmp.size();
  ba_reserve(o, new_size);
  std::memmove(b->data + lo + tmp.size(), b->data + hi, size - hi);
  if (!tmp.empty()) std::memcpy(b->data + lo, tmp.data(), tmp.size());
  b->size = new_size;
}

void ba_dealloc(Object* o) noexcept {
  ByteArrayObject* b = ba(o);
  if (b->data) mem_free(b->data, b->capacity);
  object_free(o, sizeof(ByteArrayObject));
}

int byte_value(ThreadState& ts, Object* v) {
  int64_t x = index_as_i64(ts, v);
  if (x < 0 || x > 255) raise(Exc_ValueError, "byte must be in range(0, 256)");
  return static_cast<int>(x);
}

// The bytes of an object assigned into a bytearray (bytes-like or an iterable of ints).
std::string assigned_bytes(ThreadState& ts, Object* v) {
  std::string_view view;
  if (bytes_like_view(v, view)) return std::string(view);
  if (is_str(v)) raise(Exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
  if (is_int(v)) raise(Exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
  std::string out;
  for_each(ts, v, [&](Object* item) {
    out.push_back(static_cast<char>(byte_value(ts, item)));
    return true;
  });
  return out;
}

// --- slots ----------------------------------------------------------------------------------

Ref<Object> ba_repr(ThreadState&, Object* self) {
  std::string out = "bytearray(";
  out += bytes_repr_text(ba_view(self), true);
  out += ')';
  return str_new(out);
}

size_t ba_len(ThreadState&, Object* self) { return ba(self)->size; }
bool ba_bool(ThreadState&, Object* self) { return ba(self)->size != 0; }

Ref<Object> ba_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  std::string_view x, y;
  if (!bytes_like_view(a, x) || !bytes_like_view(b, y)) return newref(NotImplemented());
  int c = x.compare(y);
  bool r;
  switch (op) {
    case CompareOp::EQ: r = c == 0; break;
    case CompareOp::NE: r = c != 0; break;
    case CompareOp::LT: r = c < 0; break;
    case CompareOp::LE: r = c <= 0; break;
    case CompareOp::GT: r = c > 0; break;
    default: r = c >= 0; break;
  }
  return bool_ref(r);
}

bool ba_contains(ThreadState& ts, Object* self, Object* item) {
  std::string_view s = ba_view(self), needle;
  if (bytes_like_view(item, needle)) return s.find(needle) != std::string_view::npos;
  if (is_int(item) || type_of(item)->nb_index) {
    int v = byte_value(ts, item);
    return std::memchr(s.data(), v, s.size()) != nullptr;
  }
  raise_fmt(Exc_TypeError, "a bytes-like object is required, not '%s'", type_name(item));
}

Ref<Object> ba_add(ThreadState&, Object* a, Object* b) {
  std::string_view x, y;
  if (!is_bytearray(a) || !bytes_like_view(b, y)) {
    if (is_bytearray(a) && !type_of(b)->nb[NB_ADD])
      raise_fmt(Exc_TypeError, "can't concat %s to bytearray", type_name(b));
    return newref(NotImplemented());
  }
  x = ba_view(a);
  std::string out(x);
  out.append(y);
  return bytearray_new(out);
}

Ref<Object> ba_iadd(ThreadState&, Object* a, Object* b) {
  std::string_view y;
  if (!is_bytearray(a) || !bytes_like_view(b, y)) {
    if (is_bytearray(a)) raise_fmt(Exc_TypeError, "can't concat %s to bytearray", type_name(b));
    return newref(NotImplemented());
  }
  ba_splice(a, ba(a)->size, ba(a)->size, y);
  return newref(a);
}

Ref<Object> ba_mul(ThreadState& ts, Object* a, Object* b) {
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &ByteArray_type, NB_MULTIPLY, n)) return newref(NotImplemented());
  std::string_view s = ba_view(is_bytearray(a) ? a : b);
  std::string out;
  if (n > 0 && !s.empty()) {
    if (static_cast<uint64_t>(n) > (SIZE_MAX >> 3) / s.size()) raise_no_memory();
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out.append(s);
  }
  return bytearray_new(out);
}

Ref<Object> ba_mod(ThreadState& ts, Object* a, Object* b) {
  if (!is_bytearray(a)) return newref(NotImplemented());
  Ref<Object> r = bytes_percent_format(ts, ba_view(a), b);
  return bytearray_new(bytes_view(r));
}

Ref<Object> ba_getitem(ThreadState& ts, Object* self, Object* key) {
  const int64_t len = static_cast<int64_t>(ba(self)->size);
  if (type_check_exact(key, &Slice_type)) {
    int64_t start, stop, step;
    int64_t n = slice_indices(ts, key, len, start, stop, step);
    std::string out;
    std::string_view s = ba_view(self);
    for (int64_t i = 0, j = start; i < n; ++i, j += step) out.push_back(s[static_cast<size_t>(j)]);
    return bytearray_new(out);
  }
  int64_t i;
  if (!seq_index_key(ts, key, i))
    raise_fmt(Exc_TypeError, "bytearray indices must be integers or slices, not %s", type_name(key));
  if (i < 0) i += len;
  if (i < 0 || i >= len) raise(Exc_IndexError, "bytearray index out of range");
  return int_from_i64(static_cast<unsigned char>(ba(self)->data[i]));
}

void ba_setitem(ThreadState& ts, Object* self, Object* key, Object* value) {
  const int64_t len = static_cast<int64_t>(ba(self)->size);
  if (type_check_exact(key, &Slice_type)) {
    int64_t start, stop, step;
    int64_t n = slice_indices(ts, key, len, start, stop, step);
    if (step == 1) {
      if (stop < start) stop = start;
      std::string v = value ? assigned_bytes(ts, value) : std::string();
      ba_splice(self, static_cast<size_t>(start), static_cast<size_t>(stop), v);
      return;
    }
    if (!value) {  // del b[a:b:step]
      std::string keep;
      std::string_view s = ba_view(self);
      std::vector<bool> drop(s.size(), false);
      for (int64_t i = 0, j = start; i < n; ++i, j += step) drop[static_cast<size_t>(j)] = true;
      for (size_t i = 0; i < s.size(); ++i)
        if (!drop[i]) keep.push_back(s[i]);
      ba_splice(self, 0, s.size(), keep);
      return;
    }
    std::string v = assigned_bytes(ts, value);
    if (static_cast<int64_t>(v.size()) != n)
      raise_fmt(Exc_ValueError, "attempt to assign bytes of size %zu to extended slice of size %lld", v.size(),
                static_cast<long long>(n));
    for (int64_t i = 0, j = start; i < n; ++i, j += step) ba(self)->data[j] = v[static_cast<size_t>(i)];
    return;
  }
  int64_t i;
  if (!seq_index_key(ts, key, i))
    raise_fmt(Exc_TypeError, "bytearray indices must be integers or slices, not %s", type_name(key));
  if (i < 0) i += len;
  if (i < 0 || i >= len) raise(Exc_IndexError, "bytearray index out of range");
  if (!value) {
    ba_splice(self, static_cast<size_t>(i), static_cast<size_t>(i) + 1, {});
    return;
  }
  ba(self)->data[i] = static_cast<char>(byte_value(ts, value));
}

Ref<Object> ba_new_slot(ThreadState& ts, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  // bytearray(x) builds the same contents as bytes(x), except that a bytes
  // result must not be shared.
  Ref<Object> b = Bytes_type.new_(ts, &Bytes_type, args, nargs, kwnames);
  return bytearray_new(bytes_view(b));
}

// --- iterator ---------------------------------------------------------------------------------

struct ByteArrayIterObject : Object {
  Object* ba;  // strong; null once exhausted
  size_t index;
};

Ref<Object> ba_iter(ThreadState&, Object* self) {
  auto* it = alloc_object<ByteArrayIterObject>(&ByteArrayIter_type);
  it->ba = self;
  incref(self);
  return steal<Object>(it);
}
void ba_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<ByteArrayIterObject*>(o)->ba);
  object_free(o, sizeof(ByteArrayIterObject));
}
Ref<Object> ba_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<ByteArrayIterObject*>(o);
  if (!it->ba) return nullptr;
  if (it->index >= ba(it->ba)->size) {  // re-checked each step: the buffer may shrink
    clear(it->ba);
    return nullptr;
  }
  return int_from_i64(static_cast<unsigned char>(ba(it->ba)->data[it->index++]));
}
Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

// --- methods ----------------------------------------------------------------------------------

Ref<Object> m_append(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.append", kwnames);
  check_nargs("bytearray.append", nargs, 1, 1);
  char c = static_cast<char>(byte_value(ts, args[0]));
  ba_splice(self, ba(self)->size, ba(self)->size, std::string_view(&c, 1));
  return none_ref();
}
Ref<Object> m_extend(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.extend", kwnames);
  check_nargs("bytearray.extend", nargs, 1, 1);
  if (is_str(args[0])) raise(Exc_TypeError, "expected iterable of integers; got: 'str'");
  std::string v = assigned_bytes(ts, args[0]);
  ba_splice(self, ba(self)->size, ba(self)->size, v);
  return none_ref();
}
Ref<Object> m_insert(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.insert", kwnames);
  check_nargs("insert", nargs, 2, 2);
  int64_t i = index_as_i64(ts, args[0]);
  char c = static_cast<char>(byte_value(ts, args[1]));
  int64_t n = static_cast<int64_t>(ba(self)->size);
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  ba_splice(self, static_cast<size_t>(i), static_cast<size_t>(i), std::string_view(&c, 1));
  return none_ref();
}
Ref<Object> m_pop(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.pop", kwnames);
  check_nargs("pop", nargs, 0, 1);
  int64_t n = static_cast<int64_t>(ba(self)->size);
  if (n == 0) raise(Exc_IndexError, "pop from empty bytearray");
  int64_t i = nargs ? index_as_i64(ts, args[0]) : -1;
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise(Exc_IndexError, "pop index out of range");
  int v = static_cast<unsigned char>(ba(self)->data[i]);
  ba_splice(self, static_cast<size_t>(i), static_cast<size_t>(i) + 1, {});
  return int_from_i64(v);
}
Ref<Object> m_remove(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.remove", kwnames);
  check_nargs("bytearray.remove", nargs, 1, 1);
  int v = byte_value(ts, args[0]);
  std::string_view s = ba_view(self);
  const void* p = std::memchr(s.data(), v, s.size());
  if (!p) raise(Exc_ValueError, "value not found in bytearray");
  size_t i = static_cast<size_t>(static_cast<const char*>(p) - s.data());
  ba_splice(self, i, i + 1, {});
  return none_ref();
}
Ref<Object> m_clear(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.clear", kwnames);
  check_nargs("bytearray.clear", nargs, 0, 0);
  ba(self)->size = 0;
  return none_ref();
}
Ref<Object> m_reverse(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.reverse", kwnames);
  check_nargs("bytearray.reverse", nargs, 0, 0);
  if (ba(self)->size) std::reverse(ba(self)->data, ba(self)->data + ba(self)->size);
  return none_ref();
}
Ref<Object> m_copy(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytearray.copy", kwnames);
  check_nargs("bytearray.copy", nargs, 0, 0);
  return bytearray_new(ba_view(self));
}

// bytes results (and lists/tuples of them) become bytearrays.
Ref<Object> to_bytearray_result(Ref<Object> r) {
  if (type_check_exact(r, &Bytes_type)) return bytearray_new(bytes_view(r));
  if (type_check_exact(r, &List_type)) {
    for (size_t i = 0; i < list_size(r); ++i) {
      Object*& slot = list_items(r)[i];
      if (type_check_exact(slot, &Bytes_type)) {
        Ref<Object> conv = bytearray_new(bytes_view(slot));
        Object* old = slot;
        slot = conv.release();
        decref(old);
      }
    }
    return r;
  }
  if (type_check_exact(r, &Tuple_type)) {
    size_t n = tuple_size(r);
    Ref<Object> t = tuple_new(n);
    for (size_t i = 0; i < n; ++i) {
      Object* x = tuple_get(r, i);
      tuple_set_steal(t, i, type_check_exact(x, &Bytes_type) ? bytearray_new(bytes_view(x)).release() : newref(x).release());
    }
    return t;
  }
  return r;
}

// Runs the bytes method of the same name on a snapshot of self.
template <int Index>
Ref<Object> via_bytes(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames);

const MethodDef* bytes_method(const char* name) noexcept {
  for (const MethodDef* d = bytes_methods; d->name; ++d)
    if (std::strcmp(d->name, name) == 0) return d;
  return nullptr;
}

// Names of the bytes methods bytearray reuses; via_bytes<i> forwards to the i-th.
constexpr const char* kShared[] = {
    "decode", "hex", "find", "rfind", "index", "rindex", "count", "startswith", "endswith", "split", "rsplit",
    "splitlines", "join", "strip", "lstrip", "rstrip", "replace", "partition", "rpartition", "removeprefix",
    "removesuffix", "center", "ljust", "rjust", "upper", "lower", "isalpha", "isdigit", "isalnum", "isspace",
    "islower", "isupper", "isascii",
};
constexpr size_t kNumShared = sizeof kShared / sizeof kShared[0];

template <int Index>
Ref<Object> via_bytes(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const MethodDef* def = bytes_method(kShared[Index]);
  Ref<Object> snapshot = bytes_new(ba_view(self));
  return to_bytearray_result(def->fn(ts, snapshot, args, nargs, kwnames));
}

Ref<Object> m_fromhex(ThreadState& ts, Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const MethodDef* def = bytes_method("fromhex");
  return to_bytearray_result(def->fn(ts, &Bytes_type, args, nargs, kwnames));
}

template <size_t... I>
constexpr auto shared_defs(std::index_sequence<I...>) {
  return std::array<MethodDef, sizeof...(I)>{MethodDef{kShared[I], via_bytes<static_cast<int>(I)>}...};
}

struct MethodTable {
  MethodDef defs[kNumShared + 16];
  MethodTable() {
    size_t n = 0;
    for (const MethodDef& d : shared_defs(std::make_index_sequence<kNumShared>())) defs[n++] = d;
    defs[n++] = {"append", m_append};
    defs[n++] = {"extend", m_extend};
    defs[n++] = {"insert", m_insert};
    defs[n++] = {"pop", m_pop};
    defs[n++] = {"remove", m_remove};
    defs[n++] = {"clear", m_clear};
    defs[n++] = {"reverse", m_reverse};
    defs[n++] = {"copy", m_copy};
    defs[n++] = {"fromhex", m_fromhex, METH_CLASS};
    defs[n++] = {nullptr, nullptr};
  }
};
const MethodTable& ba_methods() {
  static const MethodTable table;
  return table;
}

void setup_bytearray(TypeObject& t) {
  t.name = "bytearray";
  t.basicsize = sizeof(ByteArrayObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.doc = "bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray";
  t.dealloc = ba_dealloc;
  t.repr = ba_repr;
  t.str = ba_repr;
  t.richcompare = ba_richcompare;
  t.iter = ba_iter;
  t.new_ = ba_new_slot;
  t.nb[NB_ADD] = ba_add;
  t.nb_inplace[NB_ADD] = ba_iadd;
  t.nb[NB_MULTIPLY] = ba_mul;
  t.nb[NB_REMAINDER] = ba_mod;
  t.nb_bool = ba_bool;
  t.len = ba_len;
  t.getitem = ba_getitem;
  t.setitem = ba_setitem;
  t.contains = ba_contains;
  t.methods = ba_methods().defs;
}

void setup_bytearray_iter(TypeObject& t) {
  t.name = "bytearray_iterator";
  t.basicsize = sizeof(ByteArrayIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = ba_iter_dealloc;
  t.iter = self_iter;
  t.iternext = ba_iter_next;
}

}  // namespace

Ref<Object> bytearray_new(std::string_view data) {
  auto* b = alloc_object<ByteArrayObject>(&ByteArray_type);
  Ref<Object> r = steal<Object>(b);
  if (!data.empty()) {
    ba_reserve(r, data.size());
    std::memcpy(b->data, data.data(), data.size());
    b->size = data.size();
  }
  return r;
}

GK_REGISTER_TYPE(ByteArray_type, setup_bytearray);
GK_REGISTER_TYPE(ByteArrayIter_type, setup_bytearray_iter);

}  // namespace gk
