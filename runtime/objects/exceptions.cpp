// runtime/objects/exceptions.cpp — the built-in exception hierarchy
// (GK_EXCEPTION_TYPES as static TypeObjects), BaseException's behaviour
// (args, str/repr, __traceback__/__cause__/__context__, with_traceback,
// add_note), the attributes of the special exceptions (StopIteration.value,
// SystemExit.code, KeyError's str, SyntaxError, OSError with errno mapping,
// ImportError, AttributeError/NameError name), the traceback type, and the
// C++ raising helpers (raise, raise_fmt, ...).
//
// Layout: every exception instance is a BaseExceptionObject; user classes
// reuse its `dict` field as their __dict__ (dictoffset is inherited), so they
// add no fields unless they declare __slots__. Attributes that CPython keeps
// in C fields (errno, filename, msg, ...) live in the instance __dict__;
// the ones that have a natural default derive it from args on access
// (StopIteration.value, SystemExit.code) so that raising costs no dict.
#include "objects/exceptions.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "frontend/syntax_error.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/code.hpp"
#include "objects/dict.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"

namespace gk {

// ---------------------------------------------------------------------------
// The static type objects

#define GK_DEFINE_EXC(name, base) \
  TypeObject ExcT_##name;         \
  TypeObject* const Exc_##name = &ExcT_##name;
GK_EXCEPTION_TYPES(GK_DEFINE_EXC)
#undef GK_DEFINE_EXC

TypeObject Traceback_type;

namespace {

// Construction of built-in exceptions runs no Python code, but dict and tuple
// helpers want a ThreadState: use the calling thread's (or a scratch one
// during start-up, before any thread state is bound).
ThreadState& any_ts() noexcept {
  static ThreadState scratch;
  ThreadState* ts = current_thread_state();
  return ts ? *ts : scratch;
}

Object* exc_args(Object* self) noexcept {
  Object* a = as_exc(self)->args;
  return a ? a : nullptr;
}
size_t nexc_args(Object* self) noexcept {
  Object* a = as_exc(self)->args;
  return a ? tuple_size(a) : 0;
}

Object* exc_dict(ThreadState&, Object* self) {
  BaseExceptionObject* e = as_exc(self);
  if (!e->dict) e->dict = dict_new().release();
  return e->dict;
}
// A value stored in the instance dict, or null.
Object* exc_dict_get(ThreadState& ts, Object* self, const char* name) {
  BaseExceptionObject* e = as_exc(self);
  return e->dict ? dict_get_cstr(ts, e->dict, name) : nullptr;
}
void exc_dict_set(ThreadState& ts, Object* self, const char* name, Object* v) {
  dict_set_cstr(ts, exc_dict(ts, self), name, v);
}

// --- BaseException ------------------------------------------------------------

Ref<Object> exc_new(ThreadState&, TypeObject* type, Object* const* args, size_t nargs, Object*) {
  Ref<Object> self = steal(type_alloc(type));
  as_exc(self)->args = tuple_from_array(args, nargs).release();
  return self;
}

void exc_init(ThreadState&, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (kwnames_count(kwnames)) raise_fmt(Exc_TypeError, "%s() takes no keyword arguments", type_of(self)->name);
  assign(as_exc(self)->args, tuple_from_array(args, nargs).get());
}

void exc_dealloc(Object* self) noexcept {
  BaseExceptionObject* e = as_exc(self);
  clear(e->dict);
  clear(e->args);
  clear(e->traceback);
  clear(e->cause);
  clear(e->context);
  object_free(self, sizeof(BaseExceptionObject));
}

Ref<Object> exc_str(ThreadState& ts, Object* self) {
  size_t n = nexc_args(self);
  if (n == 0) return str_empty();
  if (n == 1) return str(ts, tuple_get(exc_args(self), 0));
  return str(ts, exc_args(self));
}

Ref<Object> exc_repr(ThreadState& ts, Object* self) {
  std::string out = type_of(self)->name;
  size_t n = nexc_args(self);
  if (n == 1) {
    out += '(';
    out += repr_utf8(ts, tuple_get(exc_args(self), 0));
    out += ')';
  } else if (n == 0) {
    out += "()";
  } else {
    out += repr_utf8(ts, exc_args(self));
  }
  return str_new(out);
}

Ref<Object> get_args(ThreadState&, Object* self) {
  Object* a = exc_args(self);
  return a ? newref(a) : tuple_empty();
}
void set_args(ThreadState& ts, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "args may not be deleted");
  Ref<Object> t = tuple_from_iterable(ts, v);
  assign(as_exc(self)->args, t.get());
}

Ref<Object> get_traceback(ThreadState&, Object* self) {
  Object* tb = as_exc(self)->traceback;
  return newref(tb ? tb : None());
}
void set_traceback(ThreadState&, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "__traceback__ may not be deleted");
  if (is_none(v)) {
    clear(as_exc(self)->traceback);
  } else if (type_of(v) == &Traceback_type) {
    assign(as_exc(self)->traceback, v);
  } else {
    raise(Exc_TypeError, "__traceback__ must be a traceback or None");
  }
}

