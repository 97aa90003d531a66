// parser_expr.cpp — expressions: precedence levels, atoms, displays and
// comprehensions, call arguments, subscripts/slices, lambda and function
// parameters, and for/with targets.
//
// Locations follow CPython: a node starts at the first token of its rule
// (so `(a) + b` starts at the parenthesis) and ends at the last token
// consumed; a parenthesized group keeps the location of its contents.
#include <algorithm>

#include "parser_internal.hpp"

namespace gk::detail {

namespace {
bool starts_at(const Located* e, const Token& t) {
    return e->lineno == t.lineno && e->col_offset == t.col;
}
}  // namespace

bool Parser::starts_expression(size_t k) {
    const Token& t = peek(k);
    switch (t.type) {
        case Tok::Name:
            switch (t.kw) {
                case Kw::NotKeyword: case Kw::True: case Kw::False: case Kw::None:
                case Kw::Not: case Kw::Lambda: case Kw::Await:
                    return true;
                default: return false;
            }
        case Tok::Number:
        case Tok::String: return true;
        case Tok::Op:
            switch (t.op) {
                case Punct::LPar: case Punct::LSqb: case Punct::LBrace: case Punct::Minus:
                case Punct::Plus: case Punct::Tilde: case Punct::Ellipsis:
                    return true;
                default: return false;
            }
        default: return false;
    }
}

// ---------------------------------------------------------------------------
// Star expressions and named expressions
// ---------------------------------------------------------------------------

Expr* Parser::star_expressions() {
    const Token start = peek();
    Expr* e = star_expression();
    if (!at_op(Punct::Comma)) return e;
    Tuple* t = node_at<Tuple>(start);
    t->elts.push_back(e);
    while (accept_op(Punct::Comma)) {
        if (!starts_expression() && !at_op(Punct::Star)) break;
        t->elts.push_back(star_expression());
    }
    end_prev(t);
    bare_tuples_.insert(t);
    return t;
}

Expr* Parser::star_expression() {
    if (at_op(Punct::Star)) {
        Token st = next();
        Starred* s = node_at<Starred>(st);
        s->value = bitwise_or();
        end_prev(s);
        return s;
    }
    return expression();
}

Expr* Parser::star_named_expression() {
    if (at_op(Punct::Star)) {
        Token st = next();
        Starred* s = node_at<Starred>(st);
        s->value = bitwise_or();
        end_prev(s);
        return s;
    }
    return named_expression();
}

Expr* Parser::named_expression(bool check_equals) {
    const Token first = peek();
    if (first.type == Tok::Name && first.kw == Kw::NotKeyword && at_op(Punct::ColonEqual, 1)) {
        next();
        next();
        Name* target = node_at<Name>(first);
        target->id = identifier(first);
        target->ctx = ExprContext::Store;
        end_at(target, first);
        NamedExpr* n = node_at<NamedExpr>(first);
        n->target = target;
        n->value = expression();
        end_prev(n);
        return n;
    }
    Expr* e = expression();
    if (at_op(Punct::ColonEqual) && no_invalid_ == 0) {
        size_t save = pos_;
        ++speculating_;
        ++no_invalid_;
        bool ok = false;
        try {
            next();
            expression();
            ok = true;
        } catch (const ParseFailure&) {
        }
        --speculating_;
        --no_invalid_;
        pos_ = save;
        if (ok)
            fail_range(std::string("cannot use assignment expressions with ") +
                           expr_description(e),
                       e, e);
    }
    if (check_equals) check_stray_equals(e, first);
    return e;
}

// `if x = 1:` and friends (CPython's invalid_named_expression).
void Parser::check_stray_equals(Expr* e, const Token& first) {
    if (!at_op(Punct::Equal) || no_invalid_ > 0) return;
    size_t save = pos_;
    ++speculating_;
    ++no_invalid_;
    Expr* b = nullptr;
    bool ok = false;
    try {
        next();
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
    if (e->is<Name>() && first.type == Tok::Name && starts_at(e, first))
        fail_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e, b);
    if (!starts_with_excluded_atom(e, first) && is_bitwise_or_level(e, first))
        fail_range(std::string("cannot assign to ") + expr_description(e) +
                       " here. Maybe you meant '==' instead of '='?",
                   e, e);
}

// `[a b]` → "invalid syntax. Perhaps you forgot a comma?" (inside brackets).
void Parser::check_forgot_comma(Expr* a, const Token& first) {
    if (no_invalid_ > 0 || !starts_expression()) return;
    if (a->is<Name>() && (a->as<Name>()->id == "print" || a->as<Name>()->id == "exec")) return;
    size_t save = pos_;
    ++speculating_;
    ++no_invalid_;
    Expr* b = nullptr;
    int level = 0;
    try {
        b = expression();
        level = prev().level;
    } catch (const ParseFailure&) {
    }
    --speculating_;
    --no_invalid_;
    pos_ = save;
    if (b && level > 0) {
        raise(src_.error("invalid syntax. Perhaps you forgot a comma?", first.lineno, first.col,
                         b->end_lineno, b->end_col_offset));
    }
}

// ---------------------------------------------------------------------------
// Precedence levels
// ---------------------------------------------------------------------------

Expr* Parser::expression() {
    DepthGuard guard(*this);
    if (at_kw(Kw::Lambda)) return lambdef();
    const Token start = peek();
    const size_t start_idx = pos_;
    Expr* body = disjunction();
    if (at_kw(Kw::If)) {
        // PEG: `disjunction 'if' disjunction 'else' expression | disjunction`
        // — without a complete conditional, fall back to the disjunction.
        const size_t if_pos = pos_;
        next();
        Expr* test = nullptr;
        try {
            test = disjunction();
        } catch (const ParseFailure&) {
            pos_ = if_pos;
            return body;
        }
        if (!at_kw(Kw::Else)) {
            if (no_invalid_ == 0 && !at_op(Punct::Colon))
                fail_range("expected 'else' after 'if' expression", start.lineno, start.col,
                           test->end_lineno, test->end_col_offset);
            pos_ = if_pos;
            return body;
        }
        next();
        Expr* orelse;
        try {
            orelse = expression();
        } catch (const ParseFailure&) {
            pos_ = if_pos;
            return body;
        }
        IfExp* n = node_at<IfExp>(start);
        n->test = test;
        n->body = body;
        n->orelse = orelse;
        end_prev(n);
        return n;
    }
    // Two expressions in a row inside brackets: CPython's comma hint.  The
    // `NAME STRING` exclusion looks at the first two tokens of `body`.
    if (no_invalid_ == 0 && starts_expression()) {
        // CPython 3.11 also skips the hint when the first token "is a soft
        // keyword" — and its check is a prefix match, so `c`, `ca`, `m`,
        // `mat`, ... count as well as `case`, `match` and `_`.
        bool name_string = false;
        if (start.type == Tok::Name && start.kw == Kw::NotKeyword) {
            std::string_view n = text(start);
            name_string = (start_idx + 1 < toks_.size() &&
                           toks_[start_idx + 1].type == Tok::String) ||
                          n == "_" || std::string_view("case").substr(0, n.size()) == n ||
                          std::string_view("match").substr(0, n.size()) == n;
        }
        bool comma_checked = !name_string && !(body->is<Name>() &&
                                               (body->as<Name>()->id == "print" ||
                                                body->as<Name>()->id == "exec"));
        if (comma_checked) check_forgot_comma(body, start);
        // CPython's invalid_legacy_expression: NAME followed by an
        // expression.  The rest is parsed with the hint rules on, so errors
        // deeper inside it surface; `print x` / `exec x` get their own hint.
        if (body->is<Name>() && start.type == Tok::Name && starts_at(body, start) &&
            !at_op(Punct::LPar)) {
            size_t save = pos_;
            ++speculating_;
            Expr* b = nullptr;
            try {
                if (comma_checked) {
                    // CPython has memoized the first item while checking for
                    // a missing comma (with the hint rules off): no hints
                    // come from inside it.
                    ++no_invalid_;
                    try {
                        b = star_expression();
                    } catch (const ParseFailure&) {
                        --no_invalid_;
                        throw;
                    }
                    --no_invalid_;
                    while (accept_op(Punct::Comma)) {
                        if (!starts_expression() && !at_op(Punct::Star)) break;
                        star_expression();
                    }
                } else {
                    b = star_expressions();
                }
            } catch (const ParseFailure&) {
            }
            --speculating_;
            pos_ = save;
            const std::string& n = body->as<Name>()->id;
            if (b && (n == "print" || n == "exec"))
                fail_range("Missing parentheses in call to '" + n + "'. Did you mean " + n +
                               "(...)?",
                           body, b);
        }
    }
    return body;
}

// Loops of `op operand` pairs below follow PEG semantics: when the operand
// after an operator fails to parse, the pair is given back (the error is
// then reported at the furthest token, as CPython does).
#define GK_PEG_PAIR(save, stmt)      \
    try {                            \
        stmt;                        \
    } catch (const ParseFailure&) {  \
        pos_ = save;                 \
        break;                       \
    }

Expr* Parser::disjunction() {
    const Token start = peek();
    Expr* e = conjunction();
    if (!at_kw(Kw::Or)) return e;
    ExprList values{e};
    while (at_kw(Kw::Or)) {
        size_t save = pos_;
        next();
        GK_PEG_PAIR(save, values.push_back(conjunction()));
    }
    if (values.size() == 1) return e;
    BoolOp* b = node_at<BoolOp>(start);
    b->op = BoolOperator::Or;
    b->values = std::move(values);
    end_prev(b);
    return b;
}

Expr* Parser::conjunction() {
    const Token start = peek();
    Expr* e = inversion();
    if (!at_kw(Kw::And)) return e;
    ExprList values{e};
    while (at_kw(Kw::And)) {
        size_t save = pos_;
        next();
        GK_PEG_PAIR(save, values.push_back(inversion()));
    }
    if (values.size() == 1) return e;
    BoolOp* b = node_at<BoolOp>(start);
    b->op = BoolOperator::And;
    b->values = std::move(values);
    end_prev(b);
    return b;
}

Expr* Parser::inversion() {
    if (at_kw(Kw::Not)) {
        DepthGuard guard(*this);
        Token t = next();
        UnaryOp* u = node_at<UnaryOp>(t);
        u->op = UnaryOperator::Not;
        u->operand = inversion();
        end_prev(u);
        return u;
    }
    return comparison();
}

Expr* Parser::comparison() {
    const Token start = peek();
    Expr* e = bitwise_or();
    Compare* c = nullptr;
    for (;;) {
        const Token t = peek();
        CmpOp op;
        int ntok = 1;
        if (t.type == Tok::Op) {
            switch (t.op) {
                case Punct::EqEqual: op = CmpOp::Eq; break;
                case Punct::NotEqual: op = CmpOp::NotEq; break;
                case Punct::Less: op = CmpOp::Lt; break;
                case Punct::LessEqual: op = CmpOp::LtE; break;
                case Punct::Greater: op = CmpOp::Gt; break;
                case Punct::GreaterEqual: op = CmpOp::GtE; break;
                default: goto done;
            }
        } else if (t.type == Tok::Name && t.kw == Kw::In) {
            op = CmpOp::In;
        } else if (t.type == Tok::Name && t.kw == Kw::Not && at_kw(Kw::In, 1)) {
            op = CmpOp::NotIn;
            ntok = 2;
        } else if (t.type == Tok::Name && t.kw == Kw::Is) {
            if (at_kw(Kw::Not, 1)) {
                op = CmpOp::IsNot;
                ntok = 2;
            } else {
                op = CmpOp::Is;
            }
        } else {
            break;
        }
        size_t save = pos_;
        for (int i = 0; i < ntok; ++i) next();
        Expr* right;
        GK_PEG_PAIR(save, right = bitwise_or());
        if (!c) {
            c = node_at<Compare>(start);
            c->left = e;
        }
        c->ops.push_back(op);
        c->comparators.push_back(right);
    }
done:
    if (!c) return e;
    end_prev(c);
    return c;
}

Expr* Parser::bitwise_or() { return binary(0); }

// Levels: 0 '|', 1 '^', 2 '&', 3 '<<' '>>', 4 '+' '-', 5 '*' '/' '//' '%' '@'.
Expr* Parser::binary(int level) {
    if (level == 6) return factor();
    const Token start = peek();
    Expr* left = binary(level + 1);
    DepthGuard guard(*this, 0);
    for (;;) {
        const Token t = peek();
        if (t.type != Tok::Op) break;
        Operator op;
        bool match = true;
        switch (level) {
            case 0: match = t.op == Punct::VBar; op = Operator::BitOr; break;
            case 1: match = t.op == Punct::Circumflex; op = Operator::BitXor; break;
            case 2: match = t.op == Punct::Amper; op = Operator::BitAnd; break;
            case 3:
                if (t.op == Punct::LeftShift) op = Operator::LShift;
                else if (t.op == Punct::RightShift) op = Operator::RShift;
                else match = false;
                break;
            case 4:
                if (t.op == Punct::Plus) op = Operator::Add;
                else if (t.op == Punct::Minus) op = Operator::Sub;
                else match = false;
                break;
            default:
                switch (t.op) {
                    case Punct::Star: op = Operator::Mult; break;
                    case Punct::Slash: op = Operator::Div; break;
                    case Punct::DoubleSlash: op = Operator::FloorDiv; break;
                    case Punct::Percent: op = Operator::Mod; break;
                    case Punct::At: op = Operator::MatMult; break;
                    default: match = false; break;
                }
                break;
        }
        if (!match) break;
        guard.deepen();
        size_t save = pos_;
        next();
        Expr* right;
        GK_PEG_PAIR(save, right = binary(level + 1));
        BinOp* b = node_at<BinOp>(start);
        b->left = left;
        b->op = op;
        b->right = right;
        end_prev(b);
        left = b;
    }
    return left;
}

Expr* Parser::factor() {
    const Token t = peek();
    if (t.type == Tok::Op && (t.op == Punct::Plus || t.op == Punct::Minus || t.op == Punct::Tilde)) {
        DepthGuard guard(*this);
        next();
        UnaryOp* u = node_at<UnaryOp>(t);
        u->op = t.op == Punct::Plus ? UnaryOperator::UAdd
                : t.op == Punct::Minus ? UnaryOperator::USub : UnaryOperator::Invert;
        u->operand = factor();
        end_prev(u);
        return u;
    }
    return power();
}

Expr* Parser::power() {
    const Token start = peek();
    Expr* base;
    if (at_kw(Kw::Await)) {
        next();
        Await* a = node_at<Await>(start);
        a->value = primary();
        end_prev(a);
        base = a;
    } else {
        base = primary();
    }
    if (!at_op(Punct::DoubleStar)) return base;
    DepthGuard guard(*this);
    size_t save = pos_;
    next();
    Expr* right;
    try {
        right = factor();
    } catch (const ParseFailure&) {
        pos_ = save;
        return base;
    }
    BinOp* b = node_at<BinOp>(start);
    b->left = base;
    b->op = Operator::Pow;
    b->right = right;
    end_prev(b);
    return b;
}

Expr* Parser::primary() {
    const Token start = peek();
    Expr* e = atom();
    DepthGuard guard(*this, 0);
    for (;;) {
        if (at_op(Punct::Dot) || at_op(Punct::LPar) || at_op(Punct::LSqb)) guard.deepen();
        const size_t save = pos_;
        if (at_op(Punct::Dot)) {
            next();
            Token name;
            GK_PEG_PAIR(save, name = expect_name());
            Attribute* a = node_at<Attribute>(start);
            a->value = e;
            a->attr = identifier(name);
            end_at(a, name);
            e = a;
        } else if (at_op(Punct::LPar)) {
            Call* c = node_at<Call>(start);
            c->func = e;
            GK_PEG_PAIR(save, call_args(c));
            end_prev(c);
            e = c;
        } else if (at_op(Punct::LSqb)) {
            next();
            Subscript* s = node_at<Subscript>(start);
            s->value = e;
            GK_PEG_PAIR(save, s->slice = slices(); expect_op(Punct::RSqb));
            end_prev(s);
            e = s;
        } else {
            break;
        }
    }
    return e;
}

Expr* Parser::atom() {
    const Token t = peek();
    switch (t.type) {
        case Tok::Name: {
            if (t.kw == Kw::NotKeyword) {
                next();
                Name* n = node_at<Name>(t);
                n->id = identifier(t);
                end_at(n, t);
                return n;
            }
            if (t.kw == Kw::True || t.kw == Kw::False || t.kw == Kw::None) {
                next();
                Constant* c = node_at<Constant>(t);
                if (t.kw == Kw::None) c->value = NoneValue{};
                else c->value = t.kw == Kw::True;
                end_at(c, t);
                return c;
            }
            fail_generic();
        }
        case Tok::Number: next(); return number(t);
        case Tok::String: return strings();
        case Tok::Op:
            switch (t.op) {
                case Punct::LPar: return paren_atom();
                case Punct::LSqb: return list_atom();
                case Punct::LBrace: return brace_atom();
                case Punct::Ellipsis: {
                    next();
                    Constant* c = node_at<Constant>(t);
                    c->value = EllipsisValue{};
                    end_at(c, t);
                    return c;
                }
                default: break;
            }
            break;
        default: break;
    }
    fail_generic();
}

// ---------------------------------------------------------------------------
// Displays and comprehensions
// ---------------------------------------------------------------------------

Expr* Parser::paren_atom() {
    DepthGuard guard(*this);
    const Token lp = next();
    if (at_op(Punct::RPar)) {
        next();
        Tuple* t = node_at<Tuple>(lp);
        end_prev(t);
        return t;
    }
    if (at_kw(Kw::Yield)) {
        Expr* y = yield_expr();
        expect_op(Punct::RPar);
        return y;
    }
    if (at_op(Punct::DoubleStar)) {
        Token ds = next();
        bitwise_or();
        if (at_op(Punct::RPar)) fail_at_token("cannot use double starred expression here", ds);
        fail_generic();
    }
    Expr* first = star_named_expression();
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->is<Starred>())
            fail_range("iterable unpacking cannot be used in comprehension", first, first);
        GeneratorExp* g = node_at<GeneratorExp>(lp);
        g->elt = first;
        comprehension_clauses(g->generators);
        expect_op(Punct::RPar);
        end_prev(g);
        return g;
    }
    if (at_op(Punct::RPar)) {
        if (first->is<Starred>())
            fail_range("cannot use starred expression here", first, first);
        next();
        return first;
    }
    if (!at_op(Punct::Comma)) fail_generic();
    Tuple* t = node_at<Tuple>(lp);
    t->elts.push_back(first);
    while (accept_op(Punct::Comma)) {
        if (at_op(Punct::RPar)) break;
        t->elts.push_back(star_named_expression());
    }
    expect_op(Punct::RPar);
    end_prev(t);
    return t;
}

