// source_encoding.hpp — PEP 263 source encodings: finding the coding cookie
// and decoding the few codecs the front end knows (utf-8, latin-1, ascii,
// cp1252, koi8-r) to UTF-8.  Shared by SourceText (parser) and token_dump.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gk {

enum class SourceCodec { Utf8, Latin1, Ascii, Cp1252, Koi8R };

// The raw name after "coding[:=]" in the first two lines (PEP 263 rules:
// line 2 only counts if line 1 is blank or a comment), or "" if none.
std::string find_coding_cookie(std::string_view source);

// CPython's get_normal_name(): "utf-8" / "iso-8859-1" for their spellings,
// otherwise the name unchanged.
std::string normal_encoding_name(const std::string& name);

// Codec lookup with Python's alias rules; false for an unknown codec.
bool lookup_source_codec(const std::string& name, SourceCodec& codec);

// Decodes `raw` to UTF-8.  Returns false on an undecodable byte (its offset
// in `bad_pos`).  Utf8 input is validated strictly.
bool decode_source(std::string_view raw, SourceCodec codec, std::string& out, size_t& bad_pos);

}  // namespace gk
