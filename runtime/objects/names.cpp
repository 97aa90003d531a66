// runtime/objects/names.cpp — the interned identifier strings of names.hpp.
//
// Each name is an immortal, interned str created once by init_names(); before
// that every pointer is null. A few names are spelled differently in Python
// than in C++ (see names.hpp): the table below maps them.
#include "objects/names.hpp"

#include <cstring>
#include <string_view>

#include "objects/str.hpp"

namespace gk::names {

#define GK_DEFINE_NAME(n) Object* n = nullptr;
GK_NAMES(GK_DEFINE_NAME)
#undef GK_DEFINE_NAME

namespace {

// The Python spelling of a C++ name from GK_NAMES.
std::string_view python_spelling(std::string_view cxx) noexcept {
  struct Special {
    std::string_view cxx, py;
  };
  static constexpr Special kSpecial[] = {
      {"throw_", "throw"},         {"default_", "default"},     {"lambda_name", "<lambda>"},
      {"listcomp", "<listcomp>"},  {"dictcomp", "<dictcomp>"},  {"setcomp", "<setcomp>"},
      {"genexpr", "<genexpr>"},    {"module", "<module>"},      {"top", "<module>"},
  };
  for (const Special& s : kSpecial)
    if (s.cxx == cxx) return s.py;
  return cxx;
}

}  // namespace

void init_names() {
  if (__init__ != nullptr) return;  // idempotent: init_types() calls it too
#define GK_INIT_NAME(n) n = intern(python_spelling(#n));
  GK_NAMES(GK_INIT_NAME)
#undef GK_INIT_NAME
}

}  // namespace gk::names