Expr* Parser::list_atom() {
    DepthGuard guard(*this);
    const Token lb = next();
    if (at_op(Punct::RSqb)) {
        next();
        List* l = node_at<List>(lb);
        end_prev(l);
        return l;
    }
    Expr* first = star_named_expression();
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->is<Starred>())
            fail_range("iterable unpacking cannot be used in comprehension", first, first);
        ListComp* c = node_at<ListComp>(lb);
        c->elt = first;
        comprehension_clauses(c->generators);
        expect_op(Punct::RSqb);
        end_prev(c);
        return c;
    }
    List* l = node_at<List>(lb);
    l->elts.push_back(first);
    while (accept_op(Punct::Comma)) {
        if (at_op(Punct::RSqb)) break;
        l->elts.push_back(star_named_expression());
    }
    expect_op(Punct::RSqb);
    end_prev(l);
    return l;
}

Expr* Parser::brace_atom() {
    DepthGuard guard(*this);
    const Token lb = next();
    if (at_op(Punct::RBrace)) {
        next();
        Dict* d = node_at<Dict>(lb);
        end_prev(d);
        return d;
    }
    auto dict_rest = [&](Dict* d) {
        while (accept_op(Punct::Comma)) {
            if (at_op(Punct::RBrace)) break;
            if (accept_op(Punct::DoubleStar)) {
                d->keys.push_back(nullptr);
                d->values.push_back(bitwise_or());
                continue;
            }
            // CPython's invalid_kvpair: a key (read without the hint rules)
            // not followed by ':' is reported before anything inside it.
            Expr* k = nullptr;
            {
                size_t save = pos_;
                ++speculating_;
                ++no_invalid_;
                try {
                    k = expression();
                    if (at_op(Punct::Colon)) k = nullptr;
                } catch (const ParseFailure&) {
                    k = nullptr;
                }
                --speculating_;
                --no_invalid_;
                if (!k) {
                    pos_ = save;
                    k = expression();
                }
            }
            if (!at_op(Punct::Colon)) {
                raise(src_.error_raw("SyntaxError", "':' expected after dictionary key",
                                         k->end_lineno,
                                         src_.char_col(k->end_lineno, k->end_col_offset - 1) + 1,
                                         k->end_lineno, 0));
            }
            Token colon = next();
            if (at_op(Punct::RBrace) || at_op(Punct::Comma))
                fail_range("expression expected after dictionary key and ':'", colon.lineno,
                           colon.col, colon.end_lineno, colon.end_col);
            d->keys.push_back(k);
            d->values.push_back(expression());
        }
        expect_op(Punct::RBrace);
        end_prev(d);
        return d;
    };
    if (at_op(Punct::DoubleStar)) {
        Token ds = next();
        Dict* d = node_at<Dict>(lb);
        d->keys.push_back(nullptr);
        d->values.push_back(bitwise_or());
        if (at_kw(Kw::For)) fail_at_token("dict unpacking cannot be used in dict comprehension", ds);
        return dict_rest(d);
    }
    Expr* first = star_named_expression();
    if (at_op(Punct::Colon)) {
        Token colon = next();
        if (at_op(Punct::RBrace) || at_op(Punct::Comma))
            fail_range("expression expected after dictionary key and ':'", colon.lineno,
                       colon.col, colon.end_lineno, colon.end_col);
        Expr* value = expression();
        if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
            DictComp* c = node_at<DictComp>(lb);
            c->key = first;
            c->value = value;
            comprehension_clauses(c->generators);
            expect_op(Punct::RBrace);
            end_prev(c);
            return c;
        }
        Dict* d = node_at<Dict>(lb);
        d->keys.push_back(first);
        d->values.push_back(value);
        return dict_rest(d);
    }
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->is<Starred>())
            fail_range("iterable unpacking cannot be used in comprehension", first, first);
        SetComp* c = node_at<SetComp>(lb);
        c->elt = first;
        comprehension_clauses(c->generators);
        expect_op(Punct::RBrace);
        end_prev(c);
        return c;
    }
    Set* s = node_at<Set>(lb);
    s->elts.push_back(first);
    while (accept_op(Punct::Comma)) {
        if (at_op(Punct::RBrace)) break;
        s->elts.push_back(star_named_expression());
    }
    expect_op(Punct::RBrace);
    end_prev(s);
    return s;
}

