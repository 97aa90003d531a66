// runtime/objects/str_methods.cpp — the methods of str (the MethodDef table
// str_methods): searching (find/index/count/startswith/...), splitting and
// joining, stripping, replacing, padding, case conversion, the is*()
// predicates, partition, expandtabs, encode, translate/maketrans.
// Formatting methods (format, format_map, __format__) are in str_format.cpp.
//
// Indices: str methods take code-point indices. ASCII strings map them to
// bytes 1:1; for other strings the start/end indices are converted to byte
// offsets once (a walk), the search runs on the UTF-8 bytes (UTF-8 is
// self-synchronising, so a byte match of a valid needle is a code-point match),
// and a found offset is converted back by counting code points.
//
// Case mapping and character classes follow Unicode 14 exactly (the tables in
// unicode_ctype.cpp), including one-to-many mappings (ß -> SS) and the
// final-sigma rule of lower()/swapcase()/title()/capitalize().
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bytes.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/str.hpp"
#include "objects/str_internal.hpp"
#include "objects/tuple.hpp"
#include "objects/unicode_ctype.hpp"
#include "objects/utf8.hpp"

namespace gk {

namespace {

// --- argument helpers ---------------------------------------------------------------

// A str argument, or TypeError "<prefix>must be str, not int".
std::string_view str_arg(Object* o, const char* prefix = "") {
  if (!is_str(o)) raise_fmt(Exc_TypeError, "%smust be str, not %s", prefix, type_name(o));
  return str_view(o);
}

// A start/end argument of find() and friends: None -> dflt; ints clamp (like
// slice indices) rather than overflow.
int64_t slice_index_arg(ThreadState& ts, Object* o, int64_t dflt) {
  if (!o || is_none(o)) return dflt;
  Ref<Object> idx;
  if (!is_int(o)) {
    if (!type_of(o)->nb_index) raise(Exc_TypeError, "slice indices must be integers or None or have an __index__ method");
    idx = number_index(ts, o);
    o = idx.get();
  }
  int64_t v;
  if (int_to_i64(o, v)) return v;
  return int_sign(o) < 0 ? INT64_MIN / 4 : INT64_MAX / 4;
}

// An integer argument (width, tabsize, maxsplit): __index__ with CPython's
// "'str' object cannot be interpreted as an integer".
int64_t int_arg(ThreadState& ts, Object* o) {
  if (is_int(o) && int_is_small(o)) return int_small_value(o);
  return index_as_i64(ts, o);
}

// CPython's ADJUST_INDICES for code-point indices on a string of length len.
void adjust_indices(int64_t& start, int64_t& end, int64_t len) noexcept {
  if (end > len) {
    end = len;
  } else if (end < 0) {
    end += len;
    if (end < 0) end = 0;
  }
  if (start < 0) {
    start += len;
    if (start < 0) start = 0;
  }
}

// The bytes of self between code-point indices [start, end) (already adjusted,
// start <= end <= len).
struct Window {
  std::string_view bytes;
  size_t byte_start;
};
Window window(Object* self, int64_t start, int64_t end) {
  std::string_view s = str_view(self);
  if (str_is_ascii(self)) return {s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)),
                                  static_cast<size_t>(start)};
  size_t b0 = utf8::offset_of(s, static_cast<size_t>(start));
  size_t b1 = b0 + utf8::offset_of(s.substr(b0), static_cast<size_t>(end - start));
  return {s.substr(b0, b1 - b0), b0};
}

// Byte-level search helpers; npos when absent.
constexpr size_t npos = std::string_view::npos;
// Short needles: memchr for the first byte, then compare the rest (cheap to
// start, which matters for count/replace/split calling it repeatedly); long
// needles use glibc's two-way memmem (linear worst case).
size_t bfind(std::string_view hay, std::string_view needle) noexcept {
  const size_t m = needle.size();
  if (m == 0) return 0;
  if (m > hay.size()) return npos;
  const char* h = hay.data();
  if (m == 1) {
    const void* p = std::memchr(h, needle[0], hay.size());
    return p ? static_cast<size_t>(static_cast<const char*>(p) - h) : npos;
  }
  if (m <= 16) {
    const char first = needle[0];
    const char* last = h + (hay.size() - m);  // last possible start
    for (const char* p = h; p <= last;) {
      p = static_cast<const char*>(std::memchr(p, first, static_cast<size_t>(last - p) + 1));
      if (!p) return npos;
      if (std::memcmp(p + 1, needle.data() + 1, m - 1) == 0) return static_cast<size_t>(p - h);
      ++p;
    }
    return npos;
  }
  const void* p = memmem(h, hay.size(), needle.data(), m);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - h) : npos;
}
size_t brfind(std::string_view hay, std::string_view needle) noexcept {
  if (needle.empty()) return hay.size();
  if (needle.size() > hay.size()) return npos;
  if (needle.size() == 1) {
    const void* p = memrchr(hay.data(), needle[0], hay.size());
    return p ? static_cast<size_t>(static_cast<const char*>(p) - hay.data()) : npos;
  }
  return hay.rfind(needle);
}
// Non-overlapping occurrences, at most maxcount.
size_t bcount(std::string_view hay, std::string_view needle, size_t maxcount) noexcept {
  size_t n = 0, pos = 0;
  while (n < maxcount) {
    size_t f = bfind(hay.substr(pos), needle);
    if (f == npos) break;
    ++n;
    pos += f + needle.size();
  }
  return n;
}

// Code points in the bytes [0, off) of a window.
int64_t cp_index(Object* self, const Window& w, size_t off) noexcept {
  return static_cast<int64_t>(str_is_ascii(self) ? w.byte_start + off
                                                 : utf8::count(str_view(self).substr(0, w.byte_start + off)));
}

Ref<Object> sub(Object* self, std::string_view part) {
  const char* base = str_data(self);
  size_t off = static_cast<size_t>(part.data() - base);
  size_t len = str_is_ascii(self) ? part.size() : utf8::count(part);
  return str_substr(self, off, part.size(), len);
}

// Builds a list from owned items.
Ref<Object> make_list(std::vector<Ref<Object>>& items) {
  Ref<Object> l = list_new(items.size());
  for (size_t i = 0; i < items.size(); ++i) list_set_steal(l, i, items[i].release());
  return l;
}