Ref<Object> get_cause(ThreadState&, Object* self) {
  Object* c = as_exc(self)->cause;
  return newref(c ? c : None());
}
void set_cause(ThreadState&, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "__cause__ may not be deleted");
  if (!is_none(v) && !is_exception(v)) raise(Exc_TypeError, "exception cause must be None or derive from BaseException");
  exception_set_cause(self, is_none(v) ? nullptr : v);
}

Ref<Object> get_context(ThreadState&, Object* self) {
  Object* c = as_exc(self)->context;
  return newref(c ? c : None());
}
void set_context(ThreadState&, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "__context__ may not be deleted");
  if (!is_none(v) && !is_exception(v))
    raise(Exc_TypeError, "exception context must be None or derive from BaseException");
  if (is_none(v)) clear(as_exc(self)->context);
  else assign(as_exc(self)->context, v);
}

Ref<Object> get_suppress(ThreadState&, Object* self) { return bool_ref(as_exc(self)->suppress_context); }
void set_suppress(ThreadState& ts, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "__suppress_context__ may not be deleted");
  as_exc(self)->suppress_context = is_true(ts, v);
}

Ref<Object> get_dict(ThreadState& ts, Object* self) { return newref(exc_dict(ts, self)); }
void set_dict(ThreadState&, Object* self, Object* v) {
  if (!v) raise(Exc_TypeError, "__dict__ may not be deleted");
  if (!is_dict(v)) raise_type_not("__dict__ must be set to a dictionary", v);
  assign(as_exc(self)->dict, v);
}

Ref<Object> exc_with_traceback(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("with_traceback", kwnames);
  check_nargs("with_traceback", nargs, 1, 1);
  set_traceback(ts, self, args[0]);
  return newref(self);
}

Ref<Object> exc_add_note(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("add_note", kwnames);
  check_nargs("add_note", nargs, 1, 1);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "note must be a str, not '%s'", type_name(args[0]));
  Object* notes = exc_dict_get(ts, self, "__notes__");
  if (!notes) {
    Ref<Object> l = list_new();
    exc_dict_set(ts, self, "__notes__", l);
    notes = l.get();
  } else if (!is_list(notes)) {
    raise(Exc_TypeError, "Cannot add note: __notes__ is not a list");
  }
  list_append(notes, args[0]);
  return none_ref();
}

const GetSetDef kBaseExceptionGetSets[] = {
    {"args", get_args, set_args},
    {"__traceback__", get_traceback, set_traceback},
    {"__cause__", get_cause, set_cause},
    {"__context__", get_context, set_context},
    {"__suppress_context__", get_suppress, set_suppress},
    {"__dict__", get_dict, set_dict},
    {nullptr, nullptr, nullptr},
};

