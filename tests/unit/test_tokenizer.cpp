// test_tokenizer.cpp — unit tests for the front end's lexical layer:
// the parser's Tokenizer (token kinds, positions, CPython's error messages),
// SourceText normalization, and dump_tokens (== `python3 -m tokenize`).
//
// Expected strings were produced by CPython 3.11 (python3 -m tokenize,
// compile()); they are pasted here so the test needs no Python.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "frontend/ast_dump.hpp"
#include "frontend/syntax_error.hpp"
#include "frontend/tokenizer.hpp"

using namespace gk;

namespace {

// ---- data generated from python3 -m tokenize ----
struct TokCase { const char* name; const char* source; const char* expected; };
const TokCase kTokCases[] = {
    {"simple", "x = 1 + 2\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'x'            
1,2-1,3:            OP             '='            
1,4-1,5:            NUMBER         '1'            
1,6-1,7:            OP             '+'            
1,8-1,9:            NUMBER         '2'            
1,9-1,10:           NEWLINE        '\n'           
2,0-2,0:            ENDMARKER      ''             
)X"},
    {"no_final_newline", "x = 1",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'x'            
1,2-1,3:            OP             '='            
1,4-1,5:            NUMBER         '1'            
1,5-1,6:            NEWLINE        ''             
2,0-2,0:            ENDMARKER      ''             
)X"},
    {"indent_dedent", "if x:\n    y = 1\n    if z:\n        pass\nw = 2\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,2:            NAME           'if'           
1,3-1,4:            NAME           'x'            
1,4-1,5:            OP             ':'            
1,5-1,6:            NEWLINE        '\n'           
2,0-2,4:            INDENT         '    '         
2,4-2,5:            NAME           'y'            
2,6-2,7:            OP             '='            
2,8-2,9:            NUMBER         '1'            
2,9-2,10:           NEWLINE        '\n'           
3,4-3,6:            NAME           'if'           
3,7-3,8:            NAME           'z'            
3,8-3,9:            OP             ':'            
3,9-3,10:           NEWLINE        '\n'           
4,0-4,8:            INDENT         '        '     
4,8-4,12:           NAME           'pass'         
4,12-4,13:          NEWLINE        '\n'           
5,0-5,0:            DEDENT         ''             
5,0-5,0:            DEDENT         ''             
5,0-5,1:            NAME           'w'            
5,2-5,3:            OP             '='            
5,4-5,5:            NUMBER         '2'            
5,5-5,6:            NEWLINE        '\n'           
6,0-6,0:            ENDMARKER      ''             
)X"},
    {"comments_blank", "# c\n\nx = 1  # trailing\n    # indented comment\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,3:            COMMENT        '# c'          
1,3-1,4:            NL             '\n'           
2,0-2,1:            NL             '\n'           
3,0-3,1:            NAME           'x'            
3,2-3,3:            OP             '='            
3,4-3,5:            NUMBER         '1'            
3,7-3,17:           COMMENT        '# trailing'   
3,17-3,18:          NEWLINE        '\n'           
4,4-4,22:           COMMENT        '# indented comment'
4,22-4,23:          NL             '\n'           
5,0-5,0:            ENDMARKER      ''             
)X"},
    {"brackets_nl", "f(a,\n  b)\n[1,\n 2]\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'f'            
1,1-1,2:            OP             '('            
1,2-1,3:            NAME           'a'            
1,3-1,4:            OP             ','            
1,4-1,5:            NL             '\n'           
2,2-2,3:            NAME           'b'            
2,3-2,4:            OP             ')'            
2,4-2,5:            NEWLINE        '\n'           
3,0-3,1:            OP             '['            
3,1-3,2:            NUMBER         '1'            
3,2-3,3:            OP             ','            
3,3-3,4:            NL             '\n'           
4,1-4,2:            NUMBER         '2'            
4,2-4,3:            OP             ']'            
4,3-4,4:            NEWLINE        '\n'           
5,0-5,0:            ENDMARKER      ''             
)X"},
    {"continuation", "x = 1 + \\\n    2\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'x'            
1,2-1,3:            OP             '='            
1,4-1,5:            NUMBER         '1'            
1,6-1,7:            OP             '+'            
2,4-2,5:            NUMBER         '2'            
2,5-2,6:            NEWLINE        '\n'           
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"strings", "s = 'a' \"b\" rb'c' f'{x}' '''multi\nline''' u'u'\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           's'            
1,2-1,3:            OP             '='            
1,4-1,7:            STRING         "'a'"          
1,8-1,11:           STRING         '"b"'          
1,12-1,17:          STRING         "rb'c'"        
1,18-1,24:          STRING         "f'{x}'"       
1,25-2,7:           STRING         "'''multi\nline'''"
2,8-2,12:           STRING         "u'u'"         
2,12-2,13:          NEWLINE        '\n'           
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"numbers", "0 1_000 0x_ff 0o17 0b1 1.5 1e-3 3j .5 5. 1if\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NUMBER         '0'            
1,2-1,7:            NUMBER         '1_000'        
1,8-1,13:           NUMBER         '0x_ff'        
1,14-1,18:          NUMBER         '0o17'         
1,19-1,22:          NUMBER         '0b1'          
1,23-1,26:          NUMBER         '1.5'          
1,27-1,31:          NUMBER         '1e-3'         
1,32-1,34:          NUMBER         '3j'           
1,35-1,37:          NUMBER         '.5'           
1,38-1,40:          NUMBER         '5.'           
1,41-1,42:          NUMBER         '1'            
1,42-1,44:          NAME           'if'           
1,44-1,45:          NEWLINE        '\n'           
2,0-2,0:            ENDMARKER      ''             
)X"},
    {"operators", "a **= b // c -> d := e != f ... @= g\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'a'            
1,2-1,5:            OP             '**='          
1,6-1,7:            NAME           'b'            
1,8-1,10:           OP             '//'           
1,11-1,12:          NAME           'c'            
1,13-1,15:          OP             '->'           
1,16-1,17:          NAME           'd'            
1,18-1,20:          OP             ':='           
1,21-1,22:          NAME           'e'            
1,23-1,25:          OP             '!='           
1,26-1,27:          NAME           'f'            
1,28-1,31:          OP             '...'          
1,32-1,34:          OP             '@='           
1,35-1,36:          NAME           'g'            
1,36-1,37:          NEWLINE        '\n'           
2,0-2,0:            ENDMARKER      ''             
)X"},
    {"unicode", "na\303\257ve = '\303\251\342\202\254\360\237\230\200'\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,5:            NAME           'naïve'        
1,6-1,7:            OP             '='            
1,8-1,13:           STRING         "'é€😀'"        
1,13-1,14:          NEWLINE        '\n'           
2,0-2,0:            ENDMARKER      ''             
)X"},
    {"errortoken", "a $b\nx = \"abc\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'a'            
1,1-1,2:            ERRORTOKEN     ' '            
1,2-1,3:            ERRORTOKEN     '$'            
1,3-1,4:            NAME           'b'            
1,4-1,5:            NEWLINE        '\n'           
2,0-2,1:            NAME           'x'            
2,2-2,3:            OP             '='            
2,3-2,4:            ERRORTOKEN     ' '            
2,4-2,5:            ERRORTOKEN     '"'            
2,5-2,8:            NAME           'abc'          
2,8-2,9:            NEWLINE        '\n'           
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"crlf", "x = 1\015\ny = 2\015\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'x'            
1,2-1,3:            OP             '='            
1,4-1,5:            NUMBER         '1'            
1,5-1,7:            NEWLINE        '\r\n'         
2,0-2,1:            NAME           'y'            
2,2-2,3:            OP             '='            
2,4-2,5:            NUMBER         '2'            
2,5-2,7:            NEWLINE        '\r\n'         
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"tabs", "if x:\n\ty = 1\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,2:            NAME           'if'           
1,3-1,4:            NAME           'x'            
1,4-1,5:            OP             ':'            
1,5-1,6:            NEWLINE        '\n'           
2,0-2,1:            INDENT         '\t'           
2,1-2,2:            NAME           'y'            
2,3-2,4:            OP             '='            
2,5-2,6:            NUMBER         '1'            
2,6-2,7:            NEWLINE        '\n'           
3,0-3,0:            DEDENT         ''             
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"dedent_eof", "def f():\n    return 1",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,3:            NAME           'def'          
1,4-1,5:            NAME           'f'            
1,5-1,6:            OP             '('            
1,6-1,7:            OP             ')'            
1,7-1,8:            OP             ':'            
1,8-1,9:            NEWLINE        '\n'           
2,0-2,4:            INDENT         '    '         
2,4-2,10:           NAME           'return'       
2,11-2,12:          NUMBER         '1'            
2,12-2,13:          NEWLINE        ''             
3,0-3,0:            DEDENT         ''             
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"comment_eof", "x = 1\n# end",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           'x'            
1,2-1,3:            OP             '='            
1,4-1,5:            NUMBER         '1'            
1,5-1,6:            NEWLINE        '\n'           
2,0-2,5:            COMMENT        '# end'        
2,5-2,5:            NL             ''             
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"cont_string", "s = 'abc\\\ndef'\n",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,1:            NAME           's'            
1,2-1,3:            OP             '='            
1,4-2,4:            STRING         "'abc\\\ndef'" 
2,4-2,5:            NEWLINE        '\n'           
3,0-3,0:            ENDMARKER      ''             
)X"},
    {"empty", "",
     R"X(0,0-0,0:            ENCODING       'utf-8'        
1,0-1,0:            ENDMARKER      ''             
)X"},
};

struct TokErrCase { const char* name; const char* source; const char* expected_err; };
const TokErrCase kTokErrCases[] = {
    {"unindent", "if x:\n  a\n b\n", "tok.py:3:1: error: unindent does not match any outer indentation level\n"},
    {"eof_string", "s = '''abc\n", "tok.py:1:4: error: EOF in multi-line string\n"},
    {"eof_statement", "f(a,\n", "tok.py:2:0: error: EOF in multi-line statement\n"},
};

// Token kinds of the parser's tokenizer, as a compact string.
std::string kinds(std::string_view source) {
    SourceText src(source, "<test>");
    Tokenizer tz(src);
    std::string out;
    for (;;) {
        Token t = tz.next();
        switch (t.type) {
            case Tok::Name: out += t.kw == Kw::NotKeyword ? "NAME" : "KW"; break;
            case Tok::Number: out += "NUM"; break;
            case Tok::String: out += "STR"; break;
            case Tok::Op: out += std::string("'") + punct_text(t.op) + "'"; break;
            case Tok::Newline: out += "NL"; break;
            case Tok::Indent: out += "IN"; break;
            case Tok::Dedent: out += "DE"; break;
            case Tok::Error: out += "ERR"; break;
            case Tok::EndMarker: out += "END"; break;
        }
        if (t.type == Tok::EndMarker || (t.type == Tok::Error && t.eof)) break;
        out += ' ';
    }
    return out;
}

SyntaxErrorInfo lex_error(std::string_view source) {
    try {
        SourceText src(source, "<test>", false);
        Tokenizer tz(src);
        for (int i = 0; i < 10000; ++i) {
            Token t = tz.next();
            if (t.type == Tok::EndMarker) break;
        }
    } catch (const SyntaxErrorInfo& e) {
        return e;
    }
    return {};
}

}  // namespace

