// token_dump.cpp — `gilkit --tokens FILE`: an emulation of `python3 -m
// tokenize FILE` (Lib/tokenize.py, 3.11), output byte-for-byte identical.
//
// The tokenize module is not the C tokenizer: it is a line-driven scanner
// built from regular expressions, it reports COMMENT / NL / ERRORTOKEN, all
// operators as OP, columns in characters, and it is lenient where the
// parser is strict (an unterminated string becomes ERRORTOKENs).  So this
// file re-implements that scanner on decoded lines (UTF-32), matching each
// regex alternative in the same order, rather than reusing tokenizer.cpp.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ast_dump.hpp"
#include "source_encoding.hpp"
#include "tokenizer.hpp"
#include "unicode_tables.hpp"

namespace gk {
namespace {

using U32 = std::u32string;

enum TokType { ENDMARKER, NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT, OP, COMMENT, NL,
               ERRORTOKEN, ENCODING };
const char* const kTokNames[] = {"ENDMARKER", "NAME", "NUMBER", "STRING", "NEWLINE",
                                 "INDENT", "DEDENT", "OP", "COMMENT", "NL", "ERRORTOKEN",
                                 "ENCODING"};

struct TokInfo {
    TokType type;
    U32 text;
    int sl, sc, el, ec;
};

struct TokenizeError {
    std::string msg;
    int line, col;
};

std::string to_utf8(const U32& s) {
    std::string out;
    for (char32_t c : s) utf8_append(out, c);
    return out;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_word(char32_t c) {
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
    return uni_is_word(c);
}

// ---- number regexes (ASCII; first matching alternative wins) ----

// [0-9](?:_?[0-9])*  -> end or npos
size_t digitpart(const U32& s, size_t p) {
    if (p >= s.size() || !is_digit(s[p])) return U32::npos;
    ++p;
    for (;;) {
        if (p < s.size() && is_digit(s[p])) { ++p; continue; }
        if (p + 1 < s.size() && s[p] == '_' && is_digit(s[p + 1])) { p += 2; continue; }
        return p;
    }
}

// [eE][-+]?[0-9](?:_?[0-9])*
size_t exponent(const U32& s, size_t p) {
    if (p >= s.size() || (s[p] != 'e' && s[p] != 'E')) return U32::npos;
    ++p;
    if (p < s.size() && (s[p] == '-' || s[p] == '+')) ++p;
    return digitpart(s, p);
}

size_t maybe_exponent(const U32& s, size_t p) {
    size_t e = exponent(s, p);
    return e == U32::npos ? p : e;
}

// Pointfloat: ([0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)? | \.[0-9](?:_?[0-9])*) [Exponent]
size_t pointfloat(const U32& s, size_t p) {
    size_t d = digitpart(s, p);
    if (d != U32::npos && d < s.size() && s[d] == '.') {
        size_t f = digitpart(s, d + 1);
        return maybe_exponent(s, f == U32::npos ? d + 1 : f);
    }
    if (p < s.size() && s[p] == '.') {
        size_t f = digitpart(s, p + 1);
        if (f != U32::npos) return maybe_exponent(s, f);
    }
    return U32::npos;
}

size_t expfloat(const U32& s, size_t p) {
    size_t d = digitpart(s, p);
    if (d == U32::npos) return U32::npos;
    return exponent(s, d);
}

bool is_j(const U32& s, size_t p) { return p < s.size() && (s[p] == 'j' || s[p] == 'J'); }

size_t radix(const U32& s, size_t p, char32_t lo, char32_t up, bool (*ok)(char32_t)) {
    if (p + 1 >= s.size() || s[p] != '0' || (s[p + 1] != lo && s[p + 1] != up))
        return U32::npos;
    p += 2;
    size_t end = U32::npos;
    for (;;) {
        if (p < s.size() && ok(s[p])) { ++p; end = p; continue; }
        if (p + 1 < s.size() && s[p] == '_' && ok(s[p + 1])) { p += 2; end = p; continue; }
        return end;
    }
}

size_t number(const U32& s, size_t p) {
    // Imagnumber
    size_t d = digitpart(s, p);
    if (d != U32::npos && is_j(s, d)) return d + 1;
    size_t pf = pointfloat(s, p);
    if (pf != U32::npos && is_j(s, pf)) return pf + 1;
    size_t ef = expfloat(s, p);
    if (ef != U32::npos && is_j(s, ef)) return ef + 1;
    // Floatnumber
    if (pf != U32::npos) return pf;
    if (ef != U32::npos) return ef;
    // Intnumber
    size_t r;
    if ((r = radix(s, p, 'x', 'X', [](char32_t c) {
             return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         })) != U32::npos)
        return r;
    if ((r = radix(s, p, 'b', 'B', [](char32_t c) { return c == '0' || c == '1'; })) != U32::npos)
        return r;
    if ((r = radix(s, p, 'o', 'O', [](char32_t c) { return c >= '0' && c <= '7'; })) != U32::npos)
        return r;
    if (p < s.size() && s[p] == '0') {
        ++p;
        for (;;) {
            if (p < s.size() && s[p] == '0') { ++p; continue; }
            if (p + 1 < s.size() && s[p] == '_' && s[p + 1] == '0') { p += 2; continue; }
            return p;
        }
    }
    if (p < s.size() && s[p] >= '1' && s[p] <= '9') return digitpart(s, p);
    return U32::npos;
}

// ---- strings ----

// Valid string prefix (any case): "", b, r, u, f, br, rb, fr, rf.  Returns
// the prefix length if s[p..] is prefix + quote, else npos.
size_t string_prefix(const U32& s, size_t p) {
    std::string pre;
    size_t q = p;
    while (q < s.size() && q - p < 3 && s[q] < 0x80 &&
           ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z'))) {
        pre += char(s[q] | 0x20);
        ++q;
    }
    for (size_t len = 0; len <= pre.size(); ++len) {
        if (p + len >= s.size() || (s[p + len] != '\'' && s[p + len] != '"')) continue;
        std::string x = pre.substr(0, len);
        if (x.empty() || x == "b" || x == "r" || x == "u" || x == "f" || x == "br" ||
            x == "rb" || x == "fr" || x == "rf")
            return len;
    }
    return U32::npos;
}

// Triple: StringPrefix + ''' or """  -> end of the opener, or npos.
size_t triple_open(const U32& s, size_t p) {
    size_t k = string_prefix(s, p);
    if (k == U32::npos) return U32::npos;
    size_t q = p + k;
    if (q + 2 < s.size() && s[q + 1] == s[q] && s[q + 2] == s[q]) return q + 3;
    return U32::npos;
}

// ContStr: prefix + quote + body + (quote | backslash [\r] \n).
size_t contstr(const U32& s, size_t p) {
    size_t k = string_prefix(s, p);
    if (k == U32::npos) return U32::npos;
    size_t i = p + k;
    char32_t q = s[i++];
    while (i < s.size()) {
        char32_t c = s[i];
        if (c == q) return i + 1;
        if (c == '\n') return U32::npos;
        if (c == '\\') {
            if (i + 1 < s.size() && s[i + 1] == '\n') return i + 2;
            if (i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') return i + 3;
            if (i + 1 < s.size()) { i += 2; continue; }
            return U32::npos;
        }
        ++i;
    }
    return U32::npos;
}

// End patterns: the tail of a string after its opener, matched at `p`.
// Single/Double: [^q\\]*(?:\\.[^q\\]*)*q      ('.' excludes '\n')
// Triple:        like it, but a quote only ends the string when tripled.
size_t endpat(const U32& s, size_t p, char32_t q, bool triple) {
    size_t i = p;
    while (i < s.size()) {
        char32_t c = s[i];
        if (c == '\\') {
            if (i + 1 < s.size() && s[i + 1] != '\n') { i += 2; continue; }
            return U32::npos;
        }
        if (c == q) {
            if (!triple) return i + 1;
            if (i + 2 < s.size() && s[i + 1] == q && s[i + 2] == q) return i + 3;
        }
        ++i;
    }
    return U32::npos;
}

const char* const kOps[] = {"**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=",
                            "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "==", ">=", ">>",
                            "@=", "^=", "|=", "%", "&", "(", ")", "*", "+", ",", "-", ".",
                            "/", ":", ";", "<", "=", ">", "@", "[", "]", "^", "{", "|", "}",
                            "~"};

size_t funny(const U32& s, size_t p) {
    if (p < s.size() && s[p] == '\n') return p + 1;
    if (p + 1 < s.size() && s[p] == '\r' && s[p + 1] == '\n') return p + 2;
    for (const char* op : kOps) {
        size_t n = std::char_traits<char>::length(op);
        if (p + n > s.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < n; ++k)
            if (s[p + k] != char32_t(op[k])) { ok = false; break; }
        if (ok) return p + n;
    }
    return U32::npos;
}

// PseudoToken: Whitespace + (PseudoExtras | Number | Funny | ContStr | Name).
// Returns false if nothing matches; else the span of the group.
bool pseudo_token(const U32& s, size_t pos, size_t& start, size_t& end) {
    size_t p = pos;
    while (p < s.size() && (s[p] == ' ' || s[p] == '\f' || s[p] == '\t')) ++p;
    start = p;
    // PseudoExtras: \\\r?\n | \Z | Comment | Triple
    if (p < s.size() && s[p] == '\\') {
        if (p + 1 < s.size() && s[p + 1] == '\n') { end = p + 2; return true; }
        if (p + 2 < s.size() && s[p + 1] == '\r' && s[p + 2] == '\n') { end = p + 3; return true; }
    }
    if (p == s.size()) { end = p; return true; }
    if (s[p] == '#') {
        size_t e = p;
        while (e < s.size() && s[e] != '\r' && s[e] != '\n') ++e;
        end = e;
        return true;
    }
    size_t e;
    if ((e = triple_open(s, p)) != U32::npos) { end = e; return true; }
    if ((e = number(s, p)) != U32::npos) { end = e; return true; }
    if ((e = funny(s, p)) != U32::npos) { end = e; return true; }
    if ((e = contstr(s, p)) != U32::npos) { end = e; return true; }
    if (is_word(s[p])) {
        e = p;
        while (e < s.size() && is_word(s[e])) ++e;
        end = e;
        return true;
    }
    return false;
}

bool is_ident_start(char32_t c) { return is_identifier_start(c); }

// Lib/tokenize.py _tokenize(), line by line.
std::vector<TokInfo> tokenize_lines(const std::vector<U32>& lines, const std::string& encoding) {
    std::vector<TokInfo> toks;
    toks.push_back({ENCODING, U32(encoding.begin(), encoding.end()), 0, 0, 0, 0});
    int lnum = 0, parenlev = 0;
    bool continued = false;
    U32 contstr_text;
    bool in_contstr = false, needcont = false;
    char32_t cont_quote = 0;
    bool cont_triple = false;
    int strstart_l = 0, strstart_c = 0;
    std::vector<int> indents{0};
    U32 last_line, line;
    size_t next_line = 0;
    for (;;) {
        last_line = line;
        line = next_line < lines.size() ? lines[next_line++] : U32();
        ++lnum;
        size_t pos = 0, max = line.size();
        if (in_contstr) {
            if (line.empty()) throw TokenizeError{"EOF in multi-line string", strstart_l, strstart_c};
            size_t e = endpat(line, 0, cont_quote, cont_triple);
            if (e != U32::npos) {
                pos = e;
                toks.push_back({STRING, contstr_text + line.substr(0, e), strstart_l, strstart_c,
                                lnum, int(e)});
                in_contstr = false;
                needcont = false;
                contstr_text.clear();
            } else if (needcont && !(line.size() >= 2 && line.substr(line.size() - 2) == U"\\\n") &&
                       !(line.size() >= 3 && line.substr(line.size() - 3) == U"\\\r\n")) {
                toks.push_back({ERRORTOKEN, contstr_text + line, strstart_l, strstart_c, lnum,
                                int(line.size())});
                in_contstr = false;
                contstr_text.clear();
                continue;
            } else {
                contstr_text += line;
                continue;
            }
        } else if (parenlev == 0 && !continued) {
            if (line.empty()) break;
            int column = 0;
            while (pos < max) {
                if (line[pos] == ' ') column += 1;
                else if (line[pos] == '\t') column = (column / 8 + 1) * 8;
                else if (line[pos] == '\f') column = 0;
                else break;
                ++pos;
            }
            if (pos == max) break;
            char32_t c = line[pos];
            if (c == '#' || c == '\r' || c == '\n') {
                if (c == '#') {
                    size_t e = line.size();
                    while (e > pos && (line[e - 1] == '\r' || line[e - 1] == '\n')) --e;
                    toks.push_back({COMMENT, line.substr(pos, e - pos), lnum, int(pos), lnum, int(e)});
                    pos = e;
                }
                toks.push_back({NL, line.substr(pos), lnum, int(pos), lnum, int(line.size())});
                continue;
            }
            if (column > indents.back()) {
                indents.push_back(column);
                toks.push_back({INDENT, line.substr(0, pos), lnum, 0, lnum, int(pos)});
            }
            while (column < indents.back()) {
                if (std::find(indents.begin(), indents.end(), column) == indents.end())
                    throw TokenizeError{"unindent does not match any outer indentation level",
                                        lnum, int(pos)};
                indents.pop_back();
                toks.push_back({DEDENT, U32(), lnum, int(pos), lnum, int(pos)});
            }
        } else {
            if (line.empty()) throw TokenizeError{"EOF in multi-line statement", lnum, 0};
            continued = false;
        }

        while (pos < max) {
            size_t start, end;
            if (!pseudo_token(line, pos, start, end)) {
                toks.push_back({ERRORTOKEN, line.substr(pos, 1), lnum, int(pos), lnum, int(pos + 1)});
                ++pos;
                continue;
            }
            pos = end;
            if (start == end) continue;
            U32 token = line.substr(start, end - start);
            char32_t initial = line[start];
            if (is_digit(initial) || (initial == '.' && token != U"." && token != U"...")) {
                toks.push_back({NUMBER, token, lnum, int(start), lnum, int(end)});
            } else if (initial == '\r' || initial == '\n') {
                toks.push_back({parenlev > 0 ? NL : NEWLINE, token, lnum, int(start), lnum, int(end)});
            } else if (initial == '#') {
                toks.push_back({COMMENT, token, lnum, int(start), lnum, int(end)});
            } else if (triple_open(line, start) == end) {
                char32_t q = line[end - 1];
                size_t e = endpat(line, pos, q, true);
                if (e != U32::npos) {
                    pos = e;
                    toks.push_back({STRING, line.substr(start, e - start), lnum, int(start), lnum, int(e)});
                } else {
                    strstart_l = lnum;
                    strstart_c = int(start);
                    contstr_text = line.substr(start);
                    in_contstr = true;
                    needcont = false;
                    cont_quote = q;
                    cont_triple = true;
                    break;
                }
            } else if (string_prefix(line, start) != U32::npos &&
                       string_prefix(line, start) + start < end) {
                if (token.back() == '\n') {
                    strstart_l = lnum;
                    strstart_c = int(start);
                    cont_quote = line[start + string_prefix(line, start)];
                    cont_triple = false;
                    contstr_text = line.substr(start);
                    in_contstr = true;
                    needcont = true;
                    break;
                }
                toks.push_back({STRING, token, lnum, int(start), lnum, int(end)});
            } else if (is_ident_start(initial)) {
                toks.push_back({NAME, token, lnum, int(start), lnum, int(end)});
            } else if (initial == '\\') {
                continued = true;
            } else {
                if (initial == '(' || initial == '[' || initial == '{') ++parenlev;
                else if (initial == ')' || initial == ']' || initial == '}') --parenlev;
                toks.push_back({OP, token, lnum, int(start), lnum, int(end)});
            }
        }
    }
    if (!last_line.empty() && last_line.back() != '\r' && last_line.back() != '\n') {
        // ... and not a comment-only line
        size_t k = 0;
        while (k < last_line.size() && (last_line[k] == ' ' || last_line[k] == '\t' ||
                                        last_line[k] == '\f' || last_line[k] == '\v' ||
                                        last_line[k] == '\r' || last_line[k] == '\n' ||
                                        last_line[k] == 0x1c || last_line[k] == 0x1d ||
                                        last_line[k] == 0x1e || last_line[k] == 0x1f ||
                                        last_line[k] == 0x85 || last_line[k] == 0xa0))
            ++k;
        if (!(k < last_line.size() && last_line[k] == '#'))
            toks.push_back({NEWLINE, U32(), lnum - 1, int(last_line.size()), lnum - 1,
                            int(last_line.size()) + 1});
    }
    for (size_t i = 1; i < indents.size(); ++i) toks.push_back({DEDENT, U32(), lnum, 0, lnum, 0});
    toks.push_back({ENDMARKER, U32(), lnum, 0, lnum, 0});
    return toks;
}

// repr() of a token string, and its length in characters (for %-15r).
std::string repr_u32(const U32& s, size_t& chars) {
    std::string r = python_repr_str(to_utf8(s));
    chars = 0;
    for (unsigned char c : r)
        if ((c & 0xC0) != 0x80) ++chars;
    return r;
}

std::string pad(std::string s, size_t width, size_t chars) {
    if (chars < width) s.append(width - chars, ' ');
    return s;
}

}  // namespace

int dump_tokens(std::string_view source, const std::string& filename, std::ostream& out,
                std::ostream& err) {
    // detect_encoding(): BOM and PEP 263 cookie in the first two lines.
    std::string encoding = "utf-8";
    std::string_view src = source;
    bool bom = src.size() >= 3 && src.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom) src.remove_prefix(3);
    // Split into lines on '\n' only (binary readline).
    std::vector<std::string_view> raw_lines;
    for (size_t p = 0; p < src.size();) {
        size_t e = src.find('\n', p);
        if (e == std::string_view::npos) e = src.size(); else ++e;
        raw_lines.push_back(src.substr(p, e - p));
        p = e;
    }
    std::string tmp;
    size_t bad = 0;
    for (size_t li = 0; li < 2 && li < raw_lines.size(); ++li) {
        if (!decode_source(raw_lines[li], SourceCodec::Utf8, tmp, bad)) {
            err << filename << ": error: invalid or missing encoding declaration for '" << filename
                << "'\n";
            return 1;
        }
        std::string_view l = raw_lines[li];
        size_t k = 0;
        while (k < l.size() && (l[k] == ' ' || l[k] == '\t' || l[k] == '\f')) ++k;
        if (!(k >= l.size() || l[k] == '#' || l[k] == '\r' || l[k] == '\n')) break;
    }
    SourceCodec codec = SourceCodec::Utf8;
    std::string cookie = find_coding_cookie(src);
    if (!cookie.empty()) {
        encoding = normal_encoding_name(cookie);
        if (!lookup_source_codec(encoding, codec)) {
            err << filename << ": error: unknown encoding for '" << filename << "': " << encoding
                << "\n";
            return 1;
        }
        if (bom && encoding != "utf-8") {
            err << filename << ": error: encoding problem for '" << filename << "': utf-8\n";
            return 1;
        }
    }
    std::vector<U32> lines;
    for (std::string_view l : raw_lines) {
        if (!decode_source(l, codec, tmp, bad)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(l[bad]));
            err << "unexpected error: '" << encoding << "' codec can't decode byte 0x" << buf
                << " in position " << bad << ": invalid start byte\n";
            return 1;
        }
        U32 u;
        size_t i = 0;
        while (i < tmp.size()) u += utf8_decode(tmp, i);
        lines.push_back(std::move(u));
    }
    std::vector<TokInfo> toks;
    try {
        toks = tokenize_lines(lines, encoding);
    } catch (const TokenizeError& e) {
        err << filename << ":" << e.line << ":" << e.col << ": error: " << e.msg << "\n";
        return 1;
    }
    std::string buf;
    for (const TokInfo& t : toks) {
        char range[64];
        std::snprintf(range, sizeof range, "%d,%d-%d,%d:", t.sl, t.sc, t.el, t.ec);
        std::string r(range);
        buf += pad(r, 20, r.size());
        std::string name = kTokNames[t.type];
        buf += pad(name, 15, name.size());
        size_t chars;
        std::string rep = repr_u32(t.text, chars);
        buf += pad(rep, 15, chars);
        buf += '\n';
    }
    out << buf;
    return 0;
}

void dump_tokens(std::string_view source, const std::string& filename, std::ostream& out) {
    dump_tokens(source, filename, out, out);
}

}  // namespace gk
