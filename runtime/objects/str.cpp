// runtime/objects/str.cpp — the str type's core: layout and allocation, the
// empty-string and one-character caches, the interning table, hashing,
// equality and ordering, concatenation/repetition/indexing/slicing, repr and
// ascii escaping, the str() constructor, the utf-8/ascii/latin-1 codecs, and
// the str iterators. Methods live in str_methods.cpp, formatting in
// str_format.cpp.
//
// Owns: Str_type, StrIter_type ("str_iterator"), StrAsciiIter_type
// ("str_ascii_iterator", CPython 3.11's name for iterators over ASCII strings).
//
// Representation (str.hpp): a StrObject header, then utf8_size bytes of valid
// UTF-8 and a NUL. `length` (code points) and `is_ascii` are computed once at
// creation, so len() is O(1) and ASCII strings index in O(1); non-ASCII
// indexing walks the UTF-8 (the iterators keep a byte cursor instead).
// Because UTF-8 byte order is code-point order, comparison is memcmp.
// str_append_inplace() lets `s += t` on a uniquely referenced string grow
// it in place; such a string carries `spare` bytes after its NUL.
//
// Gap: str is not subclassable (no TPFLAG_BASETYPE): a subclass instance
// would need the inline data followed by a __dict__.
#include "objects/str.hpp"

#include <cstring>
#include <mutex>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/range.hpp"
#include "objects/str_internal.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "objects/unicode_ctype.hpp"
#include "objects/utf8.hpp"

namespace gk {

TypeObject Str_type;
TypeObject StrIter_type;
TypeObject StrAsciiIter_type;

// --- hashing ---------------------------------------------------------------------------
// A wyhash-style 64-bit hash with a fixed key (no per-process randomisation:
// runs are reproducible). 16 bytes per round through a 64x64->128 multiply.

namespace {

constexpr uint64_t kP0 = 0xa0761d6478bd642full, kP1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ull, kP3 = 0x589965cc75374cc3ull;

inline uint64_t mum(uint64_t a, uint64_t b) noexcept {
  __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}
inline uint64_t load64(const char* p) noexcept {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

}  // namespace

int64_t hash_bytes(const char* p, size_t n) noexcept {
  uint64_t h = kP0 ^ (static_cast<uint64_t>(n) * kP1);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) h = mum(load64(p + i) ^ kP1 ^ h, load64(p + i + 8) ^ kP2);
  uint64_t a = 0, b = 0;
  size_t rest = n - i;
  if (rest >= 8) {
    a = load64(p + i);
    b = load64(p + n - 8);
  } else if (rest > 0) {
    std::memcpy(&a, p + i, rest);
  }
  h = mum(a ^ kP1 ^ h, b ^ kP2 ^ n);
  h = mum(h ^ kP3, kP0 ^ (h >> 29));
  int64_t r = static_cast<int64_t>(h);
  return r == -1 ? -2 : r;
}

// --- allocation and caches -----------------------------------------------------------

namespace {

size_t str_bytes(size_t nbytes) noexcept { return sizeof(StrObject) + nbytes + 1; }

StrObject* str_alloc_raw(size_t nbytes, size_t length, bool ascii) {
  if (nbytes > (SIZE_MAX >> 2)) raise_no_memory();
  auto* s = static_cast<StrObject*>(object_alloc(&Str_type, str_bytes(nbytes)));
  s->hash = -1;
  s->length = length;
  s->utf8_size = nbytes;
  s->is_ascii = ascii;
  // object_alloc zero-fills, so the trailing NUL is already there.
  return s;
}

// The empty string and the one-character strings for code points < 256 are
// created at start-up (init_str_caches, before any second thread exists) and
// never freed (immortal, interned); read without a lock afterwards.
Object* g_empty = nullptr;
Object* g_latin1[256];

void str_dealloc(Object* o) noexcept {
  object_free(o, str_bytes(str_size(o)) + static_cast<StrObject*>(o)->spare);
}

// --- the interning table ---------------------------------------------------------------
// Open addressing with linear probing over immortal str objects; the table
// only grows (interned strings are never freed). Guarded by g_intern_mutex
// (a no-op under the GIL, see gil/policy.hpp RuntimeMutex).
struct InternTable {
  Object** slots = nullptr;
  size_t mask = 0;  // capacity - 1 (capacity is a power of two), or 0 before first use
  size_t used = 0;

