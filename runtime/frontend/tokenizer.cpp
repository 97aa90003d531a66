// tokenizer.cpp — SourceText normalization and the parser's tokenizer.
//
// The tokenizer follows the observable behaviour of CPython 3.11's C
// tokenizer: which inputs are errors, the error messages, and where they
// point.  Where CPython reports a column it is "the position just after the
// last character read" (1-based offset == 0-based index of the next char);
// helpers below take such "cur" positions and convert.
#include "tokenizer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "source_encoding.hpp"
#include "unicode_tables.hpp"

namespace gk {

// ---------------------------------------------------------------------------
// UTF-8 helpers
// ---------------------------------------------------------------------------

char32_t utf8_decode(std::string_view s, size_t& i) {
    unsigned char c0 = static_cast<unsigned char>(s[i]);
    if (c0 < 0x80) { ++i; return c0; }
    int len = c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) { ++i; return c0; }
    char32_t cp = c0 & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) {
        unsigned char ck = static_cast<unsigned char>(s[i + k]);
        if ((ck & 0xC0) != 0x80) { ++i; return c0; }
        cp = (cp << 6) | (ck & 0x3F);
    }
    i += len;
    return cp;
}

void utf8_append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

bool is_identifier_start(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return uni_is_xid_start(c);
}

bool is_identifier_continue(char32_t c) {
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
               (c >= '0' && c <= '9');
    return uni_is_xid_continue(c);
}

namespace {

bool is_ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// CPython's is_potential_identifier_char: ASCII alnum, '_', or any byte >= 128.
bool is_potential_ident_char(int c) {
    return is_ascii_alpha(c) || is_digit(c) || c == '_' || c >= 128;
}

}  // namespace

// ---------------------------------------------------------------------------
// SourceText
// ---------------------------------------------------------------------------

SourceText::SourceText(std::string_view raw, std::string filename, bool from_file, bool is_str)
    : filename_(std::move(filename)) {
    bool bom = !is_str && raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom) raw.remove_prefix(3);
    if (raw.find('\0') != std::string_view::npos) {
        SyntaxErrorInfo e;
        e.kind = "SyntaxError";
        e.msg = from_file ? "source code cannot contain null bytes"
                          : "source code string cannot contain null bytes";
        e.filename = filename_;
        throw e;
    }
    std::string cookie = is_str ? std::string() : find_coding_cookie(raw);
    SourceCodec codec = SourceCodec::Utf8;
    auto fail = [&](std::string msg, int line) {
        SyntaxErrorInfo e;
        e.kind = "SyntaxError";
        e.msg = std::move(msg);
        e.filename = filename_;
        e.lineno = line;
        throw e;
    };
    if (!cookie.empty()) {
        std::string norm = normal_encoding_name(cookie);
        if (bom && norm != "utf-8") fail("encoding problem: " + cookie + " with BOM", 0);
        if (!lookup_source_codec(norm, codec)) fail("unknown encoding: " + cookie, 0);
    }
    std::string decoded;
    size_t bad = 0;
    if (!decode_source(raw, codec, decoded, bad)) {
        int line = 1 + int(std::count(raw.begin(), raw.begin() + long(bad), '\n'));
        char buf[16];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(raw[bad]));
        if (from_file && codec == SourceCodec::Utf8) {
            fail(std::string("Non-UTF-8 code starting with '") + buf + "' in file " + filename_ +
                     " on line " + std::to_string(line) +
                     ", but no encoding declared; see https://peps.python.org/pep-0263/ "
                     "for details",
                 line);
        }
        fail("(unicode error) '" + std::string(codec == SourceCodec::Utf8 ? "utf-8" : normal_encoding_name(cookie)) +
                 "' codec can't decode byte 0x" + std::string(buf + 2) + " in position " +
                 std::to_string(bad) + ": invalid start byte",
             line);
    }
    raw = decoded;
    text_.reserve(raw.size() + 1);
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\r') {
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
            text_ += '\n';
        } else {
            text_ += c;
        }
    }
    if (text_.empty() || text_.back() != '\n') {
        text_ += '\n';
        added_newline_ = true;
    }
    line_starts_.push_back(0);
    for (size_t i = 0; i + 1 < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

size_t SourceText::line_start(int lineno) const {
    if (lineno < 1) return 0;
    if (lineno > line_count()) return text_.size();
    return line_starts_[size_t(lineno - 1)];
}

std::string_view SourceText::line(int lineno) const {
    if (lineno < 1 || lineno > line_count()) return {};
    size_t b = line_starts_[size_t(lineno - 1)];
    size_t e = text_.find('\n', b);
    if (e == std::string::npos) e = text_.size();
    return std::string_view(text_).substr(b, e - b);
}

int SourceText::line_of(size_t pos) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    return int(it - line_starts_.begin());
}

