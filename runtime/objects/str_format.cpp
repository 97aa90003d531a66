// runtime/objects/str_format.cpp — string formatting on str objects:
//   * printf-style `fmt % args` (str_percent_format, and bytes_percent_format
//     for bytes/bytearray): %s %r %a %d %i %u %x %X %o %e %E %f %F %g %G %c %%
//     (bytes also %b) with flags, width, precision, '*', and %(key)s mapping
//     keys, with CPython's argument-counting rules;
//   * str.format / str.format_map: automatic and manual field numbering,
//     .attr and [key] accessors, !r/!s/!a conversions, nested {specs};
//   * str.__format__ (the 's' presentation type).
// The template/field/conversion parsers are pure and live in
// str_format_parse.cpp; the spec mini-language is format_spec.cpp.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/format_spec.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/str_format_parse.hpp"
#include "objects/str_internal.hpp"
#include "objects/tuple.hpp"
#include "objects/utf8.hpp"

namespace gk {

namespace {

// Appends `body` (UTF-8, body_len code points) padded with spaces to width.
void append_padded(std::string& out, std::string_view body, size_t body_len, int width, bool left) {
  size_t pad = (width > 0 && static_cast<size_t>(width) > body_len) ? static_cast<size_t>(width) - body_len : 0;
  if (!left) out.append(pad, ' ');
  out.append(body);
  if (left) out.append(pad, ' ');
}

// The first `n` code points of s (all of it when n < 0).
std::string_view prefix_cps(std::string_view s, int n, size_t& len) {
  size_t total = utf8::count(s);
  if (n < 0 || static_cast<size_t>(n) >= total) {
    len = total;
    return s;
  }
  len = static_cast<size_t>(n);
  return s.substr(0, utf8::offset_of(s, len));
}

// --- printf-style ------------------------------------------------------------------------

// The argument cursor, with CPython's conventions: a non-tuple argument is a
// single value (arglen -1), and a %(key) conversion replaces it by the value.
struct PercentArgs {
  Object* args;        // borrowed: the tuple, or the single value
  Ref<Object> owned;   // the value looked up by the last %(key)
  int64_t arglen;
  int64_t argidx;
  Object* dict;        // the mapping for %(key), or null