void Parser::comprehension_clauses(std::vector<comprehension*>& out) {
    while (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        comprehension* c = arena_.make<comprehension>();
        if (accept_kw(Kw::Async)) c->is_async = 1;
        next();   // 'for'
        const size_t target_idx = pos_;
        try {
            c->target = target_list();
        } catch (const ParseFailure&) {
            invalid_for_target(target_idx);
            throw;
        }
        if (const Expr* bad = invalid_target(c->target, TargetKind::For))
            fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
        set_context(c->target, ExprContext::Store);
        if (!at_kw(Kw::In)) invalid_for_target(target_idx);
        expect_kw(Kw::In);
        c->iter = disjunction();
        while (at_kw(Kw::If)) {
            size_t save = pos_;
            next();
            GK_PEG_PAIR(save, c->ifs.push_back(disjunction()));
        }
        out.push_back(c);
    }
}

// CPython's invalid_for_target: the target is re-read as star_expressions
// with the hint rules on, which can surface e.g. a missing comma.
void Parser::invalid_for_target(size_t target_idx) {
    size_t save = pos_;
    pos_ = target_idx;
    ++speculating_;
    try {
        Expr* t = star_expressions();
        if (const Expr* bad = invalid_target(t, TargetKind::For))
            fail_range(std::string("cannot assign to ") + expr_description(bad), bad, bad);
    } catch (const ParseFailure&) {
    }
    --speculating_;
    pos_ = save;
}

