// runtime/objects/iterators.hpp — the iterator types that the builtins module
// exposes by name (enumerate, zip, map, filter, reversed), plus the iterators
// of the built-in containers.
#pragma once

#include "objects/object.hpp"

namespace gk {

extern TypeObject Enumerate_type, Zip_type, Map_type, Filter_type, Reversed_type;
extern TypeObject SeqIter_type, CallIter_type;  // iter(seq) via __getitem__; iter(callable, sentinel)

Ref<Object> call_iter_new(Object* callable, Object* sentinel);

}  // namespace gk
