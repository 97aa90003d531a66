// runtime/objects/bytes.cpp — bytes: an immutable byte string stored inline
// after the header (bytes.hpp), its iterator, and a subset of its methods:
// decode, hex/fromhex, find/rfind/index/rindex/count, startswith/endswith,
// split/rsplit/splitlines/join, strip/lstrip/rstrip, replace, partition,
// removeprefix/removesuffix, ljust/rjust/center, upper/lower and the ASCII
// is*() predicates. Character classes are ASCII-only, as in CPython.
//
// Owns: Bytes_type, BytesIter_type ("bytes_iterator").
// Gaps: memoryview/buffer protocol; bytes is not subclassable (no
// TPFLAG_BASETYPE), like str.
#include "objects/bytes.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/range.hpp"
#include "objects/str_internal.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "objects/utf8.hpp"

namespace gk {

TypeObject Bytes_type;
TypeObject BytesIter_type;

namespace {

size_t bytes_alloc_size(size_t n) noexcept { return sizeof(BytesObject) + n + 1; }
char* bytes_mut(Object* o) noexcept { return reinterpret_cast<char*>(static_cast<BytesObject*>(o) + 1); }

// The empty bytes and the one-byte values are created at start-up
// (init_bytes_cache, before any second thread exists) and are immortal.
Object* g_empty_bytes = nullptr;
Object* g_byte_cache[256];

Object* bytes_alloc_raw(size_t n) {
  if (n > (SIZE_MAX >> 2)) raise_no_memory();
  auto* b = static_cast<BytesObject*>(object_alloc(&Bytes_type, bytes_alloc_size(n)));
  b->hash = -1;
  b->size = n;
  return b;
}

void bytes_dealloc(Object* o) noexcept { object_free(o, bytes_alloc_size(bytes_size(o))); }

// A new bytes of n bytes for the caller to fill (n > 1), or the cached object.
Ref<Object> bytes_alloc(size_t n) { return steal<Object>(bytes_alloc_raw(n)); }

bool is_bytes(const Object* o) noexcept { return has_flag(o, TPFLAG_BYTES_SUBCLASS); }
bool is_bytes_like(const Object* o) noexcept { return is_bytes(o) || type_check(o, &ByteArray_type); }

}  // namespace

bool bytes_like_view(const Object* o, std::string_view& out) noexcept {
  if (is_bytes(o)) {
    out = bytes_view(o);
    return true;
  }
  if (type_check(o, &ByteArray_type)) {
    auto* b = static_cast<const ByteArrayObject*>(o);
    out = std::string_view(b->data ? b->data : "", b->size);
    return true;
  }
  return false;
}

void init_bytes_cache() {
  g_empty_bytes = bytes_alloc_raw(0);
  make_immortal(g_empty_bytes);
  for (int c = 0; c < 256; ++c) {
    Object* o = bytes_alloc_raw(1);
    bytes_mut(o)[0] = static_cast<char>(c);
    make_immortal(o);
    g_byte_cache[c] = o;
  }
}

Ref<Object> bytes_new(std::string_view data) {
  if (data.empty()) return newref(g_empty_bytes);
  if (data.size() == 1) return newref(g_byte_cache[static_cast<unsigned char>(data[0])]);
  Ref<Object> r = bytes_alloc(data.size());
  std::memcpy(bytes_mut(r), data.data(), data.size());
  return r;
}

std::string bytes_repr_text(std::string_view s, bool escape_single_quote) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 3);
  out += 'b';
  out += quote;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\' || (escape_single_quote && c == '\'')) {
      out += '\\';
      out += ch;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

Ref<Object> bytes_repr(const Object* o) {
  std::string out = bytes_repr_text(bytes_view(o), false);
  return str_new_known(out, out.size(), true);
}

namespace {

// --- argument helpers -------------------------------------------------------------------

std::string_view bytes_arg(Object* o) {
  std::string_view v;
  if (!bytes_like_view(o, v)) raise_fmt(Exc_TypeError, "a bytes-like object is required, not '%s'", type_name(o));
  return v;
}

// find()/count() accept bytes or an int in range(256).
std::string bytes_or_int_arg(ThreadState& ts, Object* o) {
  std::string_view v;
  if (bytes_like_view(o, v)) return std::string(v);
  if (is_int(o) || type_of(o)->nb_index) {
    int64_t v = index_as_i64(ts, o);
    if (v < 0 || v > 255) raise(Exc_ValueError, "byte must be in range(0, 256)");
    return std::string(1, static_cast<char>(v));
  }
  raise_fmt(Exc_TypeError, "argument should be integer or bytes-like object, not '%s'", type_name(o));
}

int64_t slice_arg(ThreadState& ts, Object* o, int64_t dflt) {
  if (!o || is_none(o)) return dflt;
  if (!is_int(o) && !type_of(o)->nb_index)
    raise(Exc_TypeError, "slice indices must be integers or None or have an __index__ method");
  Ref<Object> i = number_index(ts, o);
  int64_t v;
  if (int_to_i64(i, v)) return v;
  return int_sign(i) < 0 ? INT64_MIN / 4 : INT64_MAX / 4;
}

void adjust(int64_t& start, int64_t& end, int64_t len) noexcept {
  if (end > len) end = len;
  else if (end < 0 && (end += len) < 0) end = 0;
  if (start < 0 && (start += len) < 0) start = 0;
}

constexpr size_t npos = std::string_view::npos;

bool is_space(unsigned char c) noexcept { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

Ref<Object> make_list(std::vector<Ref<Object>>& items) {
  Ref<Object> l = list_new(items.size());
  for (size_t i = 0; i < items.size(); ++i) list_set_steal(l, i, items[i].release());
  return l;
}

Ref<Object> sub(Object* self, std::string_view part) {
  if (part.size() == bytes_size(self)) return newref(self);
  return bytes_new(part);
}

// --- slots ---------------------------------------------------------------------------------

Ref<Object> b_repr(ThreadState&, Object* self) { return bytes_repr(self); }
size_t b_len(ThreadState&, Object* self) { return bytes_size(self); }
bool b_bool(ThreadState&, Object* self) { return bytes_size(self) != 0; }

int64_t b_hash(ThreadState&, Object* self) {
  auto* b = static_cast<BytesObject*>(self);
  if (b->hash == -1) b->hash = hash_bytes(bytes_data(self), b->size);
  return b->hash;
}

Ref<Object> b_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  std::string_view x, y;
  if (!bytes_like_view(a, x) || !bytes_like_view(b, y)) return newref(NotImplemented());
  if ((op == CompareOp::EQ || op == CompareOp::NE) && x.size() != y.size()) return bool_ref(op == CompareOp::NE);
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

bool b_contains(ThreadState& ts, Object* self, Object* item) {
  std::string_view s = bytes_view(self);
  std::string_view needle;
  if (bytes_like_view(item, needle)) return s.find(needle) != npos;
  if (is_int(item) || type_of(item)->nb_index) {
    int64_t v = index_as_i64(ts, item);
    if (v < 0 || v > 255) raise(Exc_ValueError, "byte must be in range(0, 256)");
    return std::memchr(s.data(), static_cast<int>(v), s.size()) != nullptr;
  }
  raise_fmt(Exc_TypeError, "a bytes-like object is required, not '%s'", type_name(item));
}

Ref<Object> b_add(ThreadState&, Object* a, Object* b) {
  std::string_view y;
  if (is_bytes(a) && bytes_like_view(b, y)) {
    size_t na = bytes_size(a), nb = y.size();
    if (nb == 0) return newref(a);
    if (na == 0 && is_bytes(b)) return newref(b);
    Ref<Object> r = bytes_alloc(na + nb);
    std::memcpy(bytes_mut(r), bytes_data(a), na);
    std::memcpy(bytes_mut(r) + na, y.data(), nb);
    return r;
  }
  if (is_bytes(a) && !type_of(b)->nb[NB_ADD])
    raise_fmt(Exc_TypeError, "can't concat %s to bytes", type_name(b));
  return newref(NotImplemented());
}

Ref<Object> b_mul(ThreadState& ts, Object* a, Object* b) {
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &Bytes_type, NB_MULTIPLY, n)) return newref(NotImplemented());
  Object* s = is_bytes(a) ? a : b;
  size_t size = bytes_size(s);
  if (n <= 0 || size == 0) return bytes_new("");
  if (n == 1) return newref(s);
  if (static_cast<uint64_t>(n) > (SIZE_MAX >> 3) / size) raise(Exc_OverflowError, "repeated bytes are too long");
  size_t total = size * static_cast<size_t>(n);
  Ref<Object> r = bytes_alloc(total);
  char* out = bytes_mut(r);
  std::memcpy(out, bytes_data(s), size);
  for (size_t done = size; done < total;) {
    size_t chunk = std::min(done, total - done);
    std::memcpy(out + done, out, chunk);
    done += chunk;
  }
  return r;
}

Ref<Object> b_mod(ThreadState& ts, Object* a, Object* b) {
  if (!is_bytes(a)) return newref(NotImplemented());
  return bytes_percent_format(ts, bytes_view(a), b);
}

Ref<Object> b_getitem(ThreadState& ts, Object* self, Object* key) {
  const int64_t len = static_cast<int64_t>(bytes_size(self));
  if (type_check_exact(key, &Slice_type)) {
    int64_t start, stop, step;
    int64_t n = slice_indices(ts, key, len, start, stop, step);
    if (n <= 0) return bytes_new("");
    if (step == 1) return sub(self, bytes_view(self).substr(static_cast<size_t>(start), static_cast<size_t>(n)));
    std::string out(static_cast<size_t>(n), '\0');
    for (int64_t i = 0, j = start; i < n; ++i, j += step) out[static_cast<size_t>(i)] = bytes_data(self)[j];
    return bytes_new(out);
  }
  int64_t i;
  if (!seq_index_key(ts, key, i))
    raise_fmt(Exc_TypeError, "byte indices must be integers or slices, not %s", type_name(key));
  if (i < 0) i += len;
  if (i < 0 || i >= len) raise(Exc_IndexError, "index out of range");
  return int_from_i64(static_cast<unsigned char>(bytes_data(self)[i]));
}

// bytes(source=b'', encoding=..., errors=...)
Ref<Object> b_new(ThreadState& ts, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 3) raise_fmt(Exc_TypeError, "bytes() takes at most 3 arguments (%zu given)", nargs);
  for (size_t k = 0; k < kwnames_count(kwnames); ++k) {
    std::string_view kw = str_view(tuple_get(kwnames, k));
    if (kw != "source" && kw != "encoding" && kw != "errors")
      raise_fmt(Exc_TypeError, "'%.*s' is an invalid keyword argument for bytes()", static_cast<int>(kw.size()),
                kw.data());
  }
  Object* a[3];
  parse_args("bytes", args, nargs, kwnames, {"source", "encoding", "errors"}, 0, a);
  Object* src = a[0];
  if (!src) {
    if (a[1]) raise(Exc_TypeError, "encoding without a string argument");
    if (a[2]) raise(Exc_TypeError, "errors without a string argument");
    return bytes_new("");
  }
  if (is_str(src)) {
    if (!a[1]) raise(Exc_TypeError, "string argument without an encoding");
    if (!is_str(a[1])) raise_fmt(Exc_TypeError, "bytes() argument 'encoding' must be str, not %s", type_name(a[1]));
    if (a[2] && !is_str(a[2]))
      raise_fmt(Exc_TypeError, "bytes() argument 'errors' must be str, not %s", type_name(a[2]));
    return encode_from_str(ts, src, str_view(a[1]), a[2] ? str_view(a[2]) : "strict");
  }
  if (a[1]) raise(Exc_TypeError, "encoding without a string argument");
  if (a[2]) raise(Exc_TypeError, "errors without a string argument");
  if (type_check_exact(src, &Bytes_type)) return newref(src);
  if (Ref<Object> conv = lookup_special(ts, src, intern("__bytes__"))) {
    Ref<Object> r = call0(ts, conv);
    if (!is_bytes(r)) raise_fmt(Exc_TypeError, "__bytes__ returned non-bytes (type %s)", type_name(r));
    return r;
  }
  std::string_view sv;
  if (bytes_like_view(src, sv)) return bytes_new(sv);
  if (is_int(src) || type_of(src)->nb_index) {
    int64_t n = index_as_i64(ts, src);
    if (n < 0) raise(Exc_ValueError, "negative count");
    if (n <= 1) return bytes_new(std::string(static_cast<size_t>(n), '\0'));
    return bytes_alloc(static_cast<size_t>(n));  // zero-filled by object_alloc
  }
  if (!type_of(src)->iter && !type_of(src)->getitem)
    raise_fmt(Exc_TypeError, "cannot convert '%s' object to bytes", type_name(src));
  std::string out;
  for_each(ts, src, [&](Object* item) {
    int64_t v = index_as_i64(ts, item);
    if (v < 0 || v > 255) raise(Exc_ValueError, "bytes must be in range(0, 256)");
    out.push_back(static_cast<char>(v));
    return true;
  });
  return bytes_new(out);
}

