// runtime/objects/args.cpp — argument binding for native functions.
#include "objects/args.hpp"

#include <string>
#include <string_view>

#include "objects/exceptions.hpp"
#include "objects/str.hpp"

namespace gk {

namespace {
struct Param {
  std::string_view name;
  bool positional_only;
  bool keyword_only;
};
Param decode(const char* p) {
  if (p[0] == '%') return {p + 1, true, false};
  if (p[0] == '$') return {p + 1, false, true};
  return {p, false, false};
}
}  // namespace

void parse_args(const char* fname, Object* const* args, size_t nargs, Object* kwnames,
                std::initializer_list<const char*> params, size_t required, Object** out) {
  const size_t nparams = params.size();
  size_t max_positional = 0;
  for (const char* p : params) {
    if (decode(p).keyword_only) break;
    ++max_positional;
  }
  for (size_t i = 0; i < nparams; ++i) out[i] = nullptr;
  if (nargs > max_positional) {
    if (max_positional == 0)
      raise_fmt(Exc_TypeError, "%s() takes no positional arguments", fname);
    raise_fmt(Exc_TypeError, "%s() takes at most %zu positional argument%s (%zu given)", fname, max_positional,
              max_positional == 1 ? "" : "s", nargs);
  }
  for (size_t i = 0; i < nargs; ++i) out[i] = args[i];
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kw = str_view(tuple_get(kwnames, k));
    size_t i = 0;
    const char* const* it = params.begin();
    for (; i < nparams; ++i) {
      Param p = decode(it[i]);
      if (p.name == kw && !p.positional_only) break;
    }
    if (i == nparams) {
      raise_fmt(Exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", fname, (int)kw.size(), kw.data());
    }
    if (out[i]) {
      raise_fmt(Exc_TypeError, "argument for %s() given by name ('%.*s') and position (%zu)", fname, (int)kw.size(),
                kw.data(), i + 1);
    }
    out[i] = args[nargs + k];
  }
  for (size_t i = 0; i < required && i < nparams; ++i) {
    if (!out[i]) {
      Param p = decode(params.begin()[i]);
      if (p.keyword_only)
        raise_fmt(Exc_TypeError, "%s() missing required keyword-only argument: '%.*s'", fname, (int)p.name.size(),
                  p.name.data());
      raise_fmt(Exc_TypeError, "%s() missing required argument '%.*s' (pos %zu)", fname, (int)p.name.size(),
                p.name.data(), i + 1);
    }
  }
}

void check_no_kwargs(const char* fname, Object* kwnames) {
  if (kwnames_count(kwnames) != 0) raise_fmt(Exc_TypeError, "%s() takes no keyword arguments", fname);
}

void check_nargs(const char* fname, size_t nargs, size_t min, size_t max) {
  if (nargs >= min && nargs <= max) return;
  if (min == max) {
    if (min == 0) raise_fmt(Exc_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    if (min == 1) raise_fmt(Exc_TypeError, "%s() takes exactly one argument (%zu given)", fname, nargs);
    raise_fmt(Exc_TypeError, "%s expected %zu arguments, got %zu", fname, min, nargs);
  }
  if (nargs < min)
    raise_fmt(Exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
  raise_fmt(Exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max, max == 1 ? "" : "s", nargs);
}

}  // namespace gk