  Object** find_slot(std::string_view s, uint64_t h) noexcept {
    size_t i = h & mask;
    for (;;) {
      Object* o = slots[i];
      if (!o || (static_cast<uint64_t>(str_hash(o)) == h && str_view(o) == s)) return &slots[i];
      i = (i + 1) & mask;
    }
  }
  void grow() {
    size_t old_cap = mask ? mask + 1 : 0;
    size_t cap = old_cap ? old_cap * 2 : 1024;
    auto** fresh = static_cast<Object**>(mem_alloc(cap * sizeof(Object*)));
    std::memset(fresh, 0, cap * sizeof(Object*));
    Object** old = slots;
    slots = fresh;
    mask = cap - 1;
    for (size_t i = 0; i < old_cap; ++i) {
      if (Object* o = old[i]) *find_slot(str_view(o), static_cast<uint64_t>(str_hash(o))) = o;
    }
    if (old) mem_free(old, old_cap * sizeof(Object*));
  }
  // The interned string equal to s, or null.
  Object* lookup(std::string_view s, uint64_t h) noexcept { return mask ? *find_slot(s, h) : nullptr; }
  void insert(Object* o) {
    if ((used + 1) * 2 > (mask ? mask + 1 : 0)) grow();
    *find_slot(str_view(o), static_cast<uint64_t>(str_hash(o))) = o;
    ++used;
  }
};
InternTable g_interned;            // guarded by g_intern_mutex
RuntimeMutex g_intern_mutex;

// Makes o (a fresh or private str) the canonical interned object for its value.
void intern_register(Object* o) {
  make_immortal(o);
  static_cast<StrObject*>(o)->interned = true;
  g_interned.insert(o);
}

Object* empty_str() {
  if (!g_empty) {
    g_empty = str_alloc_raw(0, 0, true);
    intern_register(g_empty);
  }
  return g_empty;
}

Object* latin1_char_slow(uint32_t cp);
inline Object* latin1_char(uint32_t cp) {
  Object* o = g_latin1[cp];
  return o ? o : latin1_char_slow(cp);
}

Object* latin1_char_slow(uint32_t cp) {
  char buf[4];
  size_t n = utf8::encode(buf, cp);
  StrObject* s = str_alloc_raw(n, 1, cp < 0x80);
  std::memcpy(str_mut_data(s), buf, n);
  // intern() and intern_inplace() route one-character strings here, so the
  // table never holds another object with this value.
  g_latin1[cp] = s;
  intern_register(s);
  return s;
}

}  // namespace

void init_str_caches() {
  std::lock_guard<RuntimeMutex> g(g_intern_mutex);
  empty_str();
  for (uint32_t cp = 0; cp < 256; ++cp) latin1_char(cp);
}

Ref<Object> str_empty() { return newref(empty_str()); }

Ref<Object> str_char(uint32_t cp) {
  if (cp < 256) return newref(latin1_char(cp));
  char buf[4];
  size_t n = utf8::encode(buf, cp);
  StrObject* s = str_alloc_raw(n, 1, false);
  std::memcpy(str_mut_data(s), buf, n);
  return steal<Object>(s);
}

Ref<Object> str_alloc(size_t nbytes, size_t length, bool ascii) {
  if (nbytes == 0) return str_empty();
  return steal<Object>(str_alloc_raw(nbytes, length, ascii));
}

Ref<Object> str_new_known(std::string_view utf8, size_t length, bool ascii) {
  if (utf8.empty()) return str_empty();
  if (length == 1) {
    uint32_t cp = static_cast<unsigned char>(utf8[0]);
    if (cp >= 0x80) {
      const char* p = utf8.data();
      cp = utf8::decode(p);
    }
    if (cp < 256) return newref(latin1_char(cp));
  }
  StrObject* s = str_alloc_raw(utf8.size(), length, ascii);
  std::memcpy(str_mut_data(s), utf8.data(), utf8.size());
  return steal<Object>(s);
}

Ref<Object> str_new(std::string_view utf8) {
  size_t length = utf8::count(utf8);
  return str_new_known(utf8, length, length == utf8.size());
}

Ref<Object> str_from_codepoint(uint32_t cp) { return str_char(cp); }

Ref<Object> str_from_utf32(const uint32_t* cps, size_t n) {
  size_t nbytes = 0;
  bool ascii = true;
  for (size_t i = 0; i < n; ++i) {
    nbytes += utf8::encoded_len(cps[i]);
    ascii &= cps[i] < 0x80;
  }
  if (n == 1) return str_char(cps[0]);
  Ref<Object> r = str_alloc(nbytes, n, ascii);
  char* out = str_mut_data(r);
  for (size_t i = 0; i < n; ++i) out += utf8::encode(out, cps[i]);
  return r;
}

void utf8_append(std::string& out, uint32_t cp) { utf8::append(out, cp); }

size_t str_offset(const Object* s, size_t i) noexcept {
  return str_is_ascii(s) ? i : utf8::offset_of(str_view(s), i);
}

uint32_t str_char_at(const Object* o, size_t i) noexcept {
  if (str_is_ascii(o)) return static_cast<unsigned char>(str_data(o)[i]);
  const char* p = str_data(o) + utf8::offset_of(str_view(o), i);
  return utf8::decode(p);
}

Ref<Object> str_substr(Object* s, size_t off, size_t nbytes, size_t length) {
  if (off == 0 && nbytes == str_size(s)) return newref(s);
  return str_new_known(std::string_view(str_data(s) + off, nbytes), length, str_is_ascii(s) || nbytes == length);
}

// --- interning -------------------------------------------------------------------------

Object* intern(std::string_view s) {
  if (s.empty()) return empty_str();
  if (static_cast<unsigned char>(s[0]) < 0x80 ? s.size() == 1 : (s.size() <= 2 && utf8::count(s) == 1)) {
    const char* p = s.data();
    uint32_t cp = utf8::decode(p);
    if (cp < 256) return latin1_char(cp);
  }
  uint64_t h = static_cast<uint64_t>(hash_bytes(s.data(), s.size()));
  {
    std::lock_guard<RuntimeMutex> g(g_intern_mutex);
    if (Object* found = g_interned.lookup(s, h)) return found;
  }
  Ref<Object> o = str_new(s);  // allocated outside the lock
  std::lock_guard<RuntimeMutex> g(g_intern_mutex);
  if (Object* found = g_interned.lookup(s, h)) return found;  // another thread was first
  Object* raw = o.release();  // the table keeps this reference forever
  intern_register(raw);
  return raw;
}

void intern_inplace(Ref<Object>& p) {
  Object* o = p.get();
  if (!type_check_exact(o, &Str_type)) return;
  if (static_cast<StrObject*>(o)->interned) return;
  std::string_view s = str_view(o);
  Object* canon = nullptr;
  if (str_length(o) <= 1) {
    p = newref(intern(s));  // the empty / one-character caches
    return;
  }
  uint64_t h = static_cast<uint64_t>(str_hash(o));
  std::lock_guard<RuntimeMutex> g(g_intern_mutex);
  canon = g_interned.lookup(s, h);
  if (canon) {
    p = newref(canon);
    return;
  }
  incref(o);  // the table's reference
  intern_register(o);
}

// --- hash, equality, ordering --------------------------------------------------------------

int64_t str_hash(Object* o) noexcept {
  auto* s = static_cast<StrObject*>(o);
  if (s->hash != -1) return s->hash;
  s->hash = hash_bytes(str_data(o), s->utf8_size);
  return s->hash;
}

bool str_equal(const Object* a, const Object* b) noexcept {
  if (a == b) return true;
  auto* x = static_cast<const StrObject*>(a);
  auto* y = static_cast<const StrObject*>(b);
  if (x->utf8_size != y->utf8_size) return false;
  if (x->interned && y->interned) return false;  // unique per value
  if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
  return std::memcmp(str_data(a), str_data(b), x->utf8_size) == 0;
}

int str_compare(const Object* a, const Object* b) noexcept {
  if (a == b) return 0;
  size_t na = str_size(a), nb = str_size(b);
  int c = std::memcmp(str_data(a), str_data(b), na < nb ? na : nb);
  if (c != 0) return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

Ref<Object> str_concat(const Object* a, const Object* b) {
  size_t na = str_size(a), nb = str_size(b);
  if (nb == 0) return newref(const_cast<Object*>(a));
  if (na == 0) return newref(const_cast<Object*>(b));
  if (na + nb < na) raise_no_memory();
  Ref<Object> r = str_alloc(na + nb, str_length(a) + str_length(b), str_is_ascii(a) && str_is_ascii(b));
  char* out = str_mut_data(r);
  std::memcpy(out, str_data(a), na);
  std::memcpy(out + na, str_data(b), nb);
  return r;
}

void str_append_inplace(Ref<Object>& a, Object* b) {
  auto* s = static_cast<StrObject*>(a.get());
  const size_t nb = str_size(b);
  if (nb == 0) return;
  const size_t na = s->utf8_size;
  if (na == 0 || !type_check_exact(s, &Str_type) || s->interned || is_immortal(s) || refcount(s) != 1) {
    a = str_concat(s, b);
    return;
  }
  const bool ascii = s->is_ascii && str_is_ascii(b);
  const size_t cps = s->length + str_length(b);
  if (nb <= s->spare) {  // room left: append in place
    char* d = str_mut_data(s);
    std::memcpy(d + na, str_data(b), nb);
    d[na + nb] = '\0';
    s->spare -= static_cast<uint32_t>(nb);
    s->utf8_size = na + nb;
    s->length = cps;
    s->is_ascii = ascii;
    s->hash = -1;
    return;
  }
  // Grow by half again (at least 64 bytes), so n appends copy O(n) bytes in all.
  const size_t need = na + nb;
  if (need < na) raise_no_memory();
  size_t extra = need / 2 < 64 ? 64 : need / 2;
  if (extra > UINT32_MAX) extra = UINT32_MAX;
  if (need > (SIZE_MAX >> 2)) raise_no_memory();
  auto* n = static_cast<StrObject*>(object_alloc(&Str_type, str_bytes(need) + extra));
  n->hash = -1;
  n->length = cps;
  n->utf8_size = need;
  n->is_ascii = ascii;
  n->spare = static_cast<uint32_t>(extra);
  char* d = str_mut_data(n);
  std::memcpy(d, str_data(s), na);
  std::memcpy(d + na, str_data(b), nb);
  a = steal<Object>(n);  // frees the old string (its only reference)
}

// --- repr ------------------------------------------------------------------------------------

void str_repr_append(std::string& out, std::string_view s, bool ascii_only) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  static const char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back(quote);
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    auto b = static_cast<unsigned char>(*p);
    if (b >= 0x20 && b < 0x7F) {
      if (b == static_cast<unsigned char>(quote) || b == '\\') out.push_back('\\');
      out.push_back(static_cast<char>(b));
      ++p;
      continue;
    }
    const char* start = p;
    uint32_t cp = utf8::decode(p);
    if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp >= 0x80 && !ascii_only && uni::is_printable(cp)) {
      out.append(start, static_cast<size_t>(p - start));
    } else if (cp <= 0xFF) {
      out += "\\x";
      out.push_back(kHex[cp >> 4]);
      out.push_back(kHex[cp & 15]);
    } else if (cp <= 0xFFFF) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 15]);
    } else {
      out += "\\U";
      for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 15]);
    }
  }
  out.push_back(quote);
}

