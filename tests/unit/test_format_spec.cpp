// tests/unit/test_format_spec.cpp — unit tests of the pure string helpers:
// the format-spec mini-language (format_spec.cpp), UTF-8 utilities (utf8.hpp),
// the Unicode tables (unicode_ctype.cpp) and the printf-style / str.format
// field parsers (str_format_parse.hpp). Expected values come from CPython 3.11.
//
// Two ways to build it:
//  * by meson (tests/unit/meson.build), linked with the whole core: errors are
//    real PyErrors, so the interpreter is started once first;
//  * standalone against just the pure files, with raise()/raise_fmt() stubbed
//    to throw a TestError (no other engineer's code needed). One command:
//      g++ -std=c++20 -DGK_STRING_TESTS_STANDALONE -I build/h-str -I . -I runtime
//          tests/unit/test_format_spec.cpp runtime/objects/format_spec.cpp
//          runtime/objects/str_format_parse.cpp runtime/objects/unicode_ctype.cpp
//          -lgtest -lgtest_main -pthread
#include <gtest/gtest.h>

#include <cstdarg>
#include <cstdio>
#include <string>

#include "objects/exceptions.hpp"
#include "objects/format_spec.hpp"
#include "objects/str_format_parse.hpp"
#include "objects/unicode_ctype.hpp"
#include "objects/utf8.hpp"

#ifdef GK_STRING_TESTS_STANDALONE
namespace gk {
struct TestError {
  TypeObject* type;
  std::string msg;
};
// Stand-ins for the exception objects: distinct addresses are enough.
static TypeObject fake_value_error, fake_type_error, fake_index_error, fake_key_error;
TypeObject* const Exc_ValueError = &fake_value_error;
TypeObject* const Exc_TypeError = &fake_type_error;
TypeObject* const Exc_IndexError = &fake_index_error;
TypeObject* const Exc_KeyError = &fake_key_error;
void raise(TypeObject* type, std::string_view msg) { throw TestError{type, std::string(msg)}; }
void raise_fmt(TypeObject* type, const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  throw TestError{type, buf};
}
}  // namespace gk

// The message of the error f() raises, or `none`.
template <class F>
std::string error_message(F&& f, std::string none = "<no error>") {
  try {
    f();
  } catch (const gk::TestError& e) {
    return e.msg;
  }
  return none;
}
#else
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/interpreter.hpp"

namespace {
// Starts one interpreter for the whole test program (raising needs the
// exception types).
class RuntimeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    gk::set_current_thread_state(&ts_);
    gk::interpreter_init(interp_, ts_, {"test_format_spec"});
  }

 private:
  gk::Interpreter interp_;
  gk::ThreadState ts_;
};
[[maybe_unused]] ::testing::Environment* const runtime_env =
    ::testing::AddGlobalTestEnvironment(new RuntimeEnvironment);
}  // namespace

template <class F>
std::string error_message(F&& f, std::string none = "<no error>") {
  try {
    f();
  } catch (gk::PyError& e) {
    gk::Object* args = gk::as_exc(e.value())->args;
    return std::string(gk::str_view(gk::tuple_get(args, 0)));
  }
  return none;
}
#endif

using namespace gk;

namespace {

std::string error_of(std::string_view spec, const char* tn = "int") {
  return error_message([&] { parse_format_spec(spec, tn); });
}

// format(v, spec) for a plain string body, the way str.__format__ pads.
std::string pad_str(std::string_view spec, std::string_view body) {
  FormatSpec f = parse_format_spec(spec, "str");
  return format_pad(f, body, utf8::count(body), '<');
}

}  // namespace

TEST(FormatSpec, ParsesEveryField) {
  FormatSpec f = parse_format_spec("*^+z#012,.3f");
  EXPECT_EQ(f.fill, U'*');
  EXPECT_EQ(f.align, '^');
  EXPECT_EQ(f.sign, '+');
  EXPECT_TRUE(f.no_neg_zero);
  EXPECT_TRUE(f.alternate);
  EXPECT_FALSE(f.zero_pad);  // an explicit fill disables the '0' prefix
  EXPECT_EQ(f.width, 12);
  EXPECT_EQ(f.grouping, ',');
  EXPECT_EQ(f.precision, 3);
  EXPECT_EQ(f.type, 'f');
}

