// compiler_stmt.cpp — statements: definitions (def, class, decorators,
// defaults, annotations), control flow (if, while, for, break, continue,
// return), exceptions (try/except/else/finally, raise, assert), `with`,
// imports, assignments that are statements (augmented, annotated, del), and
// the fblock machinery that emits cleanup code when a statement leaves a
// block early.
//
// Exception handling uses the block stack of vm/opcodes.hpp:
//
//   try: BODY except E as n: H          try: BODY finally: F
//   ------------------------------      ------------------------------
//       SETUP_FINALLY  L_exc                SETUP_FINALLY  L_fin
//       BODY                                BODY
//       POP_BLOCK                           POP_BLOCK
//       ELSE-BODY                           F                (normal path)
//       JUMP_FORWARD   L_end                JUMP_FORWARD   L_end
//   L_exc:             [exc]            L_fin:             [exc]
//       E; CHECK_EXC_MATCH                  F                (exceptional path)
//       POP_JUMP_IF_FALSE L_next            RERAISE
//       STORE n; SETUP_FINALLY L_clean  L_end:
//       H; POP_BLOCK; POP_EXCEPT
//       n = None; del n; JUMP_FORWARD L_end
//   L_clean: n = None; del n; RERAISE
//   L_next: ... RERAISE                (no handler matched)
//   L_end:
#include <algorithm>

#include "frontend/compiler.hpp"
#include "objects/abstract.hpp"
#include "objects/exceptions.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/frame.hpp"