Ref<Object> str_repr(const Object* o) {
  std::string out;
  str_repr_append(out, str_view(o), false);
  return str_new_known(out, utf8::count(out), str_is_ascii(o));
}

// --- codecs ------------------------------------------------------------------------------------

namespace {

std::string normalise_name(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c == '_' || c == ' ') c = '-';
    n.push_back(c);
  }
  return n;
}

enum class ErrMode { Strict, Ignore, Replace, BackslashReplace, XmlCharRefReplace };

ErrMode lookup_errors(std::string_view errors, bool encoding) {
  if (errors == "strict") return ErrMode::Strict;
  if (errors == "ignore") return ErrMode::Ignore;
  if (errors == "replace") return ErrMode::Replace;
  if (errors == "backslashreplace") return ErrMode::BackslashReplace;
  if (encoding && errors == "xmlcharrefreplace") return ErrMode::XmlCharRefReplace;
  raise_fmt(Exc_LookupError, "unknown error handler name '%.*s'", static_cast<int>(errors.size()), errors.data());
}

const char* codec_name(Codec c) noexcept {
  switch (c) {
    case Codec::Utf8: return "utf-8";
    case Codec::Ascii: return "ascii";
    case Codec::Latin1: return "latin-1";
  }
  return "?";
}

void append_hex_escape(std::string& out, char kind, uint32_t v, int digits) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('\\');
  out.push_back(kind);
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 15]);
}

