// runtime/vm/frame.cpp — frame memory: the per-thread frame arena for
// ordinary calls, heap frames for generators, and clearing a frame.
//
// The arena is a chain of chunks used as one stack of frames:
//
//   chunk 0 [ frame | frame | frame |      free      ]
//   chunk 1 [ frame | frame | ...  ]   <- cur, top points past the last frame
//   chunk 2 (spare, empty)             <- cur->next, kept to avoid malloc churn
//
// frame_push bumps `top`; a frame that does not fit in the current chunk
// starts the next chunk (recording the old top in the new chunk's saved_top).
// frame_pop resets `top` to the popped frame's address, or, when that frame was
// the first in its chunk, returns to the previous chunk's saved top. At most
// one spare chunk is kept, so a deep recursion's memory is returned once it
// unwinds. Owner thread only (reached through ts.frame_arena).
#include <cassert>
#include <cstring>
#include <new>

#include "objects/exceptions.hpp"
#include "vm/eval.hpp"

namespace gk {

namespace {
constexpr size_t kChunkSize = 256 * 1024;  // bytes of frames per chunk (a few hundred typical frames)
}  // namespace

struct ArenaChunk {
  ArenaChunk* prev;
  ArenaChunk* next;   // spare chunk (empty) or null
  char* saved_top;    // prev chunk's top when this chunk became current
  size_t size;        // usable bytes after the header
  char* data() noexcept { return reinterpret_cast<char*>(this + 1); }
  char* end() noexcept { return data() + size; }
};
static_assert(sizeof(ArenaChunk) % kFrameAlign == 0);

namespace {

ArenaChunk* chunk_new(size_t min_bytes) {
  size_t size = min_bytes > kChunkSize ? min_bytes : kChunkSize;
  auto* c = static_cast<ArenaChunk*>(mem_alloc(sizeof(ArenaChunk) + size));
  c->prev = c->next = nullptr;
  c->saved_top = nullptr;
  c->size = size;
  return c;
}

void chunk_free(ArenaChunk* c) noexcept { mem_free(c, sizeof(ArenaChunk) + c->size); }

// Makes room for `bytes` by moving to the next chunk (the spare if it is big
// enough, else a new one).
[[gnu::noinline]] void arena_grow(ThreadState& ts, size_t bytes) {
  FrameArena* a = ts.frame_arena;
  if (!a) {
    a = static_cast<FrameArena*>(mem_alloc(sizeof(FrameArena)));
    new (a) FrameArena();
    ts.frame_arena = a;
  }
  ArenaChunk* next = a->cur ? a->cur->next : nullptr;
  if (next && next->size < bytes) {
    a->cur->next = nullptr;
    chunk_free(next);
    next = nullptr;
  }
  if (!next) {
    next = chunk_new(bytes);
    if (a->cur) a->cur->next = next;
  }
  next->prev = a->cur;
  next->saved_top = a->top;
  a->cur = next;
  a->top = next->data();
  a->limit = next->end();
  a->chunk_first = next->prev ? next->data() : nullptr;
}

}  // namespace

Frame* frame_push_new_chunk(ThreadState& ts, CodeObject* code, Object* func, Object* globals, Object* builtins,
                            Object* locals) {
  size_t bytes = aligned_frame_size(code);
  arena_grow(ts, bytes);
  FrameArena* a = ts.frame_arena;
  auto* f = reinterpret_cast<Frame*>(a->top);
  a->top += bytes;
  frame_init(f, code, func, globals, builtins, locals);
  return f;
}

// `f` (its references already released) opened the current chunk, which has a
// previous one: go back to that; keep the current chunk as the spare.
void frame_pop_chunk(ThreadState& ts, Frame* f) noexcept {
  FrameArena* a = ts.frame_arena;
  ArenaChunk* c = a->cur;
  assert(reinterpret_cast<char*>(f) == c->data() && c->prev);
  (void)f;
  ArenaChunk* prev = c->prev;
  if (c->next) {
    chunk_free(c->next);
    c->next = nullptr;
  }
  a->cur = prev;
  a->top = c->saved_top;
  a->limit = prev->end();
  a->chunk_first = prev->prev ? prev->data() : nullptr;
  prev->next = c;
}

Frame* frame_new_heap(CodeObject* code, Object* func, Object* globals, Object* builtins, Object* locals) {
  auto* f = static_cast<Frame*>(mem_alloc(frame_size(code)));
  frame_init(f, code, func, globals, builtins, locals);
  return f;
}

void frame_free_heap(Frame* f) noexcept {
  size_t bytes = frame_size(f->code);
  frame_release_refs(f);
  mem_free(f, bytes);
}

void frame_clear_locals(Frame* f) noexcept {
  // Detach each reference before dropping it: a finaliser may look at the frame.
  Object** lp = f->localsplus();
  int n = code_nlocalsplus(f->code);
  for (int i = 0; i < n; ++i) clear(lp[i]);
  Object** stack = lp + n;
  while (f->stack_depth > 0) {
    Object* v = stack[--f->stack_depth];
    xdecref(v);
  }
  while (f->nblocks > 0) {
    Block& b = f->blocks[--f->nblocks];
    if (b.kind == BlockKind::EXCEPT_HANDLER) clear(b.prev_exc);
  }
}

void frame_arena_free(ThreadState& ts) noexcept {
  FrameArena* a = ts.frame_arena;
  if (!a) return;
  ArenaChunk* c = a->cur;
  if (c) {
    while (c->prev) c = c->prev;  // the first chunk
  }
  while (c) {
    ArenaChunk* next = c->next;
    chunk_free(c);
    c = next;
  }
  mem_free(a, sizeof(FrameArena));
  ts.frame_arena = nullptr;
}

bool frame_chain_ok(ThreadState& ts) noexcept {
  for (Frame* f = ts.frame; f; f = f->back) {
    if (!f->code || type_of(f->code) != &Code_type) return false;
    if (f->lasti < -1 || f->lasti >= static_cast<int>(f->code->ncode)) return false;
    if (f->stack_depth < 0 || f->stack_depth > f->code->stacksize) return false;
    if (f->nblocks < 0 || f->nblocks > kMaxBlocks) return false;
  }
  return true;
}

void raise_recursion_error() { raise(Exc_RecursionError, "maximum recursion depth exceeded"); }

}  // namespace gk
