// parser_internal.hpp — the Parser class shared by parser.cpp (statements),
// parser_expr.cpp (expressions), parser_match.cpp (match statements) and
// parser_string.cpp (literals, f-strings).  Not part of the public API:
// include parser.hpp instead.
//
// Design: a hand-written recursive-descent parser with PEG semantics where
// CPython's error reporting depends on them.  Tokens are pulled lazily from
// the Tokenizer into a buffer, so the parser may look ahead any distance and
// backtrack (pos_ is an index into the buffer).  See parser.cpp for how
// errors are chosen.
#pragma once

#include <optional>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"
#include "syntax_error.hpp"
#include "tokenizer.hpp"

namespace gk::detail {

// A PEG "no match": thrown by fail_generic(), and by every specific error
// while CPython's invalid_* rules are off (no_invalid_ > 0).  Caught by code
// trying alternatives (which restores pos_), else at the top, where it
// becomes the generic "invalid syntax".  Never escapes the Parser.
struct ParseFailure {};

// Which kind of target a target-validation pass checks for.
enum class TargetKind { Store, Del, For };

class Parser {
public:
    Parser(AstArena& arena, const SourceText& src,
           std::vector<SyntaxWarningInfo>* warnings = nullptr);

    Module* parse_file();
    Expr* parse_eval();
    // f-string replacement field: the text is "(" expr ")".
    Expr* parse_fstring_expr();

    // Max nesting depth of the tree being built: every recursive grammar
    // construct and every link of a left-associative chain (a+b+c, a.b.c,
    // f()()) counts one.  This bounds the C++ stack here and in every later
    // recursive pass over the AST (dump, compiler): the parser never returns
    // a tree nested deeper than this (ParserRobustness tests check the
    // error).  CPython 3.11 fails between 1000 and 3000 levels ("maximum
    // recursion depth exceeded during compilation").
    static constexpr int kMaxDepth = 2000;

private:
    friend struct DepthGuard;

    // ---- tokens (parser.cpp) ----
    const Token& peek(size_t k = 0);
    const Token& prev() const { return toks_[pos_ - 1]; }
    Token next();
    void compact_tokens();
    bool at_op(Punct p, size_t k = 0) { const Token& t = peek(k); return t.type == Tok::Op && t.op == p; }
    bool at_kw(Kw kw, size_t k = 0) { const Token& t = peek(k); return t.type == Tok::Name && t.kw == kw; }
    bool at_type(Tok ty, size_t k = 0) { return peek(k).type == ty; }
    bool at_name(size_t k = 0) { const Token& t = peek(k); return t.type == Tok::Name && t.kw == Kw::NotKeyword; }
    bool accept_op(Punct p) { if (at_op(p)) { next(); return true; } return false; }
    bool accept_kw(Kw kw) { if (at_kw(kw)) { next(); return true; } return false; }
    Token expect_op(Punct p);
    Token expect_kw(Kw kw);
    Token expect_name();
    Token expect_forced(Punct p);   // CPython's &&'x': "expected 'x'" at the token found
    std::string_view text(const Token& t) const { return src_.text().substr(t.start, t.end - t.start); }
    std::string identifier(const Token& t) const;

    // ---- errors (parser.cpp) ----
    [[noreturn]] void fail_generic();   // throws ParseFailure (a PEG "no match")
    [[noreturn]] void generic_error();  // "invalid syntax" at the furthest token
    void statement_recovery(size_t st_idx);
    [[noreturn]] void fail_at_token(const std::string& msg, const Token& t);
    [[noreturn]] void fail_range(const std::string& msg, const Located* a, const Located* b);
    [[noreturn]] void fail_range(const std::string& msg, int l1, int c1, int l2, int c2);
    [[noreturn]] void fail_last(const std::string& msg, const char* kind = "SyntaxError");
    [[noreturn]] void raise(SyntaxErrorInfo e);
    [[noreturn]] void too_deep();
    void check_rest_for_tokenizer_errors();
    SyntaxErrorInfo never_closed() const;

    // ---- locations ----
    template <class T> T* node_at(const Token& start) {
        T* n = arena_.make<T>();
        n->lineno = start.lineno;
        n->col_offset = start.col;
        return n;
    }
    template <class T> T* node_at(const Located* start) {
        T* n = arena_.make<T>();
        n->lineno = start->lineno;
        n->col_offset = start->col_offset;
        return n;
    }
    void end_at(Located* n, const Token& t) { n->end_lineno = t.end_lineno; n->end_col_offset = t.end_col; }
    void end_prev(Located* n) { end_at(n, prev()); }
    void end_at_last_real(Located* n);
    static void end_at(Located* n, const Located* e) { n->end_lineno = e->end_lineno; n->end_col_offset = e->end_col_offset; }

