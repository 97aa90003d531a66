// runtime/objects/str.hpp — str: immutable Unicode text stored as UTF-8.
//
// Layout: the header fields below, then utf8_size bytes of UTF-8 and a NUL.
// `length` counts code points; when is_ascii, byte and code-point indices
// agree and indexing is O(1) (otherwise it walks the UTF-8). The hash is
// computed on first use. Interned strings are immortal and unique per value:
// identifier-like constants are interned by the compiler, and sys.intern()
// interns on request.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"

namespace gk {

struct StrObject : Object {
  int64_t hash;       // -1 until computed (owner: whoever computes it first; idempotent)
  size_t length;      // code points
  size_t utf8_size;   // bytes, without the trailing NUL
  bool is_ascii;
  bool interned;
  uint32_t spare;     // allocated bytes after the NUL (only str_append_inplace makes any)
  // char data[utf8_size + 1 + spare] follows
};

inline const char* str_data(const Object* o) noexcept {
  return reinterpret_cast<const char*>(static_cast<const StrObject*>(o) + 1);
}
inline std::string_view str_view(const Object* o) noexcept {
  return {str_data(o), static_cast<const StrObject*>(o)->utf8_size};
}
inline size_t str_length(const Object* o) noexcept { return static_cast<const StrObject*>(o)->length; }

Ref<Object> str_new(std::string_view utf8);        // copies; the input must be valid UTF-8
Ref<Object> str_from_codepoint(uint32_t cp);
Ref<Object> str_empty();
// Start-up: creates the empty and one-character strings (before any thread).
void init_str_caches();
// The interned (immortal, unique) string for `s`: borrowed, lives forever.
Object* intern(std::string_view s);
// Intern an existing str in place: *p may be replaced by the canonical object.
void intern_inplace(Ref<Object>& p);
int64_t str_hash(Object* o) noexcept;
bool str_equal(const Object* a, const Object* b) noexcept;  // two str objects
int str_compare(const Object* a, const Object* b) noexcept;  // code-point order: -1/0/1
Ref<Object> str_concat(const Object* a, const Object* b);
// `a += b` for two str objects. When *a is an exact, non-interned str whose
// only reference is `a`, it grows in place (with geometric spare capacity, so
// a loop of appends is linear); otherwise *a is replaced by str_concat(a, b).
// The eval loop can use it for `s += t` by dropping the local's reference to
// s first (CPython's trick when the next instruction stores back to s).
void str_append_inplace(Ref<Object>& a, Object* b);
Ref<Object> str_repr(const Object* o);  // 'it''s' quoting rules as CPython
Ref<Object> str_index(const Object* o, int64_t i);  // o[i] (negative ok), IndexError "string index out of range"
// Code point at index i (0 <= i < length).
uint32_t str_char_at(const Object* o, size_t i) noexcept;

// Encode/decode helpers shared by the tokenizer-free parts of the runtime.
void utf8_append(std::string& out, uint32_t cp);
// Builds a str from code points (used by slicing, chr(), upper(), ...).
Ref<Object> str_from_utf32(const uint32_t* cps, size_t n);

}  // namespace gk