// star_targets for `for` loops and comprehensions.
Expr* Parser::target_list() {
    const Token start = peek();
    Expr* t = star_target();
    if (!at_op(Punct::Comma)) return t;
    Tuple* tup = node_at<Tuple>(start);
    tup->elts.push_back(t);
    while (accept_op(Punct::Comma)) {
        if (!starts_expression() && !at_op(Punct::Star)) break;
        tup->elts.push_back(star_target());
    }
    end_prev(tup);
    bare_tuples_.insert(tup);
    return tup;
}

// A target: `*target`, or an atom with trailers (a, a.b, a[i], (a, b),
// [a, *b]).  Anything else that parses here (f(), 1, (a + b)) is rejected
// by invalid_target() with CPython's message.
Expr* Parser::star_target() {
    if (at_op(Punct::Star)) {
        DepthGuard guard(*this);
        Token st = next();
        Starred* s = node_at<Starred>(st);
        s->value = star_target();
        end_prev(s);
        return s;
    }
    return primary();
}

// ---------------------------------------------------------------------------
// Subscripts and calls
// ---------------------------------------------------------------------------

Expr* Parser::slices() {
    const Token start = peek();
    Expr* s = slice_item();
    if (!at_op(Punct::Comma) && !s->is<Starred>()) return s;
    Tuple* t = node_at<Tuple>(start);
    t->elts.push_back(s);
    while (accept_op(Punct::Comma)) {
        if (at_op(Punct::RSqb)) break;
        t->elts.push_back(slice_item());
    }
    end_prev(t);
    return t;
}