// --- iterator ---------------------------------------------------------------------------------

struct BytesIterObject : Object {
  Object* bytes;  // strong; null once exhausted
  size_t index;
};

Ref<Object> b_iter(ThreadState&, Object* self) {
  auto* it = alloc_object<BytesIterObject>(&BytesIter_type);
  it->bytes = self;
  incref(self);
  return steal<Object>(it);
}
void bytes_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<BytesIterObject*>(o)->bytes);
  object_free(o, sizeof(BytesIterObject));
}
Ref<Object> bytes_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<BytesIterObject*>(o);
  if (!it->bytes) return nullptr;
  if (it->index >= bytes_size(it->bytes)) {
    clear(it->bytes);
    return nullptr;
  }
  return int_from_i64(static_cast<unsigned char>(bytes_data(it->bytes)[it->index++]));
}
Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }
Ref<Object> bytes_iter_length_hint(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__length_hint__", kwnames);
  check_nargs("__length_hint__", nargs, 0, 0);
  auto* it = static_cast<BytesIterObject*>(self);
  return int_from_u64(it->bytes ? bytes_size(it->bytes) - it->index : 0);
}

// --- methods ------------------------------------------------------------------------------------

Ref<Object> m_decode(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("decode", args, nargs, kwnames, {"encoding", "errors"}, 0, a);
  if (a[0] && !is_str(a[0]))
    raise_fmt(Exc_TypeError, "decode() argument 'encoding' must be str, not %s", type_name(a[0]));
  if (a[1] && !is_str(a[1]))
    raise_fmt(Exc_TypeError, "decode() argument 'errors' must be str, not %s", type_name(a[1]));
  return decode_to_str(ts, bytes_view(self), a[0] ? str_view(a[0]) : "utf-8", a[1] ? str_view(a[1]) : "strict");
}

