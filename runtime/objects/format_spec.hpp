// runtime/objects/format_spec.hpp — the format-specification mini-language
// shared by str.format, f-strings, format() and every __format__:
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
#pragma once

#include <string>
#include <string_view>

namespace gk {

struct FormatSpec {
  uint32_t fill = ' ';      // code point
  char align = '\0';        // '<' '>' '^' '=' or 0 (type's default)
  char sign = '\0';         // '+' '-' ' ' or 0
  bool alternate = false;   // '#'
  bool zero_pad = false;    // '0' before width
  bool no_neg_zero = false; // 'z'
  int width = -1;           // -1 = none
  char grouping = '\0';     // ',' '_' or 0
  int precision = -1;       // -1 = none
  char type = '\0';         // presentation type or 0
};

// Parses a spec; ValueError with CPython's messages ("Invalid format specifier").
FormatSpec parse_format_spec(std::string_view spec);
// Pads `body` (UTF-8, `body_len` code points) to spec.width with fill/align;
// default_align is used when spec.align is 0 ('<' for str, '>' for numbers).
std::string format_pad(const FormatSpec& spec, std::string_view body, size_t body_len, char default_align);
// Inserts thousands separators (',' or '_') every `group` digits into a digit string.
std::string format_group_digits(std::string_view digits, char sep, int group = 3);

}  // namespace gk