TEST(FormatSpec, EmptySpecIsAllDefaults) {
  FormatSpec f = parse_format_spec("");
  EXPECT_EQ(f.fill, U' ');
  EXPECT_EQ(f.align, 0);
  EXPECT_EQ(f.width, -1);
  EXPECT_EQ(f.precision, -1);
  EXPECT_EQ(f.type, 0);
}

TEST(FormatSpec, NonAsciiFill) {
  FormatSpec f = parse_format_spec("é>5");
  EXPECT_EQ(f.fill, 0xE9u);
  EXPECT_EQ(f.align, '>');
  EXPECT_EQ(f.width, 5);
  EXPECT_EQ(pad_str("é<5", "ab"), "abééé");
}

TEST(FormatSpec, ZeroPrefixSetsFillAndFlag) {
  FormatSpec f = parse_format_spec("010");
  EXPECT_TRUE(f.zero_pad);
  EXPECT_EQ(f.fill, U'0');
  EXPECT_EQ(f.width, 10);
  EXPECT_EQ(pad_str("010s", "s"), "s000000000");
  EXPECT_EQ(pad_str("<05", "12"), "12000");
}

TEST(FormatSpec, FillThatLooksLikeAlign) {
  FormatSpec f = parse_format_spec("<<5");
  EXPECT_EQ(f.fill, U'<');
  EXPECT_EQ(f.align, '<');
  EXPECT_EQ(f.width, 5);
}

TEST(FormatSpec, CPythonErrorMessages) {
  EXPECT_EQ(error_of("abc"), "Invalid format specifier 'abc' for object of type 'int'");
  EXPECT_EQ(error_of("10.2.3", "str"), "Invalid format specifier '10.2.3' for object of type 'str'");
  EXPECT_EQ(error_of("<<<<"), "Invalid format specifier '<<<<' for object of type 'int'");
  EXPECT_EQ(error_of("."), "Format specifier missing precision");
  EXPECT_EQ(error_of("1,_"), "Cannot specify both ',' and '_'.");
  EXPECT_EQ(error_of("_,"), "Cannot specify both ',' and '_'.");
  EXPECT_EQ(error_of("10,s"), "Cannot specify ',' with 's'.");
  EXPECT_EQ(error_of("_c"), "Cannot specify '_' with 'c'.");
  EXPECT_EQ(error_of("99999999999999999999"), "Too many decimal digits in format string");
  EXPECT_EQ(error_of(".99999999999999999999"), "Too many decimal digits in format string");
  EXPECT_EQ(error_of("abc", nullptr), "Invalid format specifier");
  EXPECT_EQ(error_of("_x"), "<no error>");
  EXPECT_EQ(error_of(",d"), "<no error>");
}

TEST(FormatSpec, UnknownCodeMessages) {
  auto msg = [](std::string_view spec) {
    return error_message([&] { raise_unknown_format_code(parse_format_spec(spec), "str"); });
  };
  EXPECT_EQ(msg("d"), "Unknown format code 'd' for object of type 'str'");
  EXPECT_EQ(msg("é"), "Unknown format code '\\xe9' for object of type 'str'");
  EXPECT_EQ(msg("\x01"), "Unknown format code '\\x1' for object of type 'str'");
}

TEST(FormatPad, Alignments) {
  EXPECT_EQ(pad_str("^5", "ab"), " ab  ");
  EXPECT_EQ(pad_str("^6", "ab"), "  ab  ");
  EXPECT_EQ(pad_str("^7", "ab"), "  ab   ");
  EXPECT_EQ(pad_str(">5", "ab"), "   ab");
  EXPECT_EQ(pad_str("5", "ab"), "ab   ");
  EXPECT_EQ(pad_str("1", "abc"), "abc");
  FormatSpec f = parse_format_spec("5");
  EXPECT_EQ(format_pad(f, "12", 2, '>'), "   12");
}

TEST(FormatPad, EqualsPadsAfterSignAndPrefix) {
  FormatSpec f = parse_format_spec("0=8");
  EXPECT_EQ(format_pad(f, "-1234", 5, '>'), "-0001234");
  FormatSpec g = parse_format_spec("-=10,");
  EXPECT_EQ(format_pad(g, "-1,234", 6, '>'), "-----1,234");
  FormatSpec h = parse_format_spec("=#12x");
  EXPECT_EQ(format_pad(h, "-0x4d2", 6, '>'), "-0x      4d2");
}

TEST(FormatPad, MultiByteBodyCountsCodePoints) {
  EXPECT_EQ(pad_str(">4", "é"), "   é");
  EXPECT_EQ(pad_str("*^5", "日本"), "*日本**");
}

