// compiler.hpp — the bytecode compiler: AST (ast.hpp) + symbol table
// (symtable.hpp) -> code objects (objects/code.hpp) for the instruction set of
// vm/opcodes.hpp.
//
// Owns: the Compiler class, shared by compiler.cpp (compilation units,
// emission, constants, names, assembly, stack depth, compile_source),
// compiler_stmt.cpp (statements, control flow, exceptions, with, imports)
// and compiler_expr.cpp (expressions, calls, comprehensions, assignment
// targets, constant folding).
//
// Shape of the output. One CompileUnit per code object (module, class body,
// function, lambda, comprehension). Instructions are appended to the unit's
// list with symbolic labels as jump targets; assemble() resolves labels to
// absolute instruction indices, computes co_stacksize by a flow analysis over
// the stack effects of opcodes.hpp, and builds the code object.
// Code after an unconditional transfer (return, raise, jump) is dropped until
// the next label that a live jump targets, so dead code never reaches the
// code object.
//
// Exceptions use the block stack of opcodes.hpp. Statements that a `return`,
// `break` or `continue` may leave early (loops, try bodies, handlers, finally
// bodies, with bodies) push an FBlock describing the cleanup to emit on the
// way out (POP_BLOCK, POP_EXCEPT, a copy of the finally body, __exit__ call).
//
// Errors: compile-time SyntaxErrors are thrown as SyntaxErrorInfo (CPython
// 3.11's messages and positions); compile_source converts them to Python
// SyntaxError exceptions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/ast.hpp"
#include "frontend/symtable.hpp"
#include "objects/object.hpp"
#include "vm/opcodes.hpp"

namespace gk {

// Compile a parsed module (exec mode) or expression (eval mode) into a code
// object. `source` is only used to quote the offending line in SyntaxErrors.
// Throws SyntaxErrorInfo for compile-time errors.
Ref<Object> compile_ast_module(ThreadState& ts, const Module& mod, std::string_view source,
                               const std::string& filename);
Ref<Object> compile_ast_expression(ThreadState& ts, Expr* expr, std::string_view source,
                                   const std::string& filename);

namespace compiler_detail {

struct Label {
  int id = -1;
};

struct Instr {
  uint8_t op;
  bool target_is_label;  // arg is a label id, resolved by assemble()
  int arg;
  int line;
};

enum class UnitKind : uint8_t { Module, Class, Function, Lambda, Comprehension };

// What a statement that leaves a region early must undo (CPython's fblock).
enum class FBlockKind : uint8_t {
  WhileLoop,       // nothing to undo
  ForLoop,         // the iterator on the stack
  TryExcept,       // a SETUP_FINALLY block: POP_BLOCK
  FinallyTry,      // a SETUP_FINALLY block, then run a copy of the finally body
  FinallyEnd,      // the exceptional finally path: [exc] on the stack, an EXCEPT_HANDLER block
  With,            // a SETUP_WITH block and [exit] on the stack: call exit(None, None, None)
  HandlerCleanup,  // inside `except`: POP_EXCEPT (and for `as name`: POP_BLOCK, delete name)
  PopValue,        // a return value kept on the stack while a finally body runs
};

struct FBlock {
  explicit FBlock(FBlockKind k, Label s = {}, Label e = {}) : kind(k), start(s), exit(e) {}
  FBlockKind kind;
  Label start;                           // loops: the `continue` target
  Label exit;                            // loops: the `break` target
  const StmtList* finalbody = nullptr;   // FinallyTry
  const std::string* name = nullptr;     // HandlerCleanup: the `as` name, or null
  int line = 0;                          // With: the with statement's line
};

struct NameTable {
  std::vector<std::string> list;
  std::unordered_map<std::string, int> index;
  int add(const std::string& s) {
    auto [it, fresh] = index.try_emplace(s, static_cast<int>(list.size()));
    if (fresh) list.push_back(s);
    return it->second;
  }
  int find(const std::string& s) const {
    auto it = index.find(s);
    return it == index.end() ? -1 : it->second;
  }
};

struct CompileUnit {
  SymScope* ste = nullptr;
  UnitKind kind = UnitKind::Module;
  std::string name, qualname;
  std::string private_name;  // class name for mangling (inherited by nested functions)

