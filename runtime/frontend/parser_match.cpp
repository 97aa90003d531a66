// parser_match.cpp — the match statement (PEP 634): subject, case blocks,
// guards and the pattern grammar (literal, capture, wildcard, value,
// group, sequence, mapping, class, star, as and or patterns).
//
// `match` and `case` are soft keywords: a statement starting with the name
// `match` is a match statement only if `match <subject> :` parses;
// otherwise it is an ordinary statement (`match(x)`, `match = 1`).
#include "parser_internal.hpp"

namespace gk::detail {

namespace {
bool is_name(const Token& t, std::string_view text, std::string_view src) {
    return t.type == Tok::Name && t.kw == Kw::NotKeyword &&
           src.substr(t.start, t.end - t.start) == text;
}
}  // namespace

bool Parser::at_soft_keyword(std::string_view kw, size_t k) {
    return is_name(peek(k), kw, src_.text());
}

// Whether the statement at pos_ is a match statement (`match subject :`).
bool Parser::looks_like_match() {
    if (!at_soft_keyword("match")) return false;
    size_t save = pos_;
    ++speculating_;
    ++no_invalid_;
    bool colon = false;
    try {
        next();
        subject_expr();
        colon = at_op(Punct::Colon);
    } catch (const ParseFailure&) {
    }
    --speculating_;
    --no_invalid_;
    pos_ = save;
    return colon;
}

// After an ordinary statement starting with `match` failed: CPython's
// invalid_match_stmt reports `match x` + newline as "expected ':'".
void Parser::invalid_match_stmt(size_t st_idx) {
    size_t save = pos_;
    pos_ = st_idx;
    if (!at_soft_keyword("match")) {
        pos_ = save;
        return;
    }
    ++speculating_;
    bool newline = false;
    try {
        next();
        subject_expr();
        newline = at_type(Tok::Newline);
    } catch (const ParseFailure&) {
    }
    --speculating_;
    if (newline) {
        peek();
        fail_last("expected ':'");
    }
    pos_ = save;
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
Expr* Parser::subject_expr() {
    const Token start = peek();
    Expr* first = star_named_expression();
    if (!at_op(Punct::Comma)) {
        if (first->is<Starred>()) fail_generic();
        return first;
    }
    Tuple* t = node_at<Tuple>(start);
    t->elts.push_back(first);
    while (accept_op(Punct::Comma)) {
        if (!starts_expression() && !at_op(Punct::Star)) break;
        t->elts.push_back(star_named_expression());
    }
    end_prev(t);
    return t;
}

Stmt* Parser::match_stmt() {
    DepthGuard guard(*this);
    Token kw = next();   // 'match'
    Match* s = node_at<Match>(kw);
    s->subject = subject_expr();
    expect_op(Punct::Colon);
    if (!at_type(Tok::Newline)) fail_generic();
    next();
    if (!at_type(Tok::Indent)) {
        peek();
        fail_last("expected an indented block after 'match' statement on line " +
                      std::to_string(kw.lineno),
                  "IndentationError");
    }
    next();
    do {
        if (!at_soft_keyword("case")) fail_generic();
        s->cases.push_back(case_block());
    } while (!at_type(Tok::Dedent) && !at_type(Tok::EndMarker));
    accept_dedent();
    end_at_last_real(s);
    return s;
}

match_case* Parser::case_block() {
    Token kw = next();   // 'case'
    match_case* c = arena_.make<match_case>();
    c->pattern = patterns();
    if (accept_kw(Kw::If)) c->guard = named_expression();
    expect_colon();
    block(c->body, "'case' statement", kw.lineno);
    return c;
}

// patterns: open_sequence_pattern | pattern
Pattern* Parser::patterns() {
    const Token start = peek();
    Pattern* p = maybe_star_pattern();
    if (!at_op(Punct::Comma)) {
        if (p->is<MatchStar>()) fail_generic();
        return p;
    }
    MatchSequence* seq = node_at<MatchSequence>(start);
    seq->patterns.push_back(p);
    while (accept_op(Punct::Comma)) {
        if (at_op(Punct::Colon) || at_kw(Kw::If)) break;
        seq->patterns.push_back(maybe_star_pattern());
    }
    end_prev(seq);
    return seq;
}

Pattern* Parser::maybe_star_pattern() {
    if (at_op(Punct::Star)) {
        Token st = next();
        MatchStar* s = node_at<MatchStar>(st);
        Token name = expect_name();
        if (text(name) != "_") s->name = identifier(name);
        end_at(s, name);
        return s;
    }
    return pattern();
}

// pattern: or_pattern ['as' capture_target]
Pattern* Parser::pattern() {
    DepthGuard guard(*this);
    const Token start = peek();
    Pattern* p = or_pattern();
    if (!at_kw(Kw::As)) return p;
    next();
    Token name = expect_name();
    if (text(name) == "_") fail_at_token("cannot use '_' as a target", name);
    if (at_op(Punct::Dot) || at_op(Punct::LPar) || at_op(Punct::Equal)) fail_generic();
    MatchAs* a = node_at<MatchAs>(start);
    a->pattern = p;
    a->name = identifier(name);
    end_at(a, name);
    return a;
}

Pattern* Parser::or_pattern() {
    const Token start = peek();
    Pattern* p = closed_pattern();
    if (!at_op(Punct::VBar)) return p;
    MatchOr* o = node_at<MatchOr>(start);
    o->patterns.push_back(p);
    while (accept_op(Punct::VBar)) o->patterns.push_back(closed_pattern());
    end_prev(o);
    return o;
}

// signed_number ['+'|'-' imaginary]: the expression of a numeric literal pattern.
Expr* Parser::literal_number() {
    const Token start = peek();
    Expr* e;
    if (at_op(Punct::Minus)) {
        Token m = next();
        if (!at_type(Tok::Number)) fail_generic();
        Token n = next();
        UnaryOp* u = node_at<UnaryOp>(m);
        u->op = UnaryOperator::USub;
        u->operand = number(n);
        end_at(u, n);
        e = u;
    } else {
        if (!at_type(Tok::Number)) fail_generic();
        e = number(next());
    }
    if (at_op(Punct::Plus) || at_op(Punct::Minus)) {
        Token op = next();
        if (!at_type(Tok::Number)) fail_generic();
        Token n = next();
        Expr* imag = number(n);
        if (!std::holds_alternative<ImagValue>(imag->as<Constant>()->value))
            fail_range("imaginary number required in complex literal", imag, imag);
        BinOp* b = node_at<BinOp>(start);
        b->left = e;
        b->op = op.op == Punct::Plus ? Operator::Add : Operator::Sub;
        b->right = imag;
        end_at(b, n);
        e = b;
    }
    return e;
}

// NAME ('.' NAME)* as a Name / Attribute chain (Load).
Expr* Parser::name_or_attr() {
    const Token start = peek();
    Token n = expect_name();
    Name* name = node_at<Name>(n);
    name->id = identifier(n);
    end_at(name, n);
    Expr* e = name;
    while (at_op(Punct::Dot)) {
        next();
        Token attr = expect_name();
        Attribute* a = node_at<Attribute>(start);
        a->value = e;
        a->attr = identifier(attr);
        end_at(a, attr);
        e = a;
    }
    return e;
}

Pattern* Parser::closed_pattern() {
    DepthGuard guard(*this);
    const Token t = peek();
    switch (t.type) {
        case Tok::Number: {
            MatchValue* v = node_at<MatchValue>(t);
            v->value = literal_number();
            end_prev(v);
            return v;
        }
        case Tok::String: {
            MatchValue* v = node_at<MatchValue>(t);
            v->value = strings();   // (f-strings parse; the compiler rejects them)
            end_prev(v);
            return v;
        }
        case Tok::Name: {
            if (t.kw == Kw::None || t.kw == Kw::True || t.kw == Kw::False) {
                next();
                MatchSingleton* s = node_at<MatchSingleton>(t);
                if (t.kw == Kw::None) s->value = NoneValue{};
                else s->value = t.kw == Kw::True;
                end_at(s, t);
                return s;
            }
            if (t.kw != Kw::NotKeyword) fail_generic();
            Expr* e = name_or_attr();
            if (at_op(Punct::LPar)) return class_pattern(e);
            if (e->is<Attribute>()) {
                MatchValue* v = node_at<MatchValue>(t);
                v->value = e;
                end_prev(v);
                return v;
            }
            if (at_op(Punct::Equal)) fail_generic();
            MatchAs* a = node_at<MatchAs>(t);
            if (text(t) != "_") a->name = identifier(t);
            end_at(a, t);
            return a;
        }
        case Tok::Op:
            switch (t.op) {
                case Punct::Minus: {
                    MatchValue* v = node_at<MatchValue>(t);
                    v->value = literal_number();
                    end_prev(v);
                    return v;
                }
                case Punct::LPar: {
                    next();
                    if (accept_op(Punct::RPar)) {
                        MatchSequence* s = node_at<MatchSequence>(t);
                        end_prev(s);
                        return s;
                    }
                    Pattern* first = maybe_star_pattern();
                    if (accept_op(Punct::RPar)) {
                        if (first->is<MatchStar>()) fail_generic();   // `(*x)`
                        return first;   // group pattern
                    }
                    MatchSequence* s = node_at<MatchSequence>(t);
                    s->patterns.push_back(first);
                    if (!at_op(Punct::Comma)) fail_generic();
                    while (accept_op(Punct::Comma)) {
                        if (at_op(Punct::RPar)) break;
                        s->patterns.push_back(maybe_star_pattern());
                    }
                    expect_op(Punct::RPar);
                    end_prev(s);
                    return s;
                }
                case Punct::LSqb: {
                    next();
                    MatchSequence* s = node_at<MatchSequence>(t);
                    while (!at_op(Punct::RSqb)) {
                        s->patterns.push_back(maybe_star_pattern());
                        if (!accept_op(Punct::Comma)) break;
                    }
                    expect_op(Punct::RSqb);
                    end_prev(s);
                    return s;
                }
                case Punct::LBrace: return mapping_pattern();
                default: break;
            }
            break;
        default: break;
    }
    fail_generic();
}

Pattern* Parser::mapping_pattern() {
    const Token lb = next();   // '{'
    MatchMapping* m = node_at<MatchMapping>(lb);
    while (!at_op(Punct::RBrace)) {
        if (accept_op(Punct::DoubleStar)) {
            Token n = expect_name();
            m->rest = identifier(n);
            accept_op(Punct::Comma);
            break;
        }
        // key: a literal (number, string, None/True/False) or a dotted name
        const Token k = peek();
        Expr* key;
        if (k.type == Tok::Number || (k.type == Tok::Op && k.op == Punct::Minus)) {
            key = literal_number();
        } else if (k.type == Tok::String) {
            key = strings();
        } else if (k.type == Tok::Name &&
                   (k.kw == Kw::None || k.kw == Kw::True || k.kw == Kw::False)) {
            next();
            Constant* c = node_at<Constant>(k);
            if (k.kw == Kw::None) c->value = NoneValue{};
            else c->value = k.kw == Kw::True;
            end_at(c, k);
            key = c;
        } else if (k.type == Tok::Name && k.kw == Kw::NotKeyword) {
            key = name_or_attr();
            if (!key->is<Attribute>()) fail_generic();
        } else {
            fail_generic();
        }
        expect_op(Punct::Colon);
        m->keys.push_back(key);
        m->patterns.push_back(pattern());
        if (!accept_op(Punct::Comma)) break;
    }
    expect_op(Punct::RBrace);
    end_prev(m);
    return m;
}

Pattern* Parser::class_pattern(Expr* cls) {
    MatchClass* c = node_at<MatchClass>(static_cast<const Located*>(cls));
    c->cls = cls;
    next();   // '('
    bool keywords = false;
    while (!at_op(Punct::RPar)) {
        if (at_name() && at_op(Punct::Equal, 1)) {
            Token n = next();
            next();
            c->kwd_attrs.push_back(identifier(n));
            c->kwd_patterns.push_back(pattern());
            keywords = true;
        } else {
            Pattern* p = pattern();
            if (keywords)
                fail_range("positional patterns follow keyword patterns", p, p);
            c->patterns.push_back(p);
        }
        if (!accept_op(Punct::Comma)) break;
    }
    expect_op(Punct::RPar);
    end_prev(c);
    return c;
}

}  // namespace gk::detail
