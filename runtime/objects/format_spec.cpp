// runtime/objects/format_spec.cpp — the format-specification mini-language:
// parsing a spec into FormatSpec, padding a rendered body to a width, and
// inserting digit-group separators. Pure: no Python objects; errors are
// ValueError with CPython 3.11's messages. Used by str.__format__ and the
// numeric __format__ implementations.
#include "objects/format_spec.hpp"

#include <climits>

#include "objects/exceptions.hpp"
#include "objects/utf8.hpp"

namespace gk {

namespace {

bool is_align(uint32_t c) noexcept { return c == '<' || c == '>' || c == '=' || c == '^'; }

// Reads a run of decimal digits at spec[pos...] into `out`; returns how many
// digits were consumed. ValueError when the value does not fit in an int.
size_t read_int(std::string_view spec, size_t& pos, int& out) {
  size_t start = pos;
  int64_t acc = 0;
  while (pos < spec.size() && spec[pos] >= '0' && spec[pos] <= '9') {
    acc = acc * 10 + (spec[pos] - '0');
    if (acc > INT_MAX) raise(Exc_ValueError, "Too many decimal digits in format string");
    ++pos;
  }
  out = static_cast<int>(acc);
  return pos - start;
}

}  // namespace

FormatSpec parse_format_spec(std::string_view spec, const char* type_name) {
  FormatSpec f;
  size_t pos = 0;
  const size_t n = spec.size();

  // [[fill]align]: the fill is any one code point, recognised only when an
  // alignment character follows it.
  bool fill_given = false, align_given = false;
  if (n > 0) {
    const char* p = spec.data();
    uint32_t first = utf8::decode(p);
    size_t first_len = static_cast<size_t>(p - spec.data());
    if (first_len < n && is_align(static_cast<unsigned char>(spec[first_len]))) {
      f.fill = first;
      f.align = spec[first_len];
      fill_given = align_given = true;
      pos = first_len + 1;
    } else if (is_align(first)) {
      f.align = static_cast<char>(first);
      align_given = true;
      pos = 1;
    }
  }
  (void)align_given;

  if (pos < n && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) f.sign = spec[pos++];
  if (pos < n && spec[pos] == 'z') {
    f.no_neg_zero = true;
    ++pos;
  }
  if (pos < n && spec[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  // '0' before the width: zero padding, unless an explicit fill was given.
  if (!fill_given && pos < n && spec[pos] == '0') {
    f.zero_pad = true;
    f.fill = '0';
    ++pos;
  }
  int width = 0;
  if (read_int(spec, pos, width) > 0) f.width = width;

  if (pos < n && spec[pos] == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (pos < n && spec[pos] == '_') {
    if (f.grouping) raise(Exc_ValueError, "Cannot specify both ',' and '_'.");
    f.grouping = '_';
    ++pos;
  }
  if (pos < n && spec[pos] == ',' && f.grouping == '_') raise(Exc_ValueError, "Cannot specify both ',' and '_'.");

  if (pos < n && spec[pos] == '.') {
    ++pos;
    int prec = 0;
    if (read_int(spec, pos, prec) == 0) raise(Exc_ValueError, "Format specifier missing precision");
    f.precision = prec;
  }

  // At most one code point may remain: the presentation type.
  if (pos < n) {
    const char* p = spec.data() + pos;
    uint32_t t = utf8::decode(p);
    if (p != spec.data() + n) {
      if (type_name)
        raise_fmt(Exc_ValueError, "Invalid format specifier '%.*s' for object of type '%s'", static_cast<int>(n),
                  spec.data(), type_name);
      raise(Exc_ValueError, "Invalid format specifier");
    }
    f.type_cp = t;
    f.type = t < 0x80 ? static_cast<char>(t) : '\xff';
  }

  if (f.grouping) {
    switch (f.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case '\0':
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f.grouping == '_') break;  // every four digits (the formatter picks the group size)
        [[fallthrough]];
      default:
        if (f.type_cp > 32 && f.type_cp < 128)
          raise_fmt(Exc_ValueError, "Cannot specify '%c' with '%c'.", f.grouping, f.type);
        raise_fmt(Exc_ValueError, "Cannot specify '%c' with '\\x%x'.", f.grouping, f.type_cp);
    }
  }
  return f;
}

std::string format_pad(const FormatSpec& spec, std::string_view body, size_t body_len, char default_align) {
  if (spec.width < 0 || body_len >= static_cast<size_t>(spec.width)) return std::string(body);
  const size_t pad = static_cast<size_t>(spec.width) - body_len;
  char align = spec.align ? spec.align : default_align;

  char fill_buf[4];
  const size_t fill_len = utf8::encode(fill_buf, spec.fill);
  std::string out;
  out.reserve(body.size() + pad * fill_len);
  auto put_fill = [&](size_t k) {
    if (fill_len == 1) {
      out.append(k, fill_buf[0]);
    } else {
      for (size_t i = 0; i < k; ++i) out.append(fill_buf, fill_len);
    }
  };

  switch (align) {
    case '>':
      put_fill(pad);
      out.append(body);
      break;
    case '^': {
      size_t left = pad / 2;
      put_fill(left);
      out.append(body);
      put_fill(pad - left);
      break;
    }
    case '=': {
      size_t head = 0;
      if (!body.empty() && (body[0] == '+' || body[0] == '-' || body[0] == ' ')) head = 1;
      if (spec.alternate && body.size() >= head + 2 && body[head] == '0') {
        char c = body[head + 1];
        if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') head += 2;
      }
      out.append(body.substr(0, head));
      put_fill(pad);
      out.append(body.substr(head));
      break;
    }
    default:  // '<'
      out.append(body);
      put_fill(pad);
      break;
  }
  return out;
}

std::string format_group_digits(std::string_view digits, char sep, int group, size_t min_width) {
  if (group <= 0) group = 3;
  const size_t g = static_cast<size_t>(group);
  // Built right to left, then reversed.
  std::string rev;
  rev.reserve(digits.size() + digits.size() / g + min_width + 2);
  size_t i = digits.size();
  for (;;) {
    size_t take = i < g ? i : g;
    for (size_t k = 0; k < take; ++k) rev.push_back(digits[--i]);
    if (i > 0) {
      rev.push_back(sep);
      continue;
    }
    // Digits exhausted: pad with zeros, first topping up this group.
    size_t in_group = take;
    for (;;) {
      if (rev.size() >= min_width && in_group > 0) break;
      if (in_group == g) {
        rev.push_back(sep);
        in_group = 0;
        continue;
      }
      rev.push_back('0');
      ++in_group;
    }
    break;
  }
  return std::string(rev.rbegin(), rev.rend());
}

std::string format_group_digits(std::string_view digits, char sep, int group) {
  return format_group_digits(digits, sep, group, 0);
}

void raise_unknown_format_code(const FormatSpec& spec, const char* type_name) {
  if (spec.type_cp > 32 && spec.type_cp < 128)
    raise_fmt(Exc_ValueError, "Unknown format code '%c' for object of type '%s'", static_cast<char>(spec.type_cp),
              type_name);
  raise_fmt(Exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'", spec.type_cp, type_name);
}

}  // namespace gk
