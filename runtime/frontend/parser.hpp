// parser.hpp — public entry points of the front end: source text -> AST.
//
// A hand-written recursive-descent parser for the whole Python 3.11 grammar
// (async and match statements included; no type comments).  Errors are
// thrown as gk::SyntaxErrorInfo (syntax_error.hpp) with CPython 3.11's
// messages and locations.  The implementation lives in parser.cpp
// (statements), parser_expr.cpp (expressions, arguments, parameters),
// parser_match.cpp (match statements) and parser_string.cpp (literals and
// f-strings); parser_internal.hpp declares the Parser class.
//
// Thread safety: no global state; one parse per thread at a time per arena.
// Tree depth: a tree is never nested deeper than ~2000 levels (deeper input
// gets "maximum recursion depth exceeded during compilation"), so recursive
// passes over the AST need no guard of their own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"
#include "syntax_error.hpp"

namespace gk {

// Parses a whole module (`exec` mode).  All nodes live in `arena`.
// `source` is the raw file content (UTF-8, optional BOM / coding cookie;
// latin-1, ascii, cp1252 and koi8-r cookies are decoded too).
Module* parse_module(AstArena& arena, std::string_view source, const std::string& filename);

// Parses `compile(source, filename, 'eval')` input: an expression list,
// blank lines allowed around it.  (The eval() builtin strips leading spaces
// and tabs before compiling, as CPython's does; that is the caller's job.)
Expr* parse_expression(AstArena& arena, std::string_view source, const std::string& filename);

// Where the source text came from (affects decoding and a few messages):
//   from_file = true            a script file: BOM + coding cookie honoured,
//                               "Non-UTF-8 code starting with ..." errors;
//   from_file = false           compile()/exec()/eval() of bytes: BOM +
//                               cookie honoured, "(unicode error) ..." errors;
//   from_file = false, is_str   compile()/exec()/eval() of a str: the text
//                               is already decoded (UTF-8); cookies are ignored.
struct ParseOptions {
    bool from_file = true;
    bool is_str = false;
    // If set, compile-time warnings are appended here, in source order
    // (DeprecationWarning "invalid escape sequence '\\d'", SyntaxWarning
    // "invalid decimal literal" for `1if x else y`, ...).
    std::vector<SyntaxWarningInfo>* warnings = nullptr;
};
Module* parse_module(AstArena& arena, std::string_view source, const std::string& filename,
                     const ParseOptions& opts);
Expr* parse_expression(AstArena& arena, std::string_view source, const std::string& filename,
                       const ParseOptions& opts);

}  // namespace gk