TEST(GroupDigits, Plain) {
  EXPECT_EQ(format_group_digits("1234567", ','), "1,234,567");
  EXPECT_EQ(format_group_digits("123", ','), "123");
  EXPECT_EQ(format_group_digits("1234", ','), "1,234");
  EXPECT_EQ(format_group_digits("4d2", '_', 4), "4d2");
  EXPECT_EQ(format_group_digits("12345678", '_', 4), "1234_5678");
  EXPECT_EQ(format_group_digits("0", ','), "0");
}

TEST(GroupDigits, ZeroPaddedToWidth) {
  // format(1234, '0N,') for N = 7..13
  EXPECT_EQ(format_group_digits("1234", ',', 3, 7), "001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 8), "0,001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 9), "0,001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 10), "00,001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 11), "000,001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 12), "0,000,001,234");
  EXPECT_EQ(format_group_digits("1234", ',', 3, 13), "0,000,001,234");
  EXPECT_EQ(format_group_digits("0", ',', 3, 5), "0,000");
  EXPECT_EQ(format_group_digits("123", ',', 3, 5), "0,123");
  // format(1234, '012_x') -> '00_0000_04d2'; with '#' the prefix takes two columns.
  EXPECT_EQ(format_group_digits("4d2", '_', 4, 12), "00_0000_04d2");
  EXPECT_EQ(format_group_digits("4d2", '_', 4, 10), "0_0000_04d2");
}

