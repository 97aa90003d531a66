// tokenizer.hpp — Python 3.11 lexical analysis for the parser.
//
// Owns: SourceText (normalized source + line table + error construction),
// Token, and Tokenizer, which turns source text into NAME / NUMBER / STRING /
// OP / NEWLINE / INDENT / DEDENT / ENDMARKER tokens on demand, the way
// CPython's C tokenizer does (comments and blank lines are skipped, newlines
// inside brackets are ignored).  Lexical errors throw SyntaxErrorInfo with
// CPython's messages.  The `python -m tokenize` emulation (COMMENT, NL,
// ERRORTOKEN, character columns) is a separate thing: see token_dump.cpp.
//
// Columns in Token are 0-based UTF-8 byte offsets, as in the AST.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "syntax_error.hpp"

namespace gk {

// ---------------------------------------------------------------------------
// SourceText: the source after decoding/normalization.
//   * a UTF-8 BOM is dropped; a latin-1 coding cookie is transcoded to UTF-8;
//   * "\r\n" and lone "\r" become "\n" (columns on a line do not change);
//   * a final "\n" is appended when missing.
// ---------------------------------------------------------------------------
class SourceText {
public:
    // Throws SyntaxErrorInfo for undecodable input / NUL bytes.
    // `from_file` selects CPython's file-style message for bad UTF-8;
    // `is_str` means the text is an already-decoded str (no BOM / cookie).
    SourceText(std::string_view raw, std::string filename, bool from_file = true,
               bool is_str = false);

    std::string_view text() const { return text_; }
    const std::string& filename() const { return filename_; }
    int line_count() const { return int(line_starts_.size()); }
    // Start byte offset of 1-based line `lineno` (clamped).
    size_t line_start(int lineno) const;
    // The line's text without its newline ("" out of range).
    std::string_view line(int lineno) const;
    // Line containing byte offset `pos` (1-based).
    int line_of(size_t pos) const;
    // Number of characters in the first `byte_col` bytes of the line.
    int char_col(int lineno, int byte_col) const;
    // True when the raw input ended without a newline.
    bool missing_final_newline() const { return added_newline_; }

    // Builds an error.  Columns are 0-based byte columns; the resulting
    // offsets are CPython's 1-based character offsets.
    SyntaxErrorInfo error(const char* kind, std::string msg, int lineno, int col,
                          int end_lineno, int end_col) const;
    SyntaxErrorInfo error(std::string msg, int lineno, int col, int end_lineno,
                          int end_col) const {
        return error("SyntaxError", std::move(msg), lineno, col, end_lineno, end_col);
    }
    // Same, with offsets given as-is (CPython reports odd values such as
    // end_offset -1 / 0 in a few places).
    SyntaxErrorInfo error_raw(const char* kind, std::string msg, int lineno, int offset,
                              int end_lineno, int end_offset) const;

private:
    std::string text_;
    std::string filename_;
    std::vector<size_t> line_starts_;
    bool added_newline_ = false;
};

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

enum class Tok : uint8_t {
    EndMarker, Name, Number, String, Newline, Indent, Dedent, Op,
    Error,   // an unusable character (e.g. '$', '!', '?'), or EOF inside brackets
};

#define GK_PUNCT_LIST(X)                                                         \
    X(LPar, "(") X(RPar, ")") X(LSqb, "[") X(RSqb, "]") X(Colon, ":")          \
    X(Comma, ",") X(Semi, ";") X(Plus, "+") X(Minus, "-") X(Star, "*")         \
    X(Slash, "/") X(VBar, "|") X(Amper, "&") X(Less, "<") X(Greater, ">")      \
    X(Equal, "=") X(Dot, ".") X(Percent, "%") X(LBrace, "{") X(RBrace, "}")    \
    X(EqEqual, "==") X(NotEqual, "!=") X(LessEqual, "<=")                      \
    X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^") X(LeftShift, "<<")  \
    X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=")                 \
    X(MinEqual, "-=") X(StarEqual, "*=") X(SlashEqual, "/=")                   \
    X(PercentEqual, "%=") X(AmperEqual, "&=") X(VBarEqual, "|=")               \
    X(CircumflexEqual, "^=") X(LeftShiftEqual, "<<=")                          \
    X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=") X(DoubleSlash, "//")   \
    X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=") X(RArrow, "->")     \
    X(Ellipsis, "...") X(ColonEqual, ":=") X(NotEqualAlt, "<>")

