// syntax_error.hpp — the error the front end throws (SyntaxErrorInfo) and
// the warnings it can report (SyntaxWarningInfo).
//
// The tokenizer and parser throw gk::SyntaxErrorInfo by value; the caller
// (compile(), main.cpp) turns it into a Python SyntaxError / IndentationError
// / TabError object.  Fields follow CPython's SyntaxError attributes.
#pragma once

#include <string>

namespace gk {

struct SyntaxErrorInfo {
    std::string kind;        // "SyntaxError" | "IndentationError" | "TabError"
    std::string msg;         // CPython 3.11 wording where practical
    std::string filename;
    int lineno = 0;          // 1-based
    int offset = 0;          // 1-based column like CPython's SyntaxError.offset
                             // (counted in characters of the line, not bytes)
    int end_lineno = 0;      // 0 when CPython leaves it unset (None)
    int end_offset = 0;      // CPython's value, including its -1 / 0 oddities
    // lineno == 0: no location (e.g. "unknown encoding: x", NUL bytes).
    std::string text;        // the source line (with its trailing '\n' if any)
};

// A compile-time warning the front end found (CPython issues these through
// the warnings module while compiling).  Collected only when the caller
// passes a vector in ParseOptions::warnings.
struct SyntaxWarningInfo {
    std::string category;    // "DeprecationWarning" | "SyntaxWarning"
    std::string msg;         // e.g. "invalid escape sequence '\\d'"
    std::string filename;
    int lineno = 0;
    int offset = 0;          // 1-based, like SyntaxErrorInfo::offset
};

}  // namespace gk