  std::vector<Instr> instrs;
  std::vector<int> label_pos;   // label id -> instruction index, -1 while unbound
  std::vector<int> label_refs;  // label id -> live jumps to it
  bool reachable = true;        // false after an unconditional transfer

  std::vector<Ref<Object>> consts;
  std::unordered_map<std::string, int> const_index;  // const_key -> index
  NameTable names, varnames, cellvars, freevars;

  std::vector<FBlock> fblocks;
  int block_weight = 0;  // runtime blocks the active fblocks stand for (<= kMaxBlocks)

  int firstlineno = 1;
  int line = 1;  // the source line recorded for the next instruction
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
};

// The result of compiling a nested scope: the code object and the names its
// closure needs from the enclosing scope.
struct ChildCode {
  Ref<Object> code;
  std::vector<std::string> freevars;
};

class Compiler {
 public:
  Compiler(ThreadState& ts, std::string_view source, const std::string& filename);
  ~Compiler();
  Ref<Object> compile_module(const Module& mod);
  Ref<Object> compile_expression(Expr* expr);

 private:
  // ---- units (compiler.cpp) ----
  void enter_scope(const std::string& name, UnitKind kind, const void* node, int firstlineno);
  ChildCode exit_scope();
  Ref<Object> assemble(CompileUnit& u);
  int compute_stacksize(const std::vector<uint32_t>& code);
  std::string make_qualname(const std::string& name, UnitKind kind) const;
  bool in_function() const;  // a Function, Lambda or Comprehension unit

  // ---- emission (compiler.cpp) ----
  void emit(Opcode op, int arg = 0);
  void emit_jump(Opcode op, Label target);
  void emit_jump_to(Label target);  // JUMP_FORWARD or JUMP_BACKWARD
  Label new_label();
  void bind(Label l);
  void emit_const(Ref<Object> value);
  void emit_load_none();
  int add_const(Ref<Object> value);
  int add_name(const std::string& name);  // mangled by the caller where needed
  void emit_name(Opcode op, const std::string& name) { emit(op, add_name(mangle_name(name))); }
  std::string mangle_name(const std::string& name) const;
  void name_op(const std::string& name, ExprContext ctx);
  void make_closure(const ChildCode& child, int flags);
  [[noreturn]] void error(const std::string& msg, const Located& at) const;
  [[noreturn]] void internal_error(const char* what) const;

  // ---- fblocks (compiler_stmt.cpp) ----
  void push_fblock(FBlock fb, const Located& at);
  void pop_fblock();
  void unwind_fblock(const FBlock& fb, bool preserve_tos);
  // Unwinds the fblocks above the innermost loop (or all of them when
  // `loop` is null); returns the loop's index in `*loop`, -1 when none.
  void unwind_fblock_stack(bool preserve_tos, int* loop);

  // ---- statements (compiler_stmt.cpp) ----
  void compile_stmt(Stmt* s);
  void compile_stmts(const StmtList& body, size_t from = 0);
  void compile_body(const StmtList& body);  // module/class: annotations, docstring, statements
  void compile_function_def(Stmt* s, const std::string& name, arguments* args, const StmtList& body,
                            const ExprList& decorators, Expr* returns);
  void compile_class_def(ClassDef* s);
  int compile_defaults(arguments* args);
  bool compile_annotations(arguments* args, Expr* returns);
  void apply_decorators(const ExprList& decorators);
  void compile_return(Return* s);
  void compile_break(Stmt* s);
  void compile_continue(Stmt* s);
  void compile_if(If* s);
  void compile_for(For* s);
  void compile_while(While* s);
  void compile_try(const StmtList& body, const std::vector<ExceptHandler*>& handlers, const StmtList& orelse,
                   const StmtList& finalbody, Stmt* s);
  void compile_try_except(const StmtList& body, const std::vector<ExceptHandler*>& handlers,
                          const StmtList& orelse, Stmt* s);
  void compile_with(With* s, size_t item);
  void compile_assert(Assert* s);
  void compile_import(Import* s);
  void compile_import_from(ImportFrom* s);
  void compile_aug_assign(AugAssign* s);
  void compile_ann_assign(AnnAssign* s);
  void compile_delete(Expr* target);
  bool try_swap_assign(Expr* target, Expr* value);