Ref<Object> m_hex(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("hex", args, nargs, kwnames, {"sep", "bytes_per_sep"}, 0, a);
  std::string sep;
  if (a[0]) {
    if (is_str(a[0])) sep = std::string(str_view(a[0]));
    else if (is_bytes_like(a[0])) sep = std::string(bytes_arg(a[0]));
    else raise(Exc_TypeError, "sep must be str or bytes.");
    if (utf8::count(sep) != 1) raise(Exc_ValueError, "sep must be length 1.");
    if (static_cast<unsigned char>(sep[0]) >= 0x80) raise(Exc_ValueError, "sep must be ASCII.");
  }
  int64_t per = a[1] ? index_as_i64(ts, a[1]) : 1;
  static const char kHex[] = "0123456789abcdef";
  std::string_view s = bytes_view(self);
  std::string out;
  out.reserve(s.size() * 3);
  const size_t group = static_cast<size_t>(per < 0 ? -per : per);
  for (size_t i = 0; i < s.size(); ++i) {
    if (!sep.empty() && group && i) {
      // Positive bytes_per_sep counts groups from the right, negative from the left.
      bool boundary = per > 0 ? (s.size() - i) % group == 0 : i % group == 0;
      if (boundary) out += sep;
    }
    auto c = static_cast<unsigned char>(s[i]);
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return str_new_known(out, out.size(), true);
}

Ref<Object> m_fromhex(ThreadState&, Object*, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("fromhex", kwnames);
  check_nargs("fromhex", nargs, 1, 1);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "fromhex() argument must be str, not %s", type_name(args[0]));
  std::string_view s = str_view(args[0]);
  auto hexval = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
      ++i;
      continue;
    }
    int hi = hexval(s[i]);
    if (hi < 0) raise_fmt(Exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zu", utf8::count(s.substr(0, i)));
    int lo = i + 1 < n ? hexval(s[i + 1]) : -1;
    if (lo < 0)
      raise_fmt(Exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zu",
                utf8::count(s.substr(0, i + 1)));
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return bytes_new(out);
}

