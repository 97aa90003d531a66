// runtime/objects/unicode_ctype.cpp — lookups in the generated Unicode tables
// (unicode_tables.inc): range tables for properties, run-length case maps
// with a small table of one-to-many mappings (ß -> SS, ŉ -> ʼN, ...).
#include "objects/unicode_ctype.hpp"

#include <cstddef>

namespace gk::uni {

namespace {

struct CaseRun {
  uint32_t first, last;
  uint32_t step;  // 1 or 2 (alternating upper/lower pairs)
  int32_t delta;
};
struct CaseMulti {
  uint32_t cp;
  uint32_t out[3];  // trailing zeros unused
};

#include "objects/unicode_tables.inc"

template <size_t N>
bool in_ranges(const uint32_t (&t)[N][2], uint32_t c) noexcept {
  size_t lo = 0, hi = N;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < t[mid][0]) {
      hi = mid;
    } else if (c > t[mid][1]) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

template <size_t R, size_t M>
int map_case(const CaseRun (&runs)[R], const CaseMulti (&multi)[M], uint32_t c, uint32_t out[3]) noexcept {
  size_t lo = 0, hi = M;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (multi[mid].cp == c) {
      int n = 0;
      while (n < 3 && multi[mid].out[n]) {
        out[n] = multi[mid].out[n];
        ++n;
      }
      return n;
    }
    if (multi[mid].cp < c) lo = mid + 1;
    else hi = mid;
  }
  lo = 0;
  hi = R;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const CaseRun& r = runs[mid];
    if (c < r.first) {
      hi = mid;
    } else if (c > r.last) {
      lo = mid + 1;
    } else {
      out[0] = (c - r.first) % r.step == 0 ? static_cast<uint32_t>(static_cast<int64_t>(c) + r.delta) : c;
      return 1;
    }
  }
  out[0] = c;
  return 1;
}

}  // namespace

bool printable_slow(uint32_t c) noexcept { return in_ranges(kPrintable, c); }
bool space_slow(uint32_t c) noexcept { return in_ranges(kSpace, c); }
bool alpha_slow(uint32_t c) noexcept { return in_ranges(kAlpha, c); }
bool decimal_slow(uint32_t c) noexcept { return in_ranges(kDecimal, c); }
bool digit_slow(uint32_t c) noexcept { return in_ranges(kDigit, c); }
bool numeric_slow(uint32_t c) noexcept { return in_ranges(kNumeric, c); }
bool lower_slow(uint32_t c) noexcept { return in_ranges(kLower, c); }
bool upper_slow(uint32_t c) noexcept { return in_ranges(kUpper, c); }
bool title_slow(uint32_t c) noexcept { return in_ranges(kTitle, c); }
bool xid_start_slow(uint32_t c) noexcept { return in_ranges(kXidStart, c); }
bool xid_continue_slow(uint32_t c) noexcept { return in_ranges(kXidContinue, c); }
bool case_ignorable_slow(uint32_t c) noexcept { return in_ranges(kCaseIgnorable, c); }

int decimal_value(uint32_t c) noexcept {
  if (c < 0x80) return (c >= '0' && c <= '9') ? static_cast<int>(c - '0') : -1;
  // Every Nd range is a whole number of 0..9 runs starting at a zero.
  size_t lo = 0, hi = sizeof kDecimal / sizeof kDecimal[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < kDecimal[mid][0]) hi = mid;
    else if (c > kDecimal[mid][1]) lo = mid + 1;
    else return static_cast<int>((c - kDecimal[mid][0]) % 10);
  }
  return -1;
}

int to_upper(uint32_t c, uint32_t out[3]) noexcept {
  if (c < 0x80) {
    out[0] = (c >= 'a' && c <= 'z') ? c - 32 : c;
    return 1;
  }
  return map_case(kUpperRuns, kUpperMulti, c, out);
}
int to_lower(uint32_t c, uint32_t out[3]) noexcept {
  if (c < 0x80) {
    out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return 1;
  }
  return map_case(kLowerRuns, kLowerMulti, c, out);
}
int to_title(uint32_t c, uint32_t out[3]) noexcept {
  if (c < 0x80) {
    out[0] = (c >= 'a' && c <= 'z') ? c - 32 : c;
    return 1;
  }
  return map_case(kTitleRuns, kTitleMulti, c, out);
}
int to_fold(uint32_t c, uint32_t out[3]) noexcept {
  if (c < 0x80) {
    out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return 1;
  }
  return map_case(kFoldRuns, kFoldMulti, c, out);
}

}  // namespace gk::uni