int SourceText::char_col(int lineno, int byte_col) const {
    std::string_view l = line(lineno);
    if (byte_col < 0) return byte_col;
    size_t lim = std::min<size_t>(size_t(byte_col), l.size());
    int n = 0;
    for (size_t i = 0; i < lim; ++i)
        if ((static_cast<unsigned char>(l[i]) & 0xC0) != 0x80) ++n;
    return n + int(size_t(byte_col) - lim);
}

SyntaxErrorInfo SourceText::error(const char* kind, std::string msg, int lineno, int col,
                                  int end_lineno, int end_col) const {
    SyntaxErrorInfo e;
    e.kind = kind;
    e.msg = std::move(msg);
    e.filename = filename_;
    e.lineno = lineno;
    e.offset = char_col(lineno, col) + 1;
    e.end_lineno = end_lineno;
    if (end_lineno == lineno) {
        e.end_offset = char_col(end_lineno, end_col) + 1;
    } else {
        // CPython converts the end column using the *start* line's text,
        // clamped to its length + 1.
        int n = int(line(lineno).size());
        e.end_offset = end_col >= n ? char_col(lineno, n) + 1 : char_col(lineno, end_col) + 1;
    }
    if (lineno >= 1 && lineno <= line_count()) {
        e.text = std::string(line(lineno));
        if (!(lineno == line_count() && added_newline_)) e.text += '\n';
    }
    return e;
}