const MethodDef kBaseExceptionMethods[] = {
    {"with_traceback", exc_with_traceback, METH_DEFAULT,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, METH_DEFAULT,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {nullptr, nullptr},
};

// --- StopIteration, SystemExit, KeyError -------------------------------------

Ref<Object> first_arg_or_none(Object* self) {
  return newref(nexc_args(self) > 0 ? tuple_get(exc_args(self), 0) : None());
}

Ref<Object> stopiter_get_value(ThreadState& ts, Object* self) {
  if (Object* v = exc_dict_get(ts, self, "value")) return newref(v);
  return first_arg_or_none(self);
}
void stopiter_set_value(ThreadState& ts, Object* self, Object* v) {
  if (!v) raise(Exc_AttributeError, "can't delete attribute");
  exc_dict_set(ts, self, "value", v);
}
const GetSetDef kStopIterationGetSets[] = {{"value", stopiter_get_value, stopiter_set_value}, {nullptr, nullptr, nullptr}};

Ref<Object> sysexit_get_code(ThreadState& ts, Object* self) {
  if (Object* v = exc_dict_get(ts, self, "code")) return newref(v);
  if (nexc_args(self) > 1) return newref(exc_args(self));
  return first_arg_or_none(self);
}
void sysexit_set_code(ThreadState& ts, Object* self, Object* v) {
  if (!v) raise(Exc_AttributeError, "can't delete attribute");
  exc_dict_set(ts, self, "code", v);
}
const GetSetDef kSystemExitGetSets[] = {{"code", sysexit_get_code, sysexit_set_code}, {nullptr, nullptr, nullptr}};

Ref<Object> keyerror_str(ThreadState& ts, Object* self) {
  if (nexc_args(self) == 1) return repr(ts, tuple_get(exc_args(self), 0));
  return exc_str(ts, self);
}

// --- name= / obj= / path= keyword attributes -------------------------------------

// An attribute kept in the instance dict, None when never set.
template <const char* kName>
Ref<Object> dict_attr_get(ThreadState& ts, Object* self) {
  Object* v = exc_dict_get(ts, self, kName);
  return newref(v ? v : None());
}
template <const char* kName>
void dict_attr_set(ThreadState& ts, Object* self, Object* v) {
  if (v) {
    exc_dict_set(ts, self, kName, v);
  } else if (Object* d = as_exc(self)->dict) {
    dict_del(ts, d, intern(kName));
  }
}
constexpr char kNameAttr[] = "name";
constexpr char kObjAttr[] = "obj";
constexpr char kPathAttr[] = "path";
constexpr char kMsgAttr[] = "msg";

// Binds the allowed keyword arguments of an exception __init__ into the dict.
void init_with_keywords(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames,
                        std::initializer_list<const char*> allowed) {
  assign(as_exc(self)->args, tuple_from_array(args, nargs).get());
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    Object* key = tuple_get(kwnames, i);
    bool ok = false;
    for (const char* a : allowed) ok = ok || str_view(key) == a;
    if (!ok) {
      raise_fmt(Exc_TypeError, "'%s' is an invalid keyword argument for %s()", str_data(key), type_of(self)->name);
    }
    dict_set(ts, exc_dict(ts, self), key, args[nargs + i]);
  }
}

void attrerror_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  init_with_keywords(ts, self, args, nargs, kwnames, {"name", "obj"});
}
const GetSetDef kAttributeErrorGetSets[] = {
    {"name", dict_attr_get<kNameAttr>, dict_attr_set<kNameAttr>},
    {"obj", dict_attr_get<kObjAttr>, dict_attr_set<kObjAttr>},
    {nullptr, nullptr, nullptr},
};

void nameerror_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  init_with_keywords(ts, self, args, nargs, kwnames, {"name"});
}
const GetSetDef kNameErrorGetSets[] = {
    {"name", dict_attr_get<kNameAttr>, dict_attr_set<kNameAttr>},
    {nullptr, nullptr, nullptr},
};

void importerror_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  init_with_keywords(ts, self, args, nargs, kwnames, {"name", "path"});
  if (nargs == 1) exc_dict_set(ts, self, "msg", args[0]);
}
Ref<Object> importerror_str(ThreadState& ts, Object* self) {
  Object* msg = exc_dict_get(ts, self, "msg");
  if (msg && is_str(msg)) return newref(msg);
  return exc_str(ts, self);
}
const GetSetDef kImportErrorGetSets[] = {
    {"name", dict_attr_get<kNameAttr>, dict_attr_set<kNameAttr>},
    {"path", dict_attr_get<kPathAttr>, dict_attr_set<kPathAttr>},
    {"msg", dict_attr_get<kMsgAttr>, dict_attr_set<kMsgAttr>},
    {nullptr, nullptr, nullptr},
};

// --- SyntaxError -----------------------------------------------------------------

const char* const kSyntaxAttrs[] = {"msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset",
                                    "print_file_and_line"};

void syntaxerror_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  exc_init(ts, self, args, nargs, kwnames);
  for (const char* a : kSyntaxAttrs) exc_dict_set(ts, self, a, None());
  if (nargs >= 1) exc_dict_set(ts, self, "msg", args[0]);
  if (nargs == 2) {
    Ref<Object> info = tuple_from_iterable(ts, args[1]);
    size_t n = tuple_size(info);
    if (n < 4 || n > 6) raise(Exc_IndexError, "tuple index out of range");
    for (size_t i = 0; i < n; ++i) exc_dict_set(ts, self, kSyntaxAttrs[1 + i], tuple_get(info, i));
  }
}

