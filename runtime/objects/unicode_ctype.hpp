// runtime/objects/unicode_ctype.hpp — Unicode character properties and case
// mappings for str methods (isalpha, upper, repr's printable test, ...).
// ASCII is answered inline; other code points by binary search in tables
// generated from Unicode 14.0.0 (the version CPython 3.11 uses) by
// scripts/gen_unicode_tables.py. Pure functions, no Python objects.
#pragma once

#include <cstdint>

namespace gk::uni {

// Non-ASCII lookups (unicode_ctype.cpp).
bool printable_slow(uint32_t cp) noexcept;
bool space_slow(uint32_t cp) noexcept;
bool alpha_slow(uint32_t cp) noexcept;
bool decimal_slow(uint32_t cp) noexcept;
bool digit_slow(uint32_t cp) noexcept;
bool numeric_slow(uint32_t cp) noexcept;
bool lower_slow(uint32_t cp) noexcept;
bool upper_slow(uint32_t cp) noexcept;
bool title_slow(uint32_t cp) noexcept;
bool xid_start_slow(uint32_t cp) noexcept;
bool xid_continue_slow(uint32_t cp) noexcept;
bool case_ignorable_slow(uint32_t cp) noexcept;

inline bool is_printable(uint32_t c) noexcept { return c < 0x80 ? (c >= 0x20 && c < 0x7F) : printable_slow(c); }
inline bool is_space(uint32_t c) noexcept {
  return c < 0x80 ? (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) : space_slow(c);
}
inline bool is_lower(uint32_t c) noexcept { return c < 0x80 ? (c >= 'a' && c <= 'z') : lower_slow(c); }
inline bool is_upper(uint32_t c) noexcept { return c < 0x80 ? (c >= 'A' && c <= 'Z') : upper_slow(c); }
inline bool is_title(uint32_t c) noexcept { return c < 0x80 ? false : title_slow(c); }  // titlecase letters (Lt)
inline bool is_cased(uint32_t c) noexcept { return is_lower(c) || is_upper(c) || is_title(c); }
inline bool is_alpha(uint32_t c) noexcept {
  return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : alpha_slow(c);
}
inline bool is_decimal(uint32_t c) noexcept { return c < 0x80 ? (c >= '0' && c <= '9') : decimal_slow(c); }
inline bool is_digit(uint32_t c) noexcept { return c < 0x80 ? (c >= '0' && c <= '9') : digit_slow(c); }
inline bool is_numeric(uint32_t c) noexcept { return c < 0x80 ? (c >= '0' && c <= '9') : numeric_slow(c); }
inline bool is_alnum(uint32_t c) noexcept {
  return c < 0x80 ? (is_alpha(c) || is_decimal(c)) : (alpha_slow(c) || numeric_slow(c));
}
inline bool is_xid_start(uint32_t c) noexcept { return c < 0x80 ? (is_alpha(c) || c == '_') : xid_start_slow(c); }
inline bool is_xid_continue(uint32_t c) noexcept {
  return c < 0x80 ? (is_alpha(c) || is_decimal(c) || c == '_') : xid_continue_slow(c);
}
// Case_Ignorable (the final-sigma rule of lower()): marks, format characters,
// modifiers, and the apostrophe/period/colon-like word-break characters.
inline bool is_case_ignorable(uint32_t c) noexcept {
  return c < 0x80 ? (c == '\'' || c == '.' || c == ':' || c == '^' || c == '`') : case_ignorable_slow(c);
}
// Value 0..9 of a decimal digit (any script), or -1.
int decimal_value(uint32_t c) noexcept;

// Full case mappings: write 1..3 code points to out, return the count.
int to_upper(uint32_t c, uint32_t out[3]) noexcept;
int to_lower(uint32_t c, uint32_t out[3]) noexcept;
int to_title(uint32_t c, uint32_t out[3]) noexcept;
int to_fold(uint32_t c, uint32_t out[3]) noexcept;  // casefold

}  // namespace gk::uni