// UnicodeDecodeError(encoding, object, start, end, reason), as CPython builds it
// (its str() gives "'utf-8' codec can't decode byte 0xff in position 0: ...").
[[noreturn]] void raise_decode_error(ThreadState& ts, Codec c, std::string_view data, size_t pos, size_t len,
                                     const char* reason) {
  Ref<Object> enc = str_new(codec_name(c)), obj = bytes_new(data), start = int_from_u64(pos),
              end = int_from_u64(pos + (len ? len : 1)), why = str_new(reason);
  Ref<Object> args = tuple_pack({enc.get(), obj.get(), start.get(), end.get(), why.get()});
  raise_obj(exception_new_args(ts, Exc_UnicodeDecodeError, args));
}

// UnicodeEncodeError(encoding, str, start, end, reason).
[[noreturn]] void raise_encode_error(ThreadState& ts, Codec c, Object* s, size_t start, size_t end,
                                     const char* reason) {
  Ref<Object> enc = str_new(codec_name(c)), st = int_from_u64(start), en = int_from_u64(end), why = str_new(reason);
  Ref<Object> args = tuple_pack({enc.get(), s, st.get(), en.get(), why.get()});
  raise_obj(exception_new_args(ts, Exc_UnicodeEncodeError, args));
}

}  // namespace