TEST(TokenDump, MatchesPythonTokenize) {
    for (const auto& c : kTokCases) {
        std::ostringstream out, err;
        int rc = dump_tokens(c.source, "/tmp/fe/gen/tok.py", out, err);
        EXPECT_EQ(rc, 0) << c.name;
        EXPECT_EQ(out.str(), c.expected) << c.name;
        EXPECT_EQ(err.str(), "") << c.name;
    }
}

TEST(TokenDump, ErrorsLikePythonTokenize) {
    for (const auto& c : kTokErrCases) {
        std::ostringstream out, err;
        int rc = dump_tokens(c.source, "tok.py", out, err);
        EXPECT_EQ(rc, 1) << c.name;
        EXPECT_EQ(out.str(), "") << c.name;   // tokenize prints nothing on error
        EXPECT_EQ(err.str(), c.expected_err) << c.name;
    }
}

TEST(Tokenizer, IndentDedent) {
    EXPECT_EQ(kinds("if x:\n    y\nz\n"), "KW NAME ':' NL IN NAME NL DE NAME NL END");
    EXPECT_EQ(kinds("if x:\n  if y:\n    z\n"), "KW NAME ':' NL IN KW NAME ':' NL IN NAME NL DE DE END");
}

TEST(Tokenizer, BlankLinesAndCommentsAreSkipped) {
    EXPECT_EQ(kinds("# c\n\nx  # t\n   # indented\ny\n"), "NAME NL NAME NL END");
}