Expr* Parser::slice_item() {
    const Token start = peek();
    if (at_op(Punct::Star)) {
        next();
        Starred* s = node_at<Starred>(start);
        s->value = bitwise_or();
        end_prev(s);
        return s;
    }
    Expr* lower = nullptr;
    if (!at_op(Punct::Colon)) {
        lower = named_expression();
        if (!at_op(Punct::Colon)) return lower;
    }
    next();   // ':'
    Slice* s = node_at<Slice>(start);
    s->lower = lower;
    if (starts_expression()) s->upper = expression();
    if (accept_op(Punct::Colon)) {
        if (starts_expression()) s->step = expression();
    }
    end_prev(s);
    return s;
}

void Parser::call_args(Call* call, bool allow_genexp) {
    const Token lp = next();   // '('
    bool seen_kw = false, seen_dstar = false;
    while (!at_op(Punct::RPar)) {
        const Token start = peek();
        if (start.type == Tok::Op && start.op == Punct::Star) {
            next();
            Starred* s = node_at<Starred>(start);
            s->value = expression();
            end_prev(s);
            if (seen_dstar)
                fail_at_token("iterable argument unpacking follows keyword argument unpacking",
                              start);
            call->args.push_back(s);
        } else if (start.type == Tok::Op && start.op == Punct::DoubleStar) {
            next();
            keyword* k = node_at<keyword>(start);
            k->value = expression();
            end_prev(k);
            seen_dstar = true;
            call->keywords.push_back(k);
        } else if (start.type == Tok::Name && start.kw == Kw::NotKeyword &&
                   at_op(Punct::Equal, 1)) {
            next();
            next();
            keyword* k = node_at<keyword>(start);
            k->arg = identifier(start);
            k->value = expression();
            end_prev(k);
            if (at_kw(Kw::For)) {
                size_t save = pos_;
                ++speculating_;
                bool ok = false;
                std::vector<comprehension*> tmp;
                try {
                    comprehension_clauses(tmp);
                    ok = !tmp.empty();
                } catch (const ParseFailure&) {
                }
                --speculating_;
                pos_ = save;
                Token eq = toks_[token_index(start) + 1];
                if (ok)
                    fail_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                               start.lineno, start.col, eq.end_lineno, eq.end_col);
            }
            seen_kw = true;
            call->keywords.push_back(k);
        } else {
            if (start.type == Tok::Name &&
                (start.kw == Kw::True || start.kw == Kw::False || start.kw == Kw::None) &&
                at_op(Punct::Equal, 1)) {
                Token eq = peek(1);
                fail_range(std::string("cannot assign to ") + keyword_text(start.kw),
                           start.lineno, start.col, eq.end_lineno, eq.end_col);
            }
            if (seen_kw || seen_dstar) {
                // CPython reads a positional argument after keywords only in
                // its error pass: the error comes after the rest of the
                // arguments, and only if this one parses.
                size_t save = pos_;
                ++speculating_;
                bool ok = false;
                try {
                    Expr* x = start.type == Tok::Name && start.kw == Kw::NotKeyword &&
                                      at_op(Punct::ColonEqual, 1)
                                  ? named_expression(false)
                                  : expression();
                    ok = !at_op(Punct::Equal) && !at_op(Punct::ColonEqual);
                    if (ok && (at_kw(Kw::For) || at_kw(Kw::Async))) {
                        // `f(a=1, x for x in y)`: the generator is reported.
                        std::vector<comprehension*> tmp;
                        bool gen = false;
                        try {
                            comprehension_clauses(tmp);
                            gen = !tmp.empty();
                        } catch (const ParseFailure&) {
                        }
                        if (gen)
                            fail_range("Generator expression must be parenthesized", x->lineno,
                                       x->col_offset, prev().end_lineno, prev().end_col);
                    }
                    while (accept_op(Punct::Comma)) {
                        if (at_op(Punct::Star) || at_op(Punct::DoubleStar)) next();
                        else if (at_name() && at_op(Punct::Equal, 1)) { next(); next(); }
                        expression();
                    }
                } catch (const ParseFailure&) {
                }
                --speculating_;
                pos_ = save;
                if (!ok) fail_generic();
                fail_last(seen_dstar ? "positional argument follows keyword argument unpacking"
                                     : "positional argument follows keyword argument");
            }
            Expr* e;
            bool walrus = false;
            if (start.type == Tok::Name && start.kw == Kw::NotKeyword &&
                at_op(Punct::ColonEqual, 1)) {
                e = named_expression(false);
                walrus = true;
            } else {
                e = expression();
            }
            if (!allow_genexp && (at_kw(Kw::For) || at_kw(Kw::Async))) fail_generic();
            if ((!call->args.empty() || !call->keywords.empty()) &&
                (at_kw(Kw::For) || at_kw(Kw::Async))) {
                // Only a sole argument may be a bare generator.
                size_t save = pos_;
                ++speculating_;
                bool ok = false;
                std::vector<comprehension*> tmp;
                try {
                    comprehension_clauses(tmp);
                    ok = !tmp.empty();
                } catch (const ParseFailure&) {
                }
                --speculating_;
                if (ok)
                    fail_range("Generator expression must be parenthesized", e->lineno,
                               e->col_offset, prev().end_lineno, prev().end_col);
                pos_ = save;
                fail_generic();
            }
            if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
                GeneratorExp* g = node_at<GeneratorExp>(start);
                g->elt = e;
                comprehension_clauses(g->generators);
                if (at_op(Punct::RPar) && call->args.empty() && call->keywords.empty()) {
                    g->lineno = lp.lineno;
                    g->col_offset = lp.col;
                    end_at(g, peek());
                    call->args.push_back(g);
                    break;
                }
                end_prev(g);
                fail_range("Generator expression must be parenthesized", g, g);
            }
            if (at_op(Punct::Equal) && !walrus) {
                Token eq = peek();
                fail_range("expression cannot contain assignment, perhaps you meant \"==\"?",
                           e->lineno, e->col_offset, eq.end_lineno, eq.end_col);
            }
            call->args.push_back(e);
        }
        if (!accept_op(Punct::Comma)) break;
    }
    expect_op(Punct::RPar);
}