enum class Dir { Forward, Backward };
int64_t find_impl(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                  Dir dir) {
  check_no_kwargs(name, kwnames);
  if (nargs < 1) raise_fmt(Exc_TypeError, "%s() takes at least 1 argument (0 given)", name);
  if (nargs > 3) raise_fmt(Exc_TypeError, "%s() takes at most 3 arguments (%zu given)", name, nargs);
  std::string needle = bytes_or_int_arg(ts, args[0]);
  int64_t start = slice_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  const int64_t len = static_cast<int64_t>(bytes_size(self));
  adjust(start, end, len);
  if (start > len || end - start < static_cast<int64_t>(needle.size())) return -1;
  std::string_view w = bytes_view(self).substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
  size_t f = dir == Dir::Forward ? w.find(needle) : w.rfind(needle);
  return f == npos ? -1 : start + static_cast<int64_t>(f);
}
Ref<Object> m_find(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return int_from_i64(find_impl(ts, self, a, n, kw, "find", Dir::Forward));
}
Ref<Object> m_rfind(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return int_from_i64(find_impl(ts, self, a, n, kw, "rfind", Dir::Backward));
}
Ref<Object> m_index(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  int64_t i = find_impl(ts, self, a, n, kw, "index", Dir::Forward);
  if (i < 0) raise(Exc_ValueError, "subsection not found");
  return int_from_i64(i);
}
Ref<Object> m_rindex(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  int64_t i = find_impl(ts, self, a, n, kw, "rindex", Dir::Backward);
  if (i < 0) raise(Exc_ValueError, "subsection not found");
  return int_from_i64(i);
}