Codec lookup_codec(std::string_view name) {
  std::string n = normalise_name(name);
  if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") return Codec::Utf8;
  if (n == "ascii" || n == "us-ascii" || n == "646") return Codec::Ascii;
  if (n == "latin-1" || n == "latin1" || n == "iso-8859-1" || n == "iso8859-1" || n == "8859" || n == "l1" ||
      n == "latin" || n == "cp819" || n == "iso-ir-100")
    return Codec::Latin1;
  raise_fmt(Exc_LookupError, "unknown encoding: %.*s", static_cast<int>(name.size()), name.data());
}

Ref<Object> decode_to_str(ThreadState& ts, std::string_view data, std::string_view encoding, std::string_view errors) {
  Codec codec = lookup_codec(encoding);
  const size_t n = data.size();
  if (utf8::is_ascii(data.data(), n)) return str_new_known(data, n, true);  // valid in every codec here
  if (codec == Codec::Latin1) {
    std::string out;
    out.reserve(n * 2);
    for (char c : data) utf8::append(out, static_cast<unsigned char>(c));
    return str_new_known(out, n, false);
  }
  if (codec == Codec::Utf8) {
    size_t pos = 0, len = 0;
    utf8::Utf8Error e = utf8::validate(data.data(), n, pos, len);
    if (e == utf8::Utf8Error::None) return str_new(data);
    ErrMode mode = lookup_errors(errors, false);
    std::string out;
    size_t i = 0;
    for (;;) {
      const char* reason = e == utf8::Utf8Error::InvalidStart          ? "invalid start byte"
                           : e == utf8::Utf8Error::InvalidContinuation ? "invalid continuation byte"
                                                                        : "unexpected end of data";
      if (mode == ErrMode::Strict) raise_decode_error(ts, codec, data, i + pos, len, reason);
      out.append(data.substr(i, pos));
      if (mode == ErrMode::Replace) {
        utf8::append(out, 0xFFFD);
      } else if (mode == ErrMode::BackslashReplace) {
        for (size_t k = 0; k < len; ++k) append_hex_escape(out, 'x', static_cast<unsigned char>(data[i + pos + k]), 2);
      }
      i += pos + len;
      if (i >= n) break;
      e = utf8::validate(data.data() + i, n - i, pos, len);
      if (e == utf8::Utf8Error::None) {
        out.append(data.substr(i));
        break;
      }
    }
    return str_new(out);
  }
  // ASCII with non-ASCII bytes.
  ErrMode mode = lookup_errors(errors, false);
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    auto b = static_cast<unsigned char>(data[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      continue;
    }
    if (mode == ErrMode::Strict) raise_decode_error(ts, codec, data, i, 1, "ordinal not in range(128)");
    if (mode == ErrMode::Replace) utf8::append(out, 0xFFFD);
    else if (mode == ErrMode::BackslashReplace) append_hex_escape(out, 'x', b, 2);
  }
  return str_new(out);
}