SyntaxErrorInfo SourceText::error_raw(const char* kind, std::string msg, int lineno,
                                      int offset, int end_lineno, int end_offset) const {
    SyntaxErrorInfo e = error(kind, std::move(msg), lineno, 0, end_lineno, 0);
    e.offset = offset;
    e.end_offset = end_offset;
    return e;
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

const char* punct_text(Punct p) {
    switch (p) {
        case Punct::None: return "";
#define GK_X(n, s) case Punct::n: return s;
        GK_PUNCT_LIST(GK_X)
#undef GK_X
    }
    return "";
}

const char* keyword_text(Kw k) {
    switch (k) {
        case Kw::NotKeyword: return "";
#define GK_X(n, s) case Kw::n: return s;
        GK_KEYWORD_LIST(GK_X)
#undef GK_X
    }
    return "";
}

namespace {

struct KwEntry { std::string_view text; Kw kw; };
constexpr KwEntry kKeywords[] = {
#define GK_X(n, s) {s, Kw::n},
    GK_KEYWORD_LIST(GK_X)
#undef GK_X
};

Kw lookup_keyword(std::string_view s) {
    if (s.size() < 2 || s.size() > 8) return Kw::NotKeyword;
    for (const auto& e : kKeywords)
        if (e.text == s) return e.kw;
    return Kw::NotKeyword;
}

struct PunctEntry { std::string_view text; Punct p; };
constexpr PunctEntry kPuncts[] = {
#define GK_X(n, s) {s, Punct::n},
    GK_PUNCT_LIST(GK_X)
#undef GK_X
};

// Longest operator at s (0 if none).
Punct match_punct(std::string_view s, size_t& len) {
    for (size_t want = 3; want >= 1; --want) {
        if (s.size() < want) continue;
        for (const auto& e : kPuncts)
            if (e.text.size() == want && s.substr(0, want) == e.text) {
                len = want;
                return e.p;
            }
    }
    len = 0;
    return Punct::None;
}

bool is_string_prefix(std::string_view p) {
    if (p.size() > 2) return false;
    std::string lower;
    for (char c : p) lower += char(std::tolower(static_cast<unsigned char>(c)));
    return lower == "b" || lower == "r" || lower == "u" || lower == "f" || lower == "br" ||
           lower == "rb" || lower == "fr" || lower == "rf";
}

}  // namespace

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

Tokenizer::Tokenizer(const SourceText& src) : src_(src), s_(src.text()) {}

void Tokenizer::warn(const char* category, std::string msg, size_t pos) {
    if (!warnings_) return;
    if (!warned_at_.insert(pos).second) return;
    SyntaxWarningInfo w;
    w.category = category;
    w.msg = std::move(msg);
    w.filename = src_.filename();
    w.lineno = src_.line_of(pos);
    w.offset = src_.char_col(w.lineno, int(pos - src_.line_start(w.lineno))) + 1;
    warnings_->push_back(std::move(w));
}

Token Tokenizer::make(Tok type, size_t start, size_t end) const {
    Token t;
    t.type = type;
    t.start = uint32_t(start);
    t.end = uint32_t(end);
    t.lineno = t.end_lineno = lineno_;
    t.col = col_of(start);
    t.end_col = col_of(end);
    t.level = int16_t(brackets_.size());
    return t;
}

void Tokenizer::fail(std::string msg, size_t start, size_t end) const {
    throw src_.error(std::move(msg), lineno_, col_of(start), lineno_, col_of(end));
}

void Tokenizer::fail_at(std::string msg, int lineno, int col, int end_lineno,
                        int end_col) const {
    throw src_.error(std::move(msg), lineno, col, end_lineno, end_col);
}

Token Tokenizer::next() {
    if (done_) return final_;
    for (;;) {
        if (pending_ != 0) {
            Token t = make(pending_ > 0 ? Tok::Indent : Tok::Dedent, pos_, pos_);
            if (pending_ > 0) {
                t.start = uint32_t(line_start_);
                t.col = 0;
                --pending_;
            } else {
                ++pending_;
            }
            return t;
        }
        if (bol_ && brackets_.empty()) {
            if (!at_line_start()) continue;   // blank line consumed
            if (pending_ != 0) continue;
        }
        return lex();
    }
}

// At the start of a logical line: measure indentation.  Returns false if
// the line was blank (and has been consumed).
bool Tokenizer::at_line_start() {
    int col = 0, alt = 0;
    size_t p = pos_;
    while (p < s_.size()) {
        char c = s_[p];
        if (c == ' ') { ++col; ++alt; }
        else if (c == '\t') { col = (col / 8 + 1) * 8; ++alt; }
        else if (c == '\f') { col = alt = 0; }
        else if (c == '\\') {
            // CPython 3.11 measures the indentation before a backslash
            // continuation at the start of a line; the continued line's
            // leading whitespace does not count.
            if (p + 1 < s_.size() && s_[p + 1] == '\n' && p + 2 < s_.size()) {
                p += 2;
                ++lineno_;
                line_start_ = p;
                while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\f')) ++p;
                break;
            }
            if (p + 1 < s_.size() && s_[p + 1] != '\n')
                throw src_.error_raw("SyntaxError",
                                     "unexpected character after line continuation character",
                                     lineno_, src_.char_col(lineno_, int(p + 1 - line_start_)) + 1,
                                     lineno_, 0);
            break;
        }
        else break;
        ++p;
    }
    if (p >= s_.size()) {   // trailing whitespace before EOF
        pos_ = p;
        bol_ = false;
        return true;
    }
    char c = s_[p];
    if (c == '#' || c == '\n') {
        // Blank or comment-only line: skip it entirely.
        while (p < s_.size() && s_[p] != '\n') ++p;
        if (p < s_.size()) ++p;
        pos_ = p;
        if (pos_ < s_.size()) {
            ++lineno_;
            line_start_ = pos_;
        }
        return false;
    }
    pos_ = p;
    bol_ = false;
    auto tab_error = [&] {
        throw src_.error_raw("TabError", "inconsistent use of tabs and spaces in indentation",
                             lineno_, 1, lineno_, 0);
    };
    if (col == indents_.back()) {
        if (alt != altindents_.back()) tab_error();
    } else if (col > indents_.back()) {
        if (int(indents_.size()) >= kMaxIndent)
            throw src_.error_raw("IndentationError", "too many levels of indentation",
                                 lineno_, 1, lineno_, 0);
        if (alt <= altindents_.back()) tab_error();
        indents_.push_back(col);
        altindents_.push_back(alt);
        pending_ = 1;
    } else {
        while (indents_.size() > 1 && col < indents_.back()) {
            indents_.pop_back();
            altindents_.pop_back();
            --pending_;
        }
        if (col != indents_.back()) {
            int len = src_.char_col(lineno_, int(src_.line(lineno_).size()));
            throw src_.error_raw("IndentationError",
                                 "unindent does not match any outer indentation level",
                                 lineno_, len + 1, lineno_, -1);
        }
        if (alt != altindents_.back()) tab_error();
    }
    return true;
}

Token Tokenizer::lex() {
    for (;;) {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\f'))
            ++pos_;
        size_t start = pos_;
        if (pos_ >= s_.size()) {
            if (!brackets_.empty()) {
                Token t = make(Tok::Error, pos_, pos_);
                t.eof = true;
                done_ = true;
                final_ = t;
                return t;
            }
            if (indents_.size() > 1) {
                indents_.pop_back();
                altindents_.pop_back();
                return make(Tok::Dedent, pos_, pos_);   // col: CPython's "cur" at EOF
            }
            Token t = make(Tok::EndMarker, pos_, pos_);
            done_ = true;
            final_ = t;
            return t;
        }
        unsigned char c = static_cast<unsigned char>(s_[pos_]);
        size_t newline_start = pos_;
        if (c == '#') {
            // A comment runs to the end of the line; CPython's NEWLINE token
            // then spans from the '#' to the end of the line.
            while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
            if (pos_ >= s_.size()) continue;
            c = '\n';
        }
        if (c == '\n') {
            if (!brackets_.empty()) {
                ++pos_;
                if (pos_ < s_.size()) {
                    ++lineno_;
                    line_start_ = pos_;
                }
                continue;
            }
            // Zero-width, as CPython (unless it follows a comment, see above).
            Token t = make(Tok::Newline, newline_start, pos_);
            ++pos_;
            if (pos_ < s_.size()) {
                ++lineno_;
                line_start_ = pos_;
            }
            bol_ = true;
            return t;
        }
        if (c == '\\') {
            if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') {
                pos_ += 2;
                if (pos_ >= s_.size()) {
                    // CPython: offset just past the backslash line, end -1.
                    int len = src_.char_col(lineno_, int(src_.line(lineno_).size()));
                    throw src_.error_raw("SyntaxError", "unexpected EOF while parsing",
                                         lineno_, len + 1, lineno_, -1);
                }
                ++lineno_;
                line_start_ = pos_;
                continue;
            }
            throw src_.error_raw("SyntaxError",
                                 "unexpected character after line continuation character",
                                 lineno_, src_.char_col(lineno_, col_of(pos_ + 1)) + 1, lineno_,
                                 0);
        }
        if (is_digit(c) || (c == '.' && pos_ + 1 < s_.size() && is_digit(s_[pos_ + 1])))
            return lex_number(start);
        if (c == '"' || c == '\'') return lex_string(start, start);
        if (is_ascii_alpha(c) || c == '_' || c >= 128) {
            // String prefix?
            size_t p = pos_;
            while (p < s_.size() && p - pos_ < 3 && is_ascii_alpha(s_[p])) ++p;
            for (size_t k = pos_ + 1; k <= p && k - pos_ <= 2; ++k) {
                if (k < s_.size() && (s_[k] == '"' || s_[k] == '\'') &&
                    is_string_prefix(s_.substr(pos_, k - pos_)))
                    return lex_string(start, k);
            }
            return lex_name(start);
        }
        size_t len = 0;
        Punct p = match_punct(s_.substr(pos_), len);
        if (p == Punct::None) {
            // '!', '$', '?', '`' ...: an error token the parser reports as
            // "invalid syntax" when it reaches it.
            Token t = make(Tok::Error, pos_, pos_ + 1);
            ++pos_;
            return t;
        }
        Token t = make(Tok::Op, start, start + len);
        t.op = p;
        pos_ += len;
        if (p == Punct::LPar || p == Punct::LSqb || p == Punct::LBrace) {
            if (int(brackets_.size()) >= kMaxLevel)
                fail("too many nested parentheses", start, start);
            brackets_.push_back({char(c), lineno_, col_of(start)});
        } else if (p == Punct::RPar || p == Punct::RSqb || p == Punct::RBrace) {
            if (brackets_.empty())
                fail(std::string("unmatched '") + char(c) + "'", start, start);
            OpenBracket ob = brackets_.back();
            char want = ob.ch == '(' ? ')' : ob.ch == '[' ? ']' : '}';
            if (want != char(c)) {
                std::string msg = std::string("closing parenthesis '") + char(c) +
                                  "' does not match opening parenthesis '" + ob.ch + "'";
                if (ob.lineno != lineno_) msg += " on line " + std::to_string(ob.lineno);
                fail(std::move(msg), start, start);
            }
            brackets_.pop_back();
        }
        t.level = int16_t(brackets_.size());
        return t;
    }
}