Ref<Object> syntaxerror_str(ThreadState& ts, Object* self) {
  Object* msg = exc_dict_get(ts, self, "msg");
  std::string text = msg ? str_utf8(ts, msg) : std::string();
  if (!msg) return exc_str(ts, self);
  Object* filename = exc_dict_get(ts, self, "filename");
  Object* lineno = exc_dict_get(ts, self, "lineno");
  bool have_file = filename && is_str(filename);
  bool have_line = lineno && is_int(lineno);
  std::string base;
  if (have_file) {
    std::string_view f = str_view(filename);
    size_t slash = f.rfind('/');
    base = std::string(slash == std::string_view::npos ? f : f.substr(slash + 1));
  }
  if (have_file && have_line) return str_new(text + " (" + base + ", line " + int_to_decimal(lineno) + ")");
  if (have_file) return str_new(text + " (" + base + ")");
  if (have_line) return str_new(text + " (line " + int_to_decimal(lineno) + ")");
  return str_new(text);
}

// --- OSError -----------------------------------------------------------------------

// OSError(errno, strerror, ...) creates the subclass that matches errno.
TypeObject* oserror_subclass_for(Object* errno_obj) {
  int64_t e;
  if (!is_int(errno_obj) || !int_to_i64(errno_obj, e)) return nullptr;
  switch (e) {
    case ENOENT: return Exc_FileNotFoundError;
    case EEXIST: return Exc_FileExistsError;
    case EACCES:
    case EPERM: return Exc_PermissionError;
    case EISDIR: return Exc_IsADirectoryError;
    case ENOTDIR: return Exc_NotADirectoryError;
    case ETIMEDOUT: return Exc_TimeoutError;
    case EINTR: return Exc_InterruptedError;
    case EPIPE:
    case ESHUTDOWN: return Exc_BrokenPipeError;
    case ECONNABORTED: return Exc_ConnectionAbortedError;
    case ECONNREFUSED: return Exc_ConnectionRefusedError;
    case ECONNRESET: return Exc_ConnectionResetError;
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return Exc_BlockingIOError;
    case ECHILD: return Exc_ChildProcessError;
    case ESRCH: return Exc_ProcessLookupError;
    default: return nullptr;
  }
}

Ref<Object> oserror_new(ThreadState& ts, TypeObject* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == Exc_OSError && nargs >= 2) {
    if (TypeObject* sub = oserror_subclass_for(args[0])) type = sub;
  }
  return exc_new(ts, type, args, nargs, kwnames);
}

void oserror_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  exc_init(ts, self, args, nargs, kwnames);
  static const char* const kAttrs[] = {"errno", "strerror", "filename", "filename2"};
  for (const char* a : kAttrs) exc_dict_set(ts, self, a, None());
  if (nargs >= 2 && nargs <= 5) {
    exc_dict_set(ts, self, "errno", args[0]);
    exc_dict_set(ts, self, "strerror", args[1]);
    if (nargs >= 3) {
      exc_dict_set(ts, self, "filename", args[2]);
      if (nargs >= 5) exc_dict_set(ts, self, "filename2", args[4]);
      // As CPython: args keeps only (errno, strerror) when a filename is given.
      assign(as_exc(self)->args, tuple_pack({args[0], args[1]}).get());
    }
  }
}

Ref<Object> oserror_str(ThreadState& ts, Object* self) {
  Object* err = exc_dict_get(ts, self, "errno");
  Object* strerror = exc_dict_get(ts, self, "strerror");
  Object* filename = exc_dict_get(ts, self, "filename");
  Object* filename2 = exc_dict_get(ts, self, "filename2");
  if (filename && !is_none(filename)) {
    std::string s = "[Errno " + str_utf8(ts, err) + "] " + str_utf8(ts, strerror) + ": " + repr_utf8(ts, filename);
    if (filename2 && !is_none(filename2)) s += " -> " + repr_utf8(ts, filename2);
    return str_new(s);
  }
  if (err && strerror && !is_none(err) && !is_none(strerror))
    return str_new("[Errno " + str_utf8(ts, err) + "] " + str_utf8(ts, strerror));
  return exc_str(ts, self);
}

// --- UnicodeEncodeError / UnicodeDecodeError ----------------------------------------

