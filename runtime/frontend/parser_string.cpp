// parser_string.cpp — literals: numbers, string/bytes literals (prefixes,
// escapes, implicit concatenation) and f-strings (JoinedStr /
// FormattedValue, exactly as CPython 3.11's ast.parse builds them).
//
// f-string replacement fields are found by scanning the literal's source
// text (3.11 rules: no backslash or '#' inside the expression, nested
// quotes must differ), and each expression is parsed by a sub-parser over
// "(" + text + ")", whose node locations are then shifted to the real
// source position.
#include <clocale>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <locale.h>

#include "parser_internal.hpp"
#include "unicode_names.hpp"

namespace gk::detail {

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

namespace {

double parse_double(const std::string& s) {
    double v = 0.0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc::result_out_of_range) {
        static locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t(0));
        v = strtod_l(s.c_str(), nullptr, c_locale);
    }
    return v;
}

// Digits of `s` (already without prefix/underscores) in `base` -> decimal.
std::string to_decimal(std::string_view s, int base) {
    std::vector<uint32_t> limbs{0};   // little-endian, base 1e9
    for (char ch : s) {
        int d = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
        uint64_t carry = uint64_t(d);
        for (auto& l : limbs) {
            uint64_t v = uint64_t(l) * uint64_t(base) + carry;
            l = uint32_t(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry) {
            limbs.push_back(uint32_t(carry % 1000000000u));
            carry /= 1000000000u;
        }
    }
    while (limbs.size() > 1 && limbs.back() == 0) limbs.pop_back();
    std::string out = std::to_string(limbs.back());
    char buf[16];
    for (size_t i = limbs.size() - 1; i-- > 0;) {
        std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
        out += buf;
    }
    return out;
}

}  // namespace

