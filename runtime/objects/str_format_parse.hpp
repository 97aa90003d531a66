// runtime/objects/str_format_parse.hpp — the pure parsers behind string
// formatting, separated from the object code so they can be unit-tested:
//
//   FormatStringIter  splits a str.format() template into literal text and
//                     replacement fields "{name!conv:spec}" ({{ and }} are escapes)
//   FieldNameIter     walks a field name "first.attr[key][0]"
//   parse_percent     parses one printf-style "%(key)#-08.3f" conversion
//
// All work on UTF-8 views into the template (no copies) and raise ValueError
// with CPython 3.11's messages.
#pragma once

#include <cstdint>
#include <string_view>

namespace gk {

// One step of a str.format template.
struct FormatChunk {
  std::string_view literal;  // text to copy (escapes already resolved)
  bool has_field = false;    // a replacement field follows the literal
  std::string_view field_name;
  uint32_t conversion = 0;   // 0, or the code point after '!' (validated by the caller)
  std::string_view spec;     // may itself contain {nested} fields
  bool spec_has_fields = false;
};

class FormatStringIter {
 public:
  explicit FormatStringIter(std::string_view s) noexcept : s_(s) {}
  // Fills `out` with the next chunk; false at the end of the template.
  bool next(FormatChunk& out);

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// The parts of a field name: `first` (an index when it is all digits, empty
// for automatic numbering) then a chain of .attr and [key] accessors.
struct FieldFirst {
  std::string_view text;
  bool is_index = false;  // text is all decimal digits
  int64_t index = -1;
  bool is_empty() const noexcept { return text.empty(); }
};

class FieldNameIter {
 public:
  // Splits off the first part; ValueError for an over-long index.
  FieldNameIter(std::string_view name, FieldFirst& first);
  // Next accessor: is_attr (".name") or an item ("[key]"; is_index when the
  // key is all digits). False at the end. ValueError "Empty attribute in
  // format string", "Missing ']' in format string", "Only '.' or '[' may
  // follow ']' in format field specifier".
  bool next(bool& is_attr, std::string_view& key, bool& is_index, int64_t& index);

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Parses an all-digit string as a non-negative index; -1 when it is not all
// digits (or is empty). ValueError "Too many decimal digits in format string"
// when it overflows.
int64_t parse_field_index(std::string_view s);

// One printf-style conversion, parsed from just after the '%'.
struct PercentSpec {
  bool has_key = false;
  std::string_view key;      // %(key)s
  bool left = false;         // '-'
  bool plus = false;         // '+'
  bool space = false;        // ' '
  bool alternate = false;    // '#'
  bool zero = false;         // '0'
  bool width_star = false;   // width comes from the arguments
  int width = -1;
  bool prec_star = false;    // precision comes from the arguments
  int precision = -1;
  uint32_t conv = 0;         // conversion code point ('%' for "%%")
};

// Parses the conversion whose '%' is at fmt[pos]; on return pos is just past
// the conversion character. ValueError "incomplete format", "incomplete
// format key", "width too big", "precision too big". The conversion
// character is not validated here (the caller raises "unsupported format
// character ...", which needs the code-point index: see percent_cp_index).
// With bytes_mode the conversion character is one raw byte (bytes % args).
PercentSpec parse_percent(std::string_view fmt, size_t& pos, bool bytes_mode = false);

}  // namespace gk