// --- find / index / count -------------------------------------------------------------

enum class Dir { Forward, Backward };

// Shared by find/rfind/index/rindex: the code-point index or -1.
int64_t find_impl(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                  Dir dir) {
  check_no_kwargs(name, kwnames);
  if (nargs < 1) raise_fmt(Exc_TypeError, "%s() takes at least 1 argument (0 given)", name);
  if (nargs > 3) raise_fmt(Exc_TypeError, "%s() takes at most 3 arguments (%zu given)", name, nargs);
  std::string_view needle = str_arg(args[0]);
  int64_t start = slice_index_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_index_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  const int64_t len = static_cast<int64_t>(str_length(self));
  adjust_indices(start, end, len);
  if (start > len || end - start < static_cast<int64_t>(str_length(args[0]))) return -1;
  Window w = window(self, start, end);
  size_t off = dir == Dir::Forward ? bfind(w.bytes, needle) : brfind(w.bytes, needle);
  if (off == npos) return -1;
  return cp_index(self, w, off);
}

Ref<Object> m_find(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return int_from_i64(find_impl(ts, self, a, n, kw, "find", Dir::Forward));
}
Ref<Object> m_rfind(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return int_from_i64(find_impl(ts, self, a, n, kw, "rfind", Dir::Backward));
}
Ref<Object> m_index(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  int64_t i = find_impl(ts, self, a, n, kw, "index", Dir::Forward);
  if (i < 0) raise(Exc_ValueError, "substring not found");
  return int_from_i64(i);
}
Ref<Object> m_rindex(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  int64_t i = find_impl(ts, self, a, n, kw, "rindex", Dir::Backward);
  if (i < 0) raise(Exc_ValueError, "substring not found");
  return int_from_i64(i);
}

Ref<Object> m_count(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("count", kwnames);
  if (nargs < 1) raise(Exc_TypeError, "count() takes at least 1 argument (0 given)");
  if (nargs > 3) raise_fmt(Exc_TypeError, "count() takes at most 3 arguments (%zu given)", nargs);
  std::string_view needle = str_arg(args[0]);
  int64_t start = slice_index_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_index_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  const int64_t len = static_cast<int64_t>(str_length(self));
  adjust_indices(start, end, len);
  if (start > len || end < start) return int_from_i64(0);
  if (needle.empty()) return int_from_i64(end - start + 1);
  Window w = window(self, start, end);
  return int_from_i64(static_cast<int64_t>(bcount(w.bytes, needle, SIZE_MAX)));
}

// startswith / endswith
bool tail_match(ThreadState&, Object* self, Object* sub, int64_t start, int64_t end, bool at_end) {
  const int64_t len = static_cast<int64_t>(str_length(self));
  const int64_t sublen = static_cast<int64_t>(str_length(sub));
  adjust_indices(start, end, len);
  if (start > len || end - start < sublen) return false;
  if (sublen == 0) return true;
  Window w = window(self, start, end);
  std::string_view needle = str_view(sub);
  if (w.bytes.size() < needle.size()) return false;
  return at_end ? w.bytes.substr(w.bytes.size() - needle.size()) == needle : w.bytes.substr(0, needle.size()) == needle;
}

Ref<Object> starts_ends(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames,
                        const char* name, bool at_end) {
  check_no_kwargs(name, kwnames);
  if (nargs < 1) raise_fmt(Exc_TypeError, "%s() takes at least 1 argument (0 given)", name);
  if (nargs > 3) raise_fmt(Exc_TypeError, "%s() takes at most 3 arguments (%zu given)", name, nargs);
  int64_t start = slice_index_arg(ts, nargs > 1 ? args[1] : nullptr, 0);
  int64_t end = slice_index_arg(ts, nargs > 2 ? args[2] : nullptr, INT64_MAX / 4);
  Object* what = args[0];
  if (is_tuple(what)) {
    for (size_t i = 0; i < tuple_size(what); ++i) {
      Object* item = tuple_get(what, i);
      if (!is_str(item))
        raise_fmt(Exc_TypeError, "tuple for %s must only contain str, not %s", name, type_name(item));
      if (tail_match(ts, self, item, start, end, at_end)) return bool_ref(true);
    }
    return bool_ref(false);
  }
  if (!is_str(what))
    raise_fmt(Exc_TypeError, "%s first arg must be str or a tuple of str, not %s", name, type_name(what));
  return bool_ref(tail_match(ts, self, what, start, end, at_end));
}
Ref<Object> m_startswith(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return starts_ends(ts, self, a, n, kw, "startswith", false);
}
Ref<Object> m_endswith(ThreadState& ts, Object* self, Object* const* a, size_t n, Object* kw) {
  return starts_ends(ts, self, a, n, kw, "endswith", true);
}

// --- split / join ---------------------------------------------------------------------------

// ASCII whitespace as str.isspace() sees it: \t \n \v \f \r, \x1c-\x1f, space.
struct AsciiSpaceTable {
  bool t[256] = {};
  constexpr AsciiSpaceTable() {
    for (int c = 0x09; c <= 0x0D; ++c) t[c] = true;
    for (int c = 0x1C; c <= 0x1F; ++c) t[c] = true;
    t[' '] = true;
  }
};
constexpr AsciiSpaceTable kSpace;
inline bool is_space_byte(unsigned char c) noexcept { return kSpace.t[c]; }

size_t space_at_slow(std::string_view s, size_t i) noexcept {
  const char* p = s.data() + i;
  uint32_t cp = utf8::decode(p);
  return uni::is_space(cp) ? static_cast<size_t>(p - (s.data() + i)) : 0;
}
size_t space_before_slow(std::string_view s, size_t i) noexcept {
  const char* p = s.data() + i;
  uint32_t cp = utf8::decode_back(p);
  return uni::is_space(cp) ? static_cast<size_t>(s.data() + i - p) : 0;
}
// Whitespace at s[i] (a code-point boundary): its byte length, or 0.
inline size_t space_at(std::string_view s, size_t i) noexcept {
  auto c = static_cast<unsigned char>(s[i]);
  return c < 0x80 ? kSpace.t[c] : space_at_slow(s, i);
}
// Whitespace ending at s[i) : its byte length, or 0.
inline size_t space_before(std::string_view s, size_t i) noexcept {
  auto c = static_cast<unsigned char>(s[i - 1]);
  return c < 0x80 ? kSpace.t[c] : space_before_slow(s, i);
}
size_t next_cp(std::string_view s, size_t i) noexcept {
  return i + utf8::seq_len(static_cast<unsigned char>(s[i]));
}
size_t prev_cp(std::string_view s, size_t i) noexcept {
  do {
    --i;
  } while (i > 0 && utf8::is_cont(static_cast<unsigned char>(s[i])));
  return i;
}