Token Tokenizer::lex_name(size_t start) {
    size_t p = start;
    bool ascii = true;
    while (p < s_.size() && is_potential_ident_char(static_cast<unsigned char>(s_[p]))) {
        if (static_cast<unsigned char>(s_[p]) >= 128) ascii = false;
        ++p;
    }
    if (!ascii) {
        size_t i = start;
        bool first = true;
        while (i < p) {
            size_t ci = i;
            char32_t cp = utf8_decode(s_, i);
            bool ok = first ? is_identifier_start(cp) : is_identifier_continue(cp);
            first = false;
            if (!ok) {
                char buf[64];
                if (!uni_is_printable(cp)) {
                    std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X",
                                  unsigned(cp));
                    fail(buf, ci, ci);
                }
                std::string ch(s_.substr(ci, i - ci));
                std::snprintf(buf, sizeof buf, "' (U+%04X)", unsigned(cp));
                fail("invalid character '" + ch + buf, ci, ci);
            }
        }
    }
    pos_ = p;
    Token t = make(Tok::Name, start, p);
    t.kw = lookup_keyword(s_.substr(start, p - start));
    return t;
}

// Consumes digits and single underscores between digits, starting at a digit.
// Returns the position after the tail.
size_t Tokenizer::decimal_tail(size_t p) {
    for (;;) {
        while (p < s_.size() && is_digit(s_[p])) ++p;
        if (p >= s_.size() || s_[p] != '_') return p;
        ++p;
        if (p >= s_.size() || !is_digit(s_[p])) fail("invalid decimal literal", p - 1, p - 1);
    }
}

