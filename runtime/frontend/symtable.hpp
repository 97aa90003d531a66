// symtable.hpp — the symbol table: which scope every name of a module belongs
// to, computed from the AST before compilation.
//
// Owns: SymTable (one per compilation), SymScope (one per module, class,
// function, lambda and comprehension body), the symbol flags, and name
// mangling (`__x` inside class C -> `_C__x`).
//
// Two passes, as in CPython:
//   1. A walk over the AST records, per scope, how each name is used
//      (DEF_LOCAL, DEF_PARAM, USE, DEF_GLOBAL, ...) and reports the errors
//      that depend only on statement order ("name 'x' is used prior to global
//      declaration", duplicate parameters, `yield` in a comprehension, ...).
//   2. An analysis over the scope tree resolves each name to a NameScope:
//      LOCAL, GLOBAL_EXPLICIT (declared global), GLOBAL_IMPLICIT (not bound
//      anywhere enclosing), FREE (bound in an enclosing function) or CELL
//      (local, but referenced by a nested function). Class bodies do not make
//      their names visible to nested functions; a method that uses `super` or
//      `__class__` gets `__class__` as a free variable and its class an
//      implicit `__class__` cell (needs_class_closure).
//
// Errors are thrown as SyntaxErrorInfo with CPython 3.11's messages.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "syntax_error.hpp"

namespace gk {

// How a name is used in one scope (pass 1). Bit flags.
enum SymFlag : uint32_t {
  DEF_GLOBAL = 1u << 0,      // `global x`
  DEF_LOCAL = 1u << 1,       // assigned in this scope
  DEF_PARAM = 1u << 2,       // a parameter
  DEF_NONLOCAL = 1u << 3,    // `nonlocal x`
  DEF_USE = 1u << 4,         // read
  DEF_FREE_CLASS = 1u << 5,  // class-local name that a nested function also uses as free
  DEF_IMPORT = 1u << 6,      // bound by an import
  DEF_ANNOT = 1u << 7,       // annotated (`x: int`)
  DEF_COMP_ITER = 1u << 8,   // a comprehension's iteration variable
};
inline constexpr uint32_t DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

// Where a name lives (pass 2).
enum class NameScope : uint8_t { Unknown, Local, GlobalExplicit, GlobalImplicit, Free, Cell };

enum class BlockType : uint8_t { Module, Function, Class };
enum class CompKind : uint8_t { None, List, Set, Dict, Generator };

struct Symbol {
  uint32_t flags = 0;
  NameScope scope = NameScope::Unknown;
};

// One scope: a module, class body, function/lambda body or comprehension.
struct SymScope {
  BlockType type = BlockType::Module;
  std::string name;            // "top", the def/class name, "lambda", "listcomp", ...
  const void* node = nullptr;  // the AST node (Module*, Stmt*, Expr*) that opened it
  int lineno = 0, col_offset = 0;

  std::unordered_map<std::string, Symbol> symbols;  // keyed by the mangled name
  std::vector<std::string> order;                   // symbols in first-seen order
  std::vector<std::string> params;                  // parameters in co_varnames order
  std::vector<SymScope*> children;                  // nested scopes in source order

  CompKind comprehension = CompKind::None;
  bool nested = false;               // inside a function (CO_NESTED)
  bool is_generator = false;         // contains yield / is a generator expression
  bool has_varargs = false, has_varkeywords = false;
  bool has_free = false;             // has free variables
  bool child_free = false;           // some nested scope has free variables
  bool needs_class_closure = false;  // class body: create the implicit __class__ cell
  bool comp_iter_target = false;     // pass 1: visiting a comprehension's target
  int comp_iter_expr = 0;            // pass 1: inside a comprehension's iterable

  // Location of the `global`/`nonlocal` statement (or walrus) that declared a name.
  struct Directive { int lineno, col, end_lineno, end_col; };
  std::unordered_map<std::string, Directive> directives;

  NameScope scope_of(const std::string& mangled) const {
    auto it = symbols.find(mangled);
    return it == symbols.end() ? NameScope::Unknown : it->second.scope;
  }
  uint32_t flags_of(const std::string& mangled) const {
    auto it = symbols.find(mangled);
    return it == symbols.end() ? 0 : it->second.flags;
  }
  bool is_function() const { return type == BlockType::Function; }
};

// Reports compile-time errors at AST locations: turns 0-based byte columns
// into the SyntaxErrorInfo CPython builds (1-based character offsets, the
// source line as text).
class ErrorSite {
 public:
  ErrorSite(std::string_view source, std::string filename)
      : source_(source), filename_(std::move(filename)) {}
  [[noreturn]] void fail(const std::string& msg, int lineno, int col, int end_lineno, int end_col) const;
  [[noreturn]] void fail(const std::string& msg, const Located& at) const {
    fail(msg, at.lineno, at.col_offset, at.end_lineno, at.end_col_offset);
  }
  const std::string& filename() const { return filename_; }

 private:
  std::string_view line_text(int lineno, bool with_newline) const;
  std::string_view source_;
  std::string filename_;
};

class SymTable {
 public:
  // Pass 1 and 2 over a module (exec mode) or a single expression (eval mode).
  static std::unique_ptr<SymTable> build(const Module& mod, const ErrorSite& err);
  static std::unique_ptr<SymTable> build(Expr* expr, const ErrorSite& err);

  SymScope* top() const { return top_; }
  // The scope an AST node opened (FunctionDef, ClassDef, Lambda, comprehension).
  SymScope* lookup(const void* node) const;

 private:
  friend class SymTableBuilder;
  SymScope* new_scope();
  std::vector<std::unique_ptr<SymScope>> scopes_;
  std::unordered_map<const void*, SymScope*> by_node_;
  SymScope* top_ = nullptr;
};

// Private name mangling: `__spam` used inside class `Ham` becomes `_Ham__spam`
// (names ending in `__`, dotted names and classes named only `_` are left alone).
std::string mangle(const std::string& private_name, const std::string& name);

}  // namespace gk
