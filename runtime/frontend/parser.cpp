// parser.cpp — the parser's token buffer, error reporting, statements and
// assignment-target checks; plus the public entry points (parser.hpp).
//
// Error strategy.  CPython 3.11's PEG parser runs twice: a plain pass, then
// (on failure) a pass with extra "invalid_*" rules that raise specific
// messages.  We get the same observable results in one pass:
//   * a plain failure throws ParseFailure (a PEG no-match).  Code trying an
//     alternative catches it and backtracks; at the top it becomes "invalid
//     syntax" at the furthest token fetched outside speculation (CPython:
//     the last token of its first pass);
//   * specific messages are raised where the grammar recognizes them.  Hint
//     checks that need look-ahead parse speculatively (speculating_), some
//     with the hint rules off (no_invalid_, CPython's *_without_invalid);
//   * before a failing simple statement is reported, statement_recovery()
//     re-reads it the way CPython's second pass does;
//   * before any parser error is thrown, the rest of the input is tokenized:
//     a tokenizer error there wins, and reaching EOF inside brackets opened
//     before the last token read gives "'(' was never closed".
#include "parser.hpp"

#include <algorithm>

#include "parser_internal.hpp"

namespace gk {
namespace detail {

DepthGuard::DepthGuard(Parser& parser, int initial) : p(parser), levels(initial) {
    p.depth_ += initial;
    if (p.depth_ > Parser::kMaxDepth) {
        p.depth_ -= initial;   // no destructor runs if the constructor throws
        p.too_deep();
    }
}

void DepthGuard::deepen() {
    ++levels;
    if (++p.depth_ > Parser::kMaxDepth) p.too_deep();
}

// CPython raises RecursionError / MemoryError here; we report a
// SyntaxError with CPython's RecursionError text.
void Parser::too_deep() {
    Token t = peek();
    throw src_.error("maximum recursion depth exceeded during compilation", t.lineno, t.col,
                     t.end_lineno, t.end_col);
}

const char* expr_description(const Expr* e) {
    switch (e->kind) {
        case ExprKind::Attribute: return "attribute";
        case ExprKind::Subscript: return "subscript";
        case ExprKind::Starred: return "starred";
        case ExprKind::Name: return "name";
        case ExprKind::List: return "list";
        case ExprKind::Tuple: return "tuple";
        case ExprKind::Lambda: return "lambda";
        case ExprKind::Call: return "function call";
        case ExprKind::BoolOp:
        case ExprKind::BinOp:
        case ExprKind::UnaryOp: return "expression";
        case ExprKind::GeneratorExp: return "generator expression";
        case ExprKind::Yield:
        case ExprKind::YieldFrom: return "yield expression";
        case ExprKind::Await: return "await expression";
        case ExprKind::ListComp: return "list comprehension";
        case ExprKind::SetComp: return "set comprehension";
        case ExprKind::DictComp: return "dict comprehension";
        case ExprKind::Dict: return "dict literal";
        case ExprKind::Set: return "set display";
        case ExprKind::JoinedStr:
        case ExprKind::FormattedValue: return "f-string expression";
        case ExprKind::Constant: {
            const auto& v = e->as<Constant>()->value;
            if (std::holds_alternative<NoneValue>(v)) return "None";
            if (const bool* b = std::get_if<bool>(&v)) return *b ? "True" : "False";
            if (std::holds_alternative<EllipsisValue>(v)) return "ellipsis";
            return "literal";
        }
        case ExprKind::Compare: return "comparison";
        case ExprKind::IfExp: return "conditional expression";
        case ExprKind::NamedExpr: return "named expression";
        case ExprKind::Slice: return "slice";
    }
    return "expression";
}

Parser::Parser(AstArena& arena, const SourceText& src, std::vector<SyntaxWarningInfo>* warnings)
    : arena_(arena), src_(src), tz_(src), warnings_(warnings) {
    tz_.set_warnings(warnings);
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

const Token& Parser::peek(size_t k) {
    while (toks_.size() <= pos_ + k) {
        if (!toks_.empty()) {
            const Token& b = toks_.back();
            if (b.type == Tok::EndMarker || (b.type == Tok::Error && b.eof)) return b;
        }
        if (tok_error_) throw *tok_error_;
        try {
            toks_.push_back(tz_.next());
        } catch (const SyntaxErrorInfo& e) {
            tok_error_ = e;
            throw;
        }
        // Like CPython, fetching the end of input inside brackets is itself
        // the error "'(' was never closed", whatever the parser was trying.
        if (toks_.back().type == Tok::Error && toks_.back().eof) {
            tok_error_ = never_closed();
            throw *tok_error_;
        }
    }
    if (speculating_ == 0) furthest_ = std::max(furthest_, pos_ + k);
    return toks_[pos_ + k];
}

// Between top-level statements no token index is held anywhere, so the
// consumed part of the buffer can go (keeping the last token for prev()).
void Parser::compact_tokens() {
    if (pos_ < 4096 || speculating_ > 0) return;
    const size_t drop = pos_ - 1;
    toks_.erase(toks_.begin(), toks_.begin() + long(drop));
    pos_ -= drop;
    furthest_ = furthest_ > drop ? furthest_ - drop : 0;
}

Token Parser::next() {
    Token t = peek();
    if (pos_ < toks_.size() &&
        !(t.type == Tok::EndMarker || (t.type == Tok::Error && t.eof)))
        ++pos_;
    return t;
}

Token Parser::expect_op(Punct p) {
    if (!at_op(p)) fail_generic();
    return next();
}

Token Parser::expect_kw(Kw kw) {
    if (!at_kw(kw)) fail_generic();
    return next();
}

Token Parser::expect_name() {
    if (!at_name()) fail_generic();
    return next();
}

Token Parser::expect_forced(Punct p) {
    if (!at_op(p)) {
        Token t = peek();
        fail_at_token(std::string("expected '") + punct_text(p) + "'", t);
    }
    return next();
}

std::string Parser::identifier(const Token& t) const {
    // NFKC normalization of non-ASCII identifiers is not implemented.
    return std::string(text(t));
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

void Parser::raise(SyntaxErrorInfo e) {
    if (no_invalid_ > 0) throw ParseFailure{};
    check_rest_for_tokenizer_errors();
    throw e;
}

// CPython's _PyPegen_tokenize_full_source_to_check_for_errors: after a
// parser error, tokenize the rest of the input.  A tokenizer error that
// CPython raises directly (bad literal, unterminated string, invalid
// character, unmatched bracket) replaces the parser's error; indentation
// and line-continuation problems (reported through a status code there)
// stop the scan silently.  Reaching EOF inside brackets opened on a line
// before the last token fetched reports the bracket as never closed.
void Parser::check_rest_for_tokenizer_errors() {
    if (tok_error_ || toks_.empty()) return;
    const Token& last = toks_.back();
    if (last.type == Tok::EndMarker) return;
    const int current_line = last.lineno;
    for (;;) {
        Token t;
        try {
            t = tz_.next();
        } catch (const SyntaxErrorInfo& e) {
            if (e.kind != "SyntaxError" ||
                e.msg == "unexpected character after line continuation character" ||
                e.msg == "unexpected EOF while parsing")
                return;
            tok_error_ = e;
            throw;
        }
        if (t.type == Tok::EndMarker) return;
        if (t.type == Tok::Error && t.eof) {
            const auto& b = tz_.open_brackets();
            if (!b.empty() && current_line > b.back().lineno) throw never_closed();
            return;
        }
    }
}

SyntaxErrorInfo Parser::never_closed() const {
    const auto& b = tz_.open_brackets().back();
    return src_.error_raw("SyntaxError", std::string("'") + b.ch + "' was never closed", b.lineno,
                          src_.char_col(b.lineno, b.col) + 1, b.lineno, 0);
}

// A plain "no match": unwinds to whoever is trying alternatives; at the
// top (simple_stmts / parse_*) it becomes generic_error().
void Parser::fail_generic() { throw ParseFailure{}; }

void Parser::generic_error() {
    if (toks_.empty()) peek();
    // Reaching the end of the input inside brackets (even while trying an
    // alternative) is reported as the bracket never being closed.
    if (toks_.back().type == Tok::Error && toks_.back().eof && !tz_.open_brackets().empty())
        throw never_closed();
    const Token last = toks_[std::min(furthest_, toks_.size() - 1)];
    if (last.type == Tok::Error && last.eof)
        raise(src_.error("unexpected EOF while parsing", last.lineno, last.col, last.lineno,
                         last.col));
    if (last.type == Tok::EndMarker)   // CPython: ENDMARKER has no column
        raise(src_.error_raw("SyntaxError", "invalid syntax", last.lineno, 0, last.lineno, 0));
    if (last.type == Tok::Indent || last.type == Tok::Dedent) {
        // (CPython does not look at the rest of the file in this case.)
        throw(src_.error_raw("IndentationError",
                             last.type == Tok::Indent ? "unexpected indent"
                                                      : "unexpected unindent",
                             last.lineno, src_.char_col(last.lineno, last.end_col),
                             last.lineno, -1));
    }
    fail_at_token("invalid syntax", last);
}

void Parser::fail_at_token(const std::string& msg, const Token& t) {
    raise(src_.error(msg, t.lineno, t.col, t.end_lineno, t.end_col));
}

void Parser::fail_range(const std::string& msg, const Located* a, const Located* b) {
    raise(src_.error(msg, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset));
}

void Parser::fail_range(const std::string& msg, int l1, int c1, int l2, int c2) {
    raise(src_.error(msg, l1, c1, l2, c2));
}

// CPython's RAISE_SYNTAX_ERROR without a location: the last token fetched.
// INDENT/DEDENT/ENDMARKER report "the tokenizer's current column" and an
// end offset of -1.
void Parser::fail_last(const std::string& msg, const char* kind) {
    if (toks_.empty()) peek();
    const Token last = toks_.back();
    if (last.type == Tok::Indent || last.type == Tok::Dedent || last.type == Tok::EndMarker ||
        (last.type == Tok::Error && last.eof)) {
        raise(src_.error_raw(kind, msg, last.lineno, src_.char_col(last.lineno, last.end_col),
                             last.lineno, -1));
    }
    raise(src_.error(kind, msg, last.lineno, last.col, last.end_lineno, last.end_col));
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

Module* Parser::parse_file() {
    Module* m = arena_.make<Module>();
    try {
        while (!at_type(Tok::EndMarker)) {
            statement(m->body);
            compact_tokens();
        }
    } catch (const ParseFailure&) {
        generic_error();
    }
    return m;
}

Expr* Parser::parse_eval() {
    try {
        while (at_type(Tok::Newline)) next();
        // eval: expressions NEWLINE* ENDMARKER  (no starred items)
        const Token start = peek();
        Expr* e = expression();
        if (at_op(Punct::Comma)) {
            Tuple* t = node_at<Tuple>(start);
            t->elts.push_back(e);
            while (accept_op(Punct::Comma)) {
                if (!starts_expression()) break;
                t->elts.push_back(expression());
            }
            end_prev(t);
            e = t;
        }
        while (at_type(Tok::Newline)) next();
        if (!at_type(Tok::EndMarker)) fail_generic();
        return e;
    } catch (const ParseFailure&) {
        generic_error();
    }
}

Expr* Parser::parse_fstring_expr() {
    try {
        Expr* e = star_expressions();
        while (at_type(Tok::Newline)) next();
        if (!at_type(Tok::EndMarker)) fail_generic();
        return e;
    } catch (const ParseFailure&) {
        generic_error();
    }
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

void Parser::statement(StmtList& out) {
    const Token t = peek();
    if (t.type == Tok::Op && t.op == Punct::At) {
        out.push_back(decorated());
        return;
    }
    if (t.type == Tok::Name) {
        switch (t.kw) {
            case Kw::Def: out.push_back(funcdef({}, nullptr)); return;
            case Kw::If: out.push_back(if_stmt(false)); return;
            case Kw::Class: out.push_back(classdef({})); return;
            case Kw::With: out.push_back(with_stmt(nullptr)); return;
            case Kw::For: out.push_back(for_stmt(nullptr)); return;
            case Kw::Try: out.push_back(try_stmt()); return;
            case Kw::While: out.push_back(while_stmt()); return;
            case Kw::NotKeyword:
                if (looks_like_match()) {
                    out.push_back(match_stmt());
                    return;
                }
                break;
            case Kw::Async:
                if (at_kw(Kw::Def, 1) || at_kw(Kw::With, 1) || at_kw(Kw::For, 1)) {
                    Token a = next();
                    if (at_kw(Kw::Def)) out.push_back(funcdef({}, &a));
                    else if (at_kw(Kw::With)) out.push_back(with_stmt(&a));
                    else out.push_back(for_stmt(&a));
                    return;
                }
                break;
            default: break;
        }
    }
    simple_stmts(out);
}

void Parser::simple_stmts(StmtList& out) {
    size_t st_idx = pos_;
    try {
        for (;;) {
            st_idx = pos_;
            out.push_back(simple_stmt());
            if (accept_op(Punct::Semi)) {
                if (at_type(Tok::Newline)) break;
                continue;
            }
            break;
        }
    } catch (const ParseFailure&) {
        statement_recovery(st_idx);
        generic_error();
    }
    if (!at_type(Tok::Newline)) {
        if (out.back()->is<ExprStmt>()) statement_recovery(st_idx);
        generic_error();
    }
    next();
}

// Before reporting "invalid syntax" for a simple statement that is not a
// complete assignment, CPython's second pass re-reads it as
// `star_named_expression ',' star_named_expressions*` (its invalid_assignment
// rule), with all hint rules on — which is how `a, b c = 1` becomes
// "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".  Note
// that star_named_expressions* lets lists follow each other without a comma.
void Parser::statement_recovery(size_t st_idx) {
    invalid_match_stmt(st_idx);
    size_t save = pos_;
    pos_ = st_idx;
    ++speculating_;
    try {
        if (starts_expression() || at_op(Punct::Star)) {
            star_named_expression();
            if (accept_op(Punct::Comma)) {
                while (starts_expression() || at_op(Punct::Star)) {
                    star_named_expression();
                    accept_op(Punct::Comma);
                }
            }
        }
    } catch (const ParseFailure&) {
    }
    --speculating_;
    pos_ = save;
}

Stmt* Parser::simple_stmt() {
    const Token t = peek();
    if (t.type == Tok::Name) {
        switch (t.kw) {
            case Kw::Return: return return_stmt();
            case Kw::Import: return import_name();
            case Kw::From: return import_from();
            case Kw::Raise: return raise_stmt();
            case Kw::Pass: { next(); Pass* s = node_at<Pass>(t); end_at(s, t); return s; }
            case Kw::Break: { next(); Break* s = node_at<Break>(t); end_at(s, t); return s; }
            case Kw::Continue: { next(); Continue* s = node_at<Continue>(t); end_at(s, t); return s; }
            case Kw::Del: return del_stmt();
            case Kw::Assert: return assert_stmt();
            case Kw::Global: return global_stmt(false);
            case Kw::Nonlocal: return global_stmt(true);
            default: break;
        }
    }
    return expr_or_assign_stmt();
}

namespace {

bool augassign_op(const Token& t, Operator& op) {
    if (t.type != Tok::Op) return false;
    switch (t.op) {
        case Punct::PlusEqual: op = Operator::Add; return true;
        case Punct::MinEqual: op = Operator::Sub; return true;
        case Punct::StarEqual: op = Operator::Mult; return true;
        case Punct::AtEqual: op = Operator::MatMult; return true;
        case Punct::SlashEqual: op = Operator::Div; return true;
        case Punct::PercentEqual: op = Operator::Mod; return true;
        case Punct::AmperEqual: op = Operator::BitAnd; return true;
        case Punct::VBarEqual: op = Operator::BitOr; return true;
        case Punct::CircumflexEqual: op = Operator::BitXor; return true;
        case Punct::LeftShiftEqual: op = Operator::LShift; return true;
        case Punct::RightShiftEqual: op = Operator::RShift; return true;
        case Punct::DoubleStarEqual: op = Operator::Pow; return true;
        case Punct::DoubleSlashEqual: op = Operator::FloorDiv; return true;
        default: return false;
    }
}

bool starts_at(const Located* e, const Token& t) {
    return e->lineno == t.lineno && e->col_offset == t.col;
}

}  // namespace

Stmt* Parser::expr_or_assign_stmt() {
    const Token first = peek();
    Expr* e = at_kw(Kw::Yield) ? yield_expr() : star_expressions();

    // Annotated assignment.
    if (at_op(Punct::Colon)) {
        // CPython's annotation-target errors need `':' expression` to parse.
        bool bad_target = !e->is<Name>() && !e->is<Attribute>() && !e->is<Subscript>();
        if (bad_target) {
            size_t save = pos_;
            ++speculating_;
            ++no_invalid_;
            bool ann_ok = false;
            try {
                next();
                expression();
                ann_ok = true;
            } catch (const ParseFailure&) {
            }
            --speculating_;
            --no_invalid_;
            pos_ = save;
            if (!ann_ok) fail_generic();
        }
        if (e->is<Tuple>()) {
            bool bare = is_bare_tuple(e);
            const Expr* where = bare ? e->as<Tuple>()->elts[0] : e;
            fail_range("only single target (not tuple) can be annotated", where, where);
        }
        if (e->is<List>()) fail_range("only single target (not list) can be annotated", e, e);
        if (!e->is<Name>() && !e->is<Attribute>() && !e->is<Subscript>())
            fail_range("illegal target for annotation", e, e);
        next();
        AnnAssign* s = node_at<AnnAssign>(first);
        s->target = e;
        set_context(e, ExprContext::Store);
        s->simple = (e->is<Name>() && starts_at(e, first)) ? 1 : 0;
        s->annotation = expression();
        if (accept_op(Punct::Equal))
            s->value = at_kw(Kw::Yield) ? yield_expr() : star_expressions();
        end_prev(s);
        return s;
    }

    // Assignment (possibly chained).
    if (at_op(Punct::Equal)) {
        ExprList targets{e};
        Expr* value = nullptr;
        for (;;) {
            // A target is checked as soon as its '=' is seen (CPython's
            // invalid_assignment does not need the value to parse).
            Expr* t = targets.back();
            if (t->is<Yield>() || t->is<YieldFrom>())
                fail_range("assignment to yield expression not possible", t, t);
            if (const Expr* bad = invalid_target(t, TargetKind::Store)) {
                if (targets.size() == 1) check_assign_target_here(t, first, pos_ + 1);
                fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
            }
            next();   // '='
            value = at_kw(Kw::Yield) ? yield_expr() : star_expressions();
            if (!at_op(Punct::Equal)) break;
            targets.push_back(value);
        }
        for (Expr* t : targets) set_context(t, ExprContext::Store);
        Assign* s = node_at<Assign>(first);
        s->targets = std::move(targets);
        s->value = value;
        end_prev(s);
        return s;
    }

    // Augmented assignment.
    Operator op;
    if (augassign_op(peek(), op)) {
        if (!e->is<Name>() && !e->is<Attribute>() && !e->is<Subscript>())
            fail_range(std::string("'") + expr_description(e) +
                           "' is an illegal expression for augmented assignment",
                       e, e);
        next();
        AugAssign* s = node_at<AugAssign>(first);
        s->target = e;
        set_context(e, ExprContext::Store);
        s->op = op;
        s->value = at_kw(Kw::Yield) ? yield_expr() : star_expressions();
        end_prev(s);
        return s;
    }

    ExprStmt* s = node_at<ExprStmt>(first);
    s->value = e;
    end_prev(s);
    return s;
}

Stmt* Parser::return_stmt() {
    Token kw = next();
    Return* s = node_at<Return>(kw);
    if (starts_expression() || at_op(Punct::Star)) s->value = star_expressions();
    end_prev(s);
    return s;
}

Stmt* Parser::raise_stmt() {
    Token kw = next();
    Raise* s = node_at<Raise>(kw);
    if (starts_expression()) {
        s->exc = expression();
        if (accept_kw(Kw::From)) s->cause = expression();
    }
    end_prev(s);
    return s;
}

Stmt* Parser::global_stmt(bool nonlocal) {
    Token kw = next();
    std::vector<Identifier> names;
    do {
        names.push_back(identifier(expect_name()));
    } while (accept_op(Punct::Comma));
    if (nonlocal) {
        Nonlocal* s = node_at<Nonlocal>(kw);
        s->names = std::move(names);
        end_prev(s);
        return s;
    }
    Global* s = node_at<Global>(kw);
    s->names = std::move(names);
    end_prev(s);
    return s;
}

Stmt* Parser::assert_stmt() {
    Token kw = next();
    Assert* s = node_at<Assert>(kw);
    s->test = expression();
    if (accept_op(Punct::Comma)) s->msg = expression();
    end_prev(s);
    return s;
}

Stmt* Parser::del_stmt() {
    Token kw = next();
    Delete* s = node_at<Delete>(kw);
    for (;;) {
        s->targets.push_back(star_expression());
        if (!at_op(Punct::Comma)) break;
        next();
        if (!starts_expression() && !at_op(Punct::Star)) break;
    }
    for (Expr* t : s->targets)
        if (const Expr* bad = invalid_target(t, TargetKind::Del))
            fail_range(std::string("cannot delete ") + expr_description(bad), bad, bad);
    if (!at_op(Punct::Semi) && !at_type(Tok::Newline)) fail_generic();
    for (Expr* t : s->targets) set_context(t, ExprContext::Del);
    end_prev(s);
    return s;
}

std::string Parser::dotted_name(Token& last) {
    last = expect_name();
    std::string name = identifier(last);
    while (at_op(Punct::Dot)) {
        next();
        last = expect_name();
        name += '.';
        name += identifier(last);
    }
    return name;
}

alias* Parser::dotted_as_name() {
    Token first = peek();
    Token last;
    alias* a = node_at<alias>(first);
    a->name = dotted_name(last);
    if (accept_kw(Kw::As)) a->asname = identifier(expect_name());
    end_prev(a);
    return a;
}

Stmt* Parser::import_name() {
    Token kw = next();
    Import* s = node_at<Import>(kw);
    do {
        s->names.push_back(dotted_as_name());
    } while (accept_op(Punct::Comma));
    end_prev(s);
    return s;
}

Stmt* Parser::import_from() {
    Token kw = next();
    ImportFrom* s = node_at<ImportFrom>(kw);
    int level = 0;
    for (;;) {
        if (accept_op(Punct::Dot)) level += 1;
        else if (accept_op(Punct::Ellipsis)) level += 3;
        else break;
    }
    if (!(level > 0 && at_kw(Kw::Import))) {
        Token last;
        s->module = dotted_name(last);
    }
    s->level = level;
    expect_kw(Kw::Import);
    auto one = [&]() {
        Token n = expect_name();
        alias* a = node_at<alias>(n);
        a->name = identifier(n);
        if (accept_kw(Kw::As)) a->asname = identifier(expect_name());
        end_prev(a);
        s->names.push_back(a);
    };
    if (at_op(Punct::Star)) {
        Token st = next();
        alias* a = node_at<alias>(st);
        a->name = "*";
        end_at(a, st);
        s->names.push_back(a);
    } else if (accept_op(Punct::LPar)) {
        one();
        while (accept_op(Punct::Comma)) {
            if (at_op(Punct::RPar)) break;
            one();
        }
        expect_op(Punct::RPar);
    } else {
        one();
        while (accept_op(Punct::Comma)) {
            if (at_type(Tok::Newline))
                fail_last("trailing comma not allowed without surrounding parentheses");
            one();
        }
    }
    end_prev(s);
    return s;
}

// ---- compound statements ----

void Parser::block(StmtList& out, const std::string& what, int line) {
    if (at_type(Tok::Newline)) {
        next();
        if (!at_type(Tok::Indent)) {
            peek();
            fail_last("expected an indented block after " + what + " on line " +
                          std::to_string(line),
                      "IndentationError");
        }
        next();
        while (!at_type(Tok::Dedent) && !at_type(Tok::EndMarker)) statement(out);
        accept_dedent();
        return;
    }
    simple_stmts(out);
}

void Parser::accept_dedent() {
    if (at_type(Tok::Dedent)) next();
}

// After an `if`/`while`/`for`/`with`/`class`/`except` header: ':' or, when
// the line simply ends, "expected ':'".
void Parser::expect_colon() {
    if (accept_op(Punct::Colon)) return;
    if (at_type(Tok::Newline)) fail_last("expected ':'");
    fail_generic();
}

// A compound statement ends at the last token it consumed other than
// NEWLINE / INDENT / DEDENT (so a one-line body's trailing ';' counts, as in
// CPython).
void Parser::end_at_last_real(Located* n) {
    for (size_t i = pos_; i-- > 0;) {
        Tok t = toks_[i].type;
        if (t != Tok::Newline && t != Tok::Indent && t != Tok::Dedent) {
            end_at(n, toks_[i]);
            return;
        }
    }
}

Stmt* Parser::if_stmt(bool elif) {
    DepthGuard guard(*this);
    Token kw = next();
    If* s = node_at<If>(kw);
    s->test = named_expression();
    expect_colon();
    block(s->body, elif ? "'elif' statement" : "'if' statement", kw.lineno);
    if (at_kw(Kw::Elif)) {
        s->orelse.push_back(if_stmt(true));
    } else if (at_kw(Kw::Else)) {
        Token e = next();
        expect_forced(Punct::Colon);
        block(s->orelse, "'else' statement", e.lineno);
    }
    end_at_last_real(s);
    return s;
}

Stmt* Parser::while_stmt() {
    Token kw = next();
    While* s = node_at<While>(kw);
    s->test = named_expression();
    expect_colon();
    block(s->body, "'while' statement", kw.lineno);
    end_at_last_real(s);
    if (at_kw(Kw::Else)) {
        Token e = next();
        expect_forced(Punct::Colon);
        block(s->orelse, "'else' statement", e.lineno);
        end_at_last_real(s);
    }
    return s;
}

Stmt* Parser::for_stmt(const Token* async_tok) {
    Token kw = next();
    const Token& start = async_tok ? *async_tok : kw;
    const size_t target_idx = pos_;
    Expr* target = nullptr;
    try {
        target = target_list();
    } catch (const ParseFailure&) {
        invalid_for_target(target_idx);
        throw;
    }
    if (const Expr* bad = invalid_target(target, TargetKind::For))
        fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
    set_context(target, ExprContext::Store);
    if (!at_kw(Kw::In)) invalid_for_target(target_idx);
    expect_kw(Kw::In);
    Expr* iter = star_expressions();
    expect_colon();
    StmtList body, orelse;
    block(body, "'for' statement", kw.lineno);
    if (at_kw(Kw::Else)) {
        Token e = next();
        expect_forced(Punct::Colon);
        block(orelse, "'else' statement", e.lineno);
    }
    auto fill = [&](auto* s) {
        s->target = target;
        s->iter = iter;
        s->body = std::move(body);
        s->orelse = std::move(orelse);
        end_at_last_real(s);
        return s;
    };
    if (async_tok) return fill(node_at<AsyncFor>(start));
    return fill(node_at<For>(start));
}

withitem* Parser::with_item() {
    withitem* w = arena_.make<withitem>();
    w->context_expr = expression();
    if (accept_kw(Kw::As)) {
        // CPython: `expression 'as' star_target &(',' | ')' | ':')`, else
        // (invalid_with_item) `expression 'as' expression &(...)` -> "cannot
        // assign to ...".
        const size_t target_idx = pos_;
        Expr* t = nullptr;
        try {
            t = star_target();
        } catch (const ParseFailure&) {
        }
        if (!t || !(at_op(Punct::Comma) || at_op(Punct::RPar) || at_op(Punct::Colon))) {
            size_t save = pos_;
            pos_ = target_idx;
            ++speculating_;
            Expr* x = nullptr;
            try {
                x = expression();
                if (!(at_op(Punct::Comma) || at_op(Punct::RPar) || at_op(Punct::Colon)))
                    x = nullptr;
            } catch (const ParseFailure&) {
            }
            --speculating_;
            pos_ = save;
            if (x)
                if (const Expr* bad = invalid_target(x, TargetKind::Store))
                    fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
            if (!t) fail_generic();
        }
        if (const Expr* bad = invalid_target(t, TargetKind::Store))
            fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
        set_context(t, ExprContext::Store);
        w->optional_vars = t;
    }
    return w;
}

Stmt* Parser::with_stmt(const Token* async_tok) {
    Token kw = next();
    const Token& start = async_tok ? *async_tok : kw;
    std::vector<withitem*> items;
    bool done = false;
    if (at_op(Punct::LPar)) {
        // Parenthesized form `with (a as b, c):` — try it, else backtrack.
        size_t save = pos_;
        ++speculating_;
        try {
            next();
            std::vector<withitem*> tmp;
            tmp.push_back(with_item());
            while (accept_op(Punct::Comma)) {
                if (at_op(Punct::RPar)) break;
                tmp.push_back(with_item());
            }
            if (accept_op(Punct::RPar) && at_op(Punct::Colon)) {
                items = std::move(tmp);
                done = true;
            }
        } catch (const ParseFailure&) {
        }
        --speculating_;
        if (!done) pos_ = save;
    }
    if (!done) {
        items.push_back(with_item());
        while (accept_op(Punct::Comma)) items.push_back(with_item());
    }
    expect_colon();
    StmtList body;
    block(body, "'with' statement", kw.lineno);
    auto fill = [&](auto* s) {
        s->items = std::move(items);
        s->body = std::move(body);
        end_at_last_real(s);
        return s;
    };
    if (async_tok) return fill(node_at<AsyncWith>(start));
    return fill(node_at<With>(start));
}

Stmt* Parser::try_stmt() {
    Token kw = next();
    expect_forced(Punct::Colon);
    StmtList body, orelse, finalbody;
    std::vector<ExceptHandler*> handlers;
    block(body, "'try' statement", kw.lineno);
    int star_kind = -1;   // -1 unknown, 0 plain except, 1 except*
    while (at_kw(Kw::Except)) {
        Token ex = next();
        ExceptHandler* h = node_at<ExceptHandler>(ex);
        bool star = false;
        if (at_op(Punct::Star)) {
            next();
            star = true;
        }
        if (star_kind == -1) {
            star_kind = star ? 1 : 0;
        } else if (star_kind != int(star)) {
            fail_range("cannot have both 'except' and 'except*' on the same 'try'",
                       ex.lineno, ex.col, ex.end_lineno, ex.end_col + (star ? 1 : 0));
        }
        if (!at_op(Punct::Colon) || star) {
            if (star && at_op(Punct::Colon)) {
                Token c = peek();
                fail_at_token("expected one or more exception types", c);
            }
            if (!at_type(Tok::Newline)) {
                h->type = expression();
                if (at_op(Punct::Comma)) {
                    // `except A, B:` — CPython's range runs from A to the
                    // tokenizer position after the ':'.
                    size_t save = pos_;
                    ++speculating_;
                    bool ok = false;
                    Token colon;
                    try {
                        while (accept_op(Punct::Comma)) expression();
                        if (accept_kw(Kw::As)) expect_name();
                        if (at_op(Punct::Colon)) {
                            colon = peek();
                            ok = true;
                        }
                    } catch (const ParseFailure&) {
                    }
                    --speculating_;
                    pos_ = save;
                    if (!ok) fail_generic();
                    const Expr* first = h->type;
                    raise(src_.error_raw(
                        "SyntaxError", "multiple exception types must be parenthesized",
                        first->lineno, src_.char_col(first->lineno, first->col_offset) + 1,
                        colon.end_lineno, src_.char_col(colon.end_lineno, colon.end_col)));
                }
                if (accept_kw(Kw::As)) h->name = identifier(expect_name());
            }
        }
        expect_colon();
        block(h->body, star ? "'except*' statement" : "'except' statement", ex.lineno);
        end_at_last_real(h);
        handlers.push_back(h);
    }
    if (handlers.empty() && !at_kw(Kw::Finally)) {
        peek();
        fail_last("expected 'except' or 'finally' block");
    }
    if (!handlers.empty() && at_kw(Kw::Else)) {
        Token e = next();
        expect_forced(Punct::Colon);
        block(orelse, "'else' statement", e.lineno);
    }
    if (at_kw(Kw::Finally)) {
        Token f = next();
        expect_forced(Punct::Colon);
        block(finalbody, "'finally' statement", f.lineno);
    }
    auto fill = [&](auto* s) {
        s->body = std::move(body);
        s->handlers = std::move(handlers);
        s->orelse = std::move(orelse);
        s->finalbody = std::move(finalbody);
        end_at_last_real(s);
        return s;
    };
    if (star_kind == 1) return fill(node_at<TryStar>(kw));
    return fill(node_at<Try>(kw));
}

Stmt* Parser::decorated() {
    ExprList decorators;
    while (at_op(Punct::At)) {
        next();
        decorators.push_back(named_expression());
        if (!at_type(Tok::Newline)) fail_generic();
        next();
    }
    if (at_kw(Kw::Def)) return funcdef(std::move(decorators), nullptr);
    if (at_kw(Kw::Class)) return classdef(std::move(decorators));
    if (at_kw(Kw::Async) && at_kw(Kw::Def, 1)) {
        Token a = next();
        return funcdef(std::move(decorators), &a);
    }
    fail_generic();
}

Stmt* Parser::funcdef(ExprList decorators, const Token* async_tok) {
    Token kw = next();
    const Token& start = async_tok ? *async_tok : kw;
    Token name = expect_name();
    expect_forced(Punct::LPar);
    arguments* args = parameters(false);
    expect_op(Punct::RPar);
    Expr* returns = nullptr;
    if (at_op(Punct::RArrow)) {   // ['->' expression]: backtracks if no expression
        size_t save = pos_;
        next();
        ++speculating_;
        try {
            returns = expression();
        } catch (const ParseFailure&) {
            pos_ = save;
        }
        --speculating_;
    }
    expect_forced(Punct::Colon);
    StmtList body;
    block(body, "function definition", kw.lineno);
    auto fill = [&](auto* s) {
        s->name = identifier(name);
        s->args = args;
        s->body = std::move(body);
        s->decorator_list = std::move(decorators);
        s->returns = returns;
        end_at_last_real(s);
        return s;
    };
    if (async_tok) return fill(node_at<AsyncFunctionDef>(start));
    return fill(node_at<FunctionDef>(start));
}

Stmt* Parser::classdef(ExprList decorators) {
    Token kw = next();
    Token name = expect_name();
    ClassDef* s = node_at<ClassDef>(kw);
    s->name = identifier(name);
    if (at_op(Punct::LPar)) {
        Call tmp;
        call_args(&tmp, /*allow_genexp=*/false);
        s->bases = std::move(tmp.args);
        s->keywords = std::move(tmp.keywords);
    }
    expect_colon();
    block(s->body, "class definition", kw.lineno);
    s->decorator_list = std::move(decorators);
    end_at_last_real(s);
    return s;
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

void Parser::set_context(Expr* e, ExprContext ctx) {
    switch (e->kind) {
        case ExprKind::Name: e->as<Name>()->ctx = ctx; break;
        case ExprKind::Attribute: e->as<Attribute>()->ctx = ctx; break;
        case ExprKind::Subscript: e->as<Subscript>()->ctx = ctx; break;
        case ExprKind::Starred:
            e->as<Starred>()->ctx = ctx;
            set_context(e->as<Starred>()->value, ctx);
            break;
        case ExprKind::List:
            e->as<List>()->ctx = ctx;
            for (Expr* x : e->as<List>()->elts) set_context(x, ctx);
            break;
        case ExprKind::Tuple:
            e->as<Tuple>()->ctx = ctx;
            for (Expr* x : e->as<Tuple>()->elts) set_context(x, ctx);
            break;
        default: break;
    }
}

// CPython's _PyPegen_get_invalid_target: the first sub-expression that
// cannot be a target, or nullptr.
const Expr* Parser::invalid_target(const Expr* e, TargetKind kind) const {
    switch (e->kind) {
        case ExprKind::Name:
        case ExprKind::Attribute:
        case ExprKind::Subscript: return nullptr;
        case ExprKind::List:
            for (const Expr* x : e->as<List>()->elts)
                if (const Expr* r = invalid_target(x, kind)) return r;
            return nullptr;
        case ExprKind::Tuple:
            for (const Expr* x : e->as<Tuple>()->elts)
                if (const Expr* r = invalid_target(x, kind)) return r;
            return nullptr;
        case ExprKind::Starred:
            if (kind == TargetKind::Del) return e;
            return invalid_target(e->as<Starred>()->value, kind);
        case ExprKind::Compare:
            if (kind == TargetKind::For) {
                const Compare* c = e->as<Compare>();
                if (c->ops[0] == CmpOp::In) return invalid_target(c->left, kind);
                return nullptr;
            }
            return e;
        default: return e;
    }
}

bool Parser::is_bare_tuple(const Expr* e) const {
    return bare_tuples_.count(e) != 0;
}

// True when the expression starting at `first` begins with a list display,
// a parenthesized tuple, a generator expression, True, None or False
// (CPython's `!(list|tuple|genexp|'True'|'None'|'False')` lookahead).
bool Parser::starts_with_excluded_atom(const Expr* e, const Token& first) const {
    if (first.type == Tok::Name &&
        (first.kw == Kw::True || first.kw == Kw::False || first.kw == Kw::None))
        return true;
    const Expr* x = e;
    for (;;) {
        const Expr* nx = nullptr;
        switch (x->kind) {
            case ExprKind::BinOp: nx = x->as<BinOp>()->left; break;
            case ExprKind::Call: nx = x->as<Call>()->func; break;
            case ExprKind::Attribute: nx = x->as<Attribute>()->value; break;
            case ExprKind::Subscript: nx = x->as<Subscript>()->value; break;
            case ExprKind::Compare: nx = x->as<Compare>()->left; break;
            case ExprKind::BoolOp: nx = x->as<BoolOp>()->values[0]; break;
            case ExprKind::IfExp: nx = x->as<IfExp>()->body; break;
            case ExprKind::Tuple:
                if (is_bare_tuple(x)) nx = x->as<Tuple>()->elts[0];
                break;
            default: break;
        }
        if (!nx || !starts_at(nx, first)) break;
        x = nx;
    }
    if (!starts_at(x, first)) return false;
    if (x->is<List>() || x->is<GeneratorExp>()) return true;
    if (x->is<Tuple>() && !is_bare_tuple(x)) return true;
    return false;
}

// Whether `e` (which starts at token `first`) is what CPython's
// bitwise_or rule would have produced.
bool Parser::is_bitwise_or_level(const Expr* e, const Token& first) const {
    if (!starts_at(e, first)) return true;   // parenthesized group
    switch (e->kind) {
        case ExprKind::BoolOp:
        case ExprKind::Compare:
        case ExprKind::IfExp:
        case ExprKind::Lambda:
        case ExprKind::NamedExpr:
        case ExprKind::Starred:
        case ExprKind::Yield:
        case ExprKind::YieldFrom: return false;
        case ExprKind::UnaryOp: return e->as<UnaryOp>()->op != UnaryOperator::Not;
        case ExprKind::Tuple: return !is_bare_tuple(e);
        default: return true;
    }
}

// `f() = 1`: CPython reports "cannot assign to function call here. Maybe
// you meant '==' instead of '='?" when target and value are both simple
// (its invalid_named_expression rule, reached through invalid_assignment).
// For a bare tuple target only the last element, the one before '=', is
// looked at — and if it is a plain name the hint is the ':=' one.
void Parser::check_assign_target_here(Expr* target, const Token& first, size_t rhs_idx) {
    Expr* a = target;
    Token a_first = first;
    bool tuple_elt = false;
    if (target->is<Tuple>() && is_bare_tuple(target)) {
        Expr* last = target->as<Tuple>()->elts.back();
        if (last->is<Starred>() || last->end_lineno != target->end_lineno ||
            last->end_col_offset != target->end_col_offset)
            return;
        const Token* t = token_at(last);
        if (!t) return;
        a = last;
        a_first = *t;
        tuple_elt = true;
    }
    // The value's leading bitwise_or must not be followed by '=' or ':='.
    size_t save = pos_;
    pos_ = rhs_idx;
    ++speculating_;
    ++no_invalid_;
    Expr* b = nullptr;
    bool ok = false;
    try {
        if (starts_expression() && !at_kw(Kw::Not) && !at_kw(Kw::Lambda)) {
            b = bitwise_or();
            ok = !at_op(Punct::Equal) && !at_op(Punct::ColonEqual);
        }
    } catch (const ParseFailure&) {
    }
    --speculating_;
    --no_invalid_;
    pos_ = save;
    if (!ok) return;
    if (tuple_elt && a->is<Name>() && a_first.type == Tok::Name && starts_at(a, a_first))
        fail_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a, b);
    if (starts_with_excluded_atom(a, a_first) || !is_bitwise_or_level(a, a_first)) return;
    fail_range(std::string("cannot assign to ") + expr_description(a) +
                   " here. Maybe you meant '==' instead of '='?",
               a, a);
}

// Index in the token buffer of a token taken from it.
size_t Parser::token_index(const Token& t) const {
    auto it = std::lower_bound(toks_.begin(), toks_.end(), t.start,
                               [](const Token& x, uint32_t s) { return x.start < s; });
    return size_t(it - toks_.begin());
}

// The buffered token starting where `e` starts (nullptr if none).
const Token* Parser::token_at(const Located* e) const {
    auto it = std::lower_bound(toks_.begin(), toks_.end(), e, [](const Token& t, const Located* x) {
        return t.lineno < x->lineno || (t.lineno == x->lineno && t.col < x->col_offset);
    });
    if (it == toks_.end() || it->lineno != e->lineno || it->col != e->col_offset) return nullptr;
    return &*it;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

Module* parse_module(AstArena& arena, std::string_view source, const std::string& filename,
                     const ParseOptions& opts) {
    SourceText src(source, filename, opts.from_file, opts.is_str);
    detail::Parser p(arena, src, opts.warnings);
    return p.parse_file();
}

Expr* parse_expression(AstArena& arena, std::string_view source, const std::string& filename,
                       const ParseOptions& opts) {
    SourceText src(source, filename, opts.from_file, opts.is_str);
    detail::Parser p(arena, src, opts.warnings);
    return p.parse_eval();
}

Module* parse_module(AstArena& arena, std::string_view source, const std::string& filename) {
    return parse_module(arena, source, filename, ParseOptions{});
}

Expr* parse_expression(AstArena& arena, std::string_view source, const std::string& filename) {
    return parse_expression(arena, source, filename, ParseOptions{false, true});
}

}  // namespace gk