Ref<Object> encode_from_str(ThreadState& ts, Object* s, std::string_view encoding, std::string_view errors) {
  Codec codec = lookup_codec(encoding);
  std::string_view v = str_view(s);
  if (codec == Codec::Utf8 || str_is_ascii(s)) return bytes_new(v);
  const uint32_t limit = codec == Codec::Ascii ? 0x80 : 0x100;
  std::string out;
  out.reserve(v.size());
  const char* p = v.data();
  const char* end = p + v.size();
  size_t index = 0;
  ErrMode mode = ErrMode::Strict;
  bool mode_known = false;
  while (p < end) {
    uint32_t cp = utf8::decode(p);
    if (cp < limit) {
      out.push_back(static_cast<char>(cp));
      ++index;
      continue;
    }
    if (!mode_known) {
      mode = lookup_errors(errors, true);
      mode_known = true;
    }
    if (mode == ErrMode::Strict) {
      // CPython reports the whole run of unencodable characters.
      size_t run = 1;
      const char* q = p;
      while (q < end) {
        const char* r = q;
        if (utf8::decode(r) < limit) break;
        q = r;
        ++run;
      }
      raise_encode_error(ts, codec, s, index, index + run,
                         limit == 0x80 ? "ordinal not in range(128)" : "ordinal not in range(256)");
    }
    if (mode == ErrMode::Replace) {
      out.push_back('?');
    } else if (mode == ErrMode::BackslashReplace) {
      if (cp <= 0xFF) append_hex_escape(out, 'x', cp, 2);
      else if (cp <= 0xFFFF) append_hex_escape(out, 'u', cp, 4);
      else append_hex_escape(out, 'U', cp, 8);
    } else if (mode == ErrMode::XmlCharRefReplace) {
      out += "&#" + std::to_string(cp) + ";";
    }
    ++index;
  }
  return bytes_new(out);
}

// --- slots -------------------------------------------------------------------------------------

