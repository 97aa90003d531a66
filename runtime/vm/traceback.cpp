// runtime/vm/traceback.cpp — printing exceptions the way CPython 3.11 does:
// print_exception (tracebacks, chained causes and contexts, SyntaxError's
// location and caret line, __notes__, "Did you mean" suggestions for
// NameError/AttributeError, "[Previous line repeated N more times]") and
// print_unraisable ("Exception ignored in: ...").
//
// Output goes to sys.stderr (through stdio.hpp), or to the C stderr when
// sys.stderr is unusable. Source lines are read from co_filename and cached
// per file (guarded by a mutex: tracebacks may be printed by any thread).
//
// Difference from CPython: code objects carry line numbers but no column
// ranges, so the "~~~^^^" marker lines under source lines are not printed.
#include <algorithm>
#include <climits>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/stdio.hpp"
#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

constexpr int kRecursiveCutoff = 3;      // identical entries shown before "[Previous line repeated ...]"
constexpr long kDefaultTracebackLimit = 1000;

// --- source lines --------------------------------------------------------------------

std::mutex g_source_mutex;
std::unordered_map<std::string, std::vector<std::string>>* g_source_cache = nullptr;

// Line `lineno` (1-based) of `filename`, or "" when unavailable.
std::string source_line(const std::string& filename, int lineno) {
  if (lineno < 1 || filename.empty() || filename[0] == '<') return {};
  std::lock_guard<std::mutex> lock(g_source_mutex);
  if (!g_source_cache) g_source_cache = new std::unordered_map<std::string, std::vector<std::string>>();
  auto it = g_source_cache->find(filename);
  if (it == g_source_cache->end()) {
    std::vector<std::string> lines;
    std::ifstream in(filename, std::ios::binary);
    std::string line;
    while (in && std::getline(in, line)) lines.push_back(line);
    it = g_source_cache->emplace(filename, std::move(lines)).first;
  }
  const auto& lines = it->second;
  return static_cast<size_t>(lineno) <= lines.size() ? lines[static_cast<size_t>(lineno) - 1] : std::string();
}

std::string strip(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\f\r\n\v");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\f\r\n\v");
  return s.substr(b, e - b + 1);
}

// --- "Did you mean" --------------------------------------------------------------------