void parse_split_args(ThreadState& ts, const char* name, Object* const* args, size_t nargs, Object* kwnames,
                      Object*& sep, int64_t& maxsplit) {
  if (nargs > 2) raise_fmt(Exc_TypeError, "%s() takes at most 2 arguments (%zu given)", name, nargs);
  Object* a[2];
  parse_args(name, args, nargs, kwnames, {"sep", "maxsplit"}, 0, a);
  sep = (a[0] && !is_none(a[0])) ? a[0] : nullptr;
  if (sep) {
    if (!is_str(sep)) raise_fmt(Exc_TypeError, "must be str or None, not %s", type_name(sep));
    if (str_size(sep) == 0) raise(Exc_ValueError, "empty separator");
  }
  maxsplit = a[1] ? int_arg(ts, a[1]) : -1;
  if (maxsplit < 0) maxsplit = INT64_MAX;
}

Ref<Object> m_split(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* sep;
  int64_t maxsplit;
  parse_split_args(ts, "split", args, nargs, kwnames, sep, maxsplit);
  std::string_view s = str_view(self);
  std::vector<Ref<Object>> out;
  if (sep) {
    std::string_view needle = str_view(sep);
    size_t pos = 0;
    if (needle.size() == 1 && str_is_ascii(self)) {  // the common case: memchr, ASCII pieces
      const char* base = s.data();
      const size_t n = s.size();
      while (maxsplit > 0) {
        const void* hit = std::memchr(base + pos, needle[0], n - pos);
        if (!hit) break;
        size_t f = static_cast<size_t>(static_cast<const char*>(hit) - base);
        out.push_back(str_new_known(s.substr(pos, f - pos), f - pos, true));
        pos = f + 1;
        --maxsplit;
      }
      out.push_back(pos == 0 ? newref(self) : str_new_known(s.substr(pos), n - pos, true));
      return make_list(out);
    }
    while (maxsplit > 0) {
      size_t f = bfind(s.substr(pos), needle);
      if (f == npos) break;
      out.push_back(sub(self, s.substr(pos, f)));
      pos += f + needle.size();
      --maxsplit;
    }
    if (pos == 0 && out.empty()) out.push_back(newref(self));
    else out.push_back(sub(self, s.substr(pos)));
    return make_list(out);
  }
  const size_t n = s.size();
  size_t i = 0;
  if (str_is_ascii(self)) {  // the common case: one table lookup per byte
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    for (;;) {
      while (i < n && kSpace.t[u[i]]) ++i;
      if (i >= n) break;
      if (maxsplit == 0) {
        out.push_back(sub(self, s.substr(i)));
        break;
      }
      size_t j = i + 1;
      while (j < n && !kSpace.t[u[j]]) ++j;
      out.push_back(str_new_known(s.substr(i, j - i), j - i, true));
      --maxsplit;
      i = j;
    }
    return make_list(out);
  }
  for (;;) {
    size_t k;
    while (i < n && (k = space_at(s, i))) i += k;
    if (i >= n) break;
    if (maxsplit == 0) {  // the rest, as is (trailing whitespace kept, as CPython)
      out.push_back(sub(self, s.substr(i)));
      break;
    }
    size_t j = i;
    while (j < n && !space_at(s, j)) j = next_cp(s, j);
    out.push_back(sub(self, s.substr(i, j - i)));
    --maxsplit;
    i = j;
  }
  return make_list(out);
}

Ref<Object> m_rsplit(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* sep;
  int64_t maxsplit;
  parse_split_args(ts, "rsplit", args, nargs, kwnames, sep, maxsplit);
  std::string_view s = str_view(self);
  std::vector<Ref<Object>> out;
  if (sep) {
    std::string_view needle = str_view(sep);
    size_t end = s.size();
    while (maxsplit > 0) {
      size_t f = brfind(s.substr(0, end), needle);
      if (f == npos) break;
      out.push_back(sub(self, s.substr(f + needle.size(), end - f - needle.size())));
      end = f;
      --maxsplit;
    }
    out.push_back(out.empty() ? newref(self) : sub(self, s.substr(0, end)));
  } else {
    size_t j = s.size();
    for (;;) {
      size_t k;
      while (j > 0 && (k = space_before(s, j))) j -= k;
      if (j == 0) break;
      if (maxsplit == 0) {  // the rest, leading whitespace kept
        out.push_back(sub(self, s.substr(0, j)));
        break;
      }
      size_t i = j;
      while (i > 0 && !space_before(s, i)) i = prev_cp(s, i);
      out.push_back(sub(self, s.substr(i, j - i)));
      --maxsplit;
      j = i;
    }
  }
  std::reverse(out.begin(), out.end());
  return make_list(out);
}

// Line break at s[i]: its byte length, or 0 (\r\n counts as one, length 2).
size_t line_break_at(std::string_view s, size_t i) noexcept {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    if (c == '\r') return (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    return (c == '\n' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E)) ? 1 : 0;
  }
  const char* p = s.data() + i;
  uint32_t cp = utf8::decode(p);
  return (cp == 0x85 || cp == 0x2028 || cp == 0x2029) ? static_cast<size_t>(p - (s.data() + i)) : 0;
}

Ref<Object> m_splitlines(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 1) raise_fmt(Exc_TypeError, "splitlines() takes at most 1 argument (%zu given)", nargs);
  Object* a[1];
  parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, a);
  bool keepends = a[0] && int_arg(ts, a[0]) != 0;
  std::string_view s = str_view(self);
  std::vector<Ref<Object>> out;
  size_t i = 0, start = 0;
  while (i < s.size()) {
    size_t k = line_break_at(s, i);
    if (!k) {
      i = next_cp(s, i);
      continue;
    }
    size_t eol = keepends ? i + k : i;
    out.push_back(sub(self, s.substr(start, eol - start)));
    i += k;
    start = i;
  }
  if (start < s.size()) out.push_back(start == 0 ? newref(self) : sub(self, s.substr(start)));
  return make_list(out);
}

