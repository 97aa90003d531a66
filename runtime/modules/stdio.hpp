// runtime/modules/stdio.hpp — sys.stdin / sys.stdout / sys.stderr: text
// streams over the C library's FILE buffers (line-buffered on a terminal,
// block-buffered otherwise, stderr unbuffered — CPython's choices).
#pragma once

#include <string>
#include <string_view>

#include "objects/object.hpp"

namespace gk {

extern TypeObject TextStream_type;

// The three standard streams (created once by make_std_streams).
struct StdStreams {
  Ref<Object> in, out, err;
};
StdStreams make_std_streams();

// The object currently bound to sys.stdout / sys.stderr (a user may replace them).
Ref<Object> stdio_current_stdout(ThreadState& ts);
Ref<Object> stdio_current_stderr(ThreadState& ts);
// Write text to a stream object: a fast path for our own streams, else stream.write(text).
void stdio_write(ThreadState& ts, Object* stream, std::string_view text);
void stdio_flush(ThreadState& ts, Object* stream);
// Read one line from sys.stdin (including the newline); false at EOF.
bool stdio_read_line(ThreadState& ts, std::string& line);
// Flush the C-level stdout/stderr buffers (at exit and before printing tracebacks).
void stdio_flush_all() noexcept;

}  // namespace gk
