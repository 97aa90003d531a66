// runtime/objects/str_format_parse.cpp — pure parsers for str.format templates,
// their field names, and printf-style '%' conversions (see the header).
#include "objects/str_format_parse.hpp"

#include <climits>

#include "objects/exceptions.hpp"

namespace gk {

// --- str.format templates --------------------------------------------------------

bool FormatStringIter::next(FormatChunk& out) {
  out = FormatChunk{};
  const size_t n = s_.size();
  if (pos_ >= n) return false;

  // Literal text up to the first brace.
  const size_t start = pos_;
  char brace = 0;
  while (pos_ < n) {
    char c = s_[pos_++];
    if (c == '{' || c == '}') {
      brace = c;
      break;
    }
  }
  if (!brace) {
    out.literal = s_.substr(start);
    return true;
  }
  const bool at_end = pos_ >= n;
  if (brace == '}' && (at_end || s_[pos_] != '}')) raise(Exc_ValueError, "Single '}' encountered in format string");
  if (brace == '{' && at_end) raise(Exc_ValueError, "Single '{' encountered in format string");
  if (s_[pos_] == brace) {
    // "{{" or "}}": the literal keeps one brace and no field follows.
    out.literal = s_.substr(start, pos_ - start);
    ++pos_;
    return true;
  }
  out.literal = s_.substr(start, pos_ - 1 - start);
  out.has_field = true;

  // The field name ends at ':', '!' or '}' ([...] keys may contain them).
  const size_t name_start = pos_;
  char c = 0;
  while (pos_ < n) {
    c = s_[pos_++];
    if (c == '{') raise(Exc_ValueError, "unexpected '{' in field name");
    if (c == '[') {
      while (pos_ < n && s_[pos_] != ']') ++pos_;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  if (c != '}' && c != ':' && c != '!') raise(Exc_ValueError, "expected '}' before end of string");
  out.field_name = s_.substr(name_start, pos_ - 1 - name_start);
  if (c == '}') return true;

  if (c == '!') {
    if (pos_ >= n) raise(Exc_ValueError, "end of string while looking for conversion specifier");
    // The conversion is one code point.
    auto lead = static_cast<unsigned char>(s_[pos_]);
    size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    uint32_t cp = lead;
    if (len > 1) {
      cp = lead & (0x3F >> (len - 1));
      for (size_t k = 1; k < len && pos_ + k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s_[pos_ + k]) & 0x3F);
    }
    out.conversion = cp;
    pos_ += len;
    if (pos_ < n) {
      char d = s_[pos_++];
      if (d == '}') return true;
      if (d != ':') raise(Exc_ValueError, "expected ':' after conversion specifier");
    }
  }

  // The spec runs to the matching '}', counting nested braces.
  const size_t spec_start = pos_;
  int depth = 1;
  while (pos_ < n) {
    char d = s_[pos_++];
    if (d == '{') {
      out.spec_has_fields = true;
      ++depth;
    } else if (d == '}') {
      if (--depth == 0) {
        out.spec = s_.substr(spec_start, pos_ - 1 - spec_start);
        return true;
      }
    }
  }
  raise(Exc_ValueError, "unmatched '{' in format spec");
}

// --- field names -----------------------------------------------------------------

int64_t parse_field_index(std::string_view s) {
  if (s.empty()) return -1;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
  }
  for (char c : s) {
    if (v > (INT64_MAX - (c - '0')) / 10) raise(Exc_ValueError, "Too many decimal digits in format string");
    v = v * 10 + (c - '0');
  }
  return v;
}

FieldNameIter::FieldNameIter(std::string_view name, FieldFirst& first) : s_(name) {
  while (pos_ < s_.size() && s_[pos_] != '.' && s_[pos_] != '[') ++pos_;
  first.text = s_.substr(0, pos_);
  first.index = parse_field_index(first.text);
  first.is_index = first.index >= 0;
}

bool FieldNameIter::next(bool& is_attr, std::string_view& key, bool& is_index, int64_t& index) {
  const size_t n = s_.size();
  if (pos_ >= n) return false;
  char c = s_[pos_++];
  is_index = false;
  index = -1;
  if (c == '.') {
    is_attr = true;
    size_t start = pos_;
    while (pos_ < n && s_[pos_] != '.' && s_[pos_] != '[') ++pos_;
    key = s_.substr(start, pos_ - start);
  } else if (c == '[') {
    is_attr = false;
    size_t start = pos_;
    while (pos_ < n && s_[pos_] != ']') ++pos_;
    if (pos_ >= n) raise(Exc_ValueError, "Missing ']' in format string");
    key = s_.substr(start, pos_ - start);
    ++pos_;  // the ']'; what follows is checked by the next call, as CPython does
    index = parse_field_index(key);
    is_index = index >= 0;
  } else {
    raise(Exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
  }
  if (key.empty()) raise(Exc_ValueError, "Empty attribute in format string");
  return true;
}

// --- printf-style conversions ------------------------------------------------------

PercentSpec parse_percent(std::string_view fmt, size_t& pos, bool bytes_mode) {
  PercentSpec p;
  const size_t n = fmt.size();
  ++pos;  // the '%'
  auto need = [&] {
    if (pos >= n) raise(Exc_ValueError, "incomplete format");
  };
  need();
  if (fmt[pos] == '(') {
    size_t start = ++pos;
    int depth = 1;
    while (pos < n) {
      if (fmt[pos] == ')') {
        if (--depth == 0) break;
      } else if (fmt[pos] == '(') {
        ++depth;
      }
      ++pos;
    }
    if (pos >= n) raise(Exc_ValueError, "incomplete format key");
    p.has_key = true;
    p.key = fmt.substr(start, pos - start);
    ++pos;  // the ')'
  }
  for (; pos < n; ++pos) {
    char c = fmt[pos];
    if (c == '-') p.left = true;
    else if (c == '+') p.plus = true;
    else if (c == ' ') p.space = true;
    else if (c == '#') p.alternate = true;
    else if (c == '0') p.zero = true;
    else break;
  }
  need();
  if (fmt[pos] == '*') {
    p.width_star = true;
    ++pos;
  } else if (fmt[pos] >= '0' && fmt[pos] <= '9') {
    int64_t w = 0;
    while (pos < n && fmt[pos] >= '0' && fmt[pos] <= '9') {
      w = w * 10 + (fmt[pos++] - '0');
      if (w > INT_MAX) raise(Exc_ValueError, "width too big");
    }
    p.width = static_cast<int>(w);
  }
  need();
  if (fmt[pos] == '.') {
    ++pos;
    need();
    p.precision = 0;
    if (fmt[pos] == '*') {
      p.prec_star = true;
      ++pos;
    } else {
      int64_t v = 0;
      while (pos < n && fmt[pos] >= '0' && fmt[pos] <= '9') {
        v = v * 10 + (fmt[pos++] - '0');
        if (v > INT_MAX) raise(Exc_ValueError, "precision too big");
      }
      p.precision = static_cast<int>(v);
    }
  }
  need();
  if (fmt[pos] == 'h' || fmt[pos] == 'l' || fmt[pos] == 'L') {
    ++pos;
    need();
  }
  // The conversion character: one code point (one byte in bytes_mode).
  auto lead = static_cast<unsigned char>(fmt[pos]);
  size_t len = (lead < 0x80 || bytes_mode) ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  uint32_t cp = lead;
  if (len > 1) {
    cp = lead & (0x3F >> (len - 1));
    for (size_t k = 1; k < len && pos + k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(fmt[pos + k]) & 0x3F);
  }
  p.conv = cp;
  pos += len;
  return p;
}

}  // namespace gk