// (encoding, object, start, end, reason), kept in the dict as attributes.
void unicode_error_init(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  exc_init(ts, self, args, nargs, kwnames);
  bool decode = type_check(self, Exc_UnicodeDecodeError);
  if (nargs != 5) raise_fmt(Exc_TypeError, "function takes exactly 5 arguments (%zu given)", nargs);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "argument 1 must be str, not %s", type_name(args[0]));
  if (decode ? is_str(args[1]) : !is_str(args[1]))
    raise_fmt(Exc_TypeError, "argument 2 must be %s, not %s", decode ? "bytes-like object" : "str", type_name(args[1]));
  if (!is_int(args[2])) raise_fmt(Exc_TypeError, "argument 3 must be int, not %s", type_name(args[2]));
  if (!is_int(args[3])) raise_fmt(Exc_TypeError, "argument 4 must be int, not %s", type_name(args[3]));
  if (!is_str(args[4])) raise_fmt(Exc_TypeError, "argument 5 must be str, not %s", type_name(args[4]));
  static const char* const kAttrs[] = {"encoding", "object", "start", "end", "reason"};
  for (size_t i = 0; i < 5; ++i) exc_dict_set(ts, self, kAttrs[i], args[i]);
}

Ref<Object> unicode_error_str(ThreadState& ts, Object* self) {
  Object* enc = exc_dict_get(ts, self, "encoding");
  Object* obj = exc_dict_get(ts, self, "object");
  Object* start = exc_dict_get(ts, self, "start");
  Object* end = exc_dict_get(ts, self, "end");
  Object* reason = exc_dict_get(ts, self, "reason");
  if (!enc || !obj || !start || !end || !reason || !is_int(start) || !is_int(end)) return exc_str(ts, self);
  int64_t s = 0, e = 0;
  int_to_i64(start, s);
  int_to_i64(end, e);
  bool decode = type_check(self, Exc_UnicodeDecodeError);
  std::string head = "'" + str_utf8(ts, enc) + "' codec can't " + (decode ? "decode " : "encode ");
  std::string tail = ": " + str_utf8(ts, reason);
  size_t len = length(ts, obj);
  char buf[64];
  if (s >= 0 && static_cast<size_t>(s) < len && e == s + 1) {
    if (decode) {
      Ref<Object> b = getitem(ts, obj, start);
      int64_t byte = 0;
      int_to_i64(b, byte);
      std::snprintf(buf, sizeof buf, "byte 0x%02x in position %lld", static_cast<unsigned>(byte), static_cast<long long>(s));
    } else {
      uint32_t cp = is_str(obj) ? str_char_at(obj, static_cast<size_t>(s)) : 0;
      const char* fmt = cp < 0x100 ? "character '\\x%02x' in position %lld"
                        : cp < 0x10000 ? "character '\\u%04x' in position %lld"
                                       : "character '\\U%08x' in position %lld";
      std::snprintf(buf, sizeof buf, fmt, cp, static_cast<long long>(s));
    }
  } else {
    std::snprintf(buf, sizeof buf, "%s in position %lld-%lld", decode ? "bytes" : "characters",
                  static_cast<long long>(s), static_cast<long long>(e - 1));
  }
  return str_new(head + buf + tail);
}

// --- the hierarchy table -----------------------------------------------------------

struct ExcInfo {
  TypeObject* type;
  const char* name;
  TypeObject* base;
  const char* doc;
};

const ExcInfo kExcInfo[] = {
#define GK_EXC_INFO(name, base) {&ExcT_##name, #name, &ExcT_##base, nullptr},
    GK_EXCEPTION_TYPES(GK_EXC_INFO)
#undef GK_EXC_INFO
};