  // ---- expressions (compiler_expr.cpp) ----
  void compile_expr(Expr* e);
  void compile_expr_inner(Expr* e);
  void compile_exprs(const ExprList& es) {
    for (Expr* e : es) compile_expr(e);
  }
  void assign_to(Expr* target);  // stores TOS into target
  void unpack_into(const ExprList& elts, Expr* container);
  void jump_if(Expr* e, Label target, bool cond);
  void compile_compare(Compare* e);
  void emit_compare_op(CmpOp op);
  void compile_boolop(BoolOp* e);
  void compile_call(Call* e);
  bool try_method_call(Call* e);
  void check_keywords(const std::vector<keyword*>& keywords);
  void emit_kw_values_and_names(const std::vector<keyword*>& keywords);
  void call_helper(int pushed, const ExprList& args, const std::vector<keyword*>& keywords);
  void starunpack(const ExprList& elts, int pushed, Opcode build, Opcode add, Opcode extend, bool as_tuple);
  void compile_dict(Dict* e);
  void compile_subkwargs(const std::vector<keyword*>& keywords, size_t begin, size_t end);
  void compile_lambda(Lambda* e);
  void compile_comprehension(Expr* e, CompKind kind, const std::string& name,
                             const std::vector<comprehension*>& gens, Expr* elt, Expr* value);
  void compile_comprehension_loop(const std::vector<comprehension*>& gens, size_t index, int depth,
                                  CompKind kind, Expr* elt, Expr* value);
  void compile_joined_str(JoinedStr* e);
  void compile_formatted_value(FormattedValue* e);
  void compile_slice(Slice* e);
  void compile_yield_from(Expr* e);
  void set_attr_line(Attribute* attr);

  // ---- constants (compiler_expr.cpp) ----
  Ref<Object> constant_object(const Constant* c);
  Ref<Object> fold(Expr* e);  // the constant value of e, or null
  Ref<Object> fold_binop(BinOp* e);
  Ref<Object> fold_unaryop(UnaryOp* e);
  static int truth_of_constant(const Expr* e);  // 1, 0, or -1 when not a constant

  ThreadState& ts_;
  ErrorSite err_;
  std::unique_ptr<SymTable> symtable_;
  std::vector<std::unique_ptr<CompileUnit>> stack_;  // enclosing units, innermost last
  CompileUnit* u_ = nullptr;
  std::unordered_map<const Expr*, Ref<Object>> folded_;  // memo: null = not foldable
  int depth_ = 0;  // recursion guard
  int code_counter_ = 0;  // unique keys for code-object constants
};

// Keeps the current source line while a sub-construct sets its own.
class LineScope {
 public:
  LineScope(CompileUnit* u, int line) : u_(u), saved_(u->line) {
    if (line > 0) u->line = line;
  }
  ~LineScope() { u_->line = saved_; }
  LineScope(const LineScope&) = delete;
  LineScope& operator=(const LineScope&) = delete;

 private:
  CompileUnit* u_;
  int saved_;
};

// BINARY_OP's argument (BinaryOpKind) for an AST operator.
int binop_kind(Operator op);

// CPython interns str constants made only of name characters ([A-Za-z0-9_]).
bool all_name_chars(std::string_view s);

// The key under which a constant is deduplicated in co_consts (type and
// value, so 0, 0.0, -0.0 and False stay distinct); empty when `o` cannot be
// a constant.
std::string const_key(Object* o);

}  // namespace compiler_detail
}  // namespace gk