Ref<Object> m_join(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.join", kwnames);
  check_nargs("str.join", nargs, 1, 1);
  Object* iterable = args[0];
  Ref<Object> holder;
  Object* const* items;
  size_t n;
  std::optional<CriticalSection> cs;
  if (is_list(iterable)) {
    // Used in place: nothing below runs Python code, and the list's critical
    // section keeps another thread from changing it between the two passes.
    cs.emplace(iterable);
    items = list_items(iterable);
    n = list_size(iterable);
  } else if (is_tuple(iterable)) {
    items = tuple_items(iterable);
    n = tuple_size(iterable);
  } else {
    if (!type_of(iterable)->iter && !type_of(iterable)->getitem) raise(Exc_TypeError, "can only join an iterable");
    holder = tuple_from_iterable(ts, iterable);
    items = tuple_items(holder);
    n = tuple_size(holder);
  }
  if (n == 0) return str_empty();
  const size_t seplen = str_size(self);
  size_t total = seplen * (n - 1), cps = str_length(self) * (n - 1);
  bool ascii = str_is_ascii(self);
  for (size_t i = 0; i < n; ++i) {
    Object* it = items[i];
    if (!is_str(it)) raise_fmt(Exc_TypeError, "sequence item %zu: expected str instance, %s found", i, type_name(it));
    total += str_size(it);
    cps += str_length(it);
    ascii &= str_is_ascii(it);
  }
  if (n == 1 && type_check_exact(items[0], &Str_type)) return newref(items[0]);
  Ref<Object> r = str_alloc(total, cps, ascii);
  if (total == 0) return r;
  char* out = str_mut_data(r);
  const char* sep = str_data(self);
  for (size_t i = 0; i < n; ++i) {
    if (i && seplen) {
      if (seplen == 1) *out++ = *sep;
      else {
        std::memcpy(out, sep, seplen);
        out += seplen;
      }
    }
    size_t k = str_size(items[i]);
    std::memcpy(out, str_data(items[i]), k);
    out += k;
  }
  return r;
}

// --- strip / replace / prefix -------------------------------------------------------------

Ref<Object> strip_impl(Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name, bool left,
                       bool right) {
  check_no_kwargs(name, kwnames);
  if (nargs > 1) raise_fmt(Exc_TypeError, "%s expected at most 1 argument, got %zu", name, nargs);
  Object* chars = nargs ? args[0] : nullptr;
  if (chars && is_none(chars)) chars = nullptr;
  if (chars && !is_str(chars)) raise_fmt(Exc_TypeError, "%s arg must be None or str", name);
  std::string_view s = str_view(self);
  size_t i = 0, j = s.size();
  if (!chars) {
    size_t k;
    if (left)
      while (i < j && (k = space_at(s, i))) i += k;
    if (right)
      while (j > i && (k = space_before(s, j))) j -= k;
  } else if (str_is_ascii(chars)) {
    // An ASCII set as a bitmap; bytes >= 0x80 (parts of non-ASCII code
    // points) are never in it, so stripping stops at them as it should.
    uint64_t set[2] = {0, 0};
    for (unsigned char c : str_view(chars)) set[c >> 6] |= uint64_t(1) << (c & 63);
    auto in_set = [&](unsigned char c) { return c < 0x80 && ((set[c >> 6] >> (c & 63)) & 1); };
    if (left)
      while (i < j && in_set(static_cast<unsigned char>(s[i]))) ++i;
    if (right)
      while (j > i && in_set(static_cast<unsigned char>(s[j - 1]))) --j;
  } else {
    std::vector<uint32_t> set;
    std::string_view cs = str_view(chars);
    for (const char* p = cs.data(); p < cs.data() + cs.size();) set.push_back(utf8::decode(p));
    auto in_set = [&](uint32_t c) { return std::find(set.begin(), set.end(), c) != set.end(); };
    if (left) {
      while (i < j) {
        const char* p = s.data() + i;
        if (!in_set(utf8::decode(p))) break;
        i = static_cast<size_t>(p - s.data());
      }
    }
    if (right) {
      while (j > i) {
        const char* p = s.data() + j;
        if (!in_set(utf8::decode_back(p))) break;
        j = static_cast<size_t>(p - s.data());
      }
    }
  }
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
  std::string_view old = str_arg(args[0], "replace() argument 1 ");
  std::string_view rep = str_arg(args[1], "replace() argument 2 ");
  int64_t count = nargs > 2 ? int_arg(ts, args[2]) : -1;
  size_t maxcount = count < 0 ? SIZE_MAX : static_cast<size_t>(count);
  std::string_view s = str_view(self);
  if (maxcount == 0) return newref(self);
  size_t nfound;
  if (old.empty()) {
    nfound = str_length(self) + 1;
    if (nfound > maxcount) nfound = maxcount;
  } else {
    nfound = bcount(s, old, maxcount);
  }
  if (nfound == 0) return newref(self);
  const size_t total = s.size() + nfound * rep.size() - (old.empty() ? 0 : nfound * old.size());
  const size_t cps = str_length(self) + nfound * str_length(args[1]) - nfound * str_length(args[0]);
  Ref<Object> r = str_alloc(total, cps, str_is_ascii(self) && str_is_ascii(args[1]));
  if (total == 0) return r;
  char* out = str_mut_data(r);
  size_t pos = 0;
  for (size_t k = 0; k < nfound; ++k) {
    size_t f;
    if (old.empty()) {
      f = pos;
    } else {
      f = pos + bfind(s.substr(pos), old);
    }
    std::memcpy(out, s.data() + pos, f - pos);
    out += f - pos;
    std::memcpy(out, rep.data(), rep.size());
    out += rep.size();
    if (old.empty()) {
      if (f < s.size()) {
        size_t nx = next_cp(s, f);
        std::memcpy(out, s.data() + f, nx - f);
        out += nx - f;
        pos = nx;
      } else {
        pos = f;
      }
    } else {
      pos = f + old.size();
    }
  }
  std::memcpy(out, s.data() + pos, s.size() - pos);
  return r;
}