TEST(Tokenizer, NewlinesInsideBracketsAreIgnored) {
    EXPECT_EQ(kinds("f(a,\n      b)\n"), "NAME '(' NAME ',' NAME ')' NL END");
}

TEST(Tokenizer, BackslashContinuation) {
    EXPECT_EQ(kinds("x = 1 + \\\n  2\n"), "NAME '=' NUM '+' NUM NL END");
}

TEST(Tokenizer, MissingFinalNewlineIsAdded) {
    EXPECT_EQ(kinds("x"), "NAME NL END");
    EXPECT_EQ(kinds(""), "END");
}

TEST(Tokenizer, Operators) {
    EXPECT_EQ(kinds("a **= b // c -> d := e != f ... @= g\n"),
              "NAME '**=' NAME '//' NAME '->' NAME ':=' NAME '!=' NAME '...' '@=' NAME NL END");
}

TEST(Tokenizer, NumbersAndStrings) {
    EXPECT_EQ(kinds("0 1_000 0x_ff 0o17 0b1 1.5 1e-3 3j .5 5. 1if x else y\n"),
              "NUM NUM NUM NUM NUM NUM NUM NUM NUM NUM NUM KW NAME KW NAME NL END");
    EXPECT_EQ(kinds("'a' rb'b' F'c' Rf\"d\" u'''e\nf''' br\"\"\"g\"\"\"\n"),
              "STR STR STR STR STR STR NL END");
    // A prefix that is not a string prefix is a name.
    EXPECT_EQ(kinds("ub'x'\n"), "NAME STR NL END");
}

