// runtime/modules/fileio.hpp — the open() builtin and the file objects it
// returns. One object layout (FileObject, fileio.cpp) serves five types named
// as CPython's io classes, so that type(f), repr(f) and the error messages
// match: FileIO (binary, buffering=0), BufferedReader / BufferedWriter /
// BufferedRandom (binary) and TextIOWrapper (text). The design (POSIX file
// descriptors with gilkit's own buffer, lazy decoding, per-file lock held
// across GIL-free system calls) is described at the top of fileio.cpp.
#pragma once

#include "objects/object.hpp"

namespace gk {

extern TypeObject FileIO_type, BufferedReader_type, BufferedWriter_type, BufferedRandom_type, TextIOWrapper_type;

// open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
//      closefd=True, opener=None) — the builtins entry (vectorcall signature).
Ref<Object> builtin_open(ThreadState& ts, Object* self, Object* const* args, size_t nargs, Object* kwnames);

}  // namespace gk
