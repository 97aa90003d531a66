// runtime/objects/range.hpp — range, slice, and the generic iterators
// (sequence iterator over __getitem__, reversed, enumerate, zip, map, filter
// live with the builtins).
#pragma once

#include "objects/object.hpp"

namespace gk {

struct RangeObject : Object {  // every field immutable after creation
  Object* start;  // int (strong)
  Object* stop;
  Object* step;
  Object* length;  // int: len(range)
};

struct SliceObject : Object {  // every field immutable after creation
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

// --- helpers shared by the built-in sequences (tuple, list, range) -----------
// A subscript that is an int or has __index__: its value (IndexError "cannot
// fit 'int' into an index-sized integer" when too large) and true; false for
// any other key (the caller raises its "indices must be integers" TypeError).
bool seq_index_key(ThreadState& ts, Object* key, int64_t& out);
// The repeat count of `seq * n` / `n * seq` (either operand order), or false
// when the slot should return NotImplemented (the other operand is a class
// that may handle it). Raises "can't multiply sequence by non-int of type 'X'".
bool seq_repeat_count(ThreadState& ts, Object* a, Object* b, TypeObject* seq_type, int kind, int64_t& n);
// An optional start/stop argument of list.index / tuple.index (null when
// omitted: dflt): an int or __index__ value, negative counted from the end,
// clamped to [0, n]. Anything else, None included, raises CPython's
// "slice indices must be integers or have an __index__ method".
int64_t seq_clamp_bound(ThreadState& ts, Object* arg, int64_t n, int64_t dflt);

}  // namespace gk