Ref<Object> m_count(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("count", kwnames);
  if (nargs < 1) raise(Exc_TypeError, "count() takes at least 1 argument (0 given)");
  if (nargs > 3) raise_fmt(Exc_TypeError, "count() takes at most 3 arguments (%zu given)", nargs);
  std::string needle = bytes_or_int_arg(ts, args[0]);
  int64_t start = slice_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  const int64_t len = static_cast<int64_t>(bytes_size(self));
  adjust(start, end, len);
  if (start > len || end < start) return int_from_i64(0);
  if (needle.empty()) return int_from_i64(end - start + 1);
  std::string_view w = bytes_view(self).substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
  int64_t count = 0;
  for (size_t pos = 0; (pos = w.find(needle, pos)) != npos; pos += needle.size()) ++count;
  return int_from_i64(count);
}

Ref<Object> starts_ends(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames,
                        const char* name, bool at_end) {
  check_no_kwargs(name, kwnames);
  if (nargs < 1) raise_fmt(Exc_TypeError, "%s() takes at least 1 argument (0 given)", name);
  if (nargs > 3) raise_fmt(Exc_TypeError, "%s() takes at most 3 arguments (%zu given)", name, nargs);
  int64_t start = slice_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  const int64_t len = static_cast<int64_t>(bytes_size(self));
  adjust(start, end, len);
  auto match = [&](Object* o) {
    std::string_view p = bytes_arg(o);
    if (start > len || end - start < static_cast<int64_t>(p.size())) return false;
    std::string_view w = bytes_view(self).substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    return at_end ? w.substr(w.size() - p.size()) == p : w.substr(0, p.size()) == p;
  };
  Object* what = args[0];
  if (is_tuple(what)) {
    for (size_t i = 0; i < tuple_size(what); ++i) {
      Object* item = tuple_get(what, i);
      if (!is_bytes_like(item))
        raise_fmt(Exc_TypeError, "a bytes-like object is required, not '%s'", type_name(item));
      if (match(item)) return bool_ref(true);
    }
    return bool_ref(false);
  }
  if (!is_bytes_like(what))
    raise_fmt(Exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name, type_name(what));
  return bool_ref(match(what));
}
Ref<Object> m_startswith(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return starts_ends(ts, self, a, n, kw, "startswith", false);
}
Ref<Object> m_endswith(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return starts_ends(ts, self, a, n, kw, "endswith", true);
}

void split_args(ThreadState& ts, const char* name, Object* const* args, size_t nargs, Object* kwnames, Object*& sep,
                int64_t& maxsplit) {
  Object* a[2];
  parse_args(name, args, nargs, kwnames, {"sep", "maxsplit"}, 0, a);
  sep = (a[0] && !is_none(a[0])) ? a[0] : nullptr;
  if (sep && bytes_arg(sep).empty()) raise(Exc_ValueError, "empty separator");
  maxsplit = a[1] ? index_as_i64(ts, a[1]) : -1;
  if (maxsplit < 0) maxsplit = INT64_MAX;
}