const char* exc_doc(std::string_view name) {
  struct Doc {
    std::string_view name;
    const char* doc;
  };
  static constexpr Doc kDocs[] = {
      {"BaseException", "Common base class for all exceptions"},
      {"Exception", "Common base class for all non-exit exceptions."},
      {"ValueError", "Inappropriate argument value (of correct type)."},
      {"TypeError", "Inappropriate argument type."},
      {"KeyError", "Mapping key not found."},
      {"IndexError", "Sequence index out of range."},
      {"AttributeError", "Attribute not found."},
      {"NameError", "Name not found globally."},
      {"RuntimeError", "Unspecified run-time error."},
      {"ZeroDivisionError", "Second argument to a division or modulo operation was zero."},
      {"StopIteration", "Signal the end from iterator.__next__()."},
      {"NotImplementedError", "Method or function hasn't been implemented yet."},
      {"AssertionError", "Assertion failed."},
      {"SystemExit", "Request to exit from the interpreter."},
      {"KeyboardInterrupt", "Program interrupted by user."},
      {"LookupError", "Base class for lookup errors."},
      {"ArithmeticError", "Base class for arithmetic errors."},
      {"OverflowError", "Result too large to be represented."},
      {"OSError", "Base class for I/O related errors."},
      {"ImportError", "Import can't find module, or can't find name in module."},
      {"RecursionError", "Recursion limit exceeded."},
  };
  for (const Doc& d : kDocs)
    if (d.name == name) return d.doc;
  return nullptr;
}

void setup_exception(TypeObject& t) {
  const ExcInfo* info = nullptr;
  for (const ExcInfo& i : kExcInfo)
    if (i.type == &t) info = &i;
  if (!info) return;
  t.name = info->name;
  t.doc = exc_doc(info->name);
  t.basicsize = sizeof(BaseExceptionObject);
  t.flags |= TPFLAG_BASETYPE | TPFLAG_HAS_DICT | TPFLAG_EXC_SUBCLASS;
  {
    BaseExceptionObject probe{};
    t.dictoffset = reinterpret_cast<char*>(&probe.dict) - reinterpret_cast<char*>(&probe);
  }
  std::string_view name = info->name;
  if (&t == Exc_BaseException) {
    t.base = &Object_type;
    t.dealloc = exc_dealloc;
    t.new_ = exc_new;
    t.init = exc_init;
    t.repr = exc_repr;
    t.str = exc_str;
    t.getsets = kBaseExceptionGetSets;
    t.methods = kBaseExceptionMethods;
    return;
  }
  t.base = info->base;
  if (name == "StopIteration") t.getsets = kStopIterationGetSets;
  else if (name == "SystemExit") t.getsets = kSystemExitGetSets;
  else if (name == "KeyError") t.str = keyerror_str;
  else if (name == "AttributeError") t.init = attrerror_init, t.getsets = kAttributeErrorGetSets;
  else if (name == "NameError") t.init = nameerror_init, t.getsets = kNameErrorGetSets;
  else if (name == "ImportError") t.init = importerror_init, t.str = importerror_str, t.getsets = kImportErrorGetSets;
  else if (name == "SyntaxError") t.init = syntaxerror_init, t.str = syntaxerror_str;
  else if (name == "OSError") t.new_ = oserror_new, t.init = oserror_init, t.str = oserror_str;
  else if (name == "UnicodeEncodeError" || name == "UnicodeDecodeError") t.init = unicode_error_init, t.str = unicode_error_str;
}

#define GK_REGISTER_EXC(name, base) GK_REGISTER_TYPE(ExcT_##name, setup_exception);
GK_EXCEPTION_TYPES(GK_REGISTER_EXC)
#undef GK_REGISTER_EXC

// --- traceback objects ---------------------------------------------------------------

void tb_dealloc(Object* o) noexcept {
  auto* tb = static_cast<TracebackObject*>(o);
  // Unlink iteratively: a long chain must not recurse once per entry.
  Object* next = tb->next;
  tb->next = nullptr;
  clear(tb->code);
  object_free(o, sizeof(TracebackObject));
  while (next && refcount(next) == 1 && type_of(next) == &Traceback_type) {
    auto* n = static_cast<TracebackObject*>(next);
    Object* after = n->next;
    n->next = nullptr;
    decref(next);
    next = after;
  }
  xdecref(next);
}

Ref<Object> tb_get_next(ThreadState&, Object* o) {
  Object* n = static_cast<TracebackObject*>(o)->next;
  return newref(n ? n : None());
}
void tb_set_next(ThreadState&, Object* o, Object* v) {
  if (!v) raise(Exc_TypeError, "can't delete tb_next attribute");
  if (is_none(v)) {
    clear(static_cast<TracebackObject*>(o)->next);
    return;
  }
  if (type_of(v) != &Traceback_type) raise_fmt(Exc_TypeError, "expected traceback object or None, got '%s'", type_name(v));
  for (Object* c = v; c; c = static_cast<TracebackObject*>(c)->next)
    if (c == o) raise(Exc_ValueError, "traceback loop detected");
  assign(static_cast<TracebackObject*>(o)->next, v);
}
Ref<Object> tb_get_lineno(ThreadState&, Object* o) { return int_from_i64(static_cast<TracebackObject*>(o)->lineno); }
Ref<Object> tb_get_lasti(ThreadState&, Object* o) { return int_from_i64(static_cast<TracebackObject*>(o)->lasti * 4); }
Ref<Object> tb_get_frame(ThreadState&, Object*) { return none_ref(); }
Ref<Object> tb_get_code(ThreadState&, Object* o) {
  Object* c = static_cast<TracebackObject*>(o)->code;
  return newref(c ? c : None());
}