Ref<Object> m_removeprefix(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.removeprefix", kwnames);
  check_nargs("str.removeprefix", nargs, 1, 1);
  std::string_view p = str_arg(args[0], "removeprefix() argument ");
  std::string_view s = str_view(self);
  if (!p.empty() && s.substr(0, p.size()) == p) return sub(self, s.substr(p.size()));
  return newref(self);
}
Ref<Object> m_removesuffix(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.removesuffix", kwnames);
  check_nargs("str.removesuffix", nargs, 1, 1);
  std::string_view p = str_arg(args[0], "removesuffix() argument ");
  std::string_view s = str_view(self);
  if (!p.empty() && s.size() >= p.size() && s.substr(s.size() - p.size()) == p)
    return sub(self, s.substr(0, s.size() - p.size()));
  return newref(self);
}

// --- padding --------------------------------------------------------------------------------

uint32_t fill_arg(Object* o) {
  if (!is_str(o)) raise_fmt(Exc_TypeError, "The fill character must be a unicode character, not %s", type_name(o));
  if (str_length(o) != 1) raise(Exc_TypeError, "The fill character must be exactly one character long");
  return str_char_at(o, 0);
}

Ref<Object> pad(Object* self, size_t left, size_t right, uint32_t fill) {
  if (left == 0 && right == 0) return newref(self);
  char fb[4];
  size_t fl = utf8::encode(fb, fill);
  size_t nbytes = str_size(self) + (left + right) * fl;
  Ref<Object> r = str_alloc(nbytes, str_length(self) + left + right, str_is_ascii(self) && fill < 0x80);
  char* out = str_mut_data(r);
  auto put = [&](size_t k) {
    if (fl == 1) {
      std::memset(out, fb[0], k);
      out += k;
    } else {
      for (size_t i = 0; i < k; ++i, out += fl) std::memcpy(out, fb, fl);
    }
  };
  put(left);
  std::memcpy(out, str_data(self), str_size(self));
  out += str_size(self);
  put(right);
  return r;
}

Ref<Object> justify(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                    char how) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 1, 2);
  int64_t width = int_arg(ts, args[0]);
  uint32_t fill = nargs > 1 ? fill_arg(args[1]) : ' ';
  int64_t len = static_cast<int64_t>(str_length(self));
  if (width <= len) return newref(self);
  size_t marg = static_cast<size_t>(width - len);
  switch (how) {
    case '<': return pad(self, 0, marg, fill);
    case '>': return pad(self, marg, 0, fill);
    default: {
      size_t left = marg / 2 + (marg & static_cast<size_t>(width) & 1);
      return pad(self, left, marg - left, fill);
    }
  }
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

Ref<Object> m_zfill(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.zfill", kwnames);
  check_nargs("str.zfill", nargs, 1, 1);
  int64_t width = int_arg(ts, args[0]);
  int64_t len = static_cast<int64_t>(str_length(self));
  if (width <= len) return newref(self);
  size_t fill = static_cast<size_t>(width - len);
  std::string_view s = str_view(self);
  std::string out;
  out.reserve(s.size() + fill);
  size_t head = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  out.append(s.substr(0, head));
  out.append(fill, '0');
  out.append(s.substr(head));
  return str_new_known(out, static_cast<size_t>(width), str_is_ascii(self));
}

Ref<Object> m_expandtabs(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 1) raise_fmt(Exc_TypeError, "expandtabs() takes at most 1 argument (%zu given)", nargs);
  Object* a[1];
  parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, a);
  int64_t tabsize = a[0] ? int_arg(ts, a[0]) : 8;
  std::string_view s = str_view(self);
  if (s.find('\t') == npos) return newref(self);
  std::string out;
  size_t col = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\t') {
      if (tabsize > 0) {
        size_t spaces = static_cast<size_t>(tabsize) - col % static_cast<size_t>(tabsize);
        out.append(spaces, ' ');
        col += spaces;
      }
      ++i;
      continue;
    }
    size_t k = next_cp(s, i);
    out.append(s.substr(i, k - i));
    col = (c == '\n' || c == '\r') ? 0 : col + 1;
    i = k;
  }
  return str_new(out);
}

// --- case conversion ------------------------------------------------------------------------

std::vector<uint32_t> decode_all(Object* self) {
  std::vector<uint32_t> cps;
  cps.reserve(str_length(self));
  std::string_view s = str_view(self);
  for (const char* p = s.data(); p < s.data() + s.size();) cps.push_back(utf8::decode(p));
  return cps;
}

// lower() of cps[i] with Unicode's final-sigma rule: Σ becomes ς when a cased
// letter precedes it and none follows (case-ignorable characters skipped).
int lower_at(const std::vector<uint32_t>& cps, size_t i, uint32_t out[3]) {
  if (cps[i] == 0x3A3) {
    size_t j = i;
    while (j > 0 && uni::is_case_ignorable(cps[j - 1])) --j;
    bool before = j > 0 && uni::is_cased(cps[j - 1]);
    size_t k = i + 1;
    while (k < cps.size() && uni::is_case_ignorable(cps[k])) ++k;
    bool after = k < cps.size() && uni::is_cased(cps[k]);
    out[0] = (before && !after) ? 0x3C2 : 0x3C3;
    return 1;
  }
  return uni::to_lower(cps[i], out);
}

enum class CaseOp { Upper, Lower, Swap, Fold, Capitalize, Title };

// Flips bit 0x20 of every ASCII byte in [lo, hi], eight bytes at a time (SWAR:
// bytes are < 0x80, so per-byte additions never carry into the next byte).
void ascii_flip_case(const unsigned char* in, char* out, size_t n, unsigned char lo, unsigned char hi) noexcept {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t add_lo = kOnes * (0x80 - lo), add_hi = kOnes * (0x80 - (hi + 1));
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, in + i, 8);
    uint64_t ge_lo = w + add_lo, gt_hi = w + add_hi;
    uint64_t mask = (ge_lo & ~gt_hi) & (kOnes * 0x80);
    w ^= mask >> 2;
    std::memcpy(out + i, &w, 8);
  }
  for (; i < n; ++i) out[i] = static_cast<char>((in[i] >= lo && in[i] <= hi) ? in[i] ^ 0x20 : in[i]);
}