Ref<Object> m_split(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* sep;
  int64_t maxsplit;
  split_args(ts, "split", args, nargs, kwnames, sep, maxsplit);
  std::string_view s = bytes_view(self);
  std::vector<Ref<Object>> out;
  if (sep) {
    std::string_view d = bytes_arg(sep);
    size_t pos = 0;
    for (size_t f; maxsplit > 0 && (f = s.find(d, pos)) != npos; --maxsplit) {
      out.push_back(bytes_new(s.substr(pos, f - pos)));
      pos = f + d.size();
    }
    out.push_back(sub(self, s.substr(pos)));
    return make_list(out);
  }
  size_t i = 0, n = s.size();
  for (;;) {
    while (i < n && is_space(static_cast<unsigned char>(s[i]))) ++i;
    if (i >= n) break;
    if (maxsplit-- == 0) {  // the rest, as is
      out.push_back(sub(self, s.substr(i)));
      break;
    }
    size_t j = i;
    while (j < n && !is_space(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back(sub(self, s.substr(i, j - i)));
    i = j;
  }
  return make_list(out);
}

Ref<Object> m_rsplit(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* sep;
  int64_t maxsplit;
  split_args(ts, "rsplit", args, nargs, kwnames, sep, maxsplit);
  std::string_view s = bytes_view(self);
  std::vector<Ref<Object>> out;
  if (sep) {
    std::string_view d = bytes_arg(sep);
    size_t end = s.size();
    for (; maxsplit > 0; --maxsplit) {
      size_t f = end >= d.size() ? s.substr(0, end).rfind(d) : npos;
      if (f == npos) break;
      out.push_back(bytes_new(s.substr(f + d.size(), end - f - d.size())));
      end = f;
    }
    out.push_back(sub(self, s.substr(0, end)));
  } else {
    size_t j = s.size();
    for (;;) {
      while (j > 0 && is_space(static_cast<unsigned char>(s[j - 1]))) --j;
      if (j == 0) break;
      if (maxsplit-- == 0) {  // the rest, leading whitespace kept
        out.push_back(sub(self, s.substr(0, j)));
        break;
      }
      size_t i = j;
      while (i > 0 && !is_space(static_cast<unsigned char>(s[i - 1]))) --i;
      out.push_back(sub(self, s.substr(i, j - i)));
      j = i;
    }
  }
  std::reverse(out.begin(), out.end());
  return make_list(out);
}

Ref<Object> m_splitlines(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[1];
  parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, a);
  bool keep = a[0] && is_true(ts, a[0]);
  std::string_view s = bytes_view(self);
  std::vector<Ref<Object>> out;
  size_t start = 0, i = 0;
  while (i < s.size()) {
    size_t k = s[i] == '\n' ? 1 : s[i] == '\r' ? ((i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1) : 0;
    if (!k) {
      ++i;
      continue;
    }
    out.push_back(bytes_new(s.substr(start, (keep ? i + k : i) - start)));
    i += k;
    start = i;
  }
  if (start < s.size()) out.push_back(sub(self, s.substr(start)));
  return make_list(out);
}

Ref<Object> m_join(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.join", kwnames);
  check_nargs("bytes.join", nargs, 1, 1);
  Object* it = args[0];
  if (!type_of(it)->iter && !type_of(it)->getitem) raise(Exc_TypeError, "can only join an iterable");
  Ref<Object> items = tuple_from_iterable(ts, it);
  std::string_view sep = bytes_view(self);
  size_t n = tuple_size(items), total = 0;
  for (size_t i = 0; i < n; ++i) {
    Object* x = tuple_get(items, i);
    if (!is_bytes_like(x))
      raise_fmt(Exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found", i, type_name(x));
    total += bytes_arg(x).size() + (i ? sep.size() : 0);
  }
  std::string out;
  out.reserve(total);
  for (size_t i = 0; i < n; ++i) {
    if (i) out.append(sep);
    out.append(bytes_arg(tuple_get(items, i)));
  }
  return bytes_new(out);
}

Ref<Object> strip_impl(Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name, bool left,
                       bool right) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 0, 1);
  Object* chars = (nargs && !is_none(args[0])) ? args[0] : nullptr;
  std::string_view set = chars ? bytes_arg(chars) : std::string_view(" \t\n\v\f\r", 6);
  std::string_view s = bytes_view(self);
  size_t i = 0, j = s.size();
  if (left)
    while (i < j && set.find(s[i]) != npos) ++i;
  if (right)
    while (j > i && set.find(s[j - 1]) != npos) --j;
  return sub(self, s.substr(i, j - i));
}
Ref<Object> m_strip(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return strip_impl(self, a, n, kw, "strip", true, true);
}
Ref<Object> m_lstrip(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return strip_impl(self, a, n, kw, "lstrip", true, false);
}
Ref<Object> m_rstrip(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return strip_impl(self, a, n, kw, "rstrip", false, true);
}

Ref<Object> m_replace(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("replace", kwnames);
  check_nargs("replace", nargs, 2, 3);
  std::string_view old = bytes_arg(args[0]), rep = bytes_arg(args[1]);
  int64_t count = nargs > 2 ? index_as_i64(ts, args[2]) : -1;
  if (count < 0) count = INT64_MAX;
  std::string_view s = bytes_view(self);
  std::string out;
  size_t pos = 0;
  if (old.empty()) {
    for (; count > 0 && pos <= s.size(); --count) {
      out.append(rep);
      if (pos < s.size()) out.push_back(s[pos]);
      ++pos;
    }
    if (pos < s.size()) out.append(s.substr(pos));
    return bytes_new(out);
  }
  for (size_t f; count > 0 && (f = s.find(old, pos)) != npos; --count) {
    out.append(s.substr(pos, f - pos));
    out.append(rep);
    pos = f + old.size();
  }
  if (pos == 0) return newref(self);
  out.append(s.substr(pos));
  return bytes_new(out);
}

Ref<Object> partition_impl(Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                           bool from_right) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 1, 1);
  std::string_view sep = bytes_arg(args[0]);
  if (sep.empty()) raise(Exc_ValueError, "empty separator");
  std::string_view s = bytes_view(self);
  size_t f = from_right ? s.rfind(sep) : s.find(sep);
  Ref<Object> empty = bytes_new("");
  if (f == npos) return from_right ? tuple_pack({empty, empty, self}) : tuple_pack({self, empty, empty});
  Ref<Object> a = bytes_new(s.substr(0, f)), c = bytes_new(s.substr(f + sep.size()));
  return tuple_pack({a, args[0], c});
}
Ref<Object> m_partition(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return partition_impl(self, a, n, kw, "partition", false);
}
Ref<Object> m_rpartition(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return partition_impl(self, a, n, kw, "rpartition", true);
}

