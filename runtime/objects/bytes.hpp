// runtime/objects/bytes.hpp — bytes: an immutable byte string stored inline.
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
Ref<Object> bytes_repr(const Object* o);  // b'...' as CPython

}  // namespace gk