TEST(Utf8, EncodeDecodeRoundTrip) {
  for (uint32_t cp : {0x41u, 0x7Fu, 0x80u, 0xE9u, 0x7FFu, 0x800u, 0x65E5u, 0xFFFFu, 0x10000u, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    utf8::append(s, cp);
    EXPECT_EQ(s.size(), utf8::encoded_len(cp));
    const char* p = s.data();
    EXPECT_EQ(utf8::decode(p), cp);
    EXPECT_EQ(p, s.data() + s.size());
    const char* q = s.data() + s.size();
    EXPECT_EQ(utf8::decode_back(q), cp);
    EXPECT_EQ(q, s.data());
  }
}

TEST(Utf8, CountAndOffset) {
  std::string s = "aé日😀bcdefghijklmnopé";
  EXPECT_EQ(utf8::count(s), 20u);
  EXPECT_EQ(utf8::offset_of(s, 0), 0u);
  EXPECT_EQ(utf8::offset_of(s, 1), 1u);
  EXPECT_EQ(utf8::offset_of(s, 2), 3u);
  EXPECT_EQ(utf8::offset_of(s, 3), 6u);
  EXPECT_EQ(utf8::offset_of(s, 4), 10u);
  EXPECT_TRUE(utf8::is_ascii("hello world, this is ascii", 26));
  EXPECT_FALSE(utf8::is_ascii(s.data(), s.size()));
}

TEST(Utf8, Validate) {
  size_t pos = 0, len = 0;
  EXPECT_EQ(utf8::validate("plain ascii text", 16, pos, len), utf8::Utf8Error::None);
  std::string good = "é日😀";
  EXPECT_EQ(utf8::validate(good.data(), good.size(), pos, len), utf8::Utf8Error::None);
  EXPECT_EQ(utf8::validate("ab\xff", 3, pos, len), utf8::Utf8Error::InvalidStart);
  EXPECT_EQ(pos, 2u);
  EXPECT_EQ(utf8::validate("\xc3", 1, pos, len), utf8::Utf8Error::UnexpectedEnd);
  EXPECT_EQ(utf8::validate("\xc3(", 2, pos, len), utf8::Utf8Error::InvalidContinuation);
  EXPECT_EQ(utf8::validate("\xc0\x80", 2, pos, len), utf8::Utf8Error::InvalidStart);        // overlong
  EXPECT_EQ(utf8::validate("\xed\xa0\x80", 3, pos, len), utf8::Utf8Error::InvalidContinuation);  // surrogate
  EXPECT_EQ(utf8::validate("\xf4\x90\x80\x80", 4, pos, len), utf8::Utf8Error::InvalidContinuation);  // > U+10FFFF
}

// --- str.format templates ------------------------------------------------------

namespace {

// Renders the chunk stream as "lit|{name!c:spec}|..." for compact comparisons.
std::string chunks(std::string_view tmpl) {
  std::string out;
  FormatStringIter it(tmpl);
  FormatChunk c;
  std::string err = error_message([&] {
    while (it.next(c)) {
      out += "[" + std::string(c.literal) + "]";
      if (c.has_field) {
        out += "{" + std::string(c.field_name);
        if (c.conversion) out += "!" + std::string(1, static_cast<char>(c.conversion));
        out += ":" + std::string(c.spec) + (c.spec_has_fields ? "*" : "") + "}";
      }
    }
  }, "");
  if (!err.empty()) out += "ERR " + err;
  return out;
}

}  // namespace

TEST(FormatStringIter, LiteralsAndFields) {
  EXPECT_EQ(chunks("abc"), "[abc]");
  EXPECT_EQ(chunks(""), "");
  EXPECT_EQ(chunks("a{}b"), "[a]{:}[b]");
  EXPECT_EQ(chunks("{0!r:>10}"), "[]{0!r:>10}");
  EXPECT_EQ(chunks("{x[a:b]}"), "[]{x[a:b]:}");
  EXPECT_EQ(chunks("{:{w}.{p}}"), "[]{:{w}.{p}*}");
  EXPECT_EQ(chunks("}}{{"), "[}][{]");
  EXPECT_EQ(chunks("a{{b}}c"), "[a{][b}][c]");
}

TEST(FormatStringIter, CPythonErrors) {
  EXPECT_EQ(chunks("{0!r"), "ERR unmatched '{' in format spec");
  EXPECT_EQ(chunks("{!"), "ERR end of string while looking for conversion specifier");
  EXPECT_EQ(chunks("{0!rx}"), "ERR expected ':' after conversion specifier");
  EXPECT_EQ(chunks("{0[}"), "ERR expected '}' before end of string");
  EXPECT_EQ(chunks("{0"), "ERR expected '}' before end of string");
  EXPECT_EQ(chunks("{a{"), "ERR unexpected '{' in field name");
  EXPECT_EQ(chunks("x}"), "ERR Single '}' encountered in format string");
  EXPECT_EQ(chunks("x{"), "ERR Single '{' encountered in format string");
  EXPECT_EQ(chunks("{:{}"), "ERR unmatched '{' in format spec");
  EXPECT_EQ(chunks("{0!}"), "ERR unmatched '{' in format spec");
}

TEST(FieldNameIter, WalksAccessors) {
  FieldFirst first;
  FieldNameIter it("0.real[key][12]", first);
  EXPECT_TRUE(first.is_index);
  EXPECT_EQ(first.index, 0);
  bool attr, is_index;
  std::string_view key;
  int64_t idx;
  ASSERT_TRUE(it.next(attr, key, is_index, idx));
  EXPECT_TRUE(attr);
  EXPECT_EQ(key, "real");
  ASSERT_TRUE(it.next(attr, key, is_index, idx));
  EXPECT_FALSE(attr);
  EXPECT_EQ(key, "key");
  EXPECT_FALSE(is_index);
  ASSERT_TRUE(it.next(attr, key, is_index, idx));
  EXPECT_TRUE(is_index);
  EXPECT_EQ(idx, 12);
  EXPECT_FALSE(it.next(attr, key, is_index, idx));

  FieldFirst named;
  FieldNameIter it2("name", named);
  EXPECT_FALSE(named.is_index);
  EXPECT_EQ(named.text, "name");
  FieldFirst empty;
  FieldNameIter it3("", empty);
  EXPECT_TRUE(empty.is_empty());
}

TEST(FieldNameIter, Errors) {
  auto err = [](std::string_view name) {
    return error_message([&] {
      FieldFirst f;
      FieldNameIter it(name, f);
      bool a, i;
      std::string_view k;
      int64_t x;
      while (it.next(a, k, i, x)) {
      }
    });
  };
  EXPECT_EQ(err("0."), "Empty attribute in format string");
  EXPECT_EQ(err("0[]"), "Empty attribute in format string");
  EXPECT_EQ(err("0[a"), "Missing ']' in format string");
  EXPECT_EQ(err("0[a]x"), "Only '.' or '[' may follow ']' in format field specifier");
  EXPECT_EQ(err("99999999999999999999999"), "Too many decimal digits in format string");
}

// --- printf-style ---------------------------------------------------------------

TEST(ParsePercent, FlagsWidthPrecision) {
  size_t pos = 0;
  PercentSpec p = parse_percent("%-+ #08.3f!", pos);
  EXPECT_TRUE(p.left && p.plus && p.space && p.alternate && p.zero);
  EXPECT_EQ(p.width, 8);
  EXPECT_EQ(p.precision, 3);
  EXPECT_EQ(p.conv, U'f');
  EXPECT_EQ(pos, 10u);

  pos = 2;
  p = parse_percent("ab%(na(m)e)*.*ld", pos);
  EXPECT_TRUE(p.has_key);
  EXPECT_EQ(p.key, "na(m)e");
  EXPECT_TRUE(p.width_star);
  EXPECT_TRUE(p.prec_star);
  EXPECT_EQ(p.conv, U'd');

  pos = 0;
  p = parse_percent("%%", pos);
  EXPECT_EQ(p.conv, U'%');
  pos = 0;
  p = parse_percent("%.s", pos);
  EXPECT_EQ(p.precision, 0);
  pos = 0;
  p = parse_percent("%é", pos);
  EXPECT_EQ(p.conv, 0xE9u);
  EXPECT_EQ(pos, 3u);
}

TEST(ParsePercent, Errors) {
  auto err = [](std::string_view f) {
    size_t pos = 0;
    return error_message([&] { parse_percent(f, pos); });
  };
  EXPECT_EQ(err("%"), "incomplete format");
  EXPECT_EQ(err("%(a"), "incomplete format key");
  EXPECT_EQ(err("%(a)"), "incomplete format");
  EXPECT_EQ(err("%5"), "incomplete format");
  EXPECT_EQ(err("%."), "incomplete format");
  EXPECT_EQ(err("%l"), "incomplete format");
  EXPECT_EQ(err("%99999999999d"), "width too big");
  EXPECT_EQ(err("%.99999999999d"), "precision too big");
}

// --- Unicode tables (spot checks; the generator is verified exhaustively) --------

TEST(UnicodeCtype, Properties) {
  EXPECT_TRUE(uni::is_alpha(0xE9));         // é
  EXPECT_TRUE(uni::is_alpha(0x65E5));       // 日
  EXPECT_FALSE(uni::is_alpha(0x660));       // ARABIC-INDIC DIGIT ZERO
  EXPECT_TRUE(uni::is_decimal(0x669));
  EXPECT_EQ(uni::decimal_value(0x669), 9);
  EXPECT_TRUE(uni::is_digit(0xB2));         // ²
  EXPECT_FALSE(uni::is_decimal(0xB2));
  EXPECT_TRUE(uni::is_numeric(0xBD));       // ½
  EXPECT_TRUE(uni::is_space(0xA0));
  EXPECT_TRUE(uni::is_space(0x3000));
  EXPECT_FALSE(uni::is_space(0x200B));
  EXPECT_FALSE(uni::is_printable(0xA0));
  EXPECT_FALSE(uni::is_printable(0xAD));    // soft hyphen (Cf)
  EXPECT_TRUE(uni::is_printable(0x1F600));
  EXPECT_TRUE(uni::is_xid_start(0x3B1));    // α
  EXPECT_TRUE(uni::is_title(0x1C5));        // ǅ
}

TEST(UnicodeCtype, CaseMappings) {
  uint32_t out[3];
  ASSERT_EQ(uni::to_upper(0xDF, out), 2);   // ß -> SS
  EXPECT_EQ(out[0], U'S');
  EXPECT_EQ(out[1], U'S');
  ASSERT_EQ(uni::to_title(0xDF, out), 2);   // ß -> Ss
  EXPECT_EQ(out[1], U's');
  ASSERT_EQ(uni::to_lower(0x130, out), 2);  // İ -> i̇
  ASSERT_EQ(uni::to_upper(0x3C3, out), 1);  // σ -> Σ
  EXPECT_EQ(out[0], 0x3A3u);
  ASSERT_EQ(uni::to_lower(0x416, out), 1);  // Ж -> ж
  EXPECT_EQ(out[0], 0x436u);
  ASSERT_EQ(uni::to_lower(0x100, out), 1);  // Ā -> ā (alternating pairs)
  EXPECT_EQ(out[0], 0x101u);
  ASSERT_EQ(uni::to_lower(0x101, out), 1);
  EXPECT_EQ(out[0], 0x101u);
  ASSERT_EQ(uni::to_fold(0xDF, out), 2);    // casefold ß -> ss
  EXPECT_EQ(out[0], U's');
}