// `pos` is the first character after the number.
void Tokenizer::verify_end_of_number(size_t pos, const char* kind) {
    if (pos >= s_.size()) return;
    unsigned char c = static_cast<unsigned char>(s_[pos]);
    auto ahead = [&](const char* rest) {
        size_t n = std::strlen(rest);
        return s_.substr(pos + 1, n) == rest;
    };
    bool kw = false;
    switch (c) {
        case 'a': kw = ahead("nd"); break;
        case 'e': kw = ahead("lse"); break;
        case 'f': kw = ahead("or"); break;
        case 'i': kw = pos + 1 < s_.size() &&
                       (s_[pos + 1] == 'f' || s_[pos + 1] == 'n' || s_[pos + 1] == 's');
                  break;
        case 'o': kw = ahead("r"); break;
        case 'n': kw = ahead("ot"); break;
        default: break;
    }
    if (kw) {   // CPython only warns here
        warn("SyntaxWarning", std::string("invalid ") + kind + " literal", pos);
        return;
    }
    if (is_potential_ident_char(c))
        fail(std::string("invalid ") + kind + " literal", pos - 1, pos - 1);
}

Token Tokenizer::lex_number(size_t start) {
    size_t p = start;
    auto at = [&](size_t i) -> int {
        return i < s_.size() ? static_cast<unsigned char>(s_[i]) : 0;
    };
    auto finish = [&](size_t end) {
        pos_ = end;
        return make(Tok::Number, start, end);
    };
    // Radix literals.
    if (at(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X' || at(p + 1) == 'o' ||
                         at(p + 1) == 'O' || at(p + 1) == 'b' || at(p + 1) == 'B')) {
        int r = std::tolower(at(p + 1));
        const char* kind = r == 'x' ? "hexadecimal" : r == 'o' ? "octal" : "binary";
        auto ok = [&](int ch) {
            return r == 'x' ? is_xdigit(ch) : r == 'o' ? (ch >= '0' && ch <= '7')
                                                       : (ch == '0' || ch == '1');
        };
        p += 2;
        do {
            if (at(p) == '_') ++p;
            if (!ok(at(p))) {
                if (r != 'x' && is_digit(at(p)))
                    fail(std::string("invalid digit '") + char(at(p)) + "' in " + kind +
                             " literal",
                         p, p);
                fail(std::string("invalid ") + kind + " literal", p - 1, p - 1);
            }
            while (ok(at(p))) ++p;
        } while (at(p) == '_');
        if (r != 'x' && is_digit(at(p)))
            fail(std::string("invalid digit '") + char(at(p)) + "' in " + kind + " literal",
                 p, p);
        verify_end_of_number(p, kind);
        return finish(p);
    }
    bool is_float = false;
    if (at(p) == '.') {
        p = decimal_tail(p + 1);
        is_float = true;
    } else if (at(p) == '0') {
        // Zeros, possibly with underscores; then maybe a disallowed octal.
        for (;;) {
            if (at(p) == '_') {
                ++p;
                if (!is_digit(at(p))) fail("invalid decimal literal", p - 1, p - 1);
            }
            if (at(p) != '0') break;
            ++p;
        }
        bool nonzero = false;
        size_t zeros_end = p + 1;
        if (is_digit(at(p))) {
            nonzero = true;
            p = decimal_tail(p);
        }
        if (at(p) == '.') {
            p = at(p + 1) && is_digit(at(p + 1)) ? decimal_tail(p + 1) : p + 1;
            is_float = true;
        } else if (at(p) != 'e' && at(p) != 'E' && at(p) != 'j' && at(p) != 'J' && nonzero) {
            throw src_.error(
                "leading zeros in decimal integer literals are not permitted; use an 0o "
                "prefix for octal integers",
                lineno_, col_of(start), lineno_, col_of(zeros_end) - 1);
        }
    } else {
        p = decimal_tail(p);
        if (at(p) == '.') {
            p = is_digit(at(p + 1)) ? decimal_tail(p + 1) : p + 1;
            is_float = true;
        }
    }
    (void)is_float;
    if (at(p) == 'e' || at(p) == 'E') {
        size_t e = p;
        ++p;
        if (at(p) == '+' || at(p) == '-') {
            ++p;
            if (!is_digit(at(p))) fail("invalid decimal literal", p - 1, p - 1);
        } else if (!is_digit(at(p))) {
            verify_end_of_number(e, "decimal");
            return finish(e);
        }
        p = decimal_tail(p);
    }
    if (at(p) == 'j' || at(p) == 'J') {
        ++p;
        verify_end_of_number(p, "imaginary");
        return finish(p);
    }
    verify_end_of_number(p, "decimal");
    return finish(p);
}