  Object* next() {
    if (argidx < arglen) {
      int64_t i = argidx++;
      return arglen < 0 ? args : tuple_get(args, static_cast<size_t>(i));
    }
    raise(Exc_TypeError, "not enough arguments for format string");
  }
};

// int for %d / %x: `integer_only` requires __index__.
Ref<Object> percent_int_arg(ThreadState& ts, Object* v, uint32_t conv, bool integer_only) {
  if (is_int(v)) return newref(v);
  TypeObject* t = type_of(v);
  if (integer_only) {
    if (t->nb_index) return number_index(ts, v);
    raise_fmt(Exc_TypeError, "%%%c format: an integer is required, not %s", static_cast<char>(conv), type_name(v));
  }
  if (t->nb_index) return number_index(ts, v);
  if (t->nb_int || t->nb_float) return number_int(ts, v);
  raise_fmt(Exc_TypeError, "%%%c format: a real number is required, not %s", static_cast<char>(conv), type_name(v));
}

void percent_format_int(ThreadState& ts, std::string& out, const PercentSpec& p, Object* v) {
  const uint32_t conv = p.conv;
  bool integer_only = conv == 'x' || conv == 'X' || conv == 'o';
  Ref<Object> iv = percent_int_arg(ts, v, conv, integer_only);
  std::string digits;
  if (conv == 'x' || conv == 'X') digits = int_to_base(iv, 16, false);
  else if (conv == 'o') digits = int_to_base(iv, 8, false);
  else digits = int_to_decimal(iv);
  bool neg = !digits.empty() && digits[0] == '-';
  if (neg) digits.erase(0, 1);
  if (conv == 'X') {
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string head;
  if (neg) head = "-";
  else if (p.plus) head = "+";
  else if (p.space) head = " ";
  if (p.alternate && (conv == 'x' || conv == 'X' || conv == 'o')) {
    head += '0';
    head += conv == 'o' ? 'o' : static_cast<char>(conv);
  }
  if (p.precision > 0 && digits.size() < static_cast<size_t>(p.precision))
    digits.insert(0, static_cast<size_t>(p.precision) - digits.size(), '0');
  size_t len = head.size() + digits.size();
  if (p.zero && !p.left && p.width > 0 && len < static_cast<size_t>(p.width))
    digits.insert(0, static_cast<size_t>(p.width) - len, '0');
  head += digits;
  append_padded(out, head, head.size(), p.width, p.left);
}

double percent_float_arg(ThreadState& ts, Object* v) {
  if (is_float(v)) return float_value(v);
  if (is_int(v)) return int_to_double(v);
  TypeObject* t = type_of(v);
  if (t->nb_float || t->nb_index) {
    Ref<Object> f = number_float(ts, v);
    return float_value(f);
  }
  raise_fmt(Exc_TypeError, "must be real number, not %s", type_name(v));
}

void percent_format_float(ThreadState& ts, std::string& out, const PercentSpec& p, Object* v) {
  double d = percent_float_arg(ts, v);
  if (std::isnan(d)) d = std::fabs(d);  // Python never prints "-nan"
  char fmt[32];
  char* f = fmt;
  *f++ = '%';
  if (p.left) *f++ = '-';
  if (p.plus) *f++ = '+';
  if (p.space) *f++ = ' ';
  if (p.alternate) *f++ = '#';
  if (p.zero) *f++ = '0';
  *f++ = '*';
  *f++ = '.';
  *f++ = '*';
  *f++ = static_cast<char>(p.conv);
  *f = '\0';
  int width = p.width < 0 ? 0 : p.width;
  int prec = p.precision < 0 ? 6 : p.precision;
  int n = std::snprintf(nullptr, 0, fmt, width, prec, d);
  if (n < 0) raise(Exc_ValueError, "invalid format");
  size_t at = out.size();
  out.resize(at + static_cast<size_t>(n) + 1);
  std::snprintf(out.data() + at, static_cast<size_t>(n) + 1, fmt, width, prec, d);
  out.resize(at + static_cast<size_t>(n));
}

}  // namespace

namespace {

// The printf-style engine shared by str % args and bytes % args. In bytes
// mode the template and the result are raw bytes, %s/%b take bytes-like
// objects (or __bytes__), %r/%a give ascii(), %c takes range(256) or one byte,
// and mapping keys are bytes.
std::string percent_format(ThreadState& ts, std::string_view fmt, Object* args, bool bytes_mode) {
  PercentArgs st;
  st.args = args;
  if (is_tuple(args)) {
    st.arglen = static_cast<int64_t>(tuple_size(args));
    st.argidx = 0;
  } else {
    st.arglen = -1;
    st.argidx = -2;
  }
  std::string_view ignored;
  bool excluded = is_tuple(args) || is_str(args) || (bytes_mode && bytes_like_view(args, ignored));
  st.dict = (type_of(args)->getitem && !excluded) ? args : nullptr;

  std::string out;
  out.reserve(fmt.size() + 16);
  size_t pos = 0;
  const size_t n = fmt.size();
  while (pos < n) {
    const void* pct = std::memchr(fmt.data() + pos, '%', n - pos);
    if (!pct) {
      out.append(fmt.substr(pos));
      break;
    }
    size_t at = static_cast<size_t>(static_cast<const char*>(pct) - fmt.data());
    out.append(fmt.substr(pos, at - pos));
    if (at + 1 < n && fmt[at + 1] == '%') {
      out.push_back('%');
      pos = at + 2;
      continue;
    }
    if (at + 1 < n && fmt[at + 1] == '(' && !st.dict) raise(Exc_TypeError, "format requires a mapping");
    pos = at;
    PercentSpec p = parse_percent(fmt, pos, bytes_mode);
    if (p.has_key) {
      Ref<Object> key = bytes_mode ? bytes_new(p.key) : str_new(p.key);
      st.owned = getitem(ts, st.dict, key);
      st.args = st.owned.get();
      st.arglen = -1;
      st.argidx = -2;
    }
    if (p.width_star) {
      Object* w = st.next();
      if (!is_int(w)) raise(Exc_TypeError, "* wanted int");
      int64_t wv = int_as_i64(w);
      if (wv < 0) {
        p.left = true;
        wv = -wv;
      }
      if (wv > INT32_MAX) raise(Exc_ValueError, "width too big");
      p.width = static_cast<int>(wv);
    }
    if (p.prec_star) {
      Object* pr = st.next();
      if (!is_int(pr)) raise(Exc_TypeError, "* wanted int");
      int64_t pv = int_as_i64(pr);
      if (pv > INT32_MAX) raise(Exc_ValueError, "precision too big");
      p.precision = pv < 0 ? 0 : static_cast<int>(pv);
    }
    Object* v = st.next();
    switch (p.conv) {
      case 's':
      case 'r':
      case 'a':
      case 'b': {
        if (p.conv == 'b' && !bytes_mode) goto unsupported;
        Ref<Object> s;
        std::string_view body;
        size_t len;
        if (bytes_mode && (p.conv == 's' || p.conv == 'b')) {
          if (!bytes_like_view(v, body)) {
            Ref<Object> conv = lookup_special(ts, v, intern("__bytes__"));
            if (!conv)
              raise_fmt(Exc_TypeError,
                        "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                        type_name(v));
            s = call0(ts, conv);
            if (!bytes_like_view(s, body))
              raise_fmt(Exc_TypeError, "__bytes__ returned non-bytes (type %s)", type_name(s));
          }
          if (p.precision >= 0 && static_cast<size_t>(p.precision) < body.size()) body = body.substr(0, p.precision);
          len = body.size();
        } else {
          s = p.conv == 's' ? str(ts, v) : (p.conv == 'r' && !bytes_mode) ? repr(ts, v) : ascii(ts, v);
          body = prefix_cps(str_view(s), p.precision, len);
        }
        append_padded(out, body, len, p.width, p.left);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o':
        percent_format_int(ts, out, p, v);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        percent_format_float(ts, out, p, v);
        break;
      case 'c': {
        std::string body;
        std::string_view one;
        if (bytes_mode) {
          if (bytes_like_view(v, one) && one.size() == 1) {
            body = std::string(one);
          } else if (is_int(v)) {
            int64_t iv;
            if (!int_to_i64(v, iv) || iv < 0 || iv > 255) raise(Exc_OverflowError, "%c arg not in range(256)");
            body.push_back(static_cast<char>(iv));
          } else {
            raise(Exc_TypeError, "%c requires an integer in range(256) or a single byte");
          }
        } else if (is_str(v)) {
          if (str_length(v) != 1) raise(Exc_TypeError, "%c requires int or char");
          utf8::append(body, str_char_at(v, 0));
        } else if (is_int(v)) {
          int64_t iv;
          if (!int_to_i64(v, iv) || iv < 0 || iv > 0x10FFFF)
            raise(Exc_OverflowError, "%c arg not in range(0x110000)");
          utf8::append(body, static_cast<uint32_t>(iv));
        } else {
          raise(Exc_TypeError, "%c requires int or char");
        }
        append_padded(out, body, 1, p.width, p.left);
        break;
      }
      default:
      unsupported: {
        size_t conv_len = bytes_mode ? 1 : utf8::encoded_len(p.conv);
        size_t index = bytes_mode ? pos - 1 : utf8::count(fmt.substr(0, pos - conv_len));
        std::string ch;
        if (bytes_mode) ch.push_back(static_cast<char>(p.conv));
        else utf8::append(ch, p.conv);
        raise_fmt(Exc_ValueError, "unsupported format character '%s' (0x%x) at index %zu", ch.c_str(), p.conv, index);
      }
    }
  }
  if (st.argidx < st.arglen && !st.dict)
    raise_fmt(Exc_TypeError, "not all arguments converted during %s formatting", bytes_mode ? "bytes" : "string");
  return out;
}

}  // namespace

Ref<Object> str_percent_format(ThreadState& ts, Object* fmt, Object* args) {
  std::string out = percent_format(ts, str_view(fmt), args, false);
  return str_new(out);
}

Ref<Object> bytes_percent_format(ThreadState& ts, std::string_view fmt, Object* args) {
  std::string out = percent_format(ts, fmt, args, true);
  return bytes_new(out);
}

// --- str.format ----------------------------------------------------------------------------

namespace {

// Where replacement fields find their values.
struct FormatSource {
  Object* const* pos = nullptr;  // positional arguments (null for format_map)
  size_t npos = 0;
  Object* kwnames = nullptr;     // keyword names (tuple) for str.format
  Object* const* kwvalues = nullptr;
  Object* mapping = nullptr;     // format_map's mapping
  enum { kUnknown, kAuto, kManual } numbering = kUnknown;
  size_t next_auto = 0;
};

Ref<Object> lookup_field(ThreadState& ts, FormatSource& src, std::string_view name) {
  FieldFirst first;
  FieldNameIter it(name, first);
  Ref<Object> obj;
  if (first.is_empty() || first.is_index) {
    size_t index;
    if (first.is_empty()) {
      if (src.numbering == FormatSource::kManual)
        raise(Exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
      src.numbering = FormatSource::kAuto;
      index = src.next_auto++;
    } else {
      if (src.numbering == FormatSource::kAuto)
        raise(Exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
      src.numbering = FormatSource::kManual;
      index = static_cast<size_t>(first.index);
    }
    if (src.mapping) raise(Exc_ValueError, "Format string contains positional fields");
    if (index >= src.npos)
      raise_fmt(Exc_IndexError, "Replacement index %zu out of range for positional args tuple", index);
    obj = newref(src.pos[index]);
  } else {
    Ref<Object> key = str_new(first.text);
    if (src.mapping) {
      obj = getitem(ts, src.mapping, key);
    } else {
      size_t nkw = kwnames_count(src.kwnames);
      for (size_t i = 0; i < nkw; ++i) {
        if (str_equal(tuple_get(src.kwnames, i), key)) {
          obj = newref(src.kwvalues[i]);
          break;
        }
      }
      if (!obj) raise_with_arg(Exc_KeyError, key);
    }
  }
  bool is_attr, is_index;
  std::string_view key;
  int64_t index;
  while (it.next(is_attr, key, is_index, index)) {
    if (is_attr) {
      Ref<Object> attr = str_new(key);
      obj = getattr(ts, obj, attr);
    } else {
      Ref<Object> k = is_index ? int_from_i64(index) : str_new(key);
      obj = getitem(ts, obj, k);
    }
  }
  return obj;
}

void render(ThreadState& ts, std::string& out, std::string_view tmpl, FormatSource& src, int depth) {
  if (depth <= 0) raise(Exc_ValueError, "Max string recursion exceeded");
  FormatStringIter it(tmpl);
  FormatChunk c;
  while (it.next(c)) {
    out.append(c.literal);
    if (!c.has_field) continue;
    Ref<Object> obj = lookup_field(ts, src, c.field_name);
    switch (c.conversion) {
      case 0: break;
      case 'r': obj = repr(ts, obj); break;
      case 's': obj = str(ts, obj); break;
      case 'a': obj = ascii(ts, obj); break;
      default:
        if (c.conversion > 32 && c.conversion < 127)
          raise_fmt(Exc_ValueError, "Unknown conversion specifier %c", static_cast<char>(c.conversion));
        raise_fmt(Exc_ValueError, "Unknown conversion specifier \\x%x", c.conversion);
    }
    std::string nested;
    std::string_view spec = c.spec;
    if (c.spec_has_fields) {
      render(ts, nested, c.spec, src, depth - 1);
      spec = nested;
    }
    if (spec.empty() && type_check_exact(obj, &Str_type)) {
      out.append(str_view(obj));
      continue;
    }
    if (spec.empty() && type_check_exact(obj, &Int_type)) {
      out += int_to_decimal(obj);
      continue;
    }
    Ref<Object> spec_obj = str_new(spec);
    Ref<Object> s = type_check_exact(obj, &Str_type) ? str_format_spec(ts, obj, spec_obj) : format(ts, obj, spec_obj);
    out.append(str_view(s));
  }
}

}  // namespace

Ref<Object> str_format_vectorcall(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  FormatSource src;
  src.pos = args;
  src.npos = nargs;
  src.kwnames = kwnames;
  src.kwvalues = args + nargs;
  std::string out;
  render(ts, out, str_view(self), src, 2);
  return str_new(out);
}

Ref<Object> str_format_map(ThreadState& ts, Object* self, Object* mapping) {
  FormatSource src;
  src.mapping = mapping;
  std::string out;
  render(ts, out, str_view(self), src, 2);
  return str_new(out);
}

// --- str.__format__ --------------------------------------------------------------------------

Ref<Object> str_format_spec(ThreadState&, Object* self, Object* spec_obj) {
  std::string_view spec = str_view(spec_obj);
  if (spec.empty()) return newref(self);
  FormatSpec f = parse_format_spec(spec, "str");
  if (f.grouping) raise_fmt(Exc_ValueError, "Cannot specify '%c' with 's'.", f.grouping);
  if (f.type != '\0' && f.type != 's') raise_unknown_format_code(f, "str");
  if (f.sign == ' ') raise(Exc_ValueError, "Space not allowed in string format specifier");
  if (f.sign) raise(Exc_ValueError, "Sign not allowed in string format specifier");
  if (f.no_neg_zero) raise(Exc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) raise(Exc_ValueError, "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') raise(Exc_ValueError, "'=' alignment not allowed in string format specifier");
  std::string_view body = str_view(self);
  size_t len = str_length(self);
  if (f.precision >= 0 && static_cast<size_t>(f.precision) < len) {
    len = static_cast<size_t>(f.precision);
    body = body.substr(0, str_offset(self, len));
  }
  if (f.width < 0 || static_cast<size_t>(f.width) <= len) {
    if (body.size() == str_size(self)) return newref(self);
    return str_new_known(body, len, str_is_ascii(self));
  }
  std::string out = format_pad(f, body, len, '<');
  return str_new(out);
}

}  // namespace gk
