// compiler.cpp — the compiler's core (compiler.hpp): compilation units and
// their scopes, instruction emission with labels and dead-code dropping,
// constants and name tables, name resolution (which LOAD/STORE opcode a name
// gets), assembly into a code object with the co_stacksize flow analysis, and
// the public entry points including compile_source().
#include "frontend/compiler.hpp"

#include <algorithm>
#include <climits>
#include <cstring>

#include "frontend/parser.hpp"
#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/bytes.hpp"
#include "objects/tuple.hpp"
#include "vm/frame.hpp"
#include "vm/interpreter.hpp"

namespace gk {
namespace compiler_detail {

// ---------------------------------------------------------------------------
// Construction and errors
// ---------------------------------------------------------------------------

Compiler::Compiler(ThreadState& ts, std::string_view source, const std::string& filename)
    : ts_(ts), err_(source, filename) {}

Compiler::~Compiler() = default;

void Compiler::error(const std::string& msg, const Located& at) const { err_.fail(msg, at); }

void Compiler::internal_error(const char* what) const {
  raise_fmt(Exc_SystemError, "compiler error in %s: %s", u_ ? u_->qualname.c_str() : "?", what);
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

bool Compiler::in_function() const {
  return u_->kind == UnitKind::Function || u_->kind == UnitKind::Lambda || u_->kind == UnitKind::Comprehension;
}

// CPython's qualname rule: nested in a function -> "f.<locals>.name", in a
// class -> "C.name"; a function declared `global` in its parent is top-level.
std::string Compiler::make_qualname(const std::string& name, UnitKind kind) const {
  if (!u_ || u_->kind == UnitKind::Module) return name;
  if (kind == UnitKind::Function || kind == UnitKind::Class) {
    if (u_->ste->scope_of(mangle(u_->private_name, name)) == NameScope::GlobalExplicit) return name;
  }
  if (u_->kind == UnitKind::Function || u_->kind == UnitKind::Lambda) return u_->qualname + ".<locals>." + name;
  return u_->qualname + "." + name;
}

void Compiler::enter_scope(const std::string& name, UnitKind kind, const void* node, int firstlineno) {
  auto unit = std::make_unique<CompileUnit>();
  CompileUnit* u = unit.get();
  u->ste = symtable_->lookup(node);
  if (!u->ste) internal_error("no symbol table entry for scope");
  u->kind = kind;
  u->name = name;
  u->qualname = kind == UnitKind::Module ? name : make_qualname(name, kind);
  u->private_name = u_ ? u_->private_name : std::string();
  u->firstlineno = firstlineno;
  u->line = firstlineno;

  for (const std::string& p : u->ste->params) u->varnames.add(p);
  // Cells and free variables are sorted by name, as CPython does; the
  // implicit __class__ cell of a class body is the only cell of a class.
  std::vector<std::string> cells, frees;
  for (const auto& [sym, info] : u->ste->symbols) {
    if (info.scope == NameScope::Cell) cells.push_back(sym);
    if (info.scope == NameScope::Free || (info.flags & DEF_FREE_CLASS)) frees.push_back(sym);
  }
  std::sort(cells.begin(), cells.end());
  std::sort(frees.begin(), frees.end());
  if (u->ste->needs_class_closure) u->cellvars.add("__class__");
  for (const std::string& c : cells) u->cellvars.add(c);
  for (const std::string& f : frees) u->freevars.add(f);

  stack_.push_back(std::move(unit));
  u_ = u;
}

ChildCode Compiler::exit_scope() {
  // The implicit `return None` at the end of the body (dropped when unreachable).
  emit_load_none();
  emit(OP_RETURN_VALUE);
  ChildCode out;
  out.code = assemble(*u_);
  out.freevars = u_->freevars.list;
  stack_.pop_back();
  u_ = stack_.empty() ? nullptr : stack_.back().get();
  return out;
}

// ---------------------------------------------------------------------------
// Emission
// ---------------------------------------------------------------------------

namespace {
bool is_terminator(int op) {
  return op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE || op == OP_JUMP_FORWARD ||
         op == OP_JUMP_BACKWARD;
}
}  // namespace

void Compiler::emit(Opcode op, int arg) {
  if (!u_->reachable) return;
  if (arg < 0 || arg >= (1 << 24)) internal_error("instruction argument out of range");
  u_->instrs.push_back({op, false, arg, u_->line});
  if (is_terminator(op)) u_->reachable = false;
}

void Compiler::emit_jump(Opcode op, Label target) {
  if (!u_->reachable) return;
  u_->label_refs[target.id]++;
  u_->instrs.push_back({op, true, target.id, u_->line});
  if (is_terminator(op)) u_->reachable = false;
}

void Compiler::emit_jump_to(Label target) {
  emit_jump(u_->label_pos[target.id] >= 0 ? OP_JUMP_BACKWARD : OP_JUMP_FORWARD, target);
}

Label Compiler::new_label() {
  u_->label_pos.push_back(-1);
  u_->label_refs.push_back(0);
  return Label{static_cast<int>(u_->label_pos.size()) - 1};
}

void Compiler::bind(Label l) {
  if (u_->label_pos[l.id] >= 0) internal_error("label bound twice");
  u_->label_pos[l.id] = static_cast<int>(u_->instrs.size());
  if (u_->label_refs[l.id] > 0) u_->reachable = true;
}

// ---------------------------------------------------------------------------
// Constants and names
// ---------------------------------------------------------------------------

namespace {
std::string bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return std::to_string(b);
}
std::string tagged(char tag, std::string_view payload) {
  std::string k(1, tag);
  k += std::to_string(payload.size());
  k += ':';
  k += payload;
  return k;
}
}  // namespace

std::string const_key(Object* o) {
  TypeObject* t = type_of(o);
  if (o == None()) return "N";
  if (o == Ellipsis()) return "E";
  if (t == &Bool_type) return o == True() ? "T" : "F";
  if (t == &Int_type) return tagged('i', int_to_decimal(o));
  if (t == &Float_type) return tagged('f', bits_of(float_value(o)));
  if (t == &Complex_type) {
    auto* c = static_cast<ComplexObject*>(o);
    return tagged('c', bits_of(c->real) + "," + bits_of(c->imag));
  }
  if (t == &Str_type) return tagged('s', str_view(o));
  if (t == &Bytes_type) return tagged('b', bytes_view(o));
  if (t == &Tuple_type) {
    std::string inner;
    for (size_t i = 0; i < tuple_size(o); ++i) {
      std::string k = const_key(tuple_get(o, i));
      if (k.empty()) return {};
      inner += k;
    }
    return tagged('t', inner);
  }
  return {};
}

bool all_name_chars(std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

int binop_kind(Operator op) {
  switch (op) {
    case Operator::Add: return NB_ADD;
    case Operator::Sub: return NB_SUBTRACT;
    case Operator::Mult: return NB_MULTIPLY;
    case Operator::MatMult: return NB_MATRIX_MULTIPLY;
    case Operator::Div: return NB_TRUE_DIVIDE;
    case Operator::Mod: return NB_REMAINDER;
    case Operator::Pow: return NB_POWER;
    case Operator::LShift: return NB_LSHIFT;
    case Operator::RShift: return NB_RSHIFT;
    case Operator::BitOr: return NB_OR;
    case Operator::BitXor: return NB_XOR;
    case Operator::BitAnd: return NB_AND;
    case Operator::FloorDiv: return NB_FLOOR_DIVIDE;
  }
  return NB_ADD;
}

int Compiler::add_const(Ref<Object> value) {
  if (type_of(value) == &Str_type && !static_cast<StrObject*>(value.get())->interned && all_name_chars(str_view(value)))
    value = newref(intern(str_view(value)));
  std::string key = const_key(value);
  if (key.empty()) key = "code#" + std::to_string(code_counter_++);  // code objects: never shared
  auto it = u_->const_index.find(key);
  if (it != u_->const_index.end()) return it->second;
  int idx = static_cast<int>(u_->consts.size());
  u_->consts.push_back(std::move(value));
  u_->const_index.emplace(std::move(key), idx);
  return idx;
}

void Compiler::emit_const(Ref<Object> value) { emit(OP_LOAD_CONST, add_const(std::move(value))); }

void Compiler::emit_load_none() {
  if (!u_->reachable) return;
  emit_const(none_ref());
}

int Compiler::add_name(const std::string& name) { return u_->names.add(name); }

std::string Compiler::mangle_name(const std::string& name) const { return mangle(u_->private_name, name); }

// Picks LOAD_FAST / LOAD_DEREF / LOAD_GLOBAL / LOAD_NAME (and the store and
// delete forms) from the name's scope, as CPython's compiler_nameop does.
void Compiler::name_op(const std::string& raw, ExprContext ctx) {
  if (raw == "__debug__" && ctx == ExprContext::Load) {
    emit_const(bool_ref(true));
    return;
  }
  std::string name = mangle_name(raw);
  enum class Kind { Fast, Global, Deref, Name } kind = Kind::Name;
  int deref = -1;
  bool is_func = u_->ste->is_function();
  switch (u_->ste->scope_of(name)) {
    case NameScope::Free:
      kind = Kind::Deref;
      deref = static_cast<int>(u_->cellvars.list.size()) + u_->freevars.find(name);
      break;
    case NameScope::Cell:
      kind = Kind::Deref;
      deref = u_->cellvars.find(name);
      break;
    case NameScope::Local:
      if (is_func) kind = Kind::Fast;
      break;
    case NameScope::GlobalImplicit:
      if (is_func) kind = Kind::Global;
      break;
    case NameScope::GlobalExplicit:
      kind = Kind::Global;
      break;
    case NameScope::Unknown:
      break;
  }
  switch (kind) {
    case Kind::Deref:
      if (deref < 0) internal_error("free variable without a slot");
      if (ctx == ExprContext::Load)
        emit(u_->kind == UnitKind::Class ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF, deref);
      else
        emit(ctx == ExprContext::Store ? OP_STORE_DEREF : OP_DELETE_DEREF, deref);
      return;
    case Kind::Fast: {
      int idx = u_->varnames.add(name);
      emit(ctx == ExprContext::Load ? OP_LOAD_FAST : ctx == ExprContext::Store ? OP_STORE_FAST : OP_DELETE_FAST, idx);
      return;
    }
    case Kind::Global:
      emit(ctx == ExprContext::Load ? OP_LOAD_GLOBAL : ctx == ExprContext::Store ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL,
           add_name(name));
      return;
    case Kind::Name:
      emit(ctx == ExprContext::Load ? OP_LOAD_NAME : ctx == ExprContext::Store ? OP_STORE_NAME : OP_DELETE_NAME,
           add_name(name));
      return;
  }
}

// Pushes the closure tuple (when the child has free variables) and the code,
// then MAKE_FUNCTION with `flags` (the defaults/kwdefaults/annotations already
// pushed by the caller).
void Compiler::make_closure(const ChildCode& child, int flags) {
  if (!child.freevars.empty()) {
    for (const std::string& name : child.freevars) {
      int idx;
      if (u_->kind == UnitKind::Class && name == "__class__") {
        idx = u_->cellvars.find(name);
      } else if (u_->ste->scope_of(name) == NameScope::Cell) {
        idx = u_->cellvars.find(name);
      } else {
        int f = u_->freevars.find(name);
        idx = f < 0 ? -1 : static_cast<int>(u_->cellvars.list.size()) + f;
      }
      if (idx < 0) internal_error("closure variable not found in the enclosing scope");
      emit(OP_LOAD_CLOSURE, idx);
    }
    emit(OP_BUILD_TUPLE, static_cast<int>(child.freevars.size()));
    flags |= 8;
  }
  emit_const(child.code);
  emit(OP_MAKE_FUNCTION, flags);
}

// ---------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------

// The deepest value stack over every path, with each instruction reached at
// one consistent depth (checked: a mismatch is a compiler bug).
int Compiler::compute_stacksize(const std::vector<uint32_t>& code) {
  const int n = static_cast<int>(code.size());
  std::vector<int> depth(n, INT_MIN);
  std::vector<int> work;
  int maxdepth = 0;
  auto reach = [&](int target, int d) {
    if (target < 0 || target >= n) internal_error("jump target out of range");
    if (d < 0) internal_error("negative stack depth");
    maxdepth = std::max(maxdepth, d);
    if (depth[target] == INT_MIN) {
      depth[target] = d;
      work.push_back(target);
    } else if (depth[target] != d) {
      internal_error("inconsistent stack depth");
    }
  };
  if (n > 0) reach(0, 0);
  while (!work.empty()) {
    int i = work.back();
    work.pop_back();
    int d = depth[i];
    int op = static_cast<int>(instr_op(code[i]));
    int arg = static_cast<int>(instr_arg(code[i]));
    if (is_jump_op(op)) reach(arg, d + stack_effect(op, arg, true));
    if (op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD || op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS ||
        op == OP_RERAISE)
      continue;
    int next = d + stack_effect(op, arg, false);
    if (next < 0) internal_error("negative stack depth");
    maxdepth = std::max(maxdepth, next);
    if (i + 1 < n) reach(i + 1, next);
    else internal_error("control falls off the end of the code");
  }
  return maxdepth;
}

namespace {
Ref<Object> name_tuple(const std::vector<std::string>& names) {
  Ref<Object> t = tuple_new(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    Object* s = intern(names[i]);
    incref(s);
    tuple_set_steal(t, i, s);
  }
  return t;
}

uint32_t code_flags(const CompileUnit& u) {
  uint32_t flags = 0;
  const SymScope* s = u.ste;
  if (s->is_function()) {
    flags |= CO_OPTIMIZED | CO_NEWLOCALS;
    if (s->nested) flags |= CO_NESTED;
    if (s->is_generator) flags |= CO_GENERATOR;
    if (s->has_varargs) flags |= CO_VARARGS;
    if (s->has_varkeywords) flags |= CO_VARKEYWORDS;
  }
  return flags;
}
}  // namespace

Ref<Object> Compiler::assemble(CompileUnit& u) {
  const size_t n = u.instrs.size();
  std::vector<uint32_t> words(n);
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = u.instrs[i];
    int arg = in.arg;
    if (in.target_is_label) {
      arg = u.label_pos[arg];
      if (arg < 0 || static_cast<size_t>(arg) >= n) internal_error("jump to an unbound label");
    }
    words[i] = make_instr(in.op, static_cast<uint32_t>(arg));
  }
  int stacksize = compute_stacksize(words);

  CodeSpec spec;
  Ref<Object> consts = tuple_new(u.consts.size());
  for (size_t i = 0; i < u.consts.size(); ++i) tuple_set_steal(consts, i, newref(u.consts[i].get()).release());
  spec.consts = std::move(consts);
  spec.names = name_tuple(u.names.list);
  spec.varnames = name_tuple(u.varnames.list);
  spec.cellvars = name_tuple(u.cellvars.list);
  spec.freevars = name_tuple(u.freevars.list);
  spec.filename = str_new(err_.filename());
  spec.name = newref(intern(u.name));
  spec.qualname = str_new(u.qualname);
  spec.argcount = u.argcount;
  spec.posonlyargcount = u.posonlyargcount;
  spec.kwonlyargcount = u.kwonlyargcount;
  spec.stacksize = stacksize;
  spec.firstlineno = u.firstlineno;
  spec.flags = code_flags(u);
  spec.ncode = n;
  // The buffers are handed to code_new right away (it owns them, even when it throws).
  size_t bytes = std::max<size_t>(n, 1) * sizeof(uint32_t);
  spec.code = static_cast<uint32_t*>(mem_alloc(bytes));
  try {
    spec.lines = static_cast<int32_t*>(mem_alloc(bytes));
  } catch (...) {
    mem_free(spec.code, bytes);
    throw;
  }
  for (size_t i = 0; i < n; ++i) {
    spec.code[i] = words[i];
    spec.lines[i] = u.instrs[i].line;
  }
  return code_new(std::move(spec));
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

Ref<Object> Compiler::compile_module(const Module& mod) {
  symtable_ = SymTable::build(mod, err_);
  enter_scope("<module>", UnitKind::Module, &mod, 1);
  compile_body(mod.body);
  return exit_scope().code;
}

Ref<Object> Compiler::compile_expression(Expr* expr) {
  symtable_ = SymTable::build(expr, err_);
  enter_scope("<module>", UnitKind::Module, expr, expr->lineno > 0 ? expr->lineno : 1);
  u_->line = expr->lineno;
  compile_expr(expr);
  emit(OP_RETURN_VALUE);
  return exit_scope().code;
}

}  // namespace compiler_detail

Ref<Object> compile_ast_module(ThreadState& ts, const Module& mod, std::string_view source,
                               const std::string& filename) {
  compiler_detail::Compiler c(ts, source, filename);
  return c.compile_module(mod);
}

Ref<Object> compile_ast_expression(ThreadState& ts, Expr* expr, std::string_view source,
                                   const std::string& filename) {
  compiler_detail::Compiler c(ts, source, filename);
  return c.compile_expression(expr);
}

Ref<Object> compile_source(ThreadState& ts, std::string_view source, const std::string& filename,
                           const char* mode) {
  std::string_view m = mode ? mode : "exec";
  if (m != "exec" && m != "eval") raise(Exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  try {
    AstArena arena;
    if (m == "eval") {
      Expr* e = parse_expression(arena, source, filename);
      return compile_ast_expression(ts, e, source, filename);
    }
    Module* mod = parse_module(arena, source, filename);
    return compile_ast_module(ts, *mod, source, filename);
  } catch (const SyntaxErrorInfo& info) {
    raise_obj(syntax_error_new(ts, info));
  }
}

}  // namespace gk
