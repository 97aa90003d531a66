// runtime/objects/format_spec.hpp — the format-specification mini-language
// shared by str.format, f-strings, format() and every __format__:
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
//
// Pure helpers (no Python objects): parsing raises ValueError with CPython's
// messages, padding and digit grouping work on UTF-8 std::strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gk {

struct FormatSpec {
  uint32_t fill = ' ';      // code point ('0' when zero_pad and no fill was given)
  char align = '\0';        // '<' '>' '^' '=' or 0 (type's default)
  char sign = '\0';         // '+' '-' ' ' or 0
  bool alternate = false;   // '#'
  bool zero_pad = false;    // '0' before width (numbers: align 0 + zero_pad means '=')
  bool no_neg_zero = false; // 'z'
  int width = -1;           // -1 = none
  char grouping = '\0';     // ',' '_' or 0
  int precision = -1;       // -1 = none
  char type = '\0';         // presentation type or 0; '\xff' when the type is not ASCII (see type_cp)
  uint32_t type_cp = 0;     // the presentation type as a code point (== type when ASCII)
};

// Parses a spec; ValueError with CPython's messages ("Invalid format specifier
// 'abc' for object of type 'int'", "Format specifier missing precision",
// "Cannot specify both ',' and '_'.", "Cannot specify ',' with 's'.",
// "Too many decimal digits in format string"). `type_name` is only used in
// messages; without it the first message is just "Invalid format specifier".
FormatSpec parse_format_spec(std::string_view spec, const char* type_name = nullptr);
// Pads `body` (UTF-8, `body_len` code points) to spec.width with fill/align;
// default_align is used when spec.align is 0 ('<' for str, '>' for numbers).
// With '=' the padding goes after a leading sign ('+', '-', ' ') and, when
// spec.alternate, after a "0x"/"0o"/"0b" (any case) prefix.
std::string format_pad(const FormatSpec& spec, std::string_view body, size_t body_len, char default_align);
// Inserts thousands separators (',' or '_') every `group` digits into a digit string.
std::string format_group_digits(std::string_view digits, char sep, int group = 3);
// As above, but left-pads with '0' digits (grouped too) until the result is at
// least `min_width` characters, never starting with a separator — CPython's
// zero-padding of grouped numbers: format(1234, '010,') == '00,001,234'.
std::string format_group_digits(std::string_view digits, char sep, int group, size_t min_width);

// ValueError "Unknown format code 'x' for object of type 'int'" (non-printable
// or non-ASCII codes are written as '\xNN', as CPython does).
[[noreturn]] void raise_unknown_format_code(const FormatSpec& spec, const char* type_name);

}  // namespace gk
