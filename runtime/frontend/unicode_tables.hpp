// unicode_tables.hpp — Unicode 14.0 character properties the front end needs
// (identifier characters, tokenize-module \w, str.isprintable for repr).
// Tables are generated data in unicode_tables.cpp; lookups are binary searches.
#pragma once

namespace gk {

bool uni_is_printable(char32_t c);     // str.isprintable()
bool uni_is_word(char32_t c);          // re's \w for str patterns
bool uni_is_xid_start(char32_t c);     // valid first identifier character ('_' included)
bool uni_is_xid_continue(char32_t c);  // valid later identifier character

}  // namespace gk