enum class Punct : uint8_t {
    None,
#define GK_X(n, s) n,
    GK_PUNCT_LIST(GK_X)
#undef GK_X
};
const char* punct_text(Punct p);

#define GK_KEYWORD_LIST(X)                                                       \
    X(False, "False") X(None, "None") X(True, "True") X(And, "and")           \
    X(As, "as") X(Assert, "assert") X(Async, "async") X(Await, "await")       \
    X(Break, "break") X(Class, "class") X(Continue, "continue") X(Def, "def") \
    X(Del, "del") X(Elif, "elif") X(Else, "else") X(Except, "except")         \
    X(Finally, "finally") X(For, "for") X(From, "from") X(Global, "global")   \
    X(If, "if") X(Import, "import") X(In, "in") X(Is, "is")                   \
    X(Lambda, "lambda") X(Nonlocal, "nonlocal") X(Not, "not") X(Or, "or")     \
    X(Pass, "pass") X(Raise, "raise") X(Return, "return") X(Try, "try")       \
    X(While, "while") X(With, "with") X(Yield, "yield")

enum class Kw : uint8_t {
    NotKeyword,
#define GK_X(n, s) n,
    GK_KEYWORD_LIST(GK_X)
#undef GK_X
};
const char* keyword_text(Kw k);

struct Token {
    Tok type = Tok::EndMarker;
    Punct op = Punct::None;   // for Tok::Op
    Kw kw = Kw::NotKeyword;   // for Tok::Name
    bool eof = false;         // Tok::Error produced at end of input
    int16_t level = 0;        // bracket nesting after this token (CPython's tok->level)
    uint32_t start = 0;       // byte offsets into SourceText::text()
    uint32_t end = 0;
    int lineno = 0, col = 0, end_lineno = 0, end_col = 0;
};

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------
class Tokenizer {
public:
    explicit Tokenizer(const SourceText& src);

    // Next token; throws SyntaxErrorInfo on a lexical error.  After
    // ENDMARKER (or an eof Error token) keeps returning that token.
    Token next();

    // Bracket nesting at the current position.
    struct OpenBracket { char ch; int lineno, col; };
    const std::vector<OpenBracket>& open_brackets() const { return brackets_; }

    std::string_view text(const Token& t) const {
        return src_.text().substr(t.start, t.end - t.start);
    }

    // Where to report warnings (nullptr: ignore them).  Each warning is
    // reported once per source position.
    void set_warnings(std::vector<SyntaxWarningInfo>* w) { warnings_ = w; }
    void warn(const char* category, std::string msg, size_t pos);

    static constexpr int kMaxIndent = 100;   // CPython's MAXINDENT
    static constexpr int kMaxLevel = 200;    // CPython's MAXLEVEL (brackets)

private:
    Token lex();   // one token, no INDENT/DEDENT bookkeeping
    bool at_line_start();   // handles indentation; may queue INDENT/DEDENT
    Token make(Tok type, size_t start, size_t end) const;
    [[noreturn]] void fail(std::string msg, size_t start, size_t end) const;
    [[noreturn]] void fail_at(std::string msg, int lineno, int col, int end_lineno,
                              int end_col) const;
    int col_of(size_t pos) const { return int(pos - line_start_); }

    Token lex_number(size_t start);
    Token lex_string(size_t start, size_t quote_pos);
    Token lex_name(size_t start);
    void verify_end_of_number(size_t pos, const char* kind);
    size_t decimal_tail(size_t pos);

    const SourceText& src_;
    std::string_view s_;
    size_t pos_ = 0;
    size_t line_start_ = 0;
    int lineno_ = 1;
    bool bol_ = true;             // at the beginning of a logical line
    bool done_ = false;
    Token final_;
    std::vector<int> indents_{0};
    std::vector<int> altindents_{0};
    int pending_ = 0;             // >0: INDENTs to emit; <0: DEDENTs to emit
    std::vector<OpenBracket> brackets_;
    std::vector<SyntaxWarningInfo>* warnings_ = nullptr;
    std::unordered_set<size_t> warned_at_;   // source offsets already warned about
};

// True if `c` may start / continue a Python identifier (Unicode aware).
bool is_identifier_start(char32_t c);
bool is_identifier_continue(char32_t c);
// Decodes one UTF-8 sequence at s[i] (advancing i); invalid bytes decode as
// themselves (0x80..0xFF) and advance by one.
char32_t utf8_decode(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t c);

}  // namespace gk
