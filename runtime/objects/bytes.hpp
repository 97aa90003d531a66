// runtime/objects/bytes.hpp — bytes: an immutable byte string stored inline;
// bytearray: its mutable counterpart.
#pragma once

#include <string_view>

#include "objects/object.hpp"

namespace gk {

struct BytesObject : Object {
  int64_t hash;   // -1 until computed
  size_t size;
  // char data[size + 1] follows (NUL-terminated)
};

inline const char* bytes_data(const Object* o) noexcept {
  return reinterpret_cast<const char*>(static_cast<const BytesObject*>(o) + 1);
}
inline size_t bytes_size(const Object* o) noexcept { return static_cast<const BytesObject*>(o)->size; }
inline std::string_view bytes_view(const Object* o) noexcept { return {bytes_data(o), bytes_size(o)}; }
Ref<Object> bytes_new(std::string_view data);
// Start-up: creates the empty and one-byte bytes objects (before any thread).
void init_bytes_cache();
Ref<Object> bytes_repr(const Object* o);  // b'...' as CPython

// bytearray: a mutable byte buffer (bytearray.cpp). `data` is mem_alloc'ed
// (`capacity` bytes, null when 0); valid when zero-filled.
struct ByteArrayObject : Object {
  size_t size;
  size_t capacity;
  char* data;
};
Ref<Object> bytearray_new(std::string_view data);
// The contents of a bytes or bytearray object; false for anything else.
bool bytes_like_view(const Object* o, std::string_view& out) noexcept;

}  // namespace gk