namespace gk {
namespace compiler_detail {

namespace {
constexpr int kMaxStaticBlocks = 20;  // CPython's CO_MAXBLOCKS

// The runtime blocks (block-stack entries) an fblock stands for.
int block_weight(const FBlock& fb) {
  switch (fb.kind) {
    case FBlockKind::WhileLoop:
    case FBlockKind::ForLoop:
    case FBlockKind::PopValue:
      return 0;
    case FBlockKind::HandlerCleanup:
      return fb.name ? 2 : 1;
    default:
      return 1;
  }
}

const std::string* docstring_of(const StmtList& body) {
  if (body.empty() || !body[0]->is<ExprStmt>()) return nullptr;
  Expr* v = body[0]->as<ExprStmt>()->value;
  if (!v->is<Constant>()) return nullptr;
  return std::get_if<std::string>(&v->as<Constant>()->value);
}

// Does a module or class body contain an annotated assignment (outside nested scopes)?
bool has_annotations(const StmtList& body) {
  for (Stmt* s : body) {
    switch (s->kind) {
      case StmtKind::AnnAssign:
        return true;
      case StmtKind::For:
        if (has_annotations(s->as<For>()->body) || has_annotations(s->as<For>()->orelse)) return true;
        break;
      case StmtKind::While:
        if (has_annotations(s->as<While>()->body) || has_annotations(s->as<While>()->orelse)) return true;
        break;
      case StmtKind::If:
        if (has_annotations(s->as<If>()->body) || has_annotations(s->as<If>()->orelse)) return true;
        break;
      case StmtKind::With:
        if (has_annotations(s->as<With>()->body)) return true;
        break;
      case StmtKind::Try: {
        auto* t = s->as<Try>();
        if (has_annotations(t->body) || has_annotations(t->orelse) || has_annotations(t->finalbody)) return true;
        for (ExceptHandler* h : t->handlers)
          if (has_annotations(h->body)) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}
}  // namespace

// ---------------------------------------------------------------------------
// fblocks
// ---------------------------------------------------------------------------

void Compiler::push_fblock(FBlock fb, const Located& at) {
  int w = block_weight(fb);
  if (static_cast<int>(u_->fblocks.size()) >= kMaxStaticBlocks || u_->block_weight + w > kMaxBlocks)
    error("too many statically nested blocks", at);
  u_->block_weight += w;
  u_->fblocks.push_back(fb);
}

void Compiler::pop_fblock() {
  u_->block_weight -= block_weight(u_->fblocks.back());
  u_->fblocks.pop_back();
}

// Emits the code that leaves `fb` early. With preserve_tos, the value on top
// of the stack (a return value) is kept on top.
void Compiler::unwind_fblock(const FBlock& fb, bool preserve_tos) {
  switch (fb.kind) {
    case FBlockKind::WhileLoop:
      return;
    case FBlockKind::ForLoop:
    case FBlockKind::PopValue:
      if (preserve_tos) emit(OP_SWAP, 2);
      emit(OP_POP_TOP);
      return;
    case FBlockKind::TryExcept:
      emit(OP_POP_BLOCK);
      return;
    case FBlockKind::FinallyTry:
      emit(OP_POP_BLOCK);
      // Run a copy of the finally body; a `return` inside it drops the value we keep.
      if (preserve_tos) push_fblock(FBlock{FBlockKind::PopValue}, Located{});
      compile_stmts(*fb.finalbody);
      if (preserve_tos) pop_fblock();
      return;
    case FBlockKind::FinallyEnd:
      if (preserve_tos) emit(OP_SWAP, 2);
      emit(OP_POP_TOP);  // the exception
      emit(OP_POP_EXCEPT);
      return;
    case FBlockKind::With: {
      LineScope line(u_, fb.line);
      emit(OP_POP_BLOCK);
      if (preserve_tos) emit(OP_SWAP, 2);
      emit_load_none();
      emit_load_none();
      emit_load_none();
      emit(OP_CALL, 3);
      emit(OP_POP_TOP);
      return;
    }
    case FBlockKind::HandlerCleanup:
      if (fb.name) emit(OP_POP_BLOCK);
      emit(OP_POP_EXCEPT);
      if (fb.name) {
        emit_load_none();
        name_op(*fb.name, ExprContext::Store);
        name_op(*fb.name, ExprContext::Del);
      }
      return;
  }
}

void Compiler::unwind_fblock_stack(bool preserve_tos, int* loop) {
  if (u_->fblocks.empty()) return;
  FBlock top = u_->fblocks.back();
  if (loop && (top.kind == FBlockKind::WhileLoop || top.kind == FBlockKind::ForLoop)) {
    *loop = static_cast<int>(u_->fblocks.size()) - 1;
    return;
  }
  int weight = block_weight(top);
  u_->fblocks.pop_back();
  u_->block_weight -= weight;
  unwind_fblock(top, preserve_tos);
  unwind_fblock_stack(preserve_tos, loop);
  u_->fblocks.push_back(top);
  u_->block_weight += weight;
}

// ---------------------------------------------------------------------------
// Bodies and statements
// ---------------------------------------------------------------------------

void Compiler::compile_stmts(const StmtList& body, size_t from) {
  for (size_t i = from; i < body.size(); ++i) compile_stmt(body[i]);
}

void Compiler::compile_body(const StmtList& body) {
  if (!body.empty()) u_->line = body[0]->lineno;
  if (has_annotations(body)) emit(OP_SETUP_ANNOTATIONS);
  size_t first = 0;
  if (const std::string* doc = docstring_of(body)) {
    u_->line = body[0]->lineno;
    emit_const(str_new(*doc));
    name_op("__doc__", ExprContext::Store);
    first = 1;
  }
  compile_stmts(body, first);
}

void Compiler::compile_stmt(Stmt* s) {
  if (++depth_ > 3000) raise(Exc_RecursionError, "maximum recursion depth exceeded during compilation");
  struct DepthGuard {
    int& d;
    ~DepthGuard() { --d; }
  } guard{depth_};
  check_c_stack(ts_);
  u_->line = s->lineno;
  switch (s->kind) {
    case StmtKind::FunctionDef: {
      auto* f = s->as<FunctionDef>();
      compile_function_def(s, f->name, f->args, f->body, f->decorator_list, f->returns);
      break;
    }
    case StmtKind::ClassDef:
      compile_class_def(s->as<ClassDef>());
      break;
    case StmtKind::Return:
      compile_return(s->as<Return>());
      break;
    case StmtKind::Delete:
      for (Expr* t : s->as<Delete>()->targets) compile_delete(t);
      break;
    case StmtKind::Assign: {
      auto* a = s->as<Assign>();
      if (a->targets.size() == 1 && try_swap_assign(a->targets[0], a->value)) break;
      compile_expr(a->value);
      for (size_t i = 0; i < a->targets.size(); ++i) {
        if (i + 1 < a->targets.size()) emit(OP_COPY, 1);
        assign_to(a->targets[i]);
      }
      break;
    }
    case StmtKind::AugAssign:
      compile_aug_assign(s->as<AugAssign>());
      break;
    case StmtKind::AnnAssign:
      compile_ann_assign(s->as<AnnAssign>());
      break;
    case StmtKind::For:
      compile_for(s->as<For>());
      break;
    case StmtKind::While:
      compile_while(s->as<While>());
      break;
    case StmtKind::If:
      compile_if(s->as<If>());
      break;
    case StmtKind::With:
      compile_with(s->as<With>(), 0);
      break;
    case StmtKind::Raise: {
      auto* r = s->as<Raise>();
      int n = 0;
      if (r->exc) {
        compile_expr(r->exc);
        n = 1;
        if (r->cause) {
          compile_expr(r->cause);
          n = 2;
        }
      }
      emit(OP_RAISE_VARARGS, n);
      break;
    }
    case StmtKind::Try: {
      auto* t = s->as<Try>();
      compile_try(t->body, t->handlers, t->orelse, t->finalbody, s);
      break;
    }
    case StmtKind::Assert:
      compile_assert(s->as<Assert>());
      break;
    case StmtKind::Import:
      compile_import(s->as<Import>());
      break;
    case StmtKind::ImportFrom:
      compile_import_from(s->as<ImportFrom>());
      break;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
    case StmtKind::Pass:
      break;
    case StmtKind::ExprStmt: {
      Expr* v = s->as<ExprStmt>()->value;
      if (v->is<Constant>()) break;  // a constant statement (e.g. a string) does nothing
      compile_expr(v);
      emit(OP_POP_TOP);
      break;
    }
    case StmtKind::Break:
      compile_break(s);
      break;
    case StmtKind::Continue:
      compile_continue(s);
      break;
    case StmtKind::AsyncFunctionDef:
    case StmtKind::AsyncFor:
    case StmtKind::AsyncWith:
      error("gilkit does not support async functions, 'async for' or 'async with'", *s);
    case StmtKind::Match:
      error("gilkit does not support 'match' statements", *s);
    case StmtKind::TryStar:
      error("gilkit does not support 'except*'", *s);
  }
}

// ---------------------------------------------------------------------------
// def and class
// ---------------------------------------------------------------------------

// Pushes the defaults tuple and the keyword-only defaults dict; returns the
// MAKE_FUNCTION flags for what was pushed.
int Compiler::compile_defaults(arguments* args) {
  int flags = 0;
  if (!args->defaults.empty()) {
    compile_exprs(args->defaults);
    emit(OP_BUILD_TUPLE, static_cast<int>(args->defaults.size()));
    flags |= 1;
  }
  int nkw = 0;
  for (size_t i = 0; i < args->kwonlyargs.size(); ++i) {
    Expr* d = i < args->kw_defaults.size() ? args->kw_defaults[i] : nullptr;
    if (!d) continue;
    emit_const(newref(intern(mangle_name(args->kwonlyargs[i]->arg))));
    compile_expr(d);
    ++nkw;
  }
  if (nkw) {
    emit(OP_BUILD_MAP, nkw);
    flags |= 2;
  }
  return flags;
}

// Pushes the __annotations__ dict of a function (CPython's key order: the
// regular parameters, the positional-only ones, *args, keyword-only, **kwargs,
// 'return'); returns whether anything was pushed.
bool Compiler::compile_annotations(arguments* args, Expr* returns) {
  int n = 0;
  auto one = [&](const std::string& name, Expr* ann) {
    if (!ann) return;
    emit_const(newref(intern(mangle_name(name))));
    compile_expr(ann);
    ++n;
  };
  for (arg* a : args->args) one(a->arg, a->annotation);
  for (arg* a : args->posonlyargs) one(a->arg, a->annotation);
  if (args->vararg) one(args->vararg->arg, args->vararg->annotation);
  for (arg* a : args->kwonlyargs) one(a->arg, a->annotation);
  if (args->kwarg) one(args->kwarg->arg, args->kwarg->annotation);
  if (returns) {
    emit_const(newref(intern("return")));
    compile_expr(returns);
    ++n;
  }
  if (n) emit(OP_BUILD_MAP, n);
  return n > 0;
}

void Compiler::apply_decorators(const ExprList& decorators) {
  for (size_t i = decorators.size(); i-- > 0;) {
    LineScope line(u_, decorators[i]->lineno);
    emit(OP_CALL, 1);
  }
}

void Compiler::compile_function_def(Stmt* s, const std::string& name, arguments* args, const StmtList& body,
                                    const ExprList& decorators, Expr* returns) {
  compile_exprs(decorators);
  int firstlineno = decorators.empty() ? s->lineno : decorators[0]->lineno;
  int flags = compile_defaults(args);
  if (compile_annotations(args, returns)) flags |= 4;

  enter_scope(name, UnitKind::Function, s, firstlineno);
  const std::string* doc = docstring_of(body);
  add_const(doc ? str_new(*doc) : none_ref());  // co_consts[0] is the docstring or None
  u_->argcount = static_cast<int>(args->posonlyargs.size() + args->args.size());
  u_->posonlyargcount = static_cast<int>(args->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(args->kwonlyargs.size());
  compile_stmts(body, doc ? 1 : 0);
  ChildCode child = exit_scope();

  u_->line = s->lineno;
  make_closure(child, flags);
  apply_decorators(decorators);
  name_op(name, ExprContext::Store);
}

void Compiler::compile_class_def(ClassDef* s) {
  compile_exprs(s->decorator_list);
  int firstlineno = s->decorator_list.empty() ? s->lineno : s->decorator_list[0]->lineno;

  enter_scope(s->name, UnitKind::Class, s, firstlineno);
  u_->private_name = s->name;
  u_->line = s->lineno;
  name_op("__name__", ExprContext::Load);
  name_op("__module__", ExprContext::Store);
  emit_const(str_new(u_->qualname));
  name_op("__qualname__", ExprContext::Store);
  compile_body(s->body);
  // Return the __class__ cell for __build_class__ to fill, or None.
  if (u_->ste->needs_class_closure) {
    emit(OP_LOAD_CLOSURE, u_->cellvars.find("__class__"));
    emit(OP_RETURN_VALUE);
  } else {
    emit_load_none();
    emit(OP_RETURN_VALUE);
  }
  ChildCode child = exit_scope();

  u_->line = s->lineno;
  emit(OP_LOAD_BUILD_CLASS);
  make_closure(child, 0);
  emit_const(str_new(s->name));
  call_helper(2, s->bases, s->keywords);
  apply_decorators(s->decorator_list);
  name_op(s->name, ExprContext::Store);
}

// ---------------------------------------------------------------------------
// return / break / continue
// ---------------------------------------------------------------------------

void Compiler::compile_return(Return* s) {
  if (!in_function()) error("'return' outside function", *s);
  bool preserve_tos = s->value && !s->value->is<Constant>();
  if (preserve_tos) compile_expr(s->value);
  unwind_fblock_stack(preserve_tos, nullptr);
  u_->line = s->lineno;
  if (!s->value)
    emit_load_none();
  else if (!preserve_tos)
    compile_expr(s->value);
  emit(OP_RETURN_VALUE);
}

void Compiler::compile_break(Stmt* s) {
  int loop = -1;
  unwind_fblock_stack(false, &loop);
  if (loop < 0) error("'break' outside loop", *s);
  FBlock fb = u_->fblocks[loop];
  u_->line = s->lineno;
  unwind_fblock(fb, false);
  emit_jump(OP_JUMP_FORWARD, fb.exit);
}

void Compiler::compile_continue(Stmt* s) {
  int loop = -1;
  unwind_fblock_stack(false, &loop);
  if (loop < 0) error("'continue' not properly in loop", *s);
  u_->line = s->lineno;
  emit_jump_to(u_->fblocks[loop].start);
}

// ---------------------------------------------------------------------------
// if / while / for
// ---------------------------------------------------------------------------

void Compiler::compile_if(If* s) {
  Label end = new_label();
  Label next = s->orelse.empty() ? end : new_label();
  jump_if(s->test, next, false);
  compile_stmts(s->body);
  if (!s->orelse.empty()) {
    emit_jump(OP_JUMP_FORWARD, end);
    bind(next);
    compile_stmts(s->orelse);
  }
  bind(end);
}

void Compiler::compile_while(While* s) {
  Label start = new_label(), orelse = new_label(), end = new_label();
  bind(start);
  jump_if(s->test, orelse, false);
  push_fblock(FBlock{FBlockKind::WhileLoop, start, end}, *s);
  compile_stmts(s->body);
  pop_fblock();
  emit_jump_to(start);
  bind(orelse);
  compile_stmts(s->orelse);
  bind(end);
}

void Compiler::compile_for(For* s) {
  Label start = new_label(), cleanup = new_label(), end = new_label();
  compile_expr(s->iter);
  emit(OP_GET_ITER);
  bind(start);
  u_->line = s->lineno;
  emit_jump(OP_FOR_ITER, cleanup);
  push_fblock(FBlock{FBlockKind::ForLoop, start, end}, *s);
  assign_to(s->target);
  compile_stmts(s->body);
  pop_fblock();
  emit_jump_to(start);
  bind(cleanup);
  compile_stmts(s->orelse);
  bind(end);
}

// ---------------------------------------------------------------------------
// try / except / finally
// ---------------------------------------------------------------------------

void Compiler::compile_try(const StmtList& body, const std::vector<ExceptHandler*>& handlers,
                           const StmtList& orelse, const StmtList& finalbody, Stmt* s) {
  if (finalbody.empty()) {
    compile_try_except(body, handlers, orelse, s);
    return;
  }
  Label final_label = new_label(), end = new_label();
  emit_jump(OP_SETUP_FINALLY, final_label);
  FBlock fb{FBlockKind::FinallyTry};
  fb.finalbody = &finalbody;
  push_fblock(fb, *s);
  if (!handlers.empty())
    compile_try_except(body, handlers, orelse, s);
  else
    compile_stmts(body);
  pop_fblock();
  emit(OP_POP_BLOCK);
  compile_stmts(finalbody);
  emit_jump(OP_JUMP_FORWARD, end);

  bind(final_label);  // [exc], an EXCEPT_HANDLER block
  if (!finalbody.empty()) u_->line = finalbody[0]->lineno;
  push_fblock(FBlock{FBlockKind::FinallyEnd}, *s);
  compile_stmts(finalbody);
  pop_fblock();
  emit(OP_RERAISE);
  bind(end);
}

void Compiler::compile_try_except(const StmtList& body, const std::vector<ExceptHandler*>& handlers,
                                  const StmtList& orelse, Stmt* s) {
  Label except = new_label(), end = new_label();
  u_->line = s->lineno;
  emit_jump(OP_SETUP_FINALLY, except);
  push_fblock(FBlock{FBlockKind::TryExcept}, *s);
  compile_stmts(body);
  pop_fblock();
  emit(OP_POP_BLOCK);
  compile_stmts(orelse);
  emit_jump(OP_JUMP_FORWARD, end);

  bind(except);  // [exc], an EXCEPT_HANDLER block
  for (size_t i = 0; i < handlers.size(); ++i) {
    ExceptHandler* h = handlers[i];
    u_->line = h->lineno;
    if (!h->type && i + 1 < handlers.size()) error("default 'except:' must be last", *h);
    Label next = new_label();
    if (h->type) {
      compile_expr(h->type);
      emit(OP_CHECK_EXC_MATCH);
      emit_jump(OP_POP_JUMP_IF_FALSE, next);
    }
    if (h->name) {
      name_op(*h->name, ExprContext::Store);
      // `as name` is deleted when the handler ends, however it ends.
      Label cleanup = new_label();
      emit_jump(OP_SETUP_FINALLY, cleanup);
      FBlock fb{FBlockKind::HandlerCleanup};
      fb.name = &*h->name;
      push_fblock(fb, *h);
      compile_stmts(h->body);
      pop_fblock();
      emit(OP_POP_BLOCK);
      emit(OP_POP_EXCEPT);
      emit_load_none();
      name_op(*h->name, ExprContext::Store);
      name_op(*h->name, ExprContext::Del);
      emit_jump(OP_JUMP_FORWARD, end);

      bind(cleanup);  // [exc2], a second EXCEPT_HANDLER block
      u_->line = h->lineno;
      emit_load_none();
      name_op(*h->name, ExprContext::Store);
      name_op(*h->name, ExprContext::Del);
      emit(OP_RERAISE);
    } else {
      emit(OP_POP_TOP);
      push_fblock(FBlock{FBlockKind::HandlerCleanup}, *h);
      compile_stmts(h->body);
      pop_fblock();
      emit(OP_POP_EXCEPT);
      emit_jump(OP_JUMP_FORWARD, end);
    }
    bind(next);
  }
  if (!handlers.empty()) u_->line = handlers.back()->lineno;
  emit(OP_RERAISE);  // no handler matched
  bind(end);
}

// ---------------------------------------------------------------------------
// with
// ---------------------------------------------------------------------------

// with A as a, B: BODY  ==  with A as a: with B: BODY
//
//       A; BEFORE_WITH          [exit enter_result]
//       SETUP_WITH L_exc        (a SETUP_FINALLY whose level excludes enter_result)
//       STORE a (or POP_TOP)    [exit]   a failing store reaches __exit__, as in CPython
//       BODY
//       POP_BLOCK
//       exit(None, None, None); POP_TOP
//       JUMP_FORWARD L_end
//   L_exc:                      [exit exc], an EXCEPT_HANDLER block
//       WITH_EXCEPT_START       [exit exc result]
//       POP_JUMP_IF_TRUE L_suppress
//       RERAISE
//   L_suppress: POP_TOP; POP_EXCEPT; POP_TOP
//   L_end:
void Compiler::compile_with(With* s, size_t item) {
  withitem* w = s->items[item];
  Label handler = new_label(), suppress = new_label(), end = new_label();
  u_->line = s->lineno;
  compile_expr(w->context_expr);
  emit(OP_BEFORE_WITH);
  emit_jump(OP_SETUP_WITH, handler);
  if (w->optional_vars)
    assign_to(w->optional_vars);
  else
    emit(OP_POP_TOP);
  u_->line = s->lineno;
  FBlock fb{FBlockKind::With};
  fb.line = s->lineno;
  push_fblock(fb, *s);
  if (item + 1 < s->items.size())
    compile_with(s, item + 1);
  else
    compile_stmts(s->body);
  pop_fblock();
  u_->line = s->lineno;
  emit(OP_POP_BLOCK);
  emit_load_none();
  emit_load_none();
  emit_load_none();
  emit(OP_CALL, 3);
  emit(OP_POP_TOP);
  emit_jump(OP_JUMP_FORWARD, end);

  bind(handler);
  u_->line = s->lineno;
  emit(OP_WITH_EXCEPT_START);
  emit_jump(OP_POP_JUMP_IF_TRUE, suppress);
  emit(OP_RERAISE);
  bind(suppress);
  emit(OP_POP_TOP);
  emit(OP_POP_EXCEPT);
  emit(OP_POP_TOP);
  bind(end);
}

// ---------------------------------------------------------------------------
// assert, imports
// ---------------------------------------------------------------------------

void Compiler::compile_assert(Assert* s) {
  Label end = new_label();
  jump_if(s->test, end, true);
  emit(OP_LOAD_ASSERTION_ERROR);
  if (s->msg) {
    compile_expr(s->msg);
    emit(OP_CALL, 1);
  }
  emit(OP_RAISE_VARARGS, 1);
  bind(end);
}

void Compiler::compile_import(Import* s) {
  for (alias* a : s->names) {
    u_->line = a->lineno > 0 ? a->lineno : s->lineno;
    emit_const(int_from_i64(0));
    emit_load_none();
    emit(OP_IMPORT_NAME, add_name(a->name));
    size_t dot = a->name.find('.');
    if (!a->asname) {
      name_op(a->name.substr(0, dot), ExprContext::Store);  // `import a.b` binds a
      continue;
    }
    if (dot == std::string::npos) {
      name_op(*a->asname, ExprContext::Store);
      continue;
    }
    // `import a.b.c as d` binds d to the submodule a.b.c.
    size_t pos = dot + 1;
    while (true) {
      size_t next = a->name.find('.', pos);
      emit(OP_IMPORT_FROM, add_name(a->name.substr(pos, next == std::string::npos ? next : next - pos)));
      if (next == std::string::npos) break;
      emit(OP_SWAP, 2);
      emit(OP_POP_TOP);
      pos = next + 1;
    }
    name_op(*a->asname, ExprContext::Store);
    emit(OP_POP_TOP);
  }
}

void Compiler::compile_import_from(ImportFrom* s) {
  emit_const(int_from_i64(s->level));
  Ref<Object> fromlist = tuple_new(s->names.size());
  for (size_t i = 0; i < s->names.size(); ++i) {
    Object* n = intern(s->names[i]->name);
    incref(n);
    tuple_set_steal(fromlist, i, n);
  }
  emit_const(std::move(fromlist));
  emit(OP_IMPORT_NAME, add_name(s->module ? *s->module : std::string()));
  if (!s->names.empty() && s->names[0]->name == "*") {
    emit(OP_IMPORT_STAR);
    return;
  }
  for (alias* a : s->names) {
    emit(OP_IMPORT_FROM, add_name(a->name));
    name_op(a->asname ? *a->asname : a->name, ExprContext::Store);
  }
  emit(OP_POP_TOP);
}

// ---------------------------------------------------------------------------
// Augmented and annotated assignment, del
// ---------------------------------------------------------------------------

// The target is evaluated once: `a.b += v` loads a once, `a[i] += v` loads a
// and i once.
void Compiler::compile_aug_assign(AugAssign* s) {
  int op = binop_kind(s->op) + NB_INPLACE_OFFSET;
  Expr* t = s->target;
  switch (t->kind) {
    case ExprKind::Name:
      name_op(t->as<Name>()->id, ExprContext::Load);
      compile_expr(s->value);
      emit(OP_BINARY_OP, op);
      name_op(t->as<Name>()->id, ExprContext::Store);
      return;
    case ExprKind::Attribute: {
      auto* a = t->as<Attribute>();
      compile_expr(a->value);
      {
        LineScope line(u_, t->lineno);
        set_attr_line(a);
        emit(OP_COPY, 1);
        emit_name(OP_LOAD_ATTR, a->attr);
      }
      compile_expr(s->value);
      emit(OP_BINARY_OP, op);
      LineScope line(u_, t->lineno);
      set_attr_line(a);
      emit(OP_SWAP, 2);
      emit_name(OP_STORE_ATTR, a->attr);
      return;
    }
    case ExprKind::Subscript: {
      auto* sub = t->as<Subscript>();
      compile_expr(sub->value);
      compile_expr(sub->slice);
      {
        LineScope line(u_, t->lineno);
        emit(OP_COPY, 2);
        emit(OP_COPY, 2);
        emit(OP_BINARY_SUBSCR);
      }
      compile_expr(s->value);
      emit(OP_BINARY_OP, op);
      LineScope line(u_, t->lineno);
      emit(OP_SWAP, 3);
      emit(OP_SWAP, 2);
      emit(OP_STORE_SUBSCR);
      return;
    }
    default: {
      const char* what = t->is<Tuple>() ? "tuple" : t->is<List>() ? "list" : "expression";
      error(std::string("'") + what + "' is an illegal expression for augmented assignment", *t);
    }
  }
}

// `target: ann = value`. In a module or class body, a simple name's
// annotation is evaluated and stored in __annotations__; in a function it is
// not evaluated. A complex target's subexpressions are evaluated (for their
// errors) when there is no value.
void Compiler::compile_ann_assign(AnnAssign* s) {
  Expr* t = s->target;
  if (s->value) {
    compile_expr(s->value);
    assign_to(t);
  }
  bool module_or_class = u_->kind == UnitKind::Module || u_->kind == UnitKind::Class;
  switch (t->kind) {
    case ExprKind::Name:
      if (s->simple && module_or_class) {
        compile_expr(s->annotation);
        emit_name(OP_LOAD_NAME, "__annotations__");
        emit_const(str_new(mangle_name(t->as<Name>()->id)));
        emit(OP_STORE_SUBSCR);
      }
      return;
    case ExprKind::Attribute:
      if (!s->value) {
        compile_expr(t->as<Attribute>()->value);
        emit(OP_POP_TOP);
      }
      break;
    case ExprKind::Subscript:
      if (!s->value) {
        compile_expr(t->as<Subscript>()->value);
        emit(OP_POP_TOP);
        compile_expr(t->as<Subscript>()->slice);
        emit(OP_POP_TOP);
      }
      break;
    default:
      error("invalid node type for annotated assignment", *t);
  }
  if (module_or_class) {
    compile_expr(s->annotation);
    emit(OP_POP_TOP);
  }
}

// `a, b = b, a` (up to three items, no starred ones): push the values and
// reorder them with one SWAP instead of building and unpacking a tuple, as
// CPython's optimizer does. Evaluation order is unchanged: all values first,
// then the targets from left to right.
bool Compiler::try_swap_assign(Expr* target, Expr* value) {
  const ExprList* targets = target->is<Tuple>()  ? &target->as<Tuple>()->elts
                            : target->is<List>() ? &target->as<List>()->elts
                                                 : nullptr;
  if (!targets || !value->is<Tuple>()) return false;
  const ExprList& values = value->as<Tuple>()->elts;
  size_t n = values.size();
  if (n != targets->size() || n < 2 || n > 3) return false;
  for (size_t i = 0; i < n; ++i)
    if (values[i]->is<Starred>() || (*targets)[i]->is<Starred>()) return false;
  if (fold(value)) return false;  // a constant tuple: one LOAD_CONST and UNPACK_SEQUENCE
  {
    LineScope line(u_, value->lineno);
    compile_exprs(values);
  }
  {
    LineScope line(u_, target->lineno);
    emit(OP_SWAP, static_cast<int>(n));  // item 0 on top, as UNPACK_SEQUENCE leaves it
  }
  for (Expr* t : *targets) assign_to(t);
  return true;
}

void Compiler::compile_delete(Expr* t) {
  LineScope line(u_, t->lineno);
  switch (t->kind) {
    case ExprKind::Name:
      name_op(t->as<Name>()->id, ExprContext::Del);
      return;
    case ExprKind::Attribute: {
      auto* a = t->as<Attribute>();
      compile_expr(a->value);
      set_attr_line(a);
      emit_name(OP_DELETE_ATTR, a->attr);
      return;
    }
    case ExprKind::Subscript:
      compile_expr(t->as<Subscript>()->value);
      compile_expr(t->as<Subscript>()->slice);
      emit(OP_DELETE_SUBSCR);
      return;
    case ExprKind::Tuple:
      for (Expr* e : t->as<Tuple>()->elts) compile_delete(e);
      return;
    case ExprKind::List:
      for (Expr* e : t->as<List>()->elts) compile_delete(e);
      return;
    default:
      error("cannot delete expression", *t);
  }
}

}  // namespace compiler_detail
}  // namespace gk