Ref<Object> m_removeprefix(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.removeprefix", kwnames);
  check_nargs("bytes.removeprefix", nargs, 1, 1);
  std::string_view p = bytes_arg(args[0]), s = bytes_view(self);
  return (!p.empty() && s.substr(0, p.size()) == p) ? bytes_new(s.substr(p.size())) : newref(self);
}
Ref<Object> m_removesuffix(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.removesuffix", kwnames);
  check_nargs("bytes.removesuffix", nargs, 1, 1);
  std::string_view p = bytes_arg(args[0]), s = bytes_view(self);
  return (!p.empty() && s.size() >= p.size() && s.substr(s.size() - p.size()) == p)
             ? bytes_new(s.substr(0, s.size() - p.size()))
             : newref(self);
}

Ref<Object> justify(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                    char how) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 1, 2);
  int64_t width = index_as_i64(ts, args[0]);
  char fill = ' ';
  if (nargs > 1) {
    std::string_view f;
    if (!bytes_like_view(args[1], f) || f.size() != 1)
      raise_fmt(Exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %s", name,
                type_name(args[1]));
    fill = f[0];
  }
  int64_t len = static_cast<int64_t>(bytes_size(self));
  if (width <= len) return newref(self);
  size_t marg = static_cast<size_t>(width - len);
  size_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & static_cast<size_t>(width) & 1);
  std::string out(left, fill);
  out.append(bytes_view(self));
  out.append(marg - left, fill);
  return bytes_new(out);
}
Ref<Object> m_center(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return justify(ts, self, a, n, kw, "center", '^');
}
Ref<Object> m_ljust(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return justify(ts, self, a, n, kw, "ljust", '<');
}
Ref<Object> m_rjust(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return justify(ts, self, a, n, kw, "rjust", '>');
}

