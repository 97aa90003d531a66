// source_encoding.cpp — coding cookies and the known source codecs.
#include "source_encoding.hpp"

#include <cctype>
#include <cstdint>

#include "tokenizer.hpp"

namespace gk {

namespace {

// Code points for bytes 0x80..0xFF (koi8-r) and 0x80..0x9F (cp1252;
// 0xFFFF = undefined).  Data taken from the codec definitions.
const uint16_t kKoi8r[128] = {
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C,
    0x2580, 0x2584, 0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219,
    0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550,
    0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A,
    0x255B, 0x255C, 0x255D, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564,
    0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9, 0x044E, 0x0430,
    0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B,
    0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
    0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A, 0x042E, 0x0410, 0x0411,
    0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C,
    0x041D, 0x041E, 0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C,
    0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A};
const uint16_t kCp1252[32] = {
    0x20AC, 0xFFFF, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFF, 0x017D, 0xFFFF, 0xFFFF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFF, 0x017E, 0x0178};

bool is_cookie_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// Python's encodings.normalize_encoding + lower(): runs of characters other
// than alphanumerics and '.' become one '_'.
std::string normalize_codec_name(const std::string& name) {
    std::string out;
    bool pending = false;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
            if (pending && !out.empty()) out += '_';
            pending = false;
            out += char(std::tolower(static_cast<unsigned char>(c)));
        } else {
            pending = true;
        }
    }
    return out;
}

}  // namespace

std::string find_coding_cookie(std::string_view s) {
    size_t pos = 0;
    for (int line = 0; line < 2 && pos < s.size(); ++line) {
        size_t eol = s.find('\n', pos);
        std::string_view l =
            s.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        size_t k = 0;
        while (k < l.size() && (l[k] == ' ' || l[k] == '\t' || l[k] == '\f')) ++k;
        if (k < l.size() && l[k] == '#') {
            // '#.*?coding[:=][ \t]*([-\w.]+)' — the first "coding" that fits.
            for (size_t c = l.find("coding", k); c != std::string_view::npos;
                 c = l.find("coding", c + 1)) {
                if (c + 6 >= l.size() || (l[c + 6] != ':' && l[c + 6] != '=')) continue;
                size_t v = c + 7;
                while (v < l.size() && (l[v] == ' ' || l[v] == '\t')) ++v;
                size_t e = v;
                while (e < l.size() && is_cookie_char(l[e])) ++e;
                if (e > v) return std::string(l.substr(v, e - v));
            }
        } else if (k < l.size() && l[k] != '\r') {
            return "";   // a code line: no cookie on line 2
        }
        if (eol == std::string_view::npos) break;
        pos = eol + 1;
    }
    return "";
}

std::string normal_encoding_name(const std::string& name) {
    std::string e = name.substr(0, 12);
    for (auto& ch : e) {
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
        if (ch == '_') ch = '-';
    }
    if (e == "utf-8" || e.rfind("utf-8-", 0) == 0) return "utf-8";
    for (const char* p : {"latin-1", "iso-8859-1", "iso-latin-1"}) {
        std::string ps(p);
        if (e == ps || e.rfind(ps + "-", 0) == 0) return "iso-8859-1";
    }
    return name;
}

bool lookup_source_codec(const std::string& name, SourceCodec& codec) {
    std::string n = normalize_codec_name(name);
    for (const char* a : {"utf_8", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", "cp65001"})
        if (n == a) { codec = SourceCodec::Utf8; return true; }
    for (const char* a : {"latin_1", "iso_8859_1", "8859", "cp819", "csisolatin1", "ibm819",
                          "iso8859", "iso8859_1", "iso_8859_1_1987", "iso_ir_100", "l1",
                          "latin", "latin1"})
        if (n == a) { codec = SourceCodec::Latin1; return true; }
    for (const char* a : {"ascii", "646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968",
                          "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991",
                          "iso_ir_6", "us", "us_ascii"})
        if (n == a) { codec = SourceCodec::Ascii; return true; }
    for (const char* a : {"cp1252", "windows_1252", "1252"})
        if (n == a) { codec = SourceCodec::Cp1252; return true; }
    for (const char* a : {"koi8_r", "cskoi8r"})
        if (n == a) { codec = SourceCodec::Koi8R; return true; }
    return false;
}

bool decode_source(std::string_view raw, SourceCodec codec, std::string& out, size_t& bad_pos) {
    out.clear();
    out.reserve(raw.size());
    if (codec == SourceCodec::Utf8) {
        size_t i = 0, n = raw.size();
        while (i < n) {
            unsigned char c = static_cast<unsigned char>(raw[i]);
            if (c < 0x80) { out += char(c); ++i; continue; }
            int len;
            char32_t min;
            if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
            else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
            else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
            else { bad_pos = i; return false; }
            if (i + size_t(len) > n) { bad_pos = i; return false; }
            char32_t cp = c & (0x3F >> (len - 1));
            for (int k = 1; k < len; ++k) {
                unsigned char ck = static_cast<unsigned char>(raw[i + size_t(k)]);
                if ((ck & 0xC0) != 0x80) { bad_pos = i; return false; }
                cp = (cp << 6) | (ck & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                bad_pos = i;
                return false;
            }
            out.append(raw.substr(i, size_t(len)));
            i += size_t(len);
        }
        return true;
    }
    for (size_t i = 0; i < raw.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(raw[i]);
        char32_t cp = c;
        if (c >= 0x80) {
            switch (codec) {
                case SourceCodec::Ascii: bad_pos = i; return false;
                case SourceCodec::Koi8R: cp = kKoi8r[c - 0x80]; break;
                case SourceCodec::Cp1252:
                    if (c < 0xA0) {
                        cp = kCp1252[c - 0x80];
                        if (cp == 0xFFFF) { bad_pos = i; return false; }
                    }
                    break;
                default: break;
            }
        }
        utf8_append(out, cp);
    }
    return true;
}

}  // namespace gk
