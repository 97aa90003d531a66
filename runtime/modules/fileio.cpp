// runtime/modules/fileio.cpp — the open() builtin and its file objects.
// Key types: FileObject (the Python object), FileState (its C++ state: the
// descriptor, the buffer, the lock).
//
// Layers. CPython stacks three objects per text file (FileIO under a
// Buffered* under a TextIOWrapper). gilkit has one object and one buffer per
// open file; its type only picks what CPython would show — the type name,
// repr, attributes and the error messages each layer words differently:
//
//   mode            type                  reads/writes
//   'rb' 'wb' ...   _io.BufferedReader /  bytes, through the buffer
//                   Writer / Random
//   ... buffering=0 _io.FileIO            bytes, one system call per operation
//   'r' 'w+' ...    _io.TextIOWrapper     str, decoded from the same buffer
//
// System calls. I/O goes straight to POSIX open/read/write/lseek/ftruncate/
// close with our own buffer, not C stdio: tell() after a partial read, mixing
// reads and writes in '+' modes and seek() need exact control of the file
// position, and a FILE* would add a second, invisible buffer with its own lock
// and its own idea of when to block.
//
// The buffer. One block of `cap` bytes (the file system's st_blksize, or the
// `buffering` argument) holds either read-ahead or pending writes, never both:
//
//   buf[rpos, rend)   bytes read from the descriptor, not yet consumed
//   buf[0, wlen)      bytes the program wrote, not yet sent
//
// Invariant: rpos <= rend <= cap, wlen <= cap, and wlen == 0 || rpos == rend.
// Checker: FileState::check() (run in checking builds). The position the
// program sees is  lseek(fd, 0, SEEK_CUR) - (rend - rpos) + wlen.
// Transitions: a read first sends pending writes (wlen -> 0); a write first
// gives unread read-ahead back to the descriptor with lseek (rpos = rend = 0);
// seek and truncate do both; close sends pending writes and frees the buffer.
//
// Text. A text file decodes lazily from the byte buffer: a read takes whole
// characters (a UTF-8 sequence is never split; with newline=None "\r\n" is
// one character) and decodes them with bytes.decode, so tell() is always the
// exact byte offset — the "cookie" CPython returns for these stateless codecs.
// Newlines are translated on the bytes: '\r' and '\n' are single bytes in
// utf-8, ascii and latin-1 and never part of another character. Writing
// encodes with str.encode (ASCII text is written as is: the same bytes in
// every codec gilkit has).
//
// Threads. Every blocking system call (open, read, write, close, ftruncate,
// the fstat at open) runs inside AllowThreads and touches no Python object:
// it reads into or writes from the file's own buffer, a local std::string, or
// an immutable bytes/str object the caller holds a reference to. While a
// thread is detached it still owns the file: FileState::mu is held for a whole
// operation (as CPython's buffered objects hold their lock), so another thread
// using the same file waits — detached, so the holder can take the GIL back —
// instead of seeing a half-updated buffer or a closed, reused descriptor.
// Code holding `mu` never runs Python code (it creates str/bytes objects and
// calls bytes.decode/str.encode of the built-in types only), so it cannot
// re-enter the same file; writelines() takes the lock once per line.
//
// Lifetime. A file the program does not close is flushed and closed by its
// dealloc, silently (no ResourceWarning; errors there are dropped).
#include "modules/fileio.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>

#include "gil/policy.hpp"
#include "objects/abstract.hpp"
#include "objects/args.hpp"
#include "objects/bytes.hpp"
#include "objects/dict.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/list.hpp"
#include "objects/names.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "objects/utf8.hpp"

namespace gk {

namespace {

using Args = Object* const*;

constexpr size_t kDefaultBufferSize = 8192;  // when st_blksize says nothing (CPython's DEFAULT_BUFFER_SIZE)
constexpr size_t kMinBufferSize = 8;          // room for a UTF-8 sequence plus a '\r' look-ahead

// The binary layer a file presents (a text file keeps the kind of the buffer
// CPython would put under it: some messages come from that layer).
enum class Kind : uint8_t { Raw, Reader, Writer, Random };
// How the text layer cuts bytes into characters.
enum class TextCodec : uint8_t { Utf8, SingleByte };
// newline=None, '', '\n', '\r', '\r\n'.
enum class Newline : uint8_t { Universal, Untranslated, LF, CR, CRLF };
// Bits of FileState::seen_newlines: the `newlines` attribute.
constexpr uint8_t kSeenCR = 1, kSeenLF = 2, kSeenCRLF = 4;

struct FileState {
  std::mutex mu;            // held for a whole operation, across its system calls
  std::atomic<int> fd{-1};  // written under mu; read anywhere (relaxed); -1 once closed

  // Fixed by open():
  Kind kind = Kind::Raw;
  bool text = false;
  bool readable = false;
  bool writable = false;
  bool closefd = true;
  bool line_buffering = false;  // text: flush after writing '\n' or '\r'
  TextCodec codec = TextCodec::Utf8;
  bool utf8_strict = false;     // text: encoding utf-8, errors 'strict' (validate and skip bytes.decode)
  Newline newline = Newline::Universal;

  // Guarded by mu:
  int8_t seekable = -1;  // -1 not asked yet
  uint8_t seen_newlines = 0;
  char* buf = nullptr;   // mem_alloc'ed, cap bytes; null for FileIO and once closed
  size_t cap = 0;
  size_t rpos = 0, rend = 0;  // read-ahead buf[rpos, rend)
  size_t wlen = 0;            // pending writes buf[0, wlen)

  // Invariant checker (see the file comment).
  bool check() const noexcept {
    return rpos <= rend && rend <= cap && wlen <= cap && (wlen == 0 || rpos == rend);
  }
  int get_fd() const noexcept { return fd.load(std::memory_order_relaxed); }
  bool closed() const noexcept { return get_fd() < 0; }
  size_t unread() const noexcept { return rend - rpos; }
  void free_buffer() noexcept {
    if (buf) mem_free(buf, cap);
    buf = nullptr;
    cap = rpos = rend = wlen = 0;
  }
  ~FileState() { free_buffer(); }
};

struct FileObject : Object {
  FileState* st;     // owned; set by open() before the object escapes
  Object* name;      // the `file` argument: a path (str/bytes/PathLike) or a descriptor (int) (strong)
  Object* mode;      // str: as given (text) or normalised, 'rb+' (binary) (strong)
  Object* encoding;  // str, text files only (strong)
  Object* errors;    // str, text files only (strong)
  Object* dict;      // instance __dict__, created on first attribute store (strong)
};

FileObject* as_file(Object* o) { return static_cast<FileObject*>(o); }
FileState& state(Object* o) { return *as_file(o)->st; }

// Takes a file's lock; a thread that must wait releases the GIL meanwhile so
// the holder (which may be waiting for the GIL) can finish.
class FileGuard {
 public:
  FileGuard(ThreadState& ts, FileState& st) : st_(st) {
    if (!st.mu.try_lock()) {
      AllowThreads allow(ts);
      st.mu.lock();
    }
  }
  ~FileGuard() {
    if constexpr (config::checks >= 1) {
      if (!st_.check()) {
        std::fprintf(stderr, "gilkit: file buffer invariant broken (rpos %zu rend %zu wlen %zu cap %zu)\n", st_.rpos,
                     st_.rend, st_.wlen, st_.cap);
        std::abort();
      }
    }
    st_.mu.unlock();
  }
  FileGuard(const FileGuard&) = delete;
  FileGuard& operator=(const FileGuard&) = delete;