Token Tokenizer::lex_string(size_t start, size_t quote_pos) {
    int start_line = lineno_;
    int start_col = col_of(start);
    char q = s_[quote_pos];
    size_t p = quote_pos;
    bool triple = p + 2 < s_.size() && s_[p + 1] == q && s_[p + 2] == q;
    p += triple ? 3 : 1;
    auto unterminated = [&](int detected) {
        std::string msg = triple ? "unterminated triple-quoted string literal (detected at line "
                                 : "unterminated string literal (detected at line ";
        msg += std::to_string(detected) + ")";
        fail_at(std::move(msg), start_line, start_col, start_line, start_col);
    };
    for (;;) {
        if (p >= s_.size()) unterminated(src_.line_count());
        char c = s_[p];
        if (c == '\n') {
            if (!triple) unterminated(lineno_);
            ++p;
            if (p < s_.size()) {
                ++lineno_;
                line_start_ = p;
            }
        } else if (c == '\\') {
            ++p;
            if (p < s_.size()) {
                if (s_[p] == '\n' && p + 1 < s_.size()) {
                    ++lineno_;
                    line_start_ = p + 1;
                }
                ++p;
            }
        } else if (c == q) {
            if (!triple) { ++p; break; }
            if (p + 2 < s_.size() && s_[p + 1] == q && s_[p + 2] == q) { p += 3; break; }
            ++p;
        } else {
            ++p;
        }
    }
    pos_ = p;
    Token t;
    t.type = Tok::String;
    t.start = uint32_t(start);
    t.end = uint32_t(p);
    t.lineno = start_line;
    t.col = start_col;
    t.end_lineno = lineno_;
    t.end_col = col_of(p);
    t.level = int16_t(brackets_.size());
    return t;
}

}  // namespace gk
