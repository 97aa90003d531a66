// runtime/objects/args.hpp — binding vectorcall arguments of native functions
// to parameters, with CPython's error messages.
//
//   Object* a[3] = {};
//   parse_args("sorted", args, nargs, kwnames, {"iterable", "$key", "$reverse"}, 1, a);
//   // a[0] = iterable (required), a[1]/a[2] = borrowed or nullptr if not given
//
// Parameter name prefixes: none = positional-or-keyword, '%' = positional-only,
// '$' = keyword-only. `required` counts leading parameters that must be given.
#pragma once

#include <initializer_list>

#include "objects/object.hpp"

namespace gk {

void parse_args(const char* fname, Object* const* args, size_t nargs, Object* kwnames,
                std::initializer_list<const char*> params, size_t required, Object** out);

// TypeError "f() takes no keyword arguments" when kwnames is non-empty.
void check_no_kwargs(const char* fname, Object* kwnames);
// Positional count check with CPython's wording:
//   "f() takes exactly one argument (2 given)", "f expected at most 2 arguments, got 3",
//   "f expected at least 1 argument, got 0", "f() takes no arguments (1 given)".
void check_nargs(const char* fname, size_t nargs, size_t min, size_t max);
inline size_t kwnames_count(Object* kwnames) noexcept;

}  // namespace gk

#include "objects/tuple.hpp"

namespace gk {
inline size_t kwnames_count(Object* kwnames) noexcept { return kwnames ? tuple_size(kwnames) : 0; }
}  // namespace gk