 private:
  FileState& st_;
};

// --- errors -------------------------------------------------------------------------

// OSError(errno, strerror[, filename]): the exception machinery picks the
// subclass (FileNotFoundError, IsADirectoryError, ...).
[[noreturn]] void raise_errno(ThreadState& ts, int err, Object* filename = nullptr) {
  char buf[256];
  const char* msg = strerror_r(err, buf, sizeof buf);  // the GNU variant: returns the message
  Ref<Object> num = int_from_i64(err);
  Ref<Object> text = str_new(msg);
  Object* args[3] = {num.get(), text.get(), filename};
  raise_obj(call(ts, Exc_OSError, args, filename ? 3 : 2));
}

// io.UnsupportedOperation, a subclass of OSError and ValueError as in CPython.
// gilkit has no io module to reach it by name; it is created on first use
// (a class, like `type('UnsupportedOperation', (OSError, ValueError), {})`)
// and lives as long as the process, like the built-in exception types.
TypeObject* unsupported_operation_type(ThreadState& ts) {
  static TypeObject* const type = [&ts] {
    Ref<Object> name = str_new("UnsupportedOperation");
    Ref<Object> bases = tuple_pack({Exc_OSError, Exc_ValueError});
    Ref<Object> ns = dict_new();
    Ref<Object> module = str_new("io");
    dict_set(ts, ns, names::__module__, module);
    Object* args[3] = {name.get(), bases.get(), ns.get()};
    return static_cast<TypeObject*>(call(ts, &Type_type, args, 3).release());
  }();
  return type;
}

[[noreturn]] void raise_unsupported(ThreadState& ts, const char* msg) {
  raise_obj(exception_new(ts, unsupported_operation_type(ts), msg));
}

// The operations whose "closed file" message differs between layers.
enum class Op : uint8_t {
  Read, Readline, Readlines, Write, Writelines, Tell, Seek, Truncate, Fileno, Flush, Isatty, Readable, Writable, Seekable,
  Iter, Next, Enter,
};

const char* closed_message(const FileState& st, Op op) {
  static constexpr const char* kDot = "I/O operation on closed file.";
  static constexpr const char* kNoDot = "I/O operation on closed file";
  switch (op) {
    case Op::Readlines: case Op::Writelines: case Op::Iter: case Op::Enter: return kDot;
    case Op::Fileno: case Op::Isatty: case Op::Readable: case Op::Writable: case Op::Seekable: return kNoDot;
    default: break;
  }
  if (st.text) return kDot;
  if (st.kind == Kind::Raw) return op == Op::Flush ? kDot : kNoDot;
  switch (op) {
    case Op::Read: return "read of closed file";
    case Op::Readline: case Op::Next: return "readline of closed file";
    case Op::Write: return "write to closed file";
    case Op::Seek: return "seek of closed file";
    case Op::Truncate: return "truncate of closed file";
    case Op::Flush: return st.kind == Kind::Reader ? kDot : "flush of closed file";
    default: return kNoDot;
  }
}

void check_open(const FileState& st, Op op) {
  if (st.closed()) raise(Exc_ValueError, closed_message(st, op));
}

// A read needs a readable file; each layer says so its own way (a buffered
// writer before looking at whether it is closed).
void require_readable(ThreadState& ts, const FileState& st, Op op) {
  if (!st.readable && !st.text && st.kind != Kind::Raw) raise_unsupported(ts, "read");
  check_open(st, op);
  if (!st.readable) raise_unsupported(ts, st.text ? "not readable" : "File not open for reading");
}

void require_writable(ThreadState& ts, const FileState& st, Op op) {
  if (!st.writable && !st.text && st.kind != Kind::Raw) raise_unsupported(ts, "write");
  check_open(st, op);
  if (!st.writable) raise_unsupported(ts, st.text ? "not writable" : "File not open for writing");
}

// --- system calls (the GIL released; no Python objects touched) ---------------------

// read(2), retried on EINTR. Returns the byte count; 0 at end of file.
size_t sys_read(ThreadState& ts, int fd, char* dst, size_t n) {
  ssize_t r;
  int err = 0;
  {
    AllowThreads allow(ts);
    do {
      r = ::read(fd, dst, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0) err = errno;
  }
  if (r < 0) raise_errno(ts, err);
  return static_cast<size_t>(r);
}

// write(2) until all of [p, p+n) is written.
void sys_write_all(ThreadState& ts, int fd, const char* p, size_t n) {
  int err = 0;
  {
    AllowThreads allow(ts);
    while (n > 0) {
      ssize_t w = ::write(fd, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        err = errno;
        break;
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
  }
  if (err) raise_errno(ts, err);
}

// lseek(2) never blocks: it runs with the GIL held.
off_t sys_lseek(ThreadState& ts, int fd, off_t off, int whence) {
  off_t r = ::lseek(fd, off, whence);
  if (r < 0) raise_errno(ts, errno);
  return r;
}

bool is_seekable(FileState& st) {
  if (st.seekable < 0) st.seekable = ::lseek(st.get_fd(), 0, SEEK_CUR) >= 0 ? 1 : 0;
  return st.seekable == 1;
}

// --- the buffer (every function here runs with st.mu held) -------------------------

// Send the pending writes. They leave the buffer first: a failed write drops
// them (and raises) rather than failing again at close.
void flush_writes(ThreadState& ts, FileState& st) {
  if (st.wlen == 0) return;
  size_t n = st.wlen;
  st.wlen = 0;
  sys_write_all(ts, st.get_fd(), st.buf, n);
}

// Give unread read-ahead back to the descriptor, so that its position is the
// program's position again.
void drop_readahead(FileState& st) {
  if (st.rpos < st.rend && is_seekable(st))
    ::lseek(st.get_fd(), -static_cast<off_t>(st.unread()), SEEK_CUR);
  st.rpos = st.rend = 0;
}

// Read more bytes after buf[rend), keeping the unread ones (moved to the
// front, the buffer doubled when they fill it). Returns the count; 0 at EOF.
size_t fill(ThreadState& ts, FileState& st) {
  if (st.rpos == st.rend) {
    st.rpos = st.rend = 0;
  } else if (st.rend == st.cap) {
    if (st.rpos > 0) {
      std::memmove(st.buf, st.buf + st.rpos, st.unread());
      st.rend -= st.rpos;
      st.rpos = 0;
    } else {
      st.buf = static_cast<char*>(mem_realloc(st.buf, st.cap, st.cap * 2));
      st.cap *= 2;
    }
  }
  size_t n = sys_read(ts, st.get_fd(), st.buf + st.rend, st.cap - st.rend);
  st.rend += n;
  return n;
}

// The position the program sees.
off_t logical_tell(ThreadState& ts, FileState& st) {
  off_t pos = sys_lseek(ts, st.get_fd(), 0, SEEK_CUR);
  return pos - static_cast<off_t>(st.unread()) + static_cast<off_t>(st.wlen);
}

// Everything from the descriptor's position to the end of the file, appended
// to out. Sized from fstat when the file is a regular one.
void read_to_end(ThreadState& ts, FileState& st, std::string& out) {
  const int fd = st.get_fd();
  size_t chunk = 64 * 1024;
  struct stat sb;
  if (::fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && sb.st_size > pos) chunk = std::max(chunk, static_cast<size_t>(sb.st_size - pos) + 1);
  }
  for (;;) {
    size_t old = out.size();
    out.resize(old + chunk);
    size_t got = sys_read(ts, fd, out.data() + old, chunk);
    out.resize(old + got);
    if (got == 0) break;
    chunk = std::max(chunk, out.size() / 2);
  }
}

// All remaining bytes: the read-ahead, then the rest of the file.
std::string take_all(ThreadState& ts, FileState& st) {
  flush_writes(ts, st);
  std::string out;
  if (st.rpos < st.rend) out.assign(st.buf + st.rpos, st.unread());
  st.rpos = st.rend = 0;
  read_to_end(ts, st, out);
  return out;
}

// read(n) of a binary file: up to n bytes (fewer only at end of file; a
// FileIO makes a single system call, as CPython's raw read does).
std::string read_bytes(ThreadState& ts, FileState& st, int64_t n) {
  if (n < 0) return take_all(ts, st);
  std::string out;
  const size_t want = static_cast<size_t>(n);
  if (st.kind == Kind::Raw) {
    size_t chunk = want;
    if (chunk > (1u << 20)) {  // do not allocate a huge request up front: size it from the file
      struct stat sb;
      off_t pos = ::lseek(st.get_fd(), 0, SEEK_CUR);
      if (::fstat(st.get_fd(), &sb) == 0 && S_ISREG(sb.st_mode) && pos >= 0)
        chunk = std::min(chunk, static_cast<size_t>(std::max<off_t>(sb.st_size - pos, 0)) + 1);
      else
        chunk = 1u << 20;  // a pipe or device: one read returns at most this much
    }
    out.resize(chunk);
    out.resize(sys_read(ts, st.get_fd(), out.data(), chunk));
    return out;
  }
  flush_writes(ts, st);
  while (out.size() < want) {
    if (st.rpos < st.rend) {
      size_t take = std::min(want - out.size(), st.unread());
      out.append(st.buf + st.rpos, take);
      st.rpos += take;
      continue;
    }
    size_t left = want - out.size();
    if (left >= st.cap) {  // a large request bypasses the buffer
      size_t chunk = std::min<size_t>(left, 1u << 20);
      size_t old = out.size();
      out.resize(old + chunk);
      size_t got = sys_read(ts, st.get_fd(), out.data() + old, chunk);
      out.resize(old + got);
      if (got == 0) break;
    } else if (fill(ts, st) == 0) {
      break;
    }
  }
  return out;
}

// The next line of a binary file (through '\n'), at most `limit` bytes when
// limit >= 0. A FileIO reads byte by byte so as never to read past the line.
std::string read_line_bytes(ThreadState& ts, FileState& st, int64_t limit) {
  std::string out;
  if (st.kind == Kind::Raw) {
    char c;
    while ((limit < 0 || out.size() < static_cast<size_t>(limit)) && sys_read(ts, st.get_fd(), &c, 1) == 1) {
      out.push_back(c);
      if (c == '\n') break;
    }
    return out;
  }
  flush_writes(ts, st);
  for (;;) {
    const char* p = st.buf + st.rpos;
    size_t take = st.unread();
    bool done = false;
    if (limit >= 0 && out.size() + take >= static_cast<size_t>(limit)) {
      take = static_cast<size_t>(limit) - out.size();
      done = true;
    }
    if (const void* nl = std::memchr(p, '\n', take)) {
      take = static_cast<size_t>(static_cast<const char*>(nl) - p) + 1;
      done = true;
    }
    out.append(p, take);
    st.rpos += take;
    if (done || fill(ts, st) == 0) return out;
  }
}

// Write bytes: into the buffer, or straight through when they do not fit.
void write_bytes(ThreadState& ts, FileState& st, std::string_view data) {
  drop_readahead(st);
  if (st.kind == Kind::Raw) {
    sys_write_all(ts, st.get_fd(), data.data(), data.size());
    return;
  }
  if (st.wlen + data.size() > st.cap) {
    flush_writes(ts, st);
    if (data.size() >= st.cap) {
      sys_write_all(ts, st.get_fd(), data.data(), data.size());
      return;
    }
  }
  std::memcpy(st.buf + st.wlen, data.data(), data.size());
  st.wlen += data.size();
}

// Flush, then close the descriptor (unless closefd=False) and free the buffer.
// The file counts as closed even when flushing or close(2) fails; the first
// error is raised.
void close_file(ThreadState& ts, FileState& st) {
  if (st.closed()) return;
  int flush_err = 0;
  std::string pending;
  if (st.wlen > 0) pending.assign(st.buf, st.wlen);
  st.wlen = 0;
  const int fd = st.get_fd();
  st.fd.store(-1, std::memory_order_relaxed);
  st.free_buffer();
  int close_err = 0;
  {
    AllowThreads allow(ts);
    const char* p = pending.data();
    size_t n = pending.size();
    while (n > 0) {
      ssize_t w = ::write(fd, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        flush_err = errno;
        break;
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
    if (st.closefd && ::close(fd) != 0 && errno != EINTR) close_err = errno;
  }
  if (flush_err) raise_errno(ts, flush_err);
  if (close_err) raise_errno(ts, close_err);
}

// --- text: characters, lines, newlines -----------------------------------------------

// Bytes of the character at p (avail bytes available); 0 when more bytes are
// needed to tell and the file may have them (!eof).
size_t char_len(const FileState& st, const char* p, size_t avail, bool eof) {
  const unsigned char c = static_cast<unsigned char>(p[0]);
  if (c == '\r' && (st.newline == Newline::Universal || st.newline == Newline::Untranslated)) {
    if (avail < 2) return eof ? 1 : 0;  // a following '\n' decides (Universal: "\r\n" is one character)
    return st.newline == Newline::Universal && p[1] == '\n' ? 2 : 1;
  }
  if (c < 0x80 || st.codec == TextCodec::SingleByte || utf8::is_cont(c)) return 1;
  const size_t want = utf8::seq_len(c);
  size_t i = 1;
  while (i < want && i < avail && utf8::is_cont(static_cast<unsigned char>(p[i]))) ++i;
  if (i < want && i == avail && !eof) return 0;
  return i;  // complete, or an invalid sequence the decoder will report
}

// Does the character at p (len bytes; for '\r', the next byte is available or
// the file ended) end a line? `prev` is the byte before it.
bool ends_line(const FileState& st, const char* p, size_t avail, char prev) {
  const char c = p[0];
  switch (st.newline) {
    case Newline::Universal: return c == '\n' || c == '\r';
    case Newline::Untranslated: return c == '\n' || (c == '\r' && (avail < 2 || p[1] != '\n'));
    case Newline::LF: return c == '\n';
    case Newline::CR: return c == '\r';
    case Newline::CRLF: return c == '\n' && prev == '\r';
  }
  return false;
}

// Up to `limit` characters (limit >= 0), stopping after a line end when
// `line`: the raw bytes, untranslated.
std::string take_chars(ThreadState& ts, FileState& st, int64_t limit, bool line) {
  flush_writes(ts, st);
  std::string out;
  int64_t count = 0;
  bool eof = false;
  char prev = 0;
  for (;;) {
    size_t i = st.rpos;
    bool done = count >= limit;
    while (!done && i < st.rend) {
      const char* p = st.buf + i;
      const size_t avail = st.rend - i;
      const size_t len = char_len(st, p, avail, eof);
      if (len == 0) break;  // an incomplete character at the end of the buffer
      const bool end = line && ends_line(st, p, avail, prev);
      prev = p[len - 1];
      i += len;
      done = end || ++count >= limit;
    }
    out.append(st.buf + st.rpos, i - st.rpos);
    st.rpos = i;
    if (done || eof) return out;
    if (fill(ts, st) == 0) eof = true;  // then take an incomplete tail as it is
  }
}

// The next whole line's raw bytes (no size limit): scans for the terminator
// bytes only, which are never inside another character.
std::string take_line(ThreadState& ts, FileState& st) {
  flush_writes(ts, st);
  std::string out;
  for (;;) {
    const char* p = st.buf + st.rpos;
    const size_t avail = st.unread();
    size_t take = avail;
    bool done = false;
    bool cr_at_end = false;  // a '\r' ended the buffer: a '\n' may follow
    switch (st.newline) {
      case Newline::LF:
      case Newline::CR:
        if (const void* q = std::memchr(p, st.newline == Newline::LF ? '\n' : '\r', avail)) {
          take = static_cast<size_t>(static_cast<const char*>(q) - p) + 1;
          done = true;
        }
        break;
      case Newline::CRLF:
        for (size_t i = 0; i < avail; ++i) {
          if (p[i] == '\n' && (i > 0 ? p[i - 1] == '\r' : !out.empty() && out.back() == '\r')) {
            take = i + 1;
            done = true;
            break;
          }
        }
        break;
      case Newline::Universal:
      case Newline::Untranslated:
        for (size_t i = 0; i < avail; ++i) {
          if (p[i] == '\n') {
            take = i + 1;
            done = true;
            break;
          }
          if (p[i] == '\r') {
            if (i + 1 < avail) {
              take = p[i + 1] == '\n' ? i + 2 : i + 1;
              done = true;
            } else {
              take = i + 1;
              cr_at_end = true;
            }
            break;
          }
        }
        break;
    }
    out.append(p, take);
    st.rpos += take;
    if (done) return out;
    if (cr_at_end) {
      if (fill(ts, st) > 0 && st.buf[st.rpos] == '\n') {
        out.push_back('\n');
        ++st.rpos;
      }
      return out;
    }
    if (fill(ts, st) == 0) return out;
  }
}

// newline=None: "\r\n" and "\r" become "\n". newline=None or '': note which
// kinds were seen (the `newlines` attribute).
void translate_newlines(FileState& st, std::string& s) {
  if (st.newline != Newline::Universal && st.newline != Newline::Untranslated) return;
  if (s.find('\r') == std::string::npos) {
    if (!(st.seen_newlines & kSeenLF) && s.find('\n') != std::string::npos) st.seen_newlines |= kSeenLF;
    return;
  }
  const bool rewrite = st.newline == Newline::Universal;
  size_t w = 0;
  for (size_t r = 0; r < s.size(); ++r) {
    char c = s[r];
    if (c == '\n') {
      st.seen_newlines |= kSeenLF;
    } else if (c == '\r') {
      if (r + 1 < s.size() && s[r + 1] == '\n') {
        st.seen_newlines |= kSeenCRLF;
        ++r;
        if (rewrite) {
          c = '\n';
        } else {
          s[w++] = '\r';
          c = '\n';
        }
      } else {
        st.seen_newlines |= kSeenCR;
        if (rewrite) c = '\n';
      }
    }
    s[w++] = c;
  }
  s.resize(w);
}

// Raw bytes -> str with the file's encoding and errors.
Ref<Object> decode_text(ThreadState& ts, FileObject* f, std::string_view raw) {
  if (utf8::is_ascii(raw.data(), raw.size())) return str_new(raw);  // the same in every codec here
  if (f->st->utf8_strict) {
    size_t pos, len;
    if (utf8::validate(raw.data(), raw.size(), pos, len) == utf8::Utf8Error::None) return str_new(raw);
  }
  Ref<Object> b = bytes_new(raw);
  Object* args[2] = {f->encoding, f->errors};
  return call_method(ts, b, intern("decode"), args, 2);
}

// The bytes to write for `s`: kept alive by `hold` (a bytes object) or `s`.
std::string_view encode_text(ThreadState& ts, FileObject* f, Object* s, Ref<Object>& hold) {
  if (static_cast<const StrObject*>(s)->is_ascii) return str_view(s);
  Object* args[2] = {f->encoding, f->errors};
  hold = call_method(ts, s, intern("encode"), args, 2);
  return bytes_view(hold);
}

// The next line as an object (str or bytes); empty at end of file.
Ref<Object> next_line(ThreadState& ts, FileObject* f) {
  FileState& st = *f->st;
  if (!st.text) return bytes_new(read_line_bytes(ts, st, -1));
  std::string raw = take_line(ts, st);
  translate_newlines(st, raw);
  return decode_text(ts, f, raw);
}

size_t object_len(Object* o) { return is_str(o) ? str_length(o) : bytes_size(o); }

// --- argument helpers ------------------------------------------------------------------

// read(size) / readlines(hint): None or an integer (CPython's wording).
int64_t size_arg(ThreadState& ts, Object* o) {
  if (!o || is_none(o)) return -1;
  if (!type_of(o)->nb_index) raise_fmt(Exc_TypeError, "argument should be integer or None, not '%s'", type_name(o));
  return index_as_i64(ts, o);
}

// Argument-count checks with CPython 3.11's wording for methods: "exactly"
// and "no arguments" messages and "no keyword arguments" name the class
// (`owner`, or the file's own type), range messages only the method.
void check_args(Object* self, const char* meth, size_t nargs, Object* kwnames, size_t min, size_t max,
                const char* owner = nullptr) {
  if (kwnames_count(kwnames) == 0 && nargs >= min && nargs <= max) return;
  std::string_view type = type_of(self)->name;
  type.remove_prefix(type.rfind('.') + 1);
  std::string q = (owner ? std::string(owner) : std::string(type)) + "." + meth;
  check_no_kwargs(q.c_str(), kwnames);
  if (owner) q = std::string(type) + "." + meth;
  check_nargs(min == max ? q.c_str() : meth, nargs, min, max);
}

// --- methods ----------------------------------------------------------------------------

Ref<Object> file_read(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "read", nargs, kwnames, 0, 1);
  int64_t n = size_arg(ts, nargs ? args[0] : nullptr);
  FileObject* f = as_file(self);
  FileState& st = *f->st;
  FileGuard g(ts, st);
  require_readable(ts, st, Op::Read);
  if (!st.text) return bytes_new(read_bytes(ts, st, n));
  std::string raw = n < 0 ? take_all(ts, st) : take_chars(ts, st, n, false);
  translate_newlines(st, raw);
  return decode_text(ts, f, raw);
}

Ref<Object> file_readall(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "readall", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  require_readable(ts, st, Op::Read);
  return bytes_new(take_all(ts, st));
}

Ref<Object> file_readline(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "readline", nargs, kwnames, 0, 1);
  FileObject* f = as_file(self);
  FileState& st = *f->st;
  // A text file's size is an index (None is refused, as CPython 3.11 does).
  int64_t limit = !nargs ? -1 : st.text ? index_as_i64(ts, args[0]) : size_arg(ts, args[0]);
  FileGuard g(ts, st);
  require_readable(ts, st, Op::Readline);
  if (limit < 0) return next_line(ts, f);
  if (!st.text) return bytes_new(read_line_bytes(ts, st, limit));
  std::string raw = take_chars(ts, st, limit, true);
  translate_newlines(st, raw);
  return decode_text(ts, f, raw);
}

Ref<Object> file_readlines(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "readlines", nargs, kwnames, 0, 1, "_IOBase");
  int64_t hint = size_arg(ts, nargs ? args[0] : nullptr);
  FileObject* f = as_file(self);
  FileState& st = *f->st;
  FileGuard g(ts, st);
  check_open(st, Op::Readlines);
  require_readable(ts, st, Op::Readline);
  Ref<Object> lines = list_new();
  size_t total = 0;
  for (;;) {
    Ref<Object> line = next_line(ts, f);
    size_t n = object_len(line);
    if (n == 0) break;
    list_append(lines, line);
    total += n;
    if (hint > 0 && total >= static_cast<size_t>(hint)) break;
  }
  return lines;
}

// write() of one object; returns the count CPython reports (characters for
// text, bytes for binary).
size_t write_one(ThreadState& ts, FileObject* f, Object* data) {
  FileState& st = *f->st;
  if (st.text) {
    if (!is_str(data)) raise_fmt(Exc_TypeError, "write() argument must be str, not %s", type_name(data));
    require_writable(ts, st, Op::Write);
    Ref<Object> hold;
    std::string_view bytes = encode_text(ts, f, data, hold);
    std::string translated;
    if ((st.newline == Newline::CR || st.newline == Newline::CRLF) && bytes.find('\n') != std::string_view::npos) {
      for (char c : bytes) {
        if (c != '\n') translated.push_back(c);
        else translated += st.newline == Newline::CR ? "\r" : "\r\n";
      }
      bytes = translated;
    }
    FileGuard g(ts, st);
    check_open(st, Op::Write);
    write_bytes(ts, st, bytes);
    if (st.line_buffering && bytes.find_first_of("\r\n") != std::string_view::npos) flush_writes(ts, st);
    return str_length(data);
  }
  require_writable(ts, st, Op::Write);
  std::string_view view;
  if (!bytes_like_view(data, view))
    raise_fmt(Exc_TypeError, "a bytes-like object is required, not '%s'", type_name(data));
  // A bytearray may be resized by another thread while the GIL is released: copy it.
  std::string copy;
  if (!type_check(data, &Bytes_type)) {
    copy.assign(view);
    view = copy;
  }
  FileGuard g(ts, st);
  check_open(st, Op::Write);
  write_bytes(ts, st, view);
  return view.size();
}

Ref<Object> file_write(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "write", nargs, kwnames, 1, 1);
  return int_from_u64(write_one(ts, as_file(self), args[0]));
}

Ref<Object> file_writelines(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "writelines", nargs, kwnames, 1, 1);
  check_open(state(self), Op::Writelines);
  for_each(ts, args[0], [&](Object* line) {
    write_one(ts, as_file(self), line);
    return true;
  });
  return none_ref();
}

Ref<Object> file_flush(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "flush", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  check_open(st, Op::Flush);
  flush_writes(ts, st);
  return none_ref();
}

Ref<Object> file_close(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "close", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  close_file(ts, st);
  return none_ref();
}

Ref<Object> file_tell(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "tell", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  check_open(st, Op::Tell);
  if (st.text) {
    if (!is_seekable(st)) raise_unsupported(ts, "underlying stream is not seekable");
    flush_writes(ts, st);
  }
  return int_from_i64(logical_tell(ts, st));
}

Ref<Object> file_seek(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "seek", nargs, kwnames, 1, 2);
  FileState& st = state(self);
  int64_t off = index_as_i64(ts, args[0]);
  int64_t whence = nargs > 1 ? index_as_i64(ts, args[1]) : 0;
  if (!st.text && st.kind != Kind::Raw && !(whence >= 0 && whence <= 4))  // 3, 4: SEEK_DATA, SEEK_HOLE
    raise_fmt(Exc_ValueError, "whence value %lld unsupported", static_cast<long long>(whence));
  FileGuard g(ts, st);
  check_open(st, Op::Seek);
  if (st.text) {
    if (!is_seekable(st)) raise_unsupported(ts, "underlying stream is not seekable");
    if (whence == SEEK_CUR) {
      if (off != 0) raise_unsupported(ts, "can't do nonzero cur-relative seeks");
      flush_writes(ts, st);
      return int_from_i64(logical_tell(ts, st));
    }
    if (whence == SEEK_END) {
      if (off != 0) raise_unsupported(ts, "can't do nonzero end-relative seeks");
    } else if (whence != SEEK_SET) {
      raise_fmt(Exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", static_cast<long long>(whence));
    } else if (off < 0) {
      raise_fmt(Exc_ValueError, "negative seek position %lld", static_cast<long long>(off));
    }
  }
  flush_writes(ts, st);
  if (whence == SEEK_CUR) off -= static_cast<int64_t>(st.unread());
  st.rpos = st.rend = 0;
  return int_from_i64(sys_lseek(ts, st.get_fd(), off, static_cast<int>(whence)));
}

Ref<Object> file_truncate(ThreadState& ts, Object* self, Args args, size_t nargs, Object* kwnames) {
  check_args(self, "truncate", nargs, kwnames, 0, 1);
  FileState& st = state(self);
  Object* size_obj = nargs && !is_none(args[0]) ? args[0] : nullptr;
  int64_t size = size_obj ? index_as_i64(ts, size_obj) : 0;
  FileGuard g(ts, st);
  check_open(st, Op::Truncate);
  if (!st.writable) raise_unsupported(ts, st.kind == Kind::Raw && !st.text ? "File not open for writing" : "truncate");
  flush_writes(ts, st);
  if (!size_obj) size = logical_tell(ts, st);
  drop_readahead(st);
  int rc, err = 0;
  {
    AllowThreads allow(ts);
    rc = ::ftruncate(st.get_fd(), static_cast<off_t>(size));
    if (rc != 0) err = errno;
  }
  if (rc != 0) raise_errno(ts, err);
  return int_from_i64(size);
}

Ref<Object> file_fileno(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "fileno", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  check_open(st, Op::Fileno);
  return int_from_i64(st.get_fd());
}

Ref<Object> file_isatty(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "isatty", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  check_open(st, Op::Isatty);
  return bool_ref(::isatty(st.get_fd()) != 0);
}

// readable()/writable(): a buffered reader or writer (or a text file over
// one) knows the answer for the other direction without looking at the file.
Ref<Object> file_readable(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "readable", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  if (st.kind == Kind::Writer) return bool_ref(false);
  FileGuard g(ts, st);
  check_open(st, Op::Readable);
  return bool_ref(st.readable);
}

Ref<Object> file_writable(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "writable", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  if (st.kind == Kind::Reader) return bool_ref(false);
  FileGuard g(ts, st);
  check_open(st, Op::Writable);
  return bool_ref(st.writable);
}

Ref<Object> file_seekable(ThreadState& ts, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "seekable", nargs, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  check_open(st, Op::Seekable);
  return bool_ref(is_seekable(st));
}

Ref<Object> file_enter(ThreadState&, Object* self, Args, size_t nargs, Object* kwnames) {
  check_args(self, "__enter__", nargs, kwnames, 0, 0);
  check_open(state(self), Op::Enter);
  return newref(self);
}

Ref<Object> file_exit(ThreadState& ts, Object* self, Args, size_t, Object* kwnames) {
  check_args(self, "__exit__", 0, kwnames, 0, 0);
  FileState& st = state(self);
  FileGuard g(ts, st);
  close_file(ts, st);
  return none_ref();
}

Ref<Object> file_iter(ThreadState&, Object* self) {
  check_open(state(self), Op::Iter);
  return newref(self);
}

Ref<Object> file_next(ThreadState& ts, Object* self) {
  FileObject* f = as_file(self);
  FileState& st = *f->st;
  FileGuard g(ts, st);
  require_readable(ts, st, Op::Next);
  Ref<Object> line = next_line(ts, f);
  if (object_len(line) == 0) return nullptr;
  return line;
}

// --- attributes, repr, dealloc -------------------------------------------------------------

Ref<Object> get_name(ThreadState&, Object* self) { return newref(as_file(self)->name); }
Ref<Object> get_mode(ThreadState&, Object* self) { return newref(as_file(self)->mode); }
Ref<Object> get_closed(ThreadState&, Object* self) { return bool_ref(state(self).closed()); }
Ref<Object> get_closefd(ThreadState&, Object* self) { return bool_ref(state(self).closefd); }
Ref<Object> get_encoding(ThreadState&, Object* self) { return newref(as_file(self)->encoding); }
Ref<Object> get_errors(ThreadState&, Object* self) { return newref(as_file(self)->errors); }
Ref<Object> get_dict(ThreadState&, Object* self) {
  FileObject* f = as_file(self);
  if (!f->dict) f->dict = dict_new().release();
  return newref(f->dict);
}
Ref<Object> get_line_buffering(ThreadState&, Object* self) { return bool_ref(state(self).line_buffering); }

// None, one of '\r' '\n' '\r\n', or a tuple of those seen (in that order).
Ref<Object> get_newlines(ThreadState& ts, Object* self) {
  FileState& st = state(self);
  uint8_t seen;
  {
    FileGuard g(ts, st);
    seen = st.seen_newlines;
  }
  static const char* const kNames[3] = {"\r", "\n", "\r\n"};
  Object* items[3];
  Ref<Object> strs[3];
  size_t n = 0;
  for (int i = 0; i < 3; ++i) {
    if (seen & (1u << i)) {
      strs[n] = str_new(kNames[i]);
      items[n] = strs[n].get();
      ++n;
    }
  }
  if (n == 0) return none_ref();
  if (n == 1) return strs[0];
  return tuple_from_array(items, n);
}

Ref<Object> file_repr(ThreadState& ts, Object* self) {
  FileObject* f = as_file(self);
  const FileState& st = *f->st;
  std::string r = "<";
  r += type_of(self)->name;
  if (st.kind == Kind::Raw && !st.text) {
    if (st.closed()) return str_new(r + " [closed]>");
    r += " name=" + repr_utf8(ts, f->name) + " mode=" + repr_utf8(ts, f->mode);
    r += st.closefd ? " closefd=True>" : " closefd=False>";
    return str_new(r);
  }
  r += " name=" + repr_utf8(ts, f->name);
  if (st.text) r += " mode=" + repr_utf8(ts, f->mode) + " encoding=" + repr_utf8(ts, f->encoding);
  r += ">";
  return str_new(r);
}

void file_dealloc(Object* o) noexcept {
  FileObject* f = as_file(o);
  if (FileState* st = f->st) {
    if (!st->closed()) {
      if (ThreadState* ts = current_thread_state()) {
        try {
          close_file(*ts, *st);
        } catch (...) {  // nobody to report to: CPython would print "Exception ignored"
        }
      } else {
        if (st->closefd) ::close(st->get_fd());
      }
    }
    delete st;
  }
  xdecref(f->name);
  xdecref(f->mode);
  xdecref(f->encoding);
  xdecref(f->errors);
  xdecref(f->dict);
  object_free(o, sizeof(FileObject));
}

#define GK_FILE_METHODS                                                                                  \
  {"read", file_read}, {"readline", file_readline}, {"readlines", file_readlines}, {"write", file_write}, \
      {"writelines", file_writelines}, {"flush", file_flush}, {"close", file_close}, {"seek", file_seek},  \
      {"tell", file_tell}, {"truncate", file_truncate}, {"fileno", file_fileno}, {"isatty", file_isatty},  \
      {"readable", file_readable}, {"writable", file_writable}, {"seekable", file_seekable},               \
      {"__enter__", file_enter}, {"__exit__", file_exit}

const MethodDef kFileMethods[] = {GK_FILE_METHODS, {nullptr, nullptr}};
const MethodDef kRawMethods[] = {GK_FILE_METHODS, {"readall", file_readall}, {nullptr, nullptr}};
#undef GK_FILE_METHODS

const GetSetDef kBufferedGetSets[] = {
    {"name", get_name, nullptr},
    {"mode", get_mode, nullptr},
    {"closed", get_closed, nullptr},
    {"__dict__", get_dict, nullptr},
    {nullptr, nullptr, nullptr},
};
const GetSetDef kRawGetSets[] = {
    {"name", get_name, nullptr},       {"mode", get_mode, nullptr},     {"closed", get_closed, nullptr},
    {"closefd", get_closefd, nullptr}, {"__dict__", get_dict, nullptr}, {nullptr, nullptr, nullptr},
};
const GetSetDef kTextGetSets[] = {
    {"name", get_name, nullptr},
    {"mode", get_mode, nullptr},
    {"closed", get_closed, nullptr},
    {"encoding", get_encoding, nullptr},
    {"errors", get_errors, nullptr},
    {"newlines", get_newlines, nullptr},
    {"line_buffering", get_line_buffering, nullptr},
    {"__dict__", get_dict, nullptr},
    {nullptr, nullptr, nullptr},
};

void setup_file_type(TypeObject& t, const char* name, const MethodDef* methods, const GetSetDef* getsets) {
  t.name = name;
  t.basicsize = sizeof(FileObject);
  static FileObject probe;  // the offset of the __dict__ slot (offsetof is not defined for derived structs)
  t.dictoffset = static_cast<size_t>(reinterpret_cast<char*>(&probe.dict) - reinterpret_cast<char*>(&probe));
  t.flags = TPFLAG_HAS_DICT | TPFLAG_IMMUTABLE;
  t.getattro = generic_getattr;
  t.setattro = generic_setattr;
  t.dealloc = file_dealloc;
  t.repr = file_repr;
  t.iter = file_iter;
  t.iternext = file_next;
  t.methods = methods;
  t.getsets = getsets;
}
void setup_fileio(TypeObject& t) { setup_file_type(t, "_io.FileIO", kRawMethods, kRawGetSets); }
void setup_reader(TypeObject& t) { setup_file_type(t, "_io.BufferedReader", kFileMethods, kBufferedGetSets); }
void setup_writer(TypeObject& t) { setup_file_type(t, "_io.BufferedWriter", kFileMethods, kBufferedGetSets); }
void setup_random(TypeObject& t) { setup_file_type(t, "_io.BufferedRandom", kFileMethods, kBufferedGetSets); }
void setup_text(TypeObject& t) { setup_file_type(t, "_io.TextIOWrapper", kFileMethods, kTextGetSets); }

// --- open() ----------------------------------------------------------------------------------

// CPython's codec names for the three codecs gilkit has (str.encode/bytes.decode
// accept the same spellings).
bool codec_for(std::string_view name, TextCodec& out) {
  std::string n;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c == '_' || c == ' ') c = '-';
    n.push_back(c);
  }
  if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") {
    out = TextCodec::Utf8;
    return true;
  }
  if (n == "ascii" || n == "us-ascii" || n == "646" || n == "latin-1" || n == "latin1" || n == "iso-8859-1" ||
      n == "iso8859-1" || n == "8859" || n == "l1" || n == "latin" || n == "cp819" || n == "iso-ir-100") {
    out = TextCodec::SingleByte;
    return true;
  }
  return false;
}