TEST(Tokenizer, UnknownCharactersBecomeErrorTokens) {
    EXPECT_EQ(kinds("a $ b\n"), "NAME ERR NAME NL END");
}

TEST(Tokenizer, ColumnsAreUtf8Bytes) {
    SourceText src("é = 'ü'\n", "<test>");
    Tokenizer tz(src);
    Token name = tz.next();
    EXPECT_EQ(name.col, 0);
    EXPECT_EQ(name.end_col, 2);
    tz.next();
    Token str = tz.next();
    EXPECT_EQ(str.col, 5);
    EXPECT_EQ(str.end_col, 9);
}

TEST(SourceText, NormalizesNewlinesAndBom) {
    SourceText src("\xEF\xBB\xBFx = 1\r\ny = 2\rz", "<test>");
    EXPECT_EQ(src.text(), "x = 1\ny = 2\nz\n");
    EXPECT_EQ(src.line_count(), 3);
    EXPECT_EQ(src.line(2), "y = 2");
    EXPECT_TRUE(src.missing_final_newline());
}

TEST(SourceText, Latin1CookieIsTranscoded) {
    SourceText src("# -*- coding: latin-1 -*-\ns = '\xE9'\n", "<test>");
    EXPECT_EQ(src.line(2), "s = '\xC3\xA9'");
}