    // ---- statements (parser.cpp) ----
    void statement(StmtList& out);
    void simple_stmts(StmtList& out);
    Stmt* simple_stmt();
    Stmt* compound_stmt();
    Stmt* expr_or_assign_stmt();
    Stmt* import_name();
    Stmt* import_from();
    Stmt* del_stmt();
    Stmt* return_stmt();
    Stmt* raise_stmt();
    Stmt* global_stmt(bool nonlocal);
    Stmt* assert_stmt();
    Stmt* if_stmt(bool elif);
    Stmt* while_stmt();
    Stmt* for_stmt(const Token* async_tok);
    Stmt* with_stmt(const Token* async_tok);
    Stmt* try_stmt();
    Stmt* funcdef(ExprList decorators, const Token* async_tok);
    Stmt* classdef(ExprList decorators);
    Stmt* decorated();
    void block(StmtList& out, const std::string& what, int line);
    void accept_dedent();
    void expect_colon();
    withitem* with_item();
    alias* dotted_as_name();
    std::string dotted_name(Token& last);

    // ---- targets (parser.cpp) ----
    void set_context(Expr* e, ExprContext ctx);
    const Expr* invalid_target(const Expr* e, TargetKind kind) const;
    void check_store_target(Expr* e, TargetKind kind);
    void check_assign_target_here(Expr* target, const Token& first, size_t rhs_idx);
    const Token* token_at(const Located* e) const;
    size_t token_index(const Token& t) const;
    bool starts_with_excluded_atom(const Expr* e, const Token& first) const;
    bool is_bitwise_or_level(const Expr* e, const Token& first) const;
    bool is_bare_tuple(const Expr* e) const;

    // ---- expressions (parser_expr.cpp) ----
    Expr* star_expressions();
    Expr* star_expression();
    Expr* star_named_expression();
    Expr* named_expression(bool check_equals = true);
    Expr* expression();
    Expr* expression_nocheck();
    Expr* disjunction();
    Expr* conjunction();
    Expr* inversion();
    Expr* comparison();
    Expr* bitwise_or();
    Expr* binary(int level);
    Expr* factor();
    Expr* power();
    Expr* primary();
    Expr* atom();
    Expr* yield_expr();
    Expr* lambdef();
    Expr* paren_atom();
    Expr* list_atom();
    Expr* brace_atom();
    Expr* slices();
    Expr* slice_item();
    void call_args(Call* call, bool allow_genexp = true);
    void comprehension_clauses(std::vector<comprehension*>& out);
    Expr* target_list();   // for-loop / comprehension targets
    void invalid_for_target(size_t target_idx);
    Expr* star_target();
    arguments* parameters(bool lambda);
    arg* param(bool lambda, bool star_annotation);
    bool starts_expression(size_t k = 0);
    void check_forgot_comma(Expr* a, const Token& first);
    void check_stray_equals(Expr* e, const Token& first);

    // ---- match statements (parser_match.cpp) ----
    bool at_soft_keyword(std::string_view kw, size_t k = 0);
    bool looks_like_match();
    void invalid_match_stmt(size_t st_idx);
    Expr* subject_expr();
    Stmt* match_stmt();
    match_case* case_block();
    Pattern* patterns();
    Pattern* maybe_star_pattern();
    Pattern* pattern();
    Pattern* or_pattern();
    Pattern* closed_pattern();
    Pattern* mapping_pattern();
    Pattern* class_pattern(Expr* cls);
    Expr* literal_number();
    Expr* name_or_attr();

    // ---- literals (parser_string.cpp) ----
    struct FStringCtx {
        const Located* whole;     // location given to Constant/FormattedValue parts
        const Token* tok;         // the string token being scanned
    };
    Expr* strings();
    Expr* number(const Token& t);
    std::string decode_str(std::string_view body, bool raw, bool is_bytes, size_t src_off,
                           const Token& tok);
    void string_warning(const Token& tok, std::string msg, size_t src_off);
    void fstring_parts(std::string_view s, size_t& i, size_t src_off, bool raw, int lvl,
                       bool in_spec, const FStringCtx& ctx, ExprList& parts,
                       std::string& pending);
    void fstring_field(std::string_view s, size_t& i, size_t src_off, bool raw, int lvl,
                       const FStringCtx& ctx, ExprList& parts, std::string& pending);
    void flush_literal(const FStringCtx& ctx, ExprList& parts, std::string& pending);
    Expr* fstring_expression(std::string_view expr_text, size_t src_off);

    AstArena& arena_;
    const SourceText& src_;
    Tokenizer tz_;
    std::vector<Token> toks_;
    size_t pos_ = 0;
    int depth_ = 0;
    size_t furthest_ = 0;          // furthest token index fetched (non-speculative)
    int speculating_ = 0;          // >0 while trying an alternative we may undo
    std::optional<SyntaxErrorInfo> tok_error_;   // sticky tokenizer error
    std::unordered_set<const Expr*> bare_tuples_;  // tuples written without parens
    int no_invalid_ = 0;           // >0: skip CPython's "invalid_*" hint checks
    std::vector<SyntaxWarningInfo>* warnings_ = nullptr;   // owned by the caller
    std::unordered_set<size_t> warned_at_;                 // source offsets warned about
};

// Name used in "cannot assign to %s" style messages (CPython's
// _PyPegen_get_expr_name equivalent).
const char* expr_description(const Expr* e);

// RAII recursion guard: throws a SyntaxError when nesting gets too deep.
struct DepthGuard {
    Parser& p;
    int levels;
    explicit DepthGuard(Parser& parser, int initial = 1);
    // One more level held until the guard dies (for chains built in a loop).
    void deepen();
    ~DepthGuard() { p.depth_ -= levels; }
};

}  // namespace gk::detail