struct OpenMode {
  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
};

OpenMode parse_mode(ThreadState& ts, Object* mode) {
  OpenMode m;
  std::string_view s = str_view(mode);
  bool seen[128] = {};
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 128 || seen[u] || !std::strchr("axrwb+t", c) || c == 0)
      raise_fmt(Exc_ValueError, "invalid mode: %s", repr_utf8(ts, mode).c_str());
    seen[u] = true;
    switch (c) {
      case 'x': m.creating = true; break;
      case 'r': m.reading = true; break;
      case 'w': m.writing = true; break;
      case 'a': m.appending = true; break;
      case '+': m.updating = true; break;
      case 't': m.text = true; break;
      case 'b': m.binary = true; break;
    }
  }
  if (m.text && m.binary) raise(Exc_ValueError, "can't have text and binary mode at once");
  if (m.creating + m.reading + m.writing + m.appending > 1)
    raise(Exc_ValueError, "must have exactly one of create/read/write/append mode");
  return m;
}

// FileIO's normalised mode: 'rb', 'wb', 'ab', 'xb', with '+' when both ways.
const char* raw_mode_name(const OpenMode& m, bool readable, bool writable) {
  if (m.creating) return readable ? "xb+" : "xb";
  if (m.appending) return readable ? "ab+" : "ab";
  if (readable) return writable ? "rb+" : "rb";
  return "wb";
}