constexpr size_t kMaxCandidates = 750;
constexpr size_t kMaxNameSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// Edit distance with cheap case changes; anything above max_cost reports max_cost + 1.
size_t edit_distance(std::string_view a, std::string_view b, size_t max_cost) {
  if (a == b) return 0;
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxNameSize || b.size() > kMaxNameSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  // One row of the DP matrix, updated in place: row[i] = cost(b[:j], a[:i+1]).
  size_t row[kMaxNameSize];
  for (size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t j = 0; j < b.size(); ++j) {
    size_t diag = j * kMoveCost;  // cost(b[:j], a[:0])
    result = diag;
    size_t row_min = SIZE_MAX;
    for (size_t i = 0; i < a.size(); ++i) {
      size_t substitute = diag + substitution_cost(b[j], a[i]);
      diag = row[i];
      size_t insert_delete = std::min(result, diag) + kMoveCost;
      result = std::min(insert_delete, substitute);
      row[i] = result;
      row_min = std::min(row_min, result);
    }
    if (row_min > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest candidate to `name` (a list of str), or "".
std::string best_suggestion(Object* candidates, std::string_view name) {
  size_t n = list_size(candidates);
  if (n >= kMaxCandidates) return {};
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (size_t i = 0; i < n; ++i) {
    Object* item = list_get(candidates, i);
    if (!is_str(item)) continue;
    std::string_view s = str_view(item);
    if (s == name) continue;
    size_t max_distance = (name.size() + s.size() + 3) * kMoveCost / 6;
    if (best_distance != SIZE_MAX) max_distance = std::min(max_distance, best_distance - 1);
    size_t d = edit_distance(name, s, max_distance);
    if (d > max_distance) continue;
    if (best.empty() || d < best_distance) {
      best = s;
      best_distance = d;
    }
  }
  return best;
}

Ref<Object> sorted_keys(ThreadState& ts, Object* mapping) {
  Ref<Object> keys = is_dict(mapping) ? dict_keys_list(mapping) : list_from_iterable(ts, mapping);
  list_sort(ts, keys, nullptr, false);
  return keys;
}

// The innermost traceback entry of exc (null when it has none).
TracebackObject* last_entry(Object* exc) {
  auto* tb = static_cast<TracebackObject*>(as_exc(exc)->traceback);
  while (tb && tb->next) tb = static_cast<TracebackObject*>(tb->next);
  return tb;
}

std::string suggestion_for(ThreadState& ts, Object* exc) {
  try {
    bool attr = type_check(exc, Exc_AttributeError);
    bool name_err = !attr && type_check(exc, Exc_NameError);
    if (!attr && !name_err) return {};
    Ref<Object> name = lookup_attr(ts, exc, names::name);
    if (!name || !is_str(name)) return {};
    if (attr) {
      Ref<Object> obj = lookup_attr(ts, exc, intern("obj"));
      if (!obj) return {};
      Ref<Object> dir = lookup_special(ts, obj, intern("__dir__"));
      if (!dir) return {};
      Ref<Object> names_list = list_from_iterable(ts, call0(ts, dir));
      list_sort(ts, names_list, nullptr, false);
      return best_suggestion(names_list, str_view(name));
    }
    // NameError: the faulting code's local names, then the main module's
    // globals, then the builtins (code objects do not record their globals).
    if (TracebackObject* tb = last_entry(exc)) {
      auto* co = static_cast<CodeObject*>(tb->code);
      if (co && (co->flags & CO_OPTIMIZED)) {
        Ref<Object> locals = list_new();
        for (Object* t : {co->varnames, co->cellvars, co->freevars})
          if (t)
            for (size_t i = 0; i < tuple_size(t); ++i) list_append(locals, tuple_get(t, i));
        list_sort(ts, locals, nullptr, false);
        std::string s = best_suggestion(locals, str_view(name));
        if (!s.empty()) return s;
      }
    }
    if (Object* main = dict_get(ts, ts.interp->modules, names::__main__)) {
      std::string s = best_suggestion(sorted_keys(ts, module_dict(main)), str_view(name));
      if (!s.empty()) return s;
    }
    return best_suggestion(sorted_keys(ts, ts.interp->builtins), str_view(name));
  } catch (PyError&) {
    return {};
  }
}

// --- formatting ----------------------------------------------------------------------------

long traceback_limit(ThreadState& ts) {
  try {
    if (!ts.interp || !ts.interp->sys_module) return kDefaultTracebackLimit;
    Object* v = dict_get_cstr(ts, module_dict(ts.interp->sys_module), "tracebacklimit");
    if (!v || !is_int(v)) return kDefaultTracebackLimit;
    int64_t n;
    if (!int_to_i64(v, n)) return n > 0 ? LONG_MAX : 0;
    return n <= 0 ? 0 : static_cast<long>(std::min<int64_t>(n, LONG_MAX));
  } catch (PyError&) {
    return kDefaultTracebackLimit;
  }
}

std::string code_filename(Object* code) {
  auto* co = static_cast<CodeObject*>(code);
  return co && co->filename && is_str(co->filename) ? std::string(str_view(co->filename)) : "???";
}
std::string code_name(Object* code) {
  auto* co = static_cast<CodeObject*>(code);
  return co && co->name && is_str(co->name) ? std::string(str_view(co->name)) : "???";
}

void format_entry(std::string& out, const std::string& file, int line, const std::string& name) {
  out += "  File \"" + file + "\", line " + std::to_string(line) + ", in " + name + "\n";
  std::string src = strip(source_line(file, line));
  if (!src.empty()) out += "    " + src + "\n";
}

void format_repeated(std::string& out, int count) {
  count -= kRecursiveCutoff;
  out += "  [Previous line repeated " + std::to_string(count) + " more time" + (count > 1 ? "s" : "") + "]\n";
}

void format_traceback(ThreadState& ts, std::string& out, Object* tb_obj) {
  long limit = traceback_limit(ts);
  if (limit <= 0) return;
  std::vector<TracebackObject*> entries;
  for (Object* t = tb_obj; t; t = static_cast<TracebackObject*>(t)->next)
    entries.push_back(static_cast<TracebackObject*>(t));
  size_t start = entries.size() > static_cast<size_t>(limit) ? entries.size() - static_cast<size_t>(limit) : 0;
  out += "Traceback (most recent call last):\n";
  std::string last_file, last_name;
  int last_line = -1;
  int count = 0;
  for (size_t i = start; i < entries.size(); ++i) {
    TracebackObject* tb = entries[i];
    std::string file = code_filename(tb->code);
    std::string name = code_name(tb->code);
    if (last_line == -1 || file != last_file || tb->lineno != last_line || name != last_name) {
      if (count > kRecursiveCutoff) format_repeated(out, count);
      last_file = file;
      last_line = tb->lineno;
      last_name = name;
      count = 0;
    }
    ++count;
    if (count <= kRecursiveCutoff) format_entry(out, file, tb->lineno, name);
  }
  if (count > kRecursiveCutoff) format_repeated(out, count);
}

// `  File "x.py", line N` / the source text / the caret line of a SyntaxError.
// Returns false when exc does not carry a location (then it prints as usual).
bool format_syntax_error_location(ThreadState& ts, std::string& out, Object* exc) {
  if (!type_check(exc, Exc_SyntaxError)) return false;
  Ref<Object> filename = lookup_attr(ts, exc, intern("filename"));
  Ref<Object> lineno = lookup_attr(ts, exc, intern("lineno"));
  Ref<Object> offset = lookup_attr(ts, exc, intern("offset"));
  Ref<Object> text = lookup_attr(ts, exc, intern("text"));
  Ref<Object> end_lineno = lookup_attr(ts, exc, intern("end_lineno"));
  Ref<Object> end_offset = lookup_attr(ts, exc, intern("end_offset"));
  if (!lineno || !is_int(lineno)) return false;
  std::string file = filename && is_str(filename) ? std::string(str_view(filename)) : "<string>";
  int64_t line = int_as_i64(lineno);
  out += "  File \"" + file + "\", line " + std::to_string(line) + "\n";
  if (!text || !is_str(text)) return true;

  int64_t off = offset && is_int(offset) ? int_as_i64(offset) : -1;
  int64_t end_off = end_offset && is_int(end_offset) ? int_as_i64(end_offset) : -1;
  int64_t end_line = end_lineno && is_int(end_lineno) ? int_as_i64(end_lineno) : line;
  std::string t(str_view(text));
  if (end_line > line) {
    // The error spans lines: underline to the end of the text (as CPython,
    // which counts the text's trailing newline).
    end_off = static_cast<int64_t>(str_length(text));
  }
  size_t carets = (end_off > 0 && end_off > off) ? static_cast<size_t>(end_off - off) : 1;
  int64_t pos = off - 1;  // 0-based
  size_t b = 0;
  while (b < t.size() && (t[b] == ' ' || t[b] == '\t' || t[b] == '\f')) {
    ++b;
    --pos;
  }
  t = t.substr(b);
  int64_t len = static_cast<int64_t>(t.size());
  if (len > 0 && t[static_cast<size_t>(len) - 1] == '\n') --len;
  if (pos > len) pos = len;
  for (;;) {  // skip past embedded newlines before the offset
    size_t nl = t.find('\n');
    if (nl == std::string::npos || static_cast<int64_t>(nl) >= pos) break;
    t = t.substr(nl + 1);
    len -= static_cast<int64_t>(nl) + 1;
    pos -= static_cast<int64_t>(nl) + 1;
  }
  out += "    " + t;
  if (t.empty() || t.back() != '\n') out += "\n";
  if (pos < 0 || off < 0) return true;
  out += "    " + std::string(static_cast<size_t>(pos), ' ') + std::string(carets, '^') + "\n";
  return true;
}

// "ValueError: msg", "mod.Error: msg", "KeyError: 'k'", "E" (empty message).
void format_exception_line(ThreadState& ts, std::string& out, Object* exc, bool syntax_location) {
  TypeObject* type = type_of(exc);
  std::string qual;
  if (type->qualname && is_str(type->qualname))
    qual = str_view(type->qualname);
  else
    qual = type->name ? type->name : "?";
  std::string module = "builtins";
  try {
    Ref<Object> m = lookup_attr(ts, type, names::__module__);
    module = m && is_str(m) ? std::string(str_view(m)) : std::string("<unknown>");
  } catch (PyError&) {
    module = "<unknown>";
  }
  std::string line = (module == "builtins" || module == "__main__") ? qual : module + "." + qual;
  std::string msg;
  bool failed = false;
  try {
    if (syntax_location) {
      Ref<Object> m = lookup_attr(ts, exc, intern("msg"));
      msg = m ? str_utf8(ts, m) : str_utf8(ts, exc);
    } else {
      msg = str_utf8(ts, exc);
    }
  } catch (PyError&) {
    failed = true;
  }
  if (failed)
    line += ": <exception str() failed>";
  else if (!msg.empty())
    line += ": " + msg;
  std::string hint = suggestion_for(ts, exc);
  if (!hint.empty()) line += ". Did you mean: '" + hint + "'?";
  out += line + "\n";
  // PEP 678 notes, one per line.
  try {
    Object** dp = instance_dict_slot(exc);
    Object* notes = dp && *dp ? dict_get_cstr(ts, *dp, "__notes__") : nullptr;
    if (notes && is_list(notes)) {
      for (size_t i = 0; i < list_size(notes); ++i) {
        Object* n = list_get(notes, i);
        out += (is_str(n) ? std::string(str_view(n)) : str_utf8(ts, n)) + "\n";
      }
    } else if (notes) {
      out += repr_utf8(ts, notes) + "\n";
    }
  } catch (PyError&) {
  }
}

void format_one(ThreadState& ts, std::string& out, Object* exc) {
  if (Object* tb = as_exc(exc)->traceback) format_traceback(ts, out, tb);
  bool loc = false;
  try {
    loc = format_syntax_error_location(ts, out, exc);
  } catch (PyError&) {
  }
  format_exception_line(ts, out, exc, loc);
}

const char kCauseMessage[] = "\nThe above exception was the direct cause of the following exception:\n\n";
const char kContextMessage[] = "\nDuring handling of the above exception, another exception occurred:\n\n";

// The whole chain, oldest first: each exception is preceded by its cause or
// (unless suppressed) its context, each printed once.
std::string format_chain(ThreadState& ts, Object* exc) {
  std::vector<Object*> chain;           // newest first
  std::vector<const char*> separators;  // separators[i] goes between chain[i+1] and chain[i]
  auto seen = [&](Object* e) { return std::find(chain.begin(), chain.end(), e) != chain.end(); };
  for (Object* e = exc; e && is_exception(e);) {
    chain.push_back(e);
    BaseExceptionObject* b = as_exc(e);
    if (b->cause && is_exception(b->cause) && !seen(b->cause)) {
      separators.push_back(kCauseMessage);
      e = b->cause;
    } else if (b->context && is_exception(b->context) && !b->suppress_context && !seen(b->context)) {
      separators.push_back(kContextMessage);
      e = b->context;
    } else {
      break;
    }
  }
  std::string out;
  for (size_t i = chain.size(); i-- > 0;) {
    format_one(ts, out, chain[i]);
    if (i > 0) out += separators[i - 1];
  }
  return out;
}

void write_stderr(ThreadState& ts, const std::string& text) {
  try {
    Ref<Object> err = stdio_current_stderr(ts);
    if (err && !is_none(err)) {
      stdio_write(ts, err, text);
      stdio_flush(ts, err);
      return;
    }
  } catch (...) {
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

void print_exception(ThreadState& ts, Object* exc) {
  if (!exc) return;
  Ref<Object> keep = newref(exc);
  std::string text;
  try {
    if (!is_exception(exc)) {
      text = "TypeError: print_exception(): Exception expected for value, " + std::string(type_name(exc)) +
             " found\n";
    } else {
      text = format_chain(ts, exc);
    }
  } catch (PyError&) {
    text += "<exception formatting failed>\n";
  }
  write_stderr(ts, text);
}

void print_unraisable(ThreadState& ts, Object* exc, Object* obj) noexcept {
  try {
    Ref<Object> keep = newref(exc);
    // The report runs Python code (repr, str): keep the handled exception intact.
    Object* saved = ts.exc_info;
    xincref(saved);
    std::string text;
    if (obj) {
      std::string r;
      try {
        r = repr_utf8(ts, obj);
      } catch (PyError&) {
        r = "<object repr() failed>";
      }
      text = "Exception ignored in: " + r + "\n";
    }
    try {
      // As CPython's default unraisable hook: the exception alone, no chained ones.
      if (is_exception(exc))
        format_one(ts, text, exc);
      else
        text += repr_utf8(ts, exc) + "\n";
    } catch (PyError&) {
      text += "<exception formatting failed>\n";
    }
    Object* cur = ts.exc_info;
    ts.exc_info = saved;
    xdecref(cur);
    stdio_flush_all();
    write_stderr(ts, text);
  } catch (...) {
  }
}

}  // namespace gk
