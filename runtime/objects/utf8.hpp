// runtime/objects/utf8.hpp — pure UTF-8 helpers shared by str, bytes and the
// formatting code: encode/decode one code point, count code points, skip to a
// code-point index, validate untrusted bytes. No Python objects, no allocation
// beyond std::string; unit-tested standalone (tests/unit/test_format_spec.cpp).
//
// Every function except utf8_validate assumes its input is valid UTF-8 (str
// objects are valid by construction).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gk::utf8 {

inline bool is_cont(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

// Bytes in the sequence introduced by `lead` (1 for ASCII).
inline size_t seq_len(unsigned char lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

inline size_t encoded_len(uint32_t cp) noexcept { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// Writes cp into buf (at least 4 bytes); returns the byte count.
inline size_t encode(char* buf, uint32_t cp) noexcept {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

inline void append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  char buf[4];
  out.append(buf, encode(buf, cp));
}

// Decodes the code point at p and advances p past it.
inline uint32_t decode(const char*& p) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  uint32_t c = s[0];
  if (c < 0x80) {
    p += 1;
    return c;
  }
  if (c < 0xE0) {
    p += 2;
    return ((c & 0x1F) << 6) | (s[1] & 0x3F);
  }
  if (c < 0xF0) {
    p += 3;
    return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  }
  p += 4;
  return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

// Decodes the code point that ends just before p and moves p back to its start.
inline uint32_t decode_back(const char*& p) noexcept {
  do {
    --p;
  } while (is_cont(static_cast<unsigned char>(*p)));
  const char* q = p;
  return decode(q);
}

// True when every byte is < 0x80 (word at a time).
inline bool is_ascii(const char* s, size_t n) noexcept {
  size_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ull) == 0;
}

// Number of code points (= bytes that are not continuation bytes).
inline size_t count(const char* s, size_t n) noexcept {
  size_t i = 0, conts = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
    uint64_t m = w & ~(w << 1) & 0x8080808080808080ull;
    conts += static_cast<size_t>(__builtin_popcountll(m));
  }
  for (; i < n; ++i) conts += is_cont(static_cast<unsigned char>(s[i]));
  return n - conts;
}
inline size_t count(std::string_view s) noexcept { return count(s.data(), s.size()); }

// Byte offset of code point `index` (index <= code points in s).
inline size_t offset_of(std::string_view s, size_t index) noexcept {
  const char* p = s.data();
  const char* end = p + s.size();
  while (index > 0 && p < end) {
    p += seq_len(static_cast<unsigned char>(*p));
    --index;
  }
  return static_cast<size_t>(p - s.data());
}

// Validates untrusted bytes as UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
// Returns true when valid; otherwise sets err_pos to the offset of the first
// bad byte and err_len to the length of the invalid sequence (CPython's
// "invalid start byte" (len 1) vs "invalid continuation byte" / "unexpected
// end of data" distinction is reported through `reason`).
enum class Utf8Error { None, InvalidStart, InvalidContinuation, UnexpectedEnd };
inline Utf8Error validate(const char* s, size_t n, size_t& err_pos, size_t& err_len) noexcept {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  size_t i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = u[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      err_pos = i;
      err_len = 1;
      return Utf8Error::InvalidStart;
    }
    for (size_t k = 1; k <= need; ++k) {
      if (i + k >= n) {
        err_pos = i;
        err_len = k;
        return Utf8Error::UnexpectedEnd;
      }
      unsigned char b = u[i + k];
      bool ok = k == 1 ? (b >= lo && b <= hi) : is_cont(b);
      if (!ok) {
        err_pos = i;
        err_len = k;
        return Utf8Error::InvalidContinuation;
      }
    }
    i += need + 1;
  }
  return Utf8Error::None;
}

}  // namespace gk::utf8