void check_str_or_none(Object* o, const char* arg) {
  if (o && !is_none(o) && !is_str(o))
    raise_fmt(Exc_TypeError, "open() argument '%s' must be str or None, not %s", arg, type_name(o));
}

Newline parse_newline(ThreadState& ts, Object* o) {
  if (!o || is_none(o)) return Newline::Universal;
  std::string_view s = str_view(o);
  if (s.empty()) return Newline::Untranslated;
  if (s == "\n") return Newline::LF;
  if (s == "\r") return Newline::CR;
  if (s == "\r\n") return Newline::CRLF;
  raise_fmt(Exc_ValueError, "illegal newline value: %s", str_utf8(ts, o).c_str());
}

}  // namespace

TypeObject FileIO_type, BufferedReader_type, BufferedWriter_type, BufferedRandom_type, TextIOWrapper_type;
GK_REGISTER_TYPE(FileIO_type, setup_fileio);
GK_REGISTER_TYPE(BufferedReader_type, setup_reader);
GK_REGISTER_TYPE(BufferedWriter_type, setup_writer);
GK_REGISTER_TYPE(BufferedRandom_type, setup_random);
GK_REGISTER_TYPE(TextIOWrapper_type, setup_text);

Ref<Object> builtin_open(ThreadState& ts, Object*, Args args, size_t nargs, Object* kwnames) {
  static const char* const kParams[] = {"file",   "mode",    "buffering", "encoding",
                                        "errors", "newline", "closefd",   "opener"};
  for (size_t k = 0; k < kwnames_count(kwnames); ++k) {  // CPython's wording for an unknown keyword
    std::string_view kw = str_view(tuple_get(kwnames, k));
    bool known = false;
    for (const char* p : kParams) known = known || kw == p;
    if (!known) raise_fmt(Exc_TypeError, "'%.*s' is an invalid keyword argument for open()", (int)kw.size(), kw.data());
  }
  if (nargs > 8) raise_fmt(Exc_TypeError, "open() takes at most 8 arguments (%zu given)", nargs);
  Object* a[8];
  parse_args("open", args, nargs, kwnames,
             {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1, a);
  Object* file = a[0];
  Ref<Object> mode_obj = a[1] ? newref(a[1]) : str_new("r");
  if (!is_str(mode_obj)) raise_fmt(Exc_TypeError, "open() argument 'mode' must be str, not %s", type_name(mode_obj));
  int64_t buffering = a[2] ? index_as_i64(ts, a[2]) : -1;
  Object* encoding = a[3] && !is_none(a[3]) ? a[3] : nullptr;
  Object* errors = a[4] && !is_none(a[4]) ? a[4] : nullptr;
  Object* newline = a[5] && !is_none(a[5]) ? a[5] : nullptr;
  check_str_or_none(a[3], "encoding");
  check_str_or_none(a[4], "errors");
  check_str_or_none(a[5], "newline");
  bool closefd = a[6] ? index_as_i64(ts, a[6]) != 0 : true;
  Object* opener = a[7] && !is_none(a[7]) ? a[7] : nullptr;

  OpenMode m = parse_mode(ts, mode_obj);
  if (m.binary && encoding) raise(Exc_ValueError, "binary mode doesn't take an encoding argument");
  if (m.binary && errors) raise(Exc_ValueError, "binary mode doesn't take an errors argument");
  if (m.binary && newline) raise(Exc_ValueError, "binary mode doesn't take a newline argument");

  // The file: a descriptor (an int, bool included) or a path (str, bytes, os.PathLike).
  int fd = -1;
  bool have_fd = is_int(file);
  std::string path;
  if (have_fd) {
    int64_t v = index_as_i64(ts, file);
    if (v < 0) raise(Exc_ValueError, "negative file descriptor");
    if (v > INT32_MAX) raise(Exc_OverflowError, "fd is greater than maximum");
    fd = static_cast<int>(v);
  } else {
    Ref<Object> p = newref(file);
    if (!is_str(p) && !type_check(p, &Bytes_type)) {
      Ref<Object> fspath = lookup_special(ts, p, intern("__fspath__"));
      if (!fspath)
        raise_fmt(Exc_TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(file));
      p = call0(ts, fspath);
      if (!is_str(p) && !type_check(p, &Bytes_type))
        raise_fmt(Exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(file),
                  type_name(p));
    }
    path.assign(is_str(p) ? str_view(p) : bytes_view(p));
  }
  if (!(m.creating || m.reading || m.writing || m.appending))
    raise(Exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
  if (!closefd && !have_fd) raise(Exc_ValueError, "Cannot use closefd=False with file name");
  if (!have_fd && path.find('\0') != std::string::npos) raise(Exc_ValueError, "embedded null byte");

  const bool readable = m.reading || m.updating;
  const bool writable = !m.reading || m.updating;
  int flags = (readable && writable) ? O_RDWR : readable ? O_RDONLY : O_WRONLY;
  if (m.writing) flags |= O_CREAT | O_TRUNC;
  if (m.appending) flags |= O_CREAT | O_APPEND;
  if (m.creating) flags |= O_CREAT | O_EXCL;
  flags |= O_CLOEXEC;

  // Open and look at the file with the GIL released.
  struct stat sb;
  int err = 0;
  bool is_dir = false;
  if (!have_fd && opener) {
    Ref<Object> flags_obj = int_from_i64(flags);
    Ref<Object> r = call2(ts, opener, file, flags_obj);
    if (!is_int(r)) raise(Exc_TypeError, "expected integer from opener");
    int64_t v = index_as_i64(ts, r);
    if (v < 0) raise_fmt(Exc_ValueError, "opener returned %lld", static_cast<long long>(v));
    fd = static_cast<int>(v);
    have_fd = true;
    closefd = true;
    path.clear();
  }
  {
    AllowThreads allow(ts);
    if (!have_fd) {
      do {
        fd = ::open(path.c_str(), flags, 0666);
      } while (fd < 0 && errno == EINTR);
      if (fd < 0) err = errno;
    }
    if (!err) {
      if (::fstat(fd, &sb) != 0) {
        err = errno;
      } else if (S_ISDIR(sb.st_mode)) {
        err = EISDIR;
        is_dir = true;
      }
      if (err && (is_dir ? closefd : !have_fd)) ::close(fd);
    }
  }
  if (err) raise_errno(ts, err, have_fd && !is_dir ? nullptr : file);

  // From here on the object owns the descriptor: an error closes it.
  Kind kind = buffering == 0 ? Kind::Raw : (readable && writable) ? Kind::Random : readable ? Kind::Reader : Kind::Writer;
  TypeObject* type = !m.binary        ? &TextIOWrapper_type
                     : kind == Kind::Raw ? &FileIO_type
                     : kind == Kind::Reader ? &BufferedReader_type
                     : kind == Kind::Writer ? &BufferedWriter_type
                                            : &BufferedRandom_type;
  if (!m.binary && kind == Kind::Raw) kind = (readable && writable) ? Kind::Random : readable ? Kind::Reader : Kind::Writer;
  auto* f = alloc_object<FileObject>(type);
  Ref<Object> result = steal<Object>(f);
  f->st = new FileState();
  FileState& st = *f->st;
  st.fd.store(fd, std::memory_order_relaxed);
  st.closefd = closefd;
  st.kind = kind;
  st.text = !m.binary;
  st.readable = readable;
  st.writable = writable;
  f->name = newref(file).release();
  f->mode = m.binary ? str_new(raw_mode_name(m, readable, writable)).release() : newref(mode_obj.get()).release();
  if (m.appending) ::lseek(fd, 0, SEEK_END);  // as CPython: tell() starts at the end

  if (buffering == 0 && !m.binary) raise(Exc_ValueError, "can't have unbuffered text I/O");
  if (st.kind != Kind::Raw || st.text) {
    size_t cap = buffering > 1 ? static_cast<size_t>(buffering)
                 : sb.st_blksize > 1 ? static_cast<size_t>(sb.st_blksize)
                                     : kDefaultBufferSize;
    cap = std::max(cap, kMinBufferSize);
    st.buf = static_cast<char*>(mem_alloc(cap));
    st.cap = cap;
  }
  if (st.text) {
    st.line_buffering = buffering == 1 || (buffering < 0 && ::isatty(fd));
    st.newline = parse_newline(ts, newline);
    f->encoding = encoding ? newref(encoding).release() : str_new("UTF-8").release();
    f->errors = errors ? newref(errors).release() : str_new("strict").release();
    // The codec must exist (LookupError "unknown encoding: x" from bytes.decode).
    Ref<Object> empty = bytes_new("");
    call_method(ts, empty, intern("decode"), &f->encoding, 1);
    if (!codec_for(str_view(f->encoding), st.codec))
      raise_fmt(Exc_LookupError, "unknown encoding: %s", str_utf8(ts, f->encoding).c_str());
    st.utf8_strict = st.codec == TextCodec::Utf8 && str_view(f->errors) == "strict";
  }
  return result;
}

}  // namespace gk
