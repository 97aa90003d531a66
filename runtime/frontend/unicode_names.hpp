// unicode_names.hpp — character-name lookup for "\N{...}" string escapes
// (a generated subset of the Unicode name table; see unicode_names.cpp).
#pragma once

#include <string_view>

namespace gk {

// Case-insensitive; returns false for names outside the table.
bool lookup_unicode_name(std::string_view name, char32_t& out);

}  // namespace gk