template <class F>
Ref<Object> map_bytes(Object* self, F f) {
  std::string out(bytes_view(self));
  for (char& c : out) c = f(c);
  return bytes_new(out);
}
Ref<Object> m_upper(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.upper", kwnames);
  check_nargs("bytes.upper", nargs, 0, 0);
  return map_bytes(self, [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
}
Ref<Object> m_lower(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.lower", kwnames);
  check_nargs("bytes.lower", nargs, 0, 0);
  return map_bytes(self, [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
}

template <class P>
bool all_bytes(Object* self, P pred) {
  std::string_view s = bytes_view(self);
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(static_cast<unsigned char>(c))) return false;
  return true;
}
bool b_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool b_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool cased_check(Object* self, bool want_lower) {
  bool cased = false;
  for (char ch : bytes_view(self)) {
    if (ch >= 'a' && ch <= 'z') {
      if (!want_lower) return false;
      cased = true;
    } else if (ch >= 'A' && ch <= 'Z') {
      if (want_lower) return false;
      cased = true;
    }
  }
  return cased;
}
#define GK_BYTES_PRED(fn, pyname, expr)                                                        \
  Ref<Object> fn(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {  \
    check_no_kwargs("bytes." pyname, kwnames);                                                 \
    check_nargs("bytes." pyname, nargs, 0, 0);                                                 \
    return bool_ref(expr);                                                                     \
  }
GK_BYTES_PRED(m_isalpha, "isalpha", all_bytes(self, b_alpha))
GK_BYTES_PRED(m_isdigit, "isdigit", all_bytes(self, b_digit))
GK_BYTES_PRED(m_isalnum, "isalnum", all_bytes(self, [](unsigned char c) { return b_alpha(c) || b_digit(c); }))
GK_BYTES_PRED(m_isspace, "isspace", all_bytes(self, is_space))
GK_BYTES_PRED(m_islower, "islower", cased_check(self, true))
GK_BYTES_PRED(m_isupper, "isupper", cased_check(self, false))
GK_BYTES_PRED(m_isascii, "isascii", utf8::is_ascii(bytes_data(self), bytes_size(self)))
#undef GK_BYTES_PRED

Ref<Object> m_getnewargs(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("bytes.__getnewargs__", kwnames);
  check_nargs("bytes.__getnewargs__", nargs, 0, 0);
  Ref<Object> copy = bytes_new(bytes_view(self));
  return tuple_pack({copy.get()});
}

}  // namespace

const MethodDef bytes_methods[] = {
    {"decode", m_decode, METH_DEFAULT, "Decode the bytes using the codec registered for encoding."},
    {"hex", m_hex, METH_DEFAULT, "Create a string of hexadecimal numbers from a bytes object."},
    {"fromhex", m_fromhex, METH_CLASS, "Create a bytes object from a string of hexadecimal numbers."},
    {"find", m_find, METH_DEFAULT, nullptr},
    {"rfind", m_rfind, METH_DEFAULT, nullptr},
    {"index", m_index, METH_DEFAULT, nullptr},
    {"rindex", m_rindex, METH_DEFAULT, nullptr},
    {"count", m_count, METH_DEFAULT, nullptr},
    {"startswith", m_startswith, METH_DEFAULT, nullptr},
    {"endswith", m_endswith, METH_DEFAULT, nullptr},
    {"split", m_split, METH_DEFAULT, nullptr},
    {"rsplit", m_rsplit, METH_DEFAULT, nullptr},
    {"splitlines", m_splitlines, METH_DEFAULT, nullptr},
    {"join", m_join, METH_DEFAULT, nullptr},
    {"strip", m_strip, METH_DEFAULT, nullptr},
    {"lstrip", m_lstrip, METH_DEFAULT, nullptr},
    {"rstrip", m_rstrip, METH_DEFAULT, nullptr},
    {"replace", m_replace, METH_DEFAULT, nullptr},
    {"partition", m_partition, METH_DEFAULT, nullptr},
    {"rpartition", m_rpartition, METH_DEFAULT, nullptr},
    {"removeprefix", m_removeprefix, METH_DEFAULT, nullptr},
    {"removesuffix", m_removesuffix, METH_DEFAULT, nullptr},
    {"center", m_center, METH_DEFAULT, nullptr},
    {"ljust", m_ljust, METH_DEFAULT, nullptr},
    {"rjust", m_rjust, METH_DEFAULT, nullptr},
    {"upper", m_upper, METH_DEFAULT, nullptr},
    {"lower", m_lower, METH_DEFAULT, nullptr},
    {"isalpha", m_isalpha, METH_DEFAULT, nullptr},
    {"isdigit", m_isdigit, METH_DEFAULT, nullptr},
    {"isalnum", m_isalnum, METH_DEFAULT, nullptr},
    {"isspace", m_isspace, METH_DEFAULT, nullptr},
    {"islower", m_islower, METH_DEFAULT, nullptr},
    {"isupper", m_isupper, METH_DEFAULT, nullptr},
    {"isascii", m_isascii, METH_DEFAULT, nullptr},
    {"__getnewargs__", m_getnewargs, METH_DEFAULT, nullptr},
    {nullptr, nullptr},
};

namespace {

const MethodDef bytes_iter_methods[] = {
    {"__length_hint__", bytes_iter_length_hint, METH_DEFAULT, nullptr},
    {nullptr, nullptr},
};

void setup_bytes(TypeObject& t) {
  t.name = "bytes";
  t.basicsize = sizeof(BytesObject);
  t.itemsize = 1;
  t.flags = TPFLAG_BYTES_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(int) -> bytes";
  t.dealloc = bytes_dealloc;
  t.repr = b_repr;
  t.str = b_repr;
  t.hash = b_hash;
  t.richcompare = b_richcompare;
  t.iter = b_iter;
  t.new_ = b_new;
  t.nb[NB_ADD] = b_add;
  t.nb[NB_MULTIPLY] = b_mul;
  t.nb[NB_REMAINDER] = b_mod;
  t.nb_bool = b_bool;
  t.len = b_len;
  t.getitem = b_getitem;
  t.contains = b_contains;
  t.methods = bytes_methods;
}

void setup_bytes_iter(TypeObject& t) {
  t.name = "bytes_iterator";
  t.basicsize = sizeof(BytesIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = bytes_iter_dealloc;
  t.iter = self_iter;
  t.iternext = bytes_iter_next;
  t.methods = bytes_iter_methods;
}

}  // namespace

GK_REGISTER_TYPE(Bytes_type, setup_bytes);
GK_REGISTER_TYPE(BytesIter_type, setup_bytes_iter);

}  // namespace gk
