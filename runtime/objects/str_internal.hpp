// runtime/objects/str_internal.hpp — declarations shared by the str/bytes
// implementation files only (str.cpp, str_methods.cpp, str_format.cpp,
// bytes.cpp). Not part of the object-model contract: other parts use str.hpp.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"
#include "objects/str.hpp"

namespace gk {

// The hash of a byte string (str and bytes): a fixed-key 64-bit hash, never -1.
int64_t hash_bytes(const char* p, size_t n) noexcept;

// --- allocation (str.cpp) ----------------------------------------------------------
// A new str of `nbytes` UTF-8 bytes (`length` code points) for the caller to fill
// through str_mut_data() before it escapes; the trailing NUL is already written.
// nbytes == 0 returns the empty singleton (nothing to fill).
Ref<Object> str_alloc(size_t nbytes, size_t length, bool ascii);
inline char* str_mut_data(Object* o) noexcept { return reinterpret_cast<char*>(static_cast<StrObject*>(o) + 1); }
inline bool str_is_ascii(const Object* o) noexcept { return static_cast<const StrObject*>(o)->is_ascii; }
inline size_t str_size(const Object* o) noexcept { return static_cast<const StrObject*>(o)->utf8_size; }
// str_new when the caller already knows the code-point count and ASCII-ness.
Ref<Object> str_new_known(std::string_view utf8, size_t length, bool ascii);
// The substring at bytes [off, off+nbytes) of s with `length` code points;
// returns s itself when it is the whole string.
Ref<Object> str_substr(Object* s, size_t off, size_t nbytes, size_t length);
// Byte offset of code point i in s (O(1) for ASCII strings).
size_t str_offset(const Object* s, size_t i) noexcept;
// A one-character string; code points < 256 come from an immortal cache.
Ref<Object> str_char(uint32_t cp);
// Appends repr(s) (with quotes) to out; `ascii_only` gives ascii()'s escaping.
void str_repr_append(std::string& out, std::string_view s, bool ascii_only);

// b'...' text of a bytes repr (bytes.cpp). bytearray's repr also escapes a
// single quote inside double quotes (a CPython quirk): escape_single_quote.
std::string bytes_repr_text(std::string_view s, bool escape_single_quote);

// --- codecs (str.cpp) -----------------------------------------------------------------
// Normalised codec names; LookupError "unknown encoding: x" for others.
enum class Codec { Utf8, Ascii, Latin1 };
Codec lookup_codec(std::string_view name);
// bytes -> str with errors "strict" (UnicodeDecodeError), "ignore", "replace",
// "backslashreplace"; LookupError "unknown error handler name 'x'" otherwise.
Ref<Object> decode_to_str(ThreadState& ts, std::string_view data, std::string_view encoding, std::string_view errors);
// str -> bytes (UnicodeEncodeError for ascii/latin-1 under "strict").
Ref<Object> encode_from_str(ThreadState& ts, Object* s, std::string_view encoding, std::string_view errors);

// --- formatting (str_format.cpp) ------------------------------------------------------
// fmt % args (printf-style); `fmt` is a str.
Ref<Object> str_percent_format(ThreadState& ts, Object* fmt, Object* args);
// fmt % args for bytes and bytearray templates (result: bytes).
Ref<Object> bytes_percent_format(ThreadState& ts, std::string_view fmt, Object* args);
// str.format(*args, **kwargs) with vectorcall arguments.
Ref<Object> str_format_vectorcall(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames);
// str.format_map(mapping).
Ref<Object> str_format_map(ThreadState& ts, Object* self, Object* mapping);
// str.__format__(spec).
Ref<Object> str_format_spec(ThreadState& ts, Object* self, Object* spec);

// --- method tables --------------------------------------------------------------------
extern const MethodDef str_methods[];    // str_methods.cpp
extern const MethodDef bytes_methods[];  // bytes.cpp (bytearray reuses the non-mutating ones)

// The str argument of a method, or TypeError "<what> must be str, not int"
// style messages as CPython words them per method.
inline bool is_exact_str(const Object* o) noexcept { return type_check_exact(o, &Str_type); }

}  // namespace gk