Expr* Parser::number(const Token& t) {
    std::string s;
    for (char c : text(t))
        if (c != '_') s += c;
    Constant* c = node_at<Constant>(t);
    end_at(c, t);
    char last = s.back();
    if (last == 'j' || last == 'J') {
        s.pop_back();
        c->value = ImagValue{parse_double(s)};
        return c;
    }
    int base = 10;
    std::string_view digits = s;
    if (s.size() > 1 && s[0] == '0') {
        char p = char(s[1] | 0x20);
        if (p == 'x') base = 16;
        else if (p == 'o') base = 8;
        else if (p == 'b') base = 2;
        if (base != 10) digits = std::string_view(s).substr(2);
    }
    if (base == 10 && s.find_first_of(".eE") != std::string::npos) {
        c->value = parse_double(s);
        return c;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (char ch : digits) {
        int d = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
        if (v > (uint64_t(INT64_MAX) - uint64_t(d)) / uint64_t(base)) {
            overflow = true;
            break;
        }
        v = v * uint64_t(base) + uint64_t(d);
    }
    if (!overflow) {
        c->value = int64_t(v);
    } else {
        c->value = BigIntValue{to_decimal(digits, base)};
    }
    return c;
}

// ---------------------------------------------------------------------------
// Escapes
// ---------------------------------------------------------------------------

namespace {

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

// Decodes the body of a (non-f) string literal.  `tok` is used for the
// "bytes can only contain ASCII" location; escape errors use the token
// after the literal, like CPython.
// Escape warnings are reported at the string token's first line, once per
// source position (speculative re-parsing decodes literals again).
void Parser::string_warning(const Token& tok, std::string msg, size_t src_off) {
    if (!warnings_) return;
    if (!warned_at_.insert(src_off).second) return;
    SyntaxWarningInfo w;
    w.category = "DeprecationWarning";
    w.msg = std::move(msg);
    w.filename = src_.filename();
    w.lineno = tok.lineno;
    w.offset = src_.char_col(tok.lineno, tok.col) + 1;
    warnings_->push_back(std::move(w));
}

std::string Parser::decode_str(std::string_view body, bool raw, bool is_bytes, size_t src_off,
                               const Token& tok) {
    if (is_bytes) {
        for (char ch : body)
            if (static_cast<unsigned char>(ch) >= 0x80)
                fail_range("bytes can only contain ASCII literal characters", tok.lineno,
                           tok.col, tok.end_lineno, tok.end_col);
    }
    if (raw || body.find('\\') == std::string_view::npos) return std::string(body);
    std::string out;
    out.reserve(body.size());
    // CPython reports escape-error positions in a buffer where every
    // non-ASCII character became a 10-byte "\U%08x" escape.
    size_t cpos = 0;
    size_t i = 0, n = body.size();
    auto unicode_error = [&](size_t start, size_t end, const char* what) {
        fail_last("(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                  std::to_string(start) + "-" + std::to_string(end) + ": " + what);
    };
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(body[i]);
        if (c != '\\') {
            if (c >= 0x80 && (c & 0xC0) != 0x80) cpos += 10;
            else if (c < 0x80) cpos += 1;
            out += char(c);
            ++i;
            continue;
        }
        size_t esc_start = cpos;
        if (i + 1 >= n) {   // lone trailing backslash (only possible in f-string chunks)
            out += '\\';
            ++i;
            ++cpos;
            continue;
        }
        char e = body[i + 1];
        i += 2;
        cpos += 2;
        switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                unsigned v = unsigned(e - '0');
                size_t start_i = i - 2;
                for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k) {
                    v = v * 8 + unsigned(body[i] - '0');
                    ++i;
                    ++cpos;
                }
                if (v > 0377)
                    string_warning(tok, "invalid octal escape sequence '" +
                                            std::string(body.substr(start_i, i - start_i)) + "'",
                                   src_off + start_i);
                if (is_bytes) out += char(v & 0xFF);
                else utf8_append(out, char32_t(v));
                break;
            }
            case 'x': {
                int h1 = i < n ? hexval(body[i]) : -1;
                int h2 = i + 1 < n ? hexval(body[i + 1]) : -1;
                if (h1 < 0 || h2 < 0) {
                    if (is_bytes)
                        fail_last("(value error) invalid \\x escape at position " +
                                  std::to_string(esc_start));
                    unicode_error(esc_start, esc_start + 1 + (h1 >= 0 ? 1 : 0),
                                  "truncated \\xXX escape");
                }
                unsigned v = unsigned(h1 * 16 + h2);
                i += 2;
                cpos += 2;
                if (is_bytes) out += char(v);
                else utf8_append(out, char32_t(v));
                break;
            }
            case 'u':
            case 'U': {
                if (is_bytes) {
                    string_warning(tok, std::string("invalid escape sequence '\\") + e + "'",
                                   src_off + i - 2);
                    out += '\\';
                    out += e;
                    break;
                }
                int want = e == 'u' ? 4 : 8;
                uint32_t v = 0;
                int got = 0;
                while (got < want && i < n && hexval(body[i]) >= 0) {
                    v = v * 16 + uint32_t(hexval(body[i]));
                    ++i;
                    ++got;
                    ++cpos;
                }
                if (got < want)
                    unicode_error(esc_start, esc_start + 1 + size_t(got),
                                  e == 'u' ? "truncated \\uXXXX escape"
                                           : "truncated \\UXXXXXXXX escape");
                if (v > 0x10FFFF)
                    unicode_error(esc_start, esc_start + 9, "illegal Unicode character");
                utf8_append(out, char32_t(v));
                break;
            }
            case 'N': {
                if (is_bytes) {
                    string_warning(tok, "invalid escape sequence '\\N'", src_off + i - 2);
                    out += "\\N";
                    break;
                }
                size_t close = body.find('}', i);
                if (i >= n || body[i] != '{' || close == std::string_view::npos ||
                    close == i + 1)
                    unicode_error(esc_start, esc_start + 1, "malformed \\N character escape");
                std::string_view name = body.substr(i + 1, close - i - 1);
                char32_t cp = 0;
                size_t len = close + 1 - i;
                if (!lookup_unicode_name(name, cp))
                    unicode_error(esc_start, esc_start + 1 + len,
                                  "unknown Unicode character name");
                utf8_append(out, cp);
                i = close + 1;
                cpos += len;
                break;
            }
            default: {
                // Invalid escape: kept as-is, with a DeprecationWarning.
                size_t esc = i - 2;
                out += '\\';
                out += e;
                if (static_cast<unsigned char>(e) >= 0x80) {
                    // keep the rest of a multi-byte character intact
                    while (i < n && (static_cast<unsigned char>(body[i]) & 0xC0) == 0x80)
                        out += body[i++];
                    cpos += 9;
                }
                string_warning(tok,
                               "invalid escape sequence '" +
                                   std::string(body.substr(esc, i - esc)) + "'",
                               src_off + esc);
                break;
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------------------
// String literals
// ---------------------------------------------------------------------------

namespace {

struct StrPiece {
    Token tok;
    bool is_bytes = false, is_raw = false, is_f = false, is_u = false;
    size_t body_off = 0;   // byte offset of the body in the source
    size_t body_len = 0;
};

}  // namespace

// Shifts the locations of a sub-parsed f-string expression.
namespace {
struct Shifter {
    int line_delta;   // added to every line
    int col_delta;    // added to columns on the sub-source's first line

    void loc(Located* n) const {
        if (n->lineno == 1) n->col_offset += col_delta;
        if (n->end_lineno == 1) n->end_col_offset += col_delta;
        n->lineno += line_delta;
        n->end_lineno += line_delta;
    }
    void args(arguments* a) const {
        if (!a) return;
        for (auto* v : {&a->posonlyargs, &a->args, &a->kwonlyargs})
            for (arg* x : *v) one(x);
        one(a->vararg);
        one(a->kwarg);
        for (Expr* x : a->kw_defaults) expr(x);
        for (Expr* x : a->defaults) expr(x);
    }
    void one(arg* x) const {
        if (!x) return;
        loc(x);
        expr(x->annotation);
    }
    void gens(const std::vector<comprehension*>& g) const {
        for (comprehension* c : g) {
            expr(c->target);
            expr(c->iter);
            for (Expr* x : c->ifs) expr(x);
        }
    }
    void list(const ExprList& l) const {
        for (Expr* x : l) expr(x);
    }
    void expr(Expr* e) const {
        if (!e) return;
        loc(e);
        switch (e->kind) {
            case ExprKind::BoolOp: list(e->as<BoolOp>()->values); break;
            case ExprKind::NamedExpr: expr(e->as<NamedExpr>()->target); expr(e->as<NamedExpr>()->value); break;
            case ExprKind::BinOp: expr(e->as<BinOp>()->left); expr(e->as<BinOp>()->right); break;
            case ExprKind::UnaryOp: expr(e->as<UnaryOp>()->operand); break;
            case ExprKind::Lambda: args(e->as<Lambda>()->args); expr(e->as<Lambda>()->body); break;
            case ExprKind::IfExp:
                expr(e->as<IfExp>()->test); expr(e->as<IfExp>()->body); expr(e->as<IfExp>()->orelse);
                break;
            case ExprKind::Dict: list(e->as<Dict>()->keys); list(e->as<Dict>()->values); break;
            case ExprKind::Set: list(e->as<Set>()->elts); break;
            case ExprKind::ListComp: expr(e->as<ListComp>()->elt); gens(e->as<ListComp>()->generators); break;
            case ExprKind::SetComp: expr(e->as<SetComp>()->elt); gens(e->as<SetComp>()->generators); break;
            case ExprKind::DictComp:
                expr(e->as<DictComp>()->key); expr(e->as<DictComp>()->value);
                gens(e->as<DictComp>()->generators);
                break;
            case ExprKind::GeneratorExp:
                expr(e->as<GeneratorExp>()->elt); gens(e->as<GeneratorExp>()->generators);
                break;
            case ExprKind::Await: expr(e->as<Await>()->value); break;
            case ExprKind::Yield: expr(e->as<Yield>()->value); break;
            case ExprKind::YieldFrom: expr(e->as<YieldFrom>()->value); break;
            case ExprKind::Compare: expr(e->as<Compare>()->left); list(e->as<Compare>()->comparators); break;
            case ExprKind::Call:
                expr(e->as<Call>()->func); list(e->as<Call>()->args);
                for (keyword* k : e->as<Call>()->keywords) { loc(k); expr(k->value); }
                break;
            case ExprKind::FormattedValue:
                expr(e->as<FormattedValue>()->value); expr(e->as<FormattedValue>()->format_spec);
                break;
            case ExprKind::JoinedStr: list(e->as<JoinedStr>()->values); break;
            case ExprKind::Constant: break;
            case ExprKind::Attribute: expr(e->as<Attribute>()->value); break;
            case ExprKind::Subscript: expr(e->as<Subscript>()->value); expr(e->as<Subscript>()->slice); break;
            case ExprKind::Starred: expr(e->as<Starred>()->value); break;
            case ExprKind::Name: break;
            case ExprKind::List: list(e->as<List>()->elts); break;
            case ExprKind::Tuple: list(e->as<Tuple>()->elts); break;
            case ExprKind::Slice:
                expr(e->as<Slice>()->lower); expr(e->as<Slice>()->upper); expr(e->as<Slice>()->step);
                break;
        }
    }
};
}  // namespace

Expr* Parser::strings() {
    std::vector<StrPiece> pieces;
    while (at_type(Tok::String)) {
        StrPiece p;
        p.tok = next();
        std::string_view t = text(p.tok);
        size_t k = 0;
        while (k < t.size() && t[k] != '\'' && t[k] != '"') {
            char c = char(t[k] | 0x20);
            if (c == 'b') p.is_bytes = true;
            else if (c == 'r') p.is_raw = true;
            else if (c == 'f') p.is_f = true;
            else if (c == 'u') p.is_u = true;
            ++k;
        }
        size_t q = (t.size() - k >= 6 && t[k + 1] == t[k] && t[k + 2] == t[k]) ? 3 : 1;
        p.body_off = p.tok.start + k + q;
        p.body_len = t.size() - k - 2 * q;
        pieces.push_back(p);
    }
    peek();   // CPython has fetched the token after the literal(s)
    const Token first = pieces.front().tok;
    const Token last = pieces.back().tok;
    bool bytes = pieces.front().is_bytes;
    bool any_f = false;
    for (const auto& p : pieces) {
        if (p.is_bytes != bytes) fail_last("cannot mix bytes and nonbytes literals");
        any_f |= p.is_f;
    }
    std::string_view srcv = src_.text();
    if (!any_f) {
        std::string value;
        for (const auto& p : pieces)
            value += decode_str(srcv.substr(p.body_off, p.body_len), p.is_raw, p.is_bytes,
                                p.body_off, p.tok);
        Constant* c = node_at<Constant>(first);
        end_at(c, last);
        if (bytes) {
            c->value = BytesValue{std::move(value)};
        } else {
            c->value = std::move(value);
            if (pieces.front().is_u) c->kind_tag = "u";
        }
        return c;
    }
    JoinedStr* js = node_at<JoinedStr>(first);
    end_at(js, last);
    FStringCtx ctx{js, nullptr};
    std::string pending;
    for (const auto& p : pieces) {
        ctx.tok = &p.tok;
        std::string_view body = srcv.substr(p.body_off, p.body_len);
        if (!p.is_f) {
            pending += decode_str(body, p.is_raw, false, p.body_off, p.tok);
            continue;
        }
        size_t i = 0;
        fstring_parts(body, i, p.body_off, p.is_raw, 0, false, ctx, js->values, pending);
    }
    flush_literal(ctx, js->values, pending);
    return js;
}

void Parser::flush_literal(const FStringCtx& ctx, ExprList& parts, std::string& pending) {
    if (pending.empty()) return;
    Constant* c = node_at<Constant>(ctx.whole);
    end_at(c, ctx.whole);
    c->value = std::move(pending);
    pending.clear();
    parts.push_back(c);
}

// Literal text and replacement fields of an f-string body from `i`, up to
// the end (top level) or the '}' closing a format spec (in_spec).
void Parser::fstring_parts(std::string_view s, size_t& i, size_t src_off, bool raw, int lvl,
                           bool in_spec, const FStringCtx& ctx, ExprList& parts,
                           std::string& pending) {
    size_t n = s.size();
    size_t lit = i;
    auto flush = [&](size_t end) {
        if (end > lit)
            pending += decode_str(s.substr(lit, end - lit), raw, false, src_off + lit, *ctx.tok);
    };
    while (i < n) {
        char c = s[i];
        if (c == '\\' && !raw) {
            if (i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '}')) {
                ++i;   // backslash stays literal; the brace is handled next
            } else if (i + 2 < n && s[i + 1] == 'N' && s[i + 2] == '{') {
                size_t close = s.find('}', i + 3);
                i = close == std::string_view::npos ? n : close + 1;
            } else {
                i += 2;
            }
            continue;
        }
        if (c == '{') {
            if (!in_spec && i + 1 < n && s[i + 1] == '{') {
                flush(i + 1);
                i += 2;
                lit = i;
                continue;
            }
            flush(i);
            ++i;
            fstring_field(s, i, src_off, raw, lvl, ctx, parts, pending);
            lit = i;
            continue;
        }
        if (c == '}') {
            if (in_spec) {
                flush(i);
                return;
            }
            if (i + 1 < n && s[i + 1] == '}') {
                flush(i + 1);
                i += 2;
                lit = i;
                continue;
            }
            fail_last("f-string: single '}' is not allowed");
        }
        ++i;
    }
    flush(n);
}

// One replacement field; `i` is just after its '{'.
void Parser::fstring_field(std::string_view s, size_t& i, size_t src_off, bool raw, int lvl,
                           const FStringCtx& ctx, ExprList& parts, std::string& pending) {
    if (lvl >= 2) fail_last("f-string: expressions nested too deeply");
    size_t n = s.size();
    size_t expr_start = i;
    char quote = 0;
    bool triple = false;
    std::vector<char> stack;
    for (; i < n; ++i) {
        char c = s[i];
        if (c == '\\') fail_last("f-string expression part cannot include a backslash");
        if (quote) {
            if (c == quote) {
                if (triple) {
                    if (i + 2 < n && s[i + 1] == c && s[i + 2] == c) {
                        i += 2;
                        quote = 0;
                    }
                } else {
                    quote = 0;
                }
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            if (i + 2 < n && s[i + 1] == c && s[i + 2] == c) {
                triple = true;
                i += 2;
            } else {
                triple = false;
            }
            quote = c;
            continue;
        }
        if (c == '[' || c == '(' || c == '{') {
            if (stack.size() >= 200) fail_last("f-string: too many nested parenthesis");
            stack.push_back(c);
            continue;
        }
        if (c == '#') fail_last("f-string expression part cannot include '#'");
        if (stack.empty() && (c == '!' || c == ':' || c == '}' || c == '=' || c == '>' || c == '<')) {
            char nx = i + 1 < n ? s[i + 1] : 0;
            if (nx == '=' && (c == '!' || c == '=' || c == '<' || c == '>')) {
                ++i;   // two-character operator
                continue;
            }
            if (c == '>' || c == '<') continue;
            break;
        }
        if (c == ']' || c == ')' || c == '}') {
            if (stack.empty()) fail_last(std::string("f-string: unmatched '") + c + "'");
            char open = stack.back();
            stack.pop_back();
            char want = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (c != want)
                fail_last(std::string("f-string: closing parenthesis '") + c +
                          "' does not match opening parenthesis '" + open + "'");
        }
    }
    if (quote) fail_last("f-string: unterminated string");
    if (!stack.empty()) fail_last(std::string("f-string: unmatched '") + stack.back() + "'");
    if (i >= n) fail_last("f-string: expecting '}'");
    std::string_view expr_text = s.substr(expr_start, i - expr_start);
    bool blank = true;
    for (char c : expr_text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') blank = false;
    if (blank) {
        if (s[i] == '}') fail_last("f-string: empty expression not allowed");
        fail_last(std::string("f-string: expression required before '") + s[i] + "'");
    }
    Expr* value = fstring_expression(expr_text, src_off + expr_start);

    bool debug = false;
    if (s[i] == '=') {
        debug = true;
        ++i;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' ||
                         s[i] == '\r' || s[i] == '\v'))
            ++i;
        pending += std::string(s.substr(expr_start, i - expr_start));
        if (i >= n) fail_last("f-string: expecting '}'");
    }
    int conversion = -1;
    if (s[i] == '!') {
        ++i;
        if (i >= n) fail_last("f-string: expecting '}'");
        char cv = s[i];
        if (cv != 's' && cv != 'r' && cv != 'a')
            fail_last("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        conversion = cv;
        ++i;
        if (i >= n) fail_last("f-string: expecting '}'");
    }
    Expr* spec = nullptr;
    if (s[i] == ':') {
        ++i;
        // CPython 3.11's locations: the spec JoinedStr, and the literal text
        // at its end, span this token; the other parts span the whole
        // (concatenated) literal, like the top-level parts.
        JoinedStr* js = node_at<JoinedStr>(*ctx.tok);
        end_at(js, *ctx.tok);
        std::string spec_pending;
        fstring_parts(s, i, src_off, raw, lvl + 1, true, ctx, js->values, spec_pending);
        FStringCtx tail_ctx{js, ctx.tok};
        flush_literal(tail_ctx, js->values, spec_pending);
        spec = js;
    }
    if (i >= n || s[i] != '}') fail_last("f-string: expecting '}'");
    ++i;
    if (debug && conversion == -1 && !spec) conversion = 'r';
    flush_literal(ctx, parts, pending);
    FormattedValue* fv = node_at<FormattedValue>(ctx.whole);
    end_at(fv, ctx.whole);
    fv->value = value;
    fv->conversion = conversion;
    fv->format_spec = spec;
    parts.push_back(fv);
}

// Parses one replacement-field expression found at source offset `src_off`.
Expr* Parser::fstring_expression(std::string_view expr_text, size_t src_off) {
    std::string wrapped;
    wrapped.reserve(expr_text.size() + 2);
    wrapped += '(';
    wrapped += expr_text;
    wrapped += ')';
    int line = src_.line_of(src_off);
    int col = int(src_off - src_.line_start(line));
    Expr* e;
    try {
        SourceText sub(wrapped, src_.filename(), false, true);
        Parser p(arena_, sub);
        p.depth_ = depth_;
        // (Escapes cannot occur inside replacement fields; nested literals'
        // warnings are not collected.)
        e = p.parse_fstring_expr();
    } catch (SyntaxErrorInfo& err) {
        if (err.msg.rfind("f-string", 0) != 0) err.msg = "f-string: " + err.msg;
        if (err.lineno > 0) err.lineno += line - 1;
        if (err.end_lineno > 0) err.end_lineno += line - 1;
        throw;
    }
    Shifter{line - 1, col - 1}.expr(e);
    return e;
}

}  // namespace gk::detail