Ref<Object> case_convert(Object* self, CaseOp op) {
  std::string_view s = str_view(self);
  if (str_is_ascii(self)) {
    Ref<Object> r = str_alloc(s.size(), s.size(), true);
    if (s.empty()) return r;
    char* out = str_mut_data(r);
    const auto* in = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    if (op == CaseOp::Upper) {
      ascii_flip_case(in, out, n, 'a', 'z');
      return r;
    }
    if (op == CaseOp::Lower || op == CaseOp::Fold) {
      ascii_flip_case(in, out, n, 'A', 'Z');
      return r;
    }
    bool prev_cased = false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
      switch (op) {
        case CaseOp::Upper: c = lo ? static_cast<char>(c - 32) : c; break;
        case CaseOp::Lower:
        case CaseOp::Fold: c = up ? static_cast<char>(c + 32) : c; break;
        case CaseOp::Swap: c = up ? static_cast<char>(c + 32) : lo ? static_cast<char>(c - 32) : c; break;
        case CaseOp::Capitalize:
          c = i == 0 ? (lo ? static_cast<char>(c - 32) : c) : (up ? static_cast<char>(c + 32) : c);
          break;
        case CaseOp::Title:
          c = prev_cased ? (up ? static_cast<char>(c + 32) : c) : (lo ? static_cast<char>(c - 32) : c);
          prev_cased = up || lo;
          break;
      }
      out[i] = c;
    }
    return r;
  }
  std::vector<uint32_t> cps = decode_all(self);
  std::vector<uint32_t> res;
  res.reserve(cps.size() + 4);
  uint32_t m[3];
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    uint32_t c = cps[i];
    int k;
    switch (op) {
      case CaseOp::Upper: k = uni::to_upper(c, m); break;
      case CaseOp::Lower: k = lower_at(cps, i, m); break;
      case CaseOp::Fold: k = uni::to_fold(c, m); break;
      case CaseOp::Swap:
        k = uni::is_upper(c) ? lower_at(cps, i, m) : uni::is_lower(c) ? uni::to_upper(c, m) : (m[0] = c, 1);
        break;
      case CaseOp::Capitalize: k = i == 0 ? uni::to_title(c, m) : lower_at(cps, i, m); break;
      default:  // Title
        k = prev_cased ? lower_at(cps, i, m) : uni::to_title(c, m);
        prev_cased = uni::is_cased(c);
        break;
    }
    res.insert(res.end(), m, m + k);
  }
  return str_from_utf32(res.data(), res.size());
}

#define GK_CASE_METHOD(fn, pyname, op)                                                        \
  Ref<Object> fn(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) { \
    check_no_kwargs("str." pyname, kwnames);                                                  \
    check_nargs("str." pyname, nargs, 0, 0);                                                  \
    return case_convert(self, op);                                                            \
  }
GK_CASE_METHOD(m_upper, "upper", CaseOp::Upper)
GK_CASE_METHOD(m_lower, "lower", CaseOp::Lower)
GK_CASE_METHOD(m_swapcase, "swapcase", CaseOp::Swap)
GK_CASE_METHOD(m_casefold, "casefold", CaseOp::Fold)
GK_CASE_METHOD(m_capitalize, "capitalize", CaseOp::Capitalize)
GK_CASE_METHOD(m_title, "title", CaseOp::Title)
#undef GK_CASE_METHOD

// --- predicates -------------------------------------------------------------------------------

template <class Pred>
bool all_cps(Object* self, Pred pred) {
  std::string_view s = str_view(self);
  if (s.empty()) return false;
  for (const char* p = s.data(); p < s.data() + s.size();) {
    if (!pred(utf8::decode(p))) return false;
  }
  return true;
}

