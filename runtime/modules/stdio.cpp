// runtime/modules/stdio.cpp — the standard text streams.
#include "modules/stdio.hpp"

#include <cstdio>
#include <unistd.h>

#include "gil/policy.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/module.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/type.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

struct TextStreamObject : Object {
  FILE* fp;         // the C stream (not owned: stdin/stdout/stderr)
  Object* name;     // str "<stdout>"
  bool readable;
  bool writable;
};

TextStreamObject* as_stream(Object* o) { return static_cast<TextStreamObject*>(o); }

void stream_dealloc(Object* o) noexcept {
  xdecref(as_stream(o)->name);
  object_free(o, sizeof(TextStreamObject));
}

Ref<Object> stream_repr(ThreadState&, Object* o) {
  std::string r = "<_io.TextIOWrapper name='";
  r += str_view(as_stream(o)->name);
  r += "' mode='";
  r += as_stream(o)->readable ? "r" : "w";
  r += "' encoding='utf-8'>";
  return str_new(r);
}

// Writing may block (a full pipe, a slow terminal): release the GIL around
// it. `text` stays valid: the caller owns it or a reference to its str.
void write_raw(ThreadState& ts, TextStreamObject* s, std::string_view text) {
  if (!s->writable) raise(Exc_OSError, "not writable");
  if (text.empty()) return;
  size_t written;
  {
    AllowThreads allow(ts);
    written = std::fwrite(text.data(), 1, text.size(), s->fp);
  }
  if (written != text.size()) raise(Exc_OSError, "write failed");
}

Ref<Object> stream_write(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  check_no_kwargs("write", kwnames);
  check_nargs("write", nargs, 1, 1);
  if (!is_str(args[0])) raise_fmt(Exc_TypeError, "write() argument must be str, not %s", type_name(args[0]));
  write_raw(ts, as_stream(self), str_view(args[0]));
  return int_from_u64(str_length(args[0]));
}

Ref<Object> stream_flush(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("flush", kwnames);
  check_nargs("flush", nargs, 0, 0);
  std::fflush(as_stream(self)->fp);
  return none_ref();
}

Ref<Object> stream_readline(ThreadState& ts, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("readline", kwnames);
  check_nargs("readline", nargs, 0, 1);
  std::string line;
  if (!as_stream(self)->readable) raise(Exc_OSError, "not readable");
  {
    AllowThreads allow(ts);  // reading a line blocks
    int c;
    while ((c = std::fgetc(as_stream(self)->fp)) != EOF) {
      line.push_back(static_cast<char>(c));
      if (c == '\n') break;
    }
  }
  return str_new(line);
}

Ref<Object> stream_fileno(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("fileno", kwnames);
  check_nargs("fileno", nargs, 0, 0);
  return int_from_i64(fileno(as_stream(self)->fp));
}

Ref<Object> stream_isatty(ThreadState&, Object* self, Object* const*, size_t nargs, Object* kwnames) {
  check_no_kwargs("isatty", kwnames);
  check_nargs("isatty", nargs, 0, 0);
  return bool_ref(isatty(fileno(as_stream(self)->fp)) != 0);
}

Ref<Object> stream_get_name(ThreadState&, Object* self) { return newref(as_stream(self)->name); }
Ref<Object> stream_get_encoding(ThreadState&, Object*) { return str_new("utf-8"); }

const MethodDef kStreamMethods[] = {
    {"write", stream_write},   {"flush", stream_flush},   {"readline", stream_readline},
    {"fileno", stream_fileno}, {"isatty", stream_isatty}, {nullptr, nullptr},
};
const GetSetDef kStreamGetSets[] = {
    {"name", stream_get_name, nullptr},
    {"encoding", stream_get_encoding, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_text_stream(TypeObject& t) {
  t.name = "_io.TextIOWrapper";
  t.basicsize = sizeof(TextStreamObject);
  t.dealloc = stream_dealloc;
  t.repr = stream_repr;
  t.methods = kStreamMethods;
  t.getsets = kStreamGetSets;
}

Ref<Object> make_stream(FILE* fp, const char* name, bool readable) {
  auto* s = alloc_object<TextStreamObject>(&TextStream_type);
  s->fp = fp;
  s->name = str_new(name).release();
  s->readable = readable;
  s->writable = !readable;
  return steal<Object>(s);
}

Ref<Object> sys_attr(ThreadState& ts, const char* name) {
  Object* v = dict_get_cstr(ts, module_dict(ts.interp->sys_module), name);
  if (!v) raise_fmt(Exc_RuntimeError, "lost sys.%s", name);
  return newref(v);
}

}  // namespace

TypeObject TextStream_type;
GK_REGISTER_TYPE(TextStream_type, setup_text_stream);

StdStreams make_std_streams() {
  return {make_stream(stdin, "<stdin>", true), make_stream(stdout, "<stdout>", false),
          make_stream(stderr, "<stderr>", false)};
}

Ref<Object> stdio_current_stdout(ThreadState& ts) { return sys_attr(ts, "stdout"); }
Ref<Object> stdio_current_stderr(ThreadState& ts) { return sys_attr(ts, "stderr"); }

void stdio_write(ThreadState& ts, Object* stream, std::string_view text) {
  if (type_check_exact(stream, &TextStream_type)) {
    write_raw(ts, as_stream(stream), text);
    return;
  }
  Ref<Object> s = str_new(text);
  Object* arg = s.get();
  call_method(ts, stream, names::write, &arg, 1);
}

void stdio_flush(ThreadState& ts, Object* stream) {
  if (type_check_exact(stream, &TextStream_type)) {
    std::fflush(as_stream(stream)->fp);
    return;
  }
  if (Ref<Object> f = lookup_attr(ts, stream, names::flush)) call0(ts, f);
}

bool stdio_read_line(ThreadState& ts, std::string& line) {
  Ref<Object> in = sys_attr(ts, "stdin");
  Ref<Object> r = call_method(ts, in, intern("readline"), nullptr, 0);
  if (!is_str(r)) raise(Exc_TypeError, "readline() must return str");
  line.assign(str_view(r));
  return !line.empty();
}

void stdio_flush_all() noexcept {
  std::fflush(stdout);
  std::fflush(stderr);
}

}  // namespace gk