TEST(SourceText, UnknownEncodingAndBadUtf8) {
    try {
        SourceText src("# coding: bogus\n", "f.py");
        FAIL() << "no error";
    } catch (const SyntaxErrorInfo& e) {
        EXPECT_EQ(e.msg, "unknown encoding: bogus");
    }
    try {
        SourceText src("x = '\xff'\n", "f.py");
        FAIL() << "no error";
    } catch (const SyntaxErrorInfo& e) {
        EXPECT_EQ(e.msg,
                  "Non-UTF-8 code starting with '\\xff' in file f.py on line 1, but no encoding "
                  "declared; see https://peps.python.org/pep-0263/ for details");
    }
}

// Lexical errors: message and CPython's (lineno, offset, end_lineno, end_offset).
TEST(Tokenizer, ErrorsMatchCPython) {
    struct Case { const char* src; const char* kind; const char* msg; int l, o, el, eo; };
    const Case cases[] = {
        {"'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 1, 1, 1},
        {"x = b'a", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
        {"a = \"\"\"\nabc\n", "SyntaxError",
         "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 5},
        {"1abc", "SyntaxError", "invalid decimal literal", 1, 1, 1, 1},
        {"1_", "SyntaxError", "invalid decimal literal", 1, 2, 1, 2},
        {"1__0", "SyntaxError", "invalid decimal literal", 1, 2, 1, 2},
        {"1e+", "SyntaxError", "invalid decimal literal", 1, 3, 1, 3},
        {"0x", "SyntaxError", "invalid hexadecimal literal", 1, 2, 1, 2},
        {"0b12", "SyntaxError", "invalid digit '2' in binary literal", 1, 4, 1, 4},
        {"0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 3, 1, 3},
        {"0777", "SyntaxError",
         "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
         "octal integers",
         1, 1, 1, 2},
        {"x = 1)", "SyntaxError", "unmatched ')'", 1, 6, 1, 6},
        {"x = [1)", "SyntaxError",
         "closing parenthesis ')' does not match opening parenthesis '['", 1, 7, 1, 7},
        {"x = [\n1)", "SyntaxError",
         "closing parenthesis ')' does not match opening parenthesis '[' on line 1", 2, 2, 2, 2},
        {"if x:\n    a\n  b", "IndentationError",
         "unindent does not match any outer indentation level", 3, 4, 3, -1},
        {"if x:\n\ta\n        b", "TabError", "inconsistent use of tabs and spaces in indentation",
         3, 1, 3, 0},
        {"x = \\ y", "SyntaxError", "unexpected character after line continuation character", 1,
         6, 1, 0},
        {"x = 1\\", "SyntaxError", "unexpected EOF while parsing", 1, 7, 1, -1},
        {"a\xC2\xA0" "b", "SyntaxError", "invalid non-printable character U+00A0", 1, 2, 1, 2},
        {"a = \xE2\x82\xAC", "SyntaxError", "invalid character '\xE2\x82\xAC' (U+20AC)", 1, 5, 1, 5},
    };
    for (const Case& c : cases) {
        SyntaxErrorInfo e = lex_error(c.src);
        EXPECT_EQ(e.kind, c.kind) << c.src;
        EXPECT_EQ(e.msg, c.msg) << c.src;
        EXPECT_EQ(e.lineno, c.l) << c.src;
        EXPECT_EQ(e.offset, c.o) << c.src;
        EXPECT_EQ(e.end_lineno, c.el) << c.src;
        EXPECT_EQ(e.end_offset, c.eo) << c.src;
    }
}

TEST(Tokenizer, TooManyNestedParentheses) {
    std::string s(201, '(');
    SyntaxErrorInfo e = lex_error(s);
    EXPECT_EQ(e.msg, "too many nested parentheses");
    EXPECT_EQ(e.offset, 201);
}