bool pred_lower(Object* self) {
  bool cased = false;
  std::string_view s = str_view(self);
  for (const char* p = s.data(); p < s.data() + s.size();) {
    uint32_t c = utf8::decode(p);
    if (uni::is_upper(c) || uni::is_title(c)) return false;
    cased |= uni::is_lower(c);
  }
  return cased;
}
bool pred_upper(Object* self) {
  bool cased = false;
  std::string_view s = str_view(self);
  for (const char* p = s.data(); p < s.data() + s.size();) {
    uint32_t c = utf8::decode(p);
    if (uni::is_lower(c) || uni::is_title(c)) return false;
    cased |= uni::is_upper(c);
  }
  return cased;
}
bool pred_title(Object* self) {
  bool cased = false, prev_cased = false;
  std::string_view s = str_view(self);
  for (const char* p = s.data(); p < s.data() + s.size();) {
    uint32_t c = utf8::decode(p);
    if (uni::is_upper(c) || uni::is_title(c)) {
      if (prev_cased) return false;
      prev_cased = cased = true;
    } else if (uni::is_lower(c)) {
      if (!prev_cased) return false;
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return cased;
}
bool pred_identifier(Object* self) {
  std::string_view s = str_view(self);
  if (s.empty()) return false;
  const char* p = s.data();
  if (!uni::is_xid_start(utf8::decode(p))) return false;
  while (p < s.data() + s.size()) {
    if (!uni::is_xid_continue(utf8::decode(p))) return false;
  }
  return true;
}
bool pred_printable(Object* self) {
  std::string_view s = str_view(self);
  for (const char* p = s.data(); p < s.data() + s.size();) {
    if (!uni::is_printable(utf8::decode(p))) return false;
  }
  return true;
}

#define GK_PRED_METHOD(fn, pyname, expr)                                                          \
  Ref<Object> fn(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {     \
    check_no_kwargs("str." pyname, kwnames);                                                      \
    check_nargs("str." pyname, nargs, 0, 0);                                                      \
    return bool_ref(expr);                                                                        \
  }
GK_PRED_METHOD(m_isdigit, "isdigit", all_cps(self, uni::is_digit))
GK_PRED_METHOD(m_isdecimal, "isdecimal", all_cps(self, uni::is_decimal))
GK_PRED_METHOD(m_isnumeric, "isnumeric", all_cps(self, uni::is_numeric))
GK_PRED_METHOD(m_isalpha, "isalpha", all_cps(self, uni::is_alpha))
GK_PRED_METHOD(m_isalnum, "isalnum", all_cps(self, uni::is_alnum))
GK_PRED_METHOD(m_isspace, "isspace", all_cps(self, uni::is_space))
GK_PRED_METHOD(m_islower, "islower", pred_lower(self))
GK_PRED_METHOD(m_isupper, "isupper", pred_upper(self))
GK_PRED_METHOD(m_istitle, "istitle", pred_title(self))
GK_PRED_METHOD(m_isidentifier, "isidentifier", pred_identifier(self))
GK_PRED_METHOD(m_isprintable, "isprintable", pred_printable(self))
GK_PRED_METHOD(m_isascii, "isascii", str_is_ascii(self))
#undef GK_PRED_METHOD

// --- partition ------------------------------------------------------------------------------

Ref<Object> partition_impl(Object* self, Object* const* args, size_t nargs, Object* kwnames, const char* name,
                           bool from_right) {
  check_no_kwargs(name, kwnames);
  check_nargs(name, nargs, 1, 1);
  std::string_view sep = str_arg(args[0]);
  if (sep.empty()) raise(Exc_ValueError, "empty separator");
  std::string_view s = str_view(self);
  size_t f = from_right ? brfind(s, sep) : bfind(s, sep);
  if (f == npos) {
    if (from_right) return tuple_pack({str_empty().get(), str_empty().get(), self});
    return tuple_pack({self, str_empty().get(), str_empty().get()});
  }
  Ref<Object> a = sub(self, s.substr(0, f));
  Ref<Object> c = sub(self, s.substr(f + sep.size()));
  return tuple_pack({a.get(), args[0], c.get()});
}
Ref<Object> m_partition(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return partition_impl(self, a, n, kw, "str.partition", false);
}
Ref<Object> m_rpartition(ThreadState&, Object* self, Object* const* a, size_t n, Object* kw) {
  return partition_impl(self, a, n, kw, "str.rpartition", true);
}

// --- encode / translate / maketrans ----------------------------------------------------------

Ref<Object> m_encode(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  parse_args("encode", args, nargs, kwnames, {"encoding", "errors"}, 0, a);
  if (a[0] && !is_str(a[0]))
    raise_fmt(Exc_TypeError, "encode() argument 'encoding' must be str, not %s", type_name(a[0]));
  if (a[1] && !is_str(a[1]))
    raise_fmt(Exc_TypeError, "encode() argument 'errors' must be str, not %s", type_name(a[1]));
  return encode_from_str(ts, self, a[0] ? str_view(a[0]) : "utf-8", a[1] ? str_view(a[1]) : "strict");
}

Ref<Object> m_translate(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.translate", kwnames);
  check_nargs("str.translate", nargs, 1, 1);
  Object* table = args[0];
  std::string_view s = str_view(self);
  std::string out;
  out.reserve(s.size());
  bool changed = false;
  for (const char* p = s.data(); p < s.data() + s.size();) {
    const char* start = p;
    uint32_t c = utf8::decode(p);
    Ref<Object> key = int_from_i64(c);
    Ref<Object> v;
    try {
      v = getitem(ts, table, key);
    } catch (PyError& e) {
      if (!e.matches(Exc_LookupError)) throw;
      out.append(start, static_cast<size_t>(p - start));
      continue;
    }
    changed = true;
    if (is_none(v)) continue;
    if (is_int(v)) {
      int64_t cp;
      if (!int_to_i64(v, cp) || cp < 0 || cp > 0x10FFFF)
        raise(Exc_ValueError, "character mapping must be in range(0x110000)");
      utf8::append(out, static_cast<uint32_t>(cp));
    } else if (is_str(v)) {
      out.append(str_view(v));
    } else {
      raise(Exc_TypeError, "character mapping must return integer, None or str");
    }
  }
  if (!changed) return newref(self);
  return str_new(out);
}

Ref<Object> m_maketrans(ThreadState& ts, Object*, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("maketrans", kwnames);
  check_nargs("maketrans", nargs, 1, 3);
  Ref<Object> d = dict_new();
  if (nargs == 1) {
    Object* m = args[0];
    if (!is_dict(m)) raise(Exc_TypeError, "if you give only one argument to maketrans it must be a dict");
    Object *k, *v;
    for (size_t pos = 0; dict_next(m, pos, &k, &v);) {
      if (is_str(k)) {
        if (str_length(k) != 1) raise(Exc_ValueError, "string keys in translate table must be of length 1");
        Ref<Object> key = int_from_i64(str_char_at(k, 0));
        dict_set(ts, d, key, v);
      } else if (is_int(k)) {
        dict_set(ts, d, k, v);
      } else {
        raise(Exc_TypeError, "keys in translate table must be strings or integers");
      }
    }
    return d;
  }
  for (size_t i = 1; i < nargs; ++i) {
    if (!is_str(args[i]))
      raise_fmt(Exc_TypeError, "maketrans() argument %zu must be str, not %s", i + 1, type_name(args[i]));
  }
  if (!is_str(args[0])) raise(Exc_TypeError, "first maketrans argument must be a string if there is a second argument");
  if (str_length(args[0]) != str_length(args[1]))
    raise(Exc_ValueError, "the first two maketrans arguments must have equal length");
  std::string_view x = str_view(args[0]), y = str_view(args[1]);
  for (const char *p = x.data(), *q = y.data(); p < x.data() + x.size();) {
    Ref<Object> k = int_from_i64(utf8::decode(p));
    Ref<Object> v = int_from_i64(utf8::decode(q));
    dict_set(ts, d, k, v);
  }
  if (nargs == 3) {
    std::string_view z = str_view(args[2]);
    for (const char* p = z.data(); p < z.data() + z.size();) {
      Ref<Object> k = int_from_i64(utf8::decode(p));
      dict_set(ts, d, k, None());
    }
  }
  return d;
}

// --- formatting entry points and dunders ---------------------------------------------------------

Ref<Object> m_format(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return str_format_vectorcall(ts, self, args, nargs, kwnames);
}
Ref<Object> m_format_map(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.format_map", kwnames);
  check_nargs("str.format_map", nargs, 1, 1);
  return str_format_map(ts, self, args[0]);
}
Ref<Object> m_dunder_format(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("__format__", kwnames);
  check_nargs("__format__", nargs, 1, 1);
  if (!is_str(args[0]))
    raise_fmt(Exc_TypeError, "__format__() argument must be str, not %s", type_name(args[0]));
  return str_format_spec(ts, self, args[0]);
}
Ref<Object> m_getnewargs(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.__getnewargs__", kwnames);
  check_nargs("str.__getnewargs__", nargs, 0, 0);
  Ref<Object> copy = str_new_known(str_view(self), str_length(self), str_is_ascii(self));
  return tuple_pack({copy.get()});
}
Ref<Object> m_sizeof(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("str.__sizeof__", kwnames);
  check_nargs("str.__sizeof__", nargs, 0, 0);
  return int_from_u64(sizeof(StrObject) + str_size(self) + 1);
}

}  // namespace

const MethodDef str_methods[] = {
    {"find", m_find, METH_DEFAULT, "Return the lowest index in S where substring sub is found; -1 if not found."},
    {"rfind", m_rfind, METH_DEFAULT, "Return the highest index in S where substring sub is found; -1 if not found."},
    {"index", m_index, METH_DEFAULT, "Like find() but raise ValueError when the substring is not found."},
    {"rindex", m_rindex, METH_DEFAULT, "Like rfind() but raise ValueError when the substring is not found."},
    {"count", m_count, METH_DEFAULT, "Return the number of non-overlapping occurrences of substring sub."},
    {"startswith", m_startswith, METH_DEFAULT, "Return True if S starts with the specified prefix, False otherwise."},
    {"endswith", m_endswith, METH_DEFAULT, "Return True if S ends with the specified suffix, False otherwise."},
    {"split", m_split, METH_DEFAULT, "Return a list of the substrings in the string, using sep as the separator."},
    {"rsplit", m_rsplit, METH_DEFAULT, "Return a list of the substrings in the string, splitting from the right."},
    {"splitlines", m_splitlines, METH_DEFAULT, "Return a list of the lines in the string."},
    {"join", m_join, METH_DEFAULT, "Concatenate any number of strings."},
    {"strip", m_strip, METH_DEFAULT, "Return a copy of the string with leading and trailing whitespace removed."},
    {"lstrip", m_lstrip, METH_DEFAULT, "Return a copy of the string with leading whitespace removed."},
    {"rstrip", m_rstrip, METH_DEFAULT, "Return a copy of the string with trailing whitespace removed."},
    {"replace", m_replace, METH_DEFAULT, "Return a copy with all occurrences of substring old replaced by new."},
    {"removeprefix", m_removeprefix, METH_DEFAULT, "Return a str with the given prefix string removed if present."},
    {"removesuffix", m_removesuffix, METH_DEFAULT, "Return a str with the given suffix string removed if present."},
    {"center", m_center, METH_DEFAULT, "Return a centered string of length width."},
    {"ljust", m_ljust, METH_DEFAULT, "Return a left-justified string of length width."},
    {"rjust", m_rjust, METH_DEFAULT, "Return a right-justified string of length width."},
    {"zfill", m_zfill, METH_DEFAULT, "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"expandtabs", m_expandtabs, METH_DEFAULT, "Return a copy where all tab characters are expanded using spaces."},
    {"upper", m_upper, METH_DEFAULT, "Return a copy of the string converted to uppercase."},
    {"lower", m_lower, METH_DEFAULT, "Return a copy of the string converted to lowercase."},
    {"swapcase", m_swapcase, METH_DEFAULT, "Convert uppercase characters to lowercase and vice versa."},
    {"casefold", m_casefold, METH_DEFAULT, "Return a version of the string suitable for caseless comparisons."},
    {"capitalize", m_capitalize, METH_DEFAULT, "Return a capitalized version of the string."},
    {"title", m_title, METH_DEFAULT, "Return a version of the string where each word is titlecased."},
    {"isdigit", m_isdigit, METH_DEFAULT, "Return True if the string is a digit string, False otherwise."},
    {"isdecimal", m_isdecimal, METH_DEFAULT, "Return True if the string is a decimal string, False otherwise."},
    {"isnumeric", m_isnumeric, METH_DEFAULT, "Return True if the string is a numeric string, False otherwise."},
    {"isalpha", m_isalpha, METH_DEFAULT, "Return True if the string is an alphabetic string, False otherwise."},
    {"isalnum", m_isalnum, METH_DEFAULT, "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isspace", m_isspace, METH_DEFAULT, "Return True if the string is a whitespace string, False otherwise."},
    {"islower", m_islower, METH_DEFAULT, "Return True if the string is a lowercase string, False otherwise."},
    {"isupper", m_isupper, METH_DEFAULT, "Return True if the string is an uppercase string, False otherwise."},
    {"istitle", m_istitle, METH_DEFAULT, "Return True if the string is a title-cased string, False otherwise."},
    {"isidentifier", m_isidentifier, METH_DEFAULT, "Return True if the string is a valid Python identifier."},
    {"isprintable", m_isprintable, METH_DEFAULT, "Return True if the string is printable, False otherwise."},
    {"isascii", m_isascii, METH_DEFAULT, "Return True if all characters in the string are ASCII, False otherwise."},
    {"partition", m_partition, METH_DEFAULT, "Partition the string into three parts using the given separator."},
    {"rpartition", m_rpartition, METH_DEFAULT, "Partition the string into three parts, searching from the end."},
    {"encode", m_encode, METH_DEFAULT, "Encode the string using the codec registered for encoding."},
    {"translate", m_translate, METH_DEFAULT, "Replace each character in the string using the given translation table."},
    {"maketrans", m_maketrans, METH_STATIC, "Return a translation table usable for str.translate()."},
    {"format", m_format, METH_DEFAULT, "Return a formatted version of S, using substitutions from args and kwargs."},
    {"format_map", m_format_map, METH_DEFAULT, "Return a formatted version of S, using substitutions from mapping."},
    {"__format__", m_dunder_format, METH_DEFAULT, "Return a formatted version of the string as described by format_spec."},
    {"__getnewargs__", m_getnewargs, METH_DEFAULT, nullptr},
    {"__sizeof__", m_sizeof, METH_DEFAULT, "Return the size of the string in memory, in bytes."},
    {nullptr, nullptr},
};

}  // namespace gk