namespace {

Ref<Object> str_repr_slot(ThreadState&, Object* self) { return str_repr(self); }
Ref<Object> str_str_slot(ThreadState&, Object* self) { return newref(self); }
int64_t str_hash_slot(ThreadState&, Object* self) { return str_hash(self); }
size_t str_len_slot(ThreadState&, Object* self) { return str_length(self); }
bool str_bool_slot(ThreadState&, Object* self) { return str_size(self) != 0; }

Ref<Object> str_richcompare(ThreadState&, Object* a, Object* b, CompareOp op) {
  if (!is_str(a) || !is_str(b)) return newref(NotImplemented());
  bool r;
  switch (op) {
    case CompareOp::EQ: r = str_equal(a, b); break;
    case CompareOp::NE: r = !str_equal(a, b); break;
    case CompareOp::LT: r = str_compare(a, b) < 0; break;
    case CompareOp::LE: r = str_compare(a, b) <= 0; break;
    case CompareOp::GT: r = str_compare(a, b) > 0; break;
    default: r = str_compare(a, b) >= 0; break;
  }
  return bool_ref(r);
}

bool str_contains_slot(ThreadState&, Object* self, Object* item) {
  if (!is_str(item))
    raise_fmt(Exc_TypeError, "'in <string>' requires string as left operand, not %s", type_name(item));
  std::string_view hay = str_view(self), needle = str_view(item);
  if (needle.size() == 1) return std::memchr(hay.data(), needle[0], hay.size()) != nullptr;
  if (needle.empty()) return true;
  return memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

Ref<Object> str_add(ThreadState&, Object* a, Object* b) {
  if (is_str(a) && is_str(b)) return str_concat(a, b);
  // CPython's sq_concat message, used when the right operand cannot help.
  if (is_str(a) && !type_of(b)->nb[NB_ADD])
    raise_fmt(Exc_TypeError, "can only concatenate str (not \"%s\") to str", type_name(b));
  return newref(NotImplemented());
}

Ref<Object> str_repeat(Object* s, int64_t n) {
  size_t size = str_size(s);
  if (n <= 0 || size == 0) return str_empty();
  if (n == 1) return newref(s);
  if (static_cast<uint64_t>(n) > (SIZE_MAX >> 3) / size) raise(Exc_OverflowError, "repeated string is too long");
  size_t total = size * static_cast<size_t>(n);
  Ref<Object> r = str_alloc(total, str_length(s) * static_cast<size_t>(n), str_is_ascii(s));
  char* out = str_mut_data(r);
  if (size == 1) {
    std::memset(out, str_data(s)[0], total);
  } else {
    std::memcpy(out, str_data(s), size);
    size_t done = size;
    while (done < total) {  // doubling copies
      size_t chunk = done < total - done ? done : total - done;
      std::memcpy(out + done, out, chunk);
      done += chunk;
    }
  }
  return r;
}

Ref<Object> str_mul(ThreadState& ts, Object* a, Object* b) {
  int64_t n;
  if (!seq_repeat_count(ts, a, b, &Str_type, NB_MULTIPLY, n)) return newref(NotImplemented());
  return str_repeat(is_str(a) ? a : b, n);
}

Ref<Object> str_mod(ThreadState& ts, Object* a, Object* b) {
  if (!is_str(a)) return newref(NotImplemented());
  return str_percent_format(ts, a, b);
}

Ref<Object> str_slice(ThreadState& ts, Object* self, Object* key) {
  const size_t len = str_length(self);
  int64_t start, stop, step;
  int64_t n = slice_indices(ts, key, static_cast<int64_t>(len), start, stop, step);
  if (n <= 0) return str_empty();
  const bool ascii = str_is_ascii(self);
  const char* data = str_data(self);
  if (step == 1) {
    if (ascii) return str_substr(self, static_cast<size_t>(start), static_cast<size_t>(n), static_cast<size_t>(n));
    size_t off = utf8::offset_of(str_view(self), static_cast<size_t>(start));
    size_t end = off + utf8::offset_of(str_view(self).substr(off), static_cast<size_t>(n));
    return str_substr(self, off, end - off, static_cast<size_t>(n));
  }
  if (ascii) {
    Ref<Object> r = str_alloc(static_cast<size_t>(n), static_cast<size_t>(n), true);
    char* out = str_mut_data(r);
    for (int64_t i = 0, j = start; i < n; ++i, j += step) out[i] = data[j];
    if (n == 1) return str_char(static_cast<unsigned char>(out[0]));
    return r;
  }
  // Non-ASCII with a step: decode once, then pick.
  std::vector<uint32_t> cps;
  cps.reserve(len);
  const char* p = data;
  const char* end = data + str_size(self);
  while (p < end) cps.push_back(utf8::decode(p));
  std::vector<uint32_t> picked(static_cast<size_t>(n));
  for (int64_t i = 0, j = start; i < n; ++i, j += step) picked[static_cast<size_t>(i)] = cps[static_cast<size_t>(j)];
  return str_from_utf32(picked.data(), picked.size());
}

Ref<Object> str_getitem_slot(ThreadState& ts, Object* self, Object* key) {
  int64_t i;
  if (is_int(key) && int_is_small(key)) {
    i = int_small_value(key);
  } else if (type_check_exact(key, &Slice_type)) {
    return str_slice(ts, self, key);
  } else if (!seq_index_key(ts, key, i)) {
    raise_fmt(Exc_TypeError, "string indices must be integers, not '%s'", type_name(key));
  }
  return str_index(self, i);
}

}  // namespace

Ref<Object> str_index(const Object* o, int64_t i) {
  const int64_t len = static_cast<int64_t>(str_length(o));
  if (i < 0) i += len;
  if (i < 0 || i >= len) raise(Exc_IndexError, "string index out of range");
  if (str_is_ascii(o)) return newref(latin1_char(static_cast<unsigned char>(str_data(o)[i])));
  return str_char(str_char_at(o, static_cast<size_t>(i)));
}

// --- str() -------------------------------------------------------------------------------------

namespace {

Ref<Object> str_new_slot(ThreadState& ts, TypeObject*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 3) raise_fmt(Exc_TypeError, "str() takes at most 3 arguments (%zu given)", nargs);
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kw = str_view(tuple_get(kwnames, k));
    if (kw != "object" && kw != "encoding" && kw != "errors")
      raise_fmt(Exc_TypeError, "'%.*s' is an invalid keyword argument for str()", static_cast<int>(kw.size()),
                kw.data());
  }
  Object* a[3];
  parse_args("str", args, nargs, kwnames, {"object", "encoding", "errors"}, 0, a);
  Object* obj = a[0];
  if (!a[1] && !a[2]) return obj ? str(ts, obj) : str_empty();
  auto text_arg = [](Object* o, const char* what) -> std::string_view {
    if (!is_str(o)) raise_fmt(Exc_TypeError, "str() argument '%s' must be str, not %s", what, type_name(o));
    return str_view(o);
  };
  std::string_view encoding = a[1] ? text_arg(a[1], "encoding") : "utf-8";
  std::string_view errors = a[2] ? text_arg(a[2], "errors") : "strict";
  if (!obj) return str_empty();
  if (is_str(obj)) raise(Exc_TypeError, "decoding str is not supported");
  if (!type_check(obj, &Bytes_type))
    raise_fmt(Exc_TypeError, "decoding to str: need a bytes-like object, %s found", type_name(obj));
  return decode_to_str(ts, bytes_view(obj), encoding, errors);
}

