// runtime/objects/range.hpp — range, slice, and the generic iterators
// (sequence iterator over __getitem__, reversed, enumerate, zip, map, filter
// live with the builtins).
#pragma once

#include "objects/object.hpp"

namespace gk {

struct RangeObject : Object {
  Object* start;  // int (strong)
  Object* stop;
  Object* step;
  Object* length;  // int: len(range)
};

struct SliceObject : Object {
  Object* start;  // strong, None when omitted
  Object* stop;
  Object* step;
};

Ref<Object> range_new(ThreadState& ts, Object* start, Object* stop, Object* step);
Ref<Object> slice_new(Object* start, Object* stop, Object* step);  // null args mean None
// slice.indices(len) semantics: fills start/stop/step and returns the slice length.
int64_t slice_indices(ThreadState& ts, Object* slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step);
// Iterator over a sequence via __getitem__(0), (1), ... until IndexError.
Ref<Object> seq_iter_new(Object* seq);

}  // namespace gk
