// ast_dump.hpp — the front end's debugging dumps, byte-for-byte compatible
// with CPython 3.11:
//   dump_ast     == print(ast.dump(ast.parse(src), indent=2))
//   dump_tokens  == python3 -m tokenize FILE          (token_dump.cpp)
// plus the Python-repr helpers they need (also usable elsewhere).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "ast.hpp"

namespace gk {

// Writes ast.dump(module, indent=2) followed by a newline.
void dump_ast(const Module& module, std::ostream& out);
// Same with include_attributes=True (node locations), for debugging.
void dump_ast(const Module& module, std::ostream& out, bool include_attributes);
// ast.dump(expr, indent=2) of a single expression (no trailing newline).
std::string dump_ast_expr(const Expr& expr);

// Emulates `python3 -m tokenize FILE`: on success writes every token line to
// `out` and returns 0; on error writes nothing to `out`, writes the
// "FILE:LINE:COL: error: MSG" line to `err` and returns 1 (tokenize's exit
// status).
int dump_tokens(std::string_view source, const std::string& filename, std::ostream& out,
                std::ostream& err);
// Same, with errors written to `out`.
void dump_tokens(std::string_view source, const std::string& filename, std::ostream& out);

// Python repr() of a str (UTF-8; lone surrogates in generalized UTF-8).
std::string python_repr_str(std::string_view utf8);
// Python repr() of a bytes value.
std::string python_repr_bytes(std::string_view bytes);
// Python repr() of a float ("1.0", "1e+16", "inf", ...).
std::string python_repr_float(double v);
// Python repr() of complex(0, imag) ("1j", "1.5j", "1e+16j").
std::string python_repr_imag(double imag);

}  // namespace gk