const GetSetDef kTracebackGetSets[] = {
    {"tb_next", tb_get_next, tb_set_next},
    {"tb_lineno", tb_get_lineno, nullptr},
    {"tb_lasti", tb_get_lasti, nullptr},
    {"tb_frame", tb_get_frame, nullptr},
    {"tb_code", tb_get_code, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_traceback(TypeObject& t) {
  t.name = "traceback";
  t.basicsize = sizeof(TracebackObject);
  t.dealloc = tb_dealloc;
  t.getsets = kTracebackGetSets;
}
GK_REGISTER_TYPE(Traceback_type, setup_traceback);

// The MemoryError raised when the allocator fails (it cannot allocate a new one).
Object* g_memory_error = nullptr;

// Builds an instance of a built-in exception type without running Python
// code; heap types (user exception classes) are called like any class.
Ref<Object> make_exception(ThreadState& ts, TypeObject* type, Object* args) {
  if (!is_exception_type(type))
    raise_fmt(Exc_TypeError, "exceptions must derive from BaseException");
  if (type->flags & TPFLAG_HEAPTYPE) return call_tuple_dict(ts, type, args, nullptr);
  Object* const* items = tuple_items(args);
  size_t n = tuple_size(args);
  Ref<Object> exc = type->new_(ts, type, items, n, nullptr);
  if (type->init && type_check(exc, type)) type_of(exc)->init(ts, exc, items, n, nullptr);
  return exc;
}

}  // namespace

// ---------------------------------------------------------------------------
// Public API

void init_exceptions() {
  if (g_memory_error || !(Exc_MemoryError->flags & TPFLAG_READY)) return;
  ThreadState& ts = any_ts();
  g_memory_error = make_exception(ts, Exc_MemoryError, tuple_empty()).release();
}

Ref<Object> exception_new_args(ThreadState& ts, TypeObject* type, Object* args) {
  return make_exception(ts, type, args);
}

Ref<Object> exception_new(ThreadState& ts, TypeObject* type, std::string_view msg) {
  Ref<Object> s = str_new(msg);
  Ref<Object> args = tuple_pack({s.get()});
  return make_exception(ts, type, args);
}

void raise_obj(Ref<Object> exc) { throw PyError(std::move(exc)); }

void raise(TypeObject* type, std::string_view msg) { throw PyError(exception_new(any_ts(), type, msg)); }

void raise_fmt(TypeObject* type, const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n >= 0 && static_cast<size_t>(n) >= sizeof buf) {
    std::string big(static_cast<size_t>(n) + 1, '\0');
    va_start(ap, fmt);
    std::vsnprintf(big.data(), big.size(), fmt, ap);
    va_end(ap);
    big.resize(static_cast<size_t>(n));
    raise(type, big);
  }
  raise(type, std::string_view(buf, n < 0 ? 0 : static_cast<size_t>(n)));
}

void raise_with_arg(TypeObject* type, Object* arg) {
  Ref<Object> args = tuple_pack({arg});
  throw PyError(make_exception(any_ts(), type, args));
}

void raise_stop_iteration(Object* value) {
  if (!value || is_none(value)) throw PyError(make_exception(any_ts(), Exc_StopIteration, tuple_empty()));
  raise_with_arg(Exc_StopIteration, value);
}

// Like CPython, each failure raises a fresh MemoryError: after a failed large
// request (the usual case) a small instance still fits. Only when even that
// fails is the preallocated one raised, with the traceback and chaining of
// its previous raise dropped (they would otherwise pile up on every raise).
void raise_no_memory() {
  if (!g_memory_error) throw std::bad_alloc();
  static thread_local bool t_building = false;  // owner thread only: no recursion from make_exception
  if (!t_building) {
    t_building = true;
    Ref<Object> fresh;
    try {
      fresh = make_exception(any_ts(), Exc_MemoryError, tuple_empty());
    } catch (...) {
    }
    t_building = false;
    if (fresh) throw PyError(std::move(fresh));
  }
  BaseExceptionObject* e = as_exc(g_memory_error);
  clear(e->traceback);
  clear(e->cause);
  clear(e->context);
  e->suppress_context = false;
  throw PyError(newref(g_memory_error));
}