// --- iterators ---------------------------------------------------------------------------------

struct StrIterObject : Object {
  Object* str;    // strong; null once exhausted
  size_t offset;  // byte offset of the next code point
  size_t index;   // code points already produced
};

Ref<Object> str_iter(ThreadState&, Object* self) {
  TypeObject* t = str_is_ascii(self) ? &StrAsciiIter_type : &StrIter_type;
  auto* it = alloc_object<StrIterObject>(t);
  it->str = self;
  incref(self);
  return steal<Object>(it);
}

void str_iter_dealloc(Object* o) noexcept {
  xdecref(static_cast<StrIterObject*>(o)->str);
  object_free(o, sizeof(StrIterObject));
}

Ref<Object> str_iter_next(ThreadState&, Object* o) {
  auto* it = static_cast<StrIterObject*>(o);
  Object* s = it->str;
  if (!s) return nullptr;
  if (it->offset >= str_size(s)) {
    it->str = nullptr;
    decref(s);
    return nullptr;
  }
  const char* p = str_data(s) + it->offset;
  uint32_t cp = static_cast<unsigned char>(*p);
  if (cp < 0x80) {
    ++it->offset;
  } else {
    const char* q = p;
    cp = utf8::decode(q);
    it->offset += static_cast<size_t>(q - p);
  }
  ++it->index;
  return cp < 256 ? newref(latin1_char(cp)) : str_char(cp);
}

Ref<Object> self_iter(ThreadState&, Object* self) { return newref(self); }

Ref<Object> str_iter_length_hint(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("__length_hint__", kwnames);
  check_nargs("__length_hint__", nargs, 0, 0);
  auto* it = static_cast<StrIterObject*>(self);
  return int_from_i64(it->str ? static_cast<int64_t>(str_length(it->str) - it->index) : 0);
}

const MethodDef str_iter_methods[] = {
    {"__length_hint__", str_iter_length_hint, METH_DEFAULT, "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr},
};

void setup_str(TypeObject& t) {
  t.name = "str";
  t.basicsize = sizeof(StrObject);
  t.itemsize = 1;
  t.flags = TPFLAG_STR_SUBCLASS | TPFLAG_IMMUTABLE;
  t.doc =
      "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
      "Create a new string object from the given object.";
  t.dealloc = str_dealloc;
  t.dealloc_is_leaf = true;  // frees only its own memory
  t.repr = str_repr_slot;
  t.str = str_str_slot;
  t.hash = str_hash_slot;
  t.richcompare = str_richcompare;
  t.iter = str_iter;
  t.new_ = str_new_slot;
  t.nb[NB_ADD] = str_add;
  t.nb[NB_MULTIPLY] = str_mul;
  t.nb[NB_REMAINDER] = str_mod;
  t.nb_bool = str_bool_slot;
  t.len = str_len_slot;
  t.getitem = str_getitem_slot;
  t.contains = str_contains_slot;
  t.methods = str_methods;
}

void setup_iter_common(TypeObject& t) {
  t.basicsize = sizeof(StrIterObject);
  t.flags = TPFLAG_IMMUTABLE;
  t.dealloc = str_iter_dealloc;
  t.iter = self_iter;
  t.iternext = str_iter_next;
  t.methods = str_iter_methods;
}
void setup_str_iter(TypeObject& t) {
  t.name = "str_iterator";
  setup_iter_common(t);
}
void setup_str_ascii_iter(TypeObject& t) {
  t.name = "str_ascii_iterator";
  setup_iter_common(t);
}

}  // namespace

GK_REGISTER_TYPE(Str_type, setup_str);
GK_REGISTER_TYPE(StrIter_type, setup_str_iter);
GK_REGISTER_TYPE(StrAsciiIter_type, setup_str_ascii_iter);

}  // namespace gk