// ---------------------------------------------------------------------------
// yield, lambda, parameters
// ---------------------------------------------------------------------------

Expr* Parser::yield_expr() {
    const Token kw = next();
    if (accept_kw(Kw::From)) {
        YieldFrom* y = node_at<YieldFrom>(kw);
        y->value = expression();
        end_prev(y);
        return y;
    }
    Yield* y = node_at<Yield>(kw);
    if (starts_expression() || at_op(Punct::Star)) y->value = star_expressions();
    end_prev(y);
    return y;
}

Expr* Parser::lambdef() {
    const Token kw = next();
    Lambda* l = node_at<Lambda>(kw);
    l->args = parameters(true);
    expect_op(Punct::Colon);
    l->body = expression();
    end_prev(l);
    return l;
}

arg* Parser::param(bool lambda, bool star_annotation) {
    Token name = expect_name();
    arg* a = node_at<arg>(name);
    a->arg = identifier(name);
    end_at(a, name);
    if (!lambda && accept_op(Punct::Colon)) {
        if (star_annotation && at_op(Punct::Star)) {
            Token st = next();
            Starred* s = node_at<Starred>(st);
            s->value = expression();
            end_prev(s);
            a->annotation = s;
        } else {
            a->annotation = expression();
        }
        end_prev(a);
    }
    return a;
}