void raise_attribute_error(Object* obj, Object* name) {
  ThreadState& ts = any_ts();
  std::string_view n = is_str(name) ? str_view(name) : std::string_view("?");
  std::string msg;
  if (is_type(obj)) {
    msg = "type object '" + std::string(static_cast<TypeObject*>(obj)->name) + "' has no attribute '" +
          std::string(n) + "'";
  } else if (type_check(obj, &Module_type)) {
    Object* mname = nullptr;
    if (Object* d = instance_dict_slot(obj) ? *instance_dict_slot(obj) : nullptr) mname = dict_get_cstr(ts, d, "__name__");
    if (mname && is_str(mname))
      msg = "module '" + std::string(str_view(mname)) + "' has no attribute '" + std::string(n) + "'";
    else
      msg = "module has no attribute '" + std::string(n) + "'";
  } else {
    msg = "'" + std::string(type_name(obj)) + "' object has no attribute '" + std::string(n) + "'";
  }
  Ref<Object> exc = exception_new(ts, Exc_AttributeError, msg);
  if (type_check(exc, Exc_AttributeError)) {
    Object* d = exc_dict(ts, exc);
    dict_set(ts, d, names::name, name);
    dict_set(ts, d, intern("obj"), obj);
  }
  throw PyError(std::move(exc));
}

void raise_type_not(const char* what, Object* got) { raise_fmt(Exc_TypeError, "%s, not %s", what, type_name(got)); }

Ref<Object> syntax_error_new(ThreadState& ts, const SyntaxErrorInfo& info) {
  TypeObject* type = Exc_SyntaxError;
  if (info.kind == "IndentationError") type = Exc_IndentationError;
  else if (info.kind == "TabError") type = Exc_TabError;
  Ref<Object> msg = str_new(info.msg);
  Ref<Object> filename = str_new(info.filename);
  Ref<Object> lineno = int_from_i64(info.lineno);
  Ref<Object> offset = int_from_i64(info.offset);
  Ref<Object> text = info.text.empty() ? none_ref() : str_new(info.text);
  Ref<Object> end_lineno = info.end_lineno ? int_from_i64(info.end_lineno) : none_ref();
  Ref<Object> end_offset = info.end_lineno ? int_from_i64(info.end_offset) : none_ref();
  Ref<Object> details = tuple_pack({filename, lineno, offset, text, end_lineno, end_offset});
  Ref<Object> args = tuple_pack({msg, details});
  return make_exception(ts, type, args);
}

void exception_set_traceback(Object* exc, Object* tb) {
  if (tb && is_none(tb)) tb = nullptr;
  assign(as_exc(exc)->traceback, tb);
}

void exception_set_context(Object* exc, Object* context) {
  if (context == exc) return;  // an exception is never its own context
  if (context) {
    // Setting exc.__context__ = context must not close a cycle: if exc is
    // already somewhere in context's chain, cut the chain just before it.
    // A pre-existing cycle elsewhere in the chain is detected (Floyd) and
    // ends the walk.
    Object* slow = context;
    bool advance_slow = false;
    for (Object* o = context; o;) {
      Object* next = as_exc(o)->context;
      if (next == exc) {
        clear(as_exc(o)->context);
        break;
      }
      o = next;
      if (advance_slow) slow = as_exc(slow)->context;
      advance_slow = !advance_slow;
      if (o && o == slow) break;
    }
  }
  assign(as_exc(exc)->context, context);
}

void exception_set_cause(Object* exc, Object* cause) {
  if (cause && is_none(cause)) cause = nullptr;
  assign(as_exc(exc)->cause, cause);
  as_exc(exc)->suppress_context = true;
}

void traceback_add(Object* exc, Object* code, int lasti, int lineno) {
  auto* tb = alloc_object<TracebackObject>(&Traceback_type);
  tb->next = as_exc(exc)->traceback;  // steals the exception's reference
  xincref(code);
  tb->code = code;
  tb->lasti = lasti;
  tb->lineno = lineno;
  as_exc(exc)->traceback = tb;
}

}  // namespace gk