arguments* Parser::parameters(bool lambda) {
    arguments* a = arena_.make<arguments>();
    bool star_seen = false, slash_seen = false, kwarg_seen = false, defaults_started = false;
    bool bare_star_pending = false;
    Token bare_star;
    auto at_end = [&] { return lambda ? at_op(Punct::Colon) : at_op(Punct::RPar); };
    while (!at_end()) {
        if (kwarg_seen) {
            Token t = peek();
            fail_at_token("arguments cannot follow var-keyword argument", t);
        }
        if (at_op(Punct::LPar) && !lambda) {
            // `def f((a, b)):` — CPython: "Function parameters cannot be
            // parenthesized" when the parentheses hold plain parameters.
            size_t save = pos_;
            ++speculating_;
            Token lp = next(), rp;
            bool match = false;
            try {
                do {
                    if (at_op(Punct::RPar)) break;
                    param(false, false);
                } while (accept_op(Punct::Comma));
                if (at_op(Punct::RPar)) {
                    rp = next();
                    match = true;
                }
            } catch (const ParseFailure&) {
            }
            --speculating_;
            pos_ = save;
            if (match && rp.start > lp.start + 1)
                fail_range("Function parameters cannot be parenthesized", lp.lineno, lp.col,
                           rp.end_lineno, rp.end_col);
            fail_generic();
        }
        if (at_op(Punct::Slash)) {
            Token sl = peek();
            if (slash_seen) { next(); fail_at_token("/ may appear only once", sl); }
            if (star_seen) { next(); fail_at_token("/ must be ahead of *", sl); }
            if (a->args.empty()) {
                ++speculating_;   // a quiet look at the next token
                bool comma = at_op(Punct::Comma, 1);
                --speculating_;
                if (comma) fail_at_token("at least one argument must precede /", sl);
                fail_generic();
            }
            next();
            slash_seen = true;
            a->posonlyargs = std::move(a->args);
            a->args.clear();
        } else if (at_op(Punct::Star)) {
            Token st = next();
            if (star_seen) fail_at_token("* argument may appear only once", st);
            star_seen = true;
            if (at_op(Punct::Comma) || at_end()) {
                bare_star_pending = true;
                bare_star = st;
            } else {
                a->vararg = param(lambda, true);
                if (at_op(Punct::Equal)) {
                    Token eq = peek();
                    fail_at_token("var-positional argument cannot have default value", eq);
                }
            }
        } else if (at_op(Punct::DoubleStar)) {
            Token ds = next();
            if (bare_star_pending) fail_at_token("named arguments must follow bare *", lambda ? ds : bare_star);
            a->kwarg = param(lambda, false);
            kwarg_seen = true;
            if (at_op(Punct::Equal)) {
                Token eq = peek();
                fail_at_token("var-keyword argument cannot have default value", eq);
            }
        } else {
            arg* p = param(lambda, false);
            Expr* def = nullptr;
            if (at_op(Punct::Equal)) {
                Token eq = next();
                if (at_op(Punct::Comma) || at_end())
                    fail_at_token("expected default value expression", eq);
                def = expression();
            }
            if (star_seen) {
                a->kwonlyargs.push_back(p);
                a->kw_defaults.push_back(def);
                bare_star_pending = false;
            } else {
                a->args.push_back(p);
                if (def) {
                    a->defaults.push_back(def);
                    defaults_started = true;
                } else if (defaults_started && (at_op(Punct::Comma) || at_end())) {
                    fail_range("non-default argument follows default argument", p, p);
                }
            }
        }
        if (!accept_op(Punct::Comma)) break;
    }
    if (bare_star_pending) {
        Token t = peek();
        fail_at_token("named arguments must follow bare *", lambda ? t : bare_star);
    }
    return a;
}

}  // namespace gk::detail
