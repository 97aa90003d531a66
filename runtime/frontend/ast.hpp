// ast.hpp — the abstract syntax tree produced by the parser.
//
// Owns: the node types (mirroring Python 3.11's `ast` module node-for-node,
// same class and field names), the operator enums, and AstArena, which owns
// every node of one parse.  Pure C++ over std types: no object-model includes.
//
// Naming: Python's abstract bases `ast.expr` / `ast.stmt` are `Expr` / `Stmt`
// here.  The one clash is the *statement* `ast.Expr` (an expression used as a
// statement): it is `ExprStmt` here (ast_dump prints it as "Expr").
//
// Shape rules (stable API — additions only, no renames):
//   * `T*` children may be nullptr exactly where ASDL says `T?` (optional).
//   * `std::vector<T*>` for `T*` sequences; Dict.keys holds nullptr for `**d`.
//   * optional identifiers are `std::optional<std::string>`.
//   * every Expr/Stmt, and ExceptHandler/arg/keyword/alias, carries
//     lineno/col_offset/end_lineno/end_col_offset: lines 1-based, columns
//     0-based UTF-8 byte offsets, exactly like CPython.
//   * comprehension, arguments and withitem carry no location (as CPython).
//   * downcast with `node->as<Call>()` (asserts the kind) or `node->is<Call>()`.
//   * match statements: Match / match_case and the Pattern family (PEP 634).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace gk {

// ---------------------------------------------------------------------------
// Kinds (X-macros: the single list for the enums and the name tables)
// ---------------------------------------------------------------------------

#define GK_AST_EXPR_KINDS(X)                                                   \
    X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict)      \
    X(Set) X(ListComp) X(SetComp) X(DictComp) X(GeneratorExp) X(Await)         \
    X(Yield) X(YieldFrom) X(Compare) X(Call) X(FormattedValue) X(JoinedStr)    \
    X(Constant) X(Attribute) X(Subscript) X(Starred) X(Name) X(List) X(Tuple)  \
    X(Slice)

// Statement kinds.  `ExprStmt` is printed as "Expr" by ast_dump.
#define GK_AST_STMT_KINDS(X)                                                   \
    X(FunctionDef) X(AsyncFunctionDef) X(ClassDef) X(Return) X(Delete)         \
    X(Assign) X(AugAssign) X(AnnAssign) X(For) X(AsyncFor) X(While) X(If)      \
    X(With) X(AsyncWith) X(Raise) X(Try) X(TryStar) X(Assert) X(Import)        \
    X(ImportFrom) X(Global) X(Nonlocal) X(ExprStmt) X(Pass) X(Break)           \
    X(Continue) X(Match)

// Pattern kinds (match statements).
#define GK_AST_PATTERN_KINDS(X)                                                \
    X(MatchValue) X(MatchSingleton) X(MatchSequence) X(MatchMapping)           \
    X(MatchClass) X(MatchStar) X(MatchAs) X(MatchOr)

enum class ExprKind : uint8_t {
#define GK_X(n) n,
    GK_AST_EXPR_KINDS(GK_X)
#undef GK_X
};

enum class StmtKind : uint8_t {
#define GK_X(n) n,
    GK_AST_STMT_KINDS(GK_X)
#undef GK_X
};

enum class PatternKind : uint8_t {
#define GK_X(n) n,
    GK_AST_PATTERN_KINDS(GK_X)
#undef GK_X
};

enum class ExprContext : uint8_t { Load, Store, Del };
enum class BoolOperator : uint8_t { And, Or };
enum class Operator : uint8_t {
    Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor,
    BitAnd, FloorDiv
};
enum class UnaryOperator : uint8_t { Invert, Not, UAdd, USub };
enum class CmpOp : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// Python class names ("BinOp", "Expr" for ExprStmt, "Add", "NotIn", ...).
const char* ast_name(ExprKind k);
const char* ast_name(StmtKind k);
const char* ast_name(PatternKind k);
const char* ast_name(ExprContext c);
const char* ast_name(BoolOperator o);
const char* ast_name(Operator o);
const char* ast_name(UnaryOperator o);
const char* ast_name(CmpOp o);
// Python source spelling ("+", "//", "not in", ...) for messages.
const char* op_symbol(Operator o);

// ---------------------------------------------------------------------------
// Base nodes
// ---------------------------------------------------------------------------

struct Located {
    int lineno = 0;
    int col_offset = 0;       // UTF-8 bytes, 0-based
    int end_lineno = 0;
    int end_col_offset = 0;   // UTF-8 bytes, 0-based, exclusive
};

struct Expr : Located {
    const ExprKind kind;
    explicit Expr(ExprKind k) : kind(k) {}
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;

    template <class T> bool is() const { return kind == T::kKind; }
    template <class T> T* as() {
        assert(kind == T::kKind);
        return static_cast<T*>(this);
    }
    template <class T> const T* as() const {
        assert(kind == T::kKind);
        return static_cast<const T*>(this);
    }
};

struct Stmt : Located {
    const StmtKind kind;
    explicit Stmt(StmtKind k) : kind(k) {}
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    template <class T> bool is() const { return kind == T::kKind; }
    template <class T> T* as() {
        assert(kind == T::kKind);
        return static_cast<T*>(this);
    }
    template <class T> const T* as() const {
        assert(kind == T::kKind);
        return static_cast<const T*>(this);
    }
};

// Base of the match-statement patterns (ast.pattern).
struct Pattern : Located {
    const PatternKind kind;
    explicit Pattern(PatternKind k) : kind(k) {}
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;

    template <class T> bool is() const { return kind == T::kKind; }
    template <class T> T* as() {
        assert(kind == T::kKind);
        return static_cast<T*>(this);
    }
    template <class T> const T* as() const {
        assert(kind == T::kKind);
        return static_cast<const T*>(this);
    }
};

using ExprList = std::vector<Expr*>;
using PatternList = std::vector<Pattern*>;
using StmtList = std::vector<Stmt*>;
using Identifier = std::string;                       // UTF-8
using OptIdentifier = std::optional<std::string>;

#define GK_EXPR_NODE(N)                                                        \
    static constexpr ExprKind kKind = ExprKind::N;                             \
    N() : Expr(ExprKind::N) {}
#define GK_STMT_NODE(N)                                                        \
    static constexpr StmtKind kKind = StmtKind::N;                             \
    N() : Stmt(StmtKind::N) {}

// ---------------------------------------------------------------------------
// Helper (non-expr, non-stmt) nodes
// ---------------------------------------------------------------------------

// comprehension(expr target, expr iter, expr* ifs, int is_async) — no location
struct comprehension {
    Expr* target = nullptr;
    Expr* iter = nullptr;
    ExprList ifs;
    int is_async = 0;
};

// ExceptHandler(expr? type, identifier? name, stmt* body)
struct ExceptHandler : Located {
    Expr* type = nullptr;
    OptIdentifier name;
    StmtList body;
};

// arg(identifier arg, expr? annotation, string? type_comment)
struct arg : Located {
    Identifier arg;
    Expr* annotation = nullptr;
};

// arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs,
//           expr* kw_defaults, arg? kwarg, expr* defaults) — no location.
// kw_defaults has one entry per kwonlyarg (nullptr = no default);
// defaults applies to the *last* len(defaults) of posonlyargs+args.
struct arguments {
    std::vector<arg*> posonlyargs;
    std::vector<arg*> args;
    arg* vararg = nullptr;
    std::vector<arg*> kwonlyargs;
    ExprList kw_defaults;
    arg* kwarg = nullptr;
    ExprList defaults;
};

// keyword(identifier? arg, expr value); arg == nullopt means `**value`
struct keyword : Located {
    OptIdentifier arg;
    Expr* value = nullptr;
};

// alias(identifier name, identifier? asname); name may be dotted ("a.b.c")
// or "*" for `from m import *`.
struct alias : Located {
    Identifier name;
    OptIdentifier asname;
};

// withitem(expr context_expr, expr? optional_vars) — no location
struct withitem {
    Expr* context_expr = nullptr;
    Expr* optional_vars = nullptr;
};

// ---------------------------------------------------------------------------
// Constant values
// ---------------------------------------------------------------------------

struct NoneValue {};
struct EllipsisValue {};
// An int literal that does not fit int64_t: canonical decimal digits, no
// sign, no leading zeros (hex/octal/binary literals are converted).
struct BigIntValue { std::string digits; };
// An imaginary literal `2.5j`: real part 0.0, imaginary part `imag`.
struct ImagValue { double imag = 0.0; };
// A bytes literal: raw byte values (each char is one byte 0..255).
struct BytesValue { std::string bytes; };

// std::string alternative = str, UTF-8.  Lone surrogates from "\ud800"
// escapes are stored as their 3-byte generalized-UTF-8 form (ED A0 80).
using ConstantValue = std::variant<NoneValue, EllipsisValue, bool, int64_t,
                                   BigIntValue, double, ImagValue, std::string,
                                   BytesValue>;

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

struct BoolOp : Expr {            // BoolOp(boolop op, expr* values)
    GK_EXPR_NODE(BoolOp)
    BoolOperator op = BoolOperator::And;
    ExprList values;
};
struct NamedExpr : Expr {         // NamedExpr(expr target, expr value)
    GK_EXPR_NODE(NamedExpr)
    Expr* target = nullptr;
    Expr* value = nullptr;
};
struct BinOp : Expr {             // BinOp(expr left, operator op, expr right)
    GK_EXPR_NODE(BinOp)
    Expr* left = nullptr;
    Operator op = Operator::Add;
    Expr* right = nullptr;
};
struct UnaryOp : Expr {           // UnaryOp(unaryop op, expr operand)
    GK_EXPR_NODE(UnaryOp)
    UnaryOperator op = UnaryOperator::Not;
    Expr* operand = nullptr;
};
struct Lambda : Expr {            // Lambda(arguments args, expr body)
    GK_EXPR_NODE(Lambda)
    arguments* args = nullptr;
    Expr* body = nullptr;
};
struct IfExp : Expr {             // IfExp(expr test, expr body, expr orelse)
    GK_EXPR_NODE(IfExp)
    Expr* test = nullptr;
    Expr* body = nullptr;
    Expr* orelse = nullptr;
};
struct Dict : Expr {              // Dict(expr* keys, expr* values)
    GK_EXPR_NODE(Dict)
    ExprList keys;                // nullptr entry = `**values[i]`
    ExprList values;
};
struct Set : Expr {               // Set(expr* elts)
    GK_EXPR_NODE(Set)
    ExprList elts;
};
struct ListComp : Expr {          // ListComp(expr elt, comprehension* generators)
    GK_EXPR_NODE(ListComp)
    Expr* elt = nullptr;
    std::vector<comprehension*> generators;
};
struct SetComp : Expr {
    GK_EXPR_NODE(SetComp)
    Expr* elt = nullptr;
    std::vector<comprehension*> generators;
};
struct DictComp : Expr {          // DictComp(expr key, expr value, comprehension* generators)
    GK_EXPR_NODE(DictComp)
    Expr* key = nullptr;
    Expr* value = nullptr;
    std::vector<comprehension*> generators;
};
struct GeneratorExp : Expr {
    GK_EXPR_NODE(GeneratorExp)
    Expr* elt = nullptr;
    std::vector<comprehension*> generators;
};
struct Await : Expr {             // Await(expr value)
    GK_EXPR_NODE(Await)
    Expr* value = nullptr;
};
struct Yield : Expr {             // Yield(expr? value)
    GK_EXPR_NODE(Yield)
    Expr* value = nullptr;
};
struct YieldFrom : Expr {         // YieldFrom(expr value)
    GK_EXPR_NODE(YieldFrom)
    Expr* value = nullptr;
};
struct Compare : Expr {           // Compare(expr left, cmpop* ops, expr* comparators)
    GK_EXPR_NODE(Compare)
    Expr* left = nullptr;
    std::vector<CmpOp> ops;
    ExprList comparators;
};
struct Call : Expr {              // Call(expr func, expr* args, keyword* keywords)
    GK_EXPR_NODE(Call)
    Expr* func = nullptr;
    ExprList args;
    std::vector<keyword*> keywords;
};
// FormattedValue(expr value, int conversion, expr? format_spec)
// conversion: -1 none, 's' (115), 'r' (114), 'a' (97).
// format_spec, when present, is a JoinedStr.
struct FormattedValue : Expr {
    GK_EXPR_NODE(FormattedValue)
    Expr* value = nullptr;
    int conversion = -1;
    Expr* format_spec = nullptr;
};
struct JoinedStr : Expr {         // JoinedStr(expr* values): Constant(str) / FormattedValue
    GK_EXPR_NODE(JoinedStr)
    ExprList values;
};
struct Constant : Expr {          // Constant(constant value, string? kind)
    GK_EXPR_NODE(Constant)
    ConstantValue value{NoneValue{}};
    std::optional<std::string> kind_tag;   // ast's `kind`: "u" for u"..." strings
};
struct Attribute : Expr {         // Attribute(expr value, identifier attr, expr_context ctx)
    GK_EXPR_NODE(Attribute)
    Expr* value = nullptr;
    Identifier attr;
    ExprContext ctx = ExprContext::Load;
};
struct Subscript : Expr {         // Subscript(expr value, expr slice, expr_context ctx)
    GK_EXPR_NODE(Subscript)
    Expr* value = nullptr;
    Expr* slice = nullptr;        // Slice, Tuple (possibly of Slices), or any expr
    ExprContext ctx = ExprContext::Load;
};
struct Starred : Expr {           // Starred(expr value, expr_context ctx)
    GK_EXPR_NODE(Starred)
    Expr* value = nullptr;
    ExprContext ctx = ExprContext::Load;
};
struct Name : Expr {              // Name(identifier id, expr_context ctx)
    GK_EXPR_NODE(Name)
    Identifier id;
    ExprContext ctx = ExprContext::Load;
};
struct List : Expr {              // List(expr* elts, expr_context ctx)
    GK_EXPR_NODE(List)
    ExprList elts;
    ExprContext ctx = ExprContext::Load;
};
struct Tuple : Expr {             // Tuple(expr* elts, expr_context ctx)
    GK_EXPR_NODE(Tuple)
    ExprList elts;
    ExprContext ctx = ExprContext::Load;
};
struct Slice : Expr {             // Slice(expr? lower, expr? upper, expr? step)
    GK_EXPR_NODE(Slice)
    Expr* lower = nullptr;
    Expr* upper = nullptr;
    Expr* step = nullptr;
};

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

// FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list,
//             expr? returns, string? type_comment)
struct FunctionDef : Stmt {
    GK_STMT_NODE(FunctionDef)
    Identifier name;
    arguments* args = nullptr;
    StmtList body;
    ExprList decorator_list;
    Expr* returns = nullptr;
};
struct AsyncFunctionDef : Stmt {
    GK_STMT_NODE(AsyncFunctionDef)
    Identifier name;
    arguments* args = nullptr;
    StmtList body;
    ExprList decorator_list;
    Expr* returns = nullptr;
};
// ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body,
//          expr* decorator_list)
struct ClassDef : Stmt {
    GK_STMT_NODE(ClassDef)
    Identifier name;
    ExprList bases;
    std::vector<keyword*> keywords;
    StmtList body;
    ExprList decorator_list;
};
struct Return : Stmt {            // Return(expr? value)
    GK_STMT_NODE(Return)
    Expr* value = nullptr;
};
struct Delete : Stmt {            // Delete(expr* targets)
    GK_STMT_NODE(Delete)
    ExprList targets;
};
struct Assign : Stmt {            // Assign(expr* targets, expr value); a = b = v
    GK_STMT_NODE(Assign)
    ExprList targets;
    Expr* value = nullptr;
};
struct AugAssign : Stmt {         // AugAssign(expr target, operator op, expr value)
    GK_STMT_NODE(AugAssign)
    Expr* target = nullptr;
    Operator op = Operator::Add;
    Expr* value = nullptr;
};
// AnnAssign(expr target, expr annotation, expr? value, int simple)
// simple = 1 for a bare (unparenthesized) Name target.
struct AnnAssign : Stmt {
    GK_STMT_NODE(AnnAssign)
    Expr* target = nullptr;
    Expr* annotation = nullptr;
    Expr* value = nullptr;
    int simple = 0;
};
struct For : Stmt {               // For(expr target, expr iter, stmt* body, stmt* orelse)
    GK_STMT_NODE(For)
    Expr* target = nullptr;
    Expr* iter = nullptr;
    StmtList body;
    StmtList orelse;
};
struct AsyncFor : Stmt {
    GK_STMT_NODE(AsyncFor)
    Expr* target = nullptr;
    Expr* iter = nullptr;
    StmtList body;
    StmtList orelse;
};
struct While : Stmt {             // While(expr test, stmt* body, stmt* orelse)
    GK_STMT_NODE(While)
    Expr* test = nullptr;
    StmtList body;
    StmtList orelse;
};
struct If : Stmt {                // If(expr test, stmt* body, stmt* orelse); elif = nested If
    GK_STMT_NODE(If)
    Expr* test = nullptr;
    StmtList body;
    StmtList orelse;
};
struct With : Stmt {              // With(withitem* items, stmt* body)
    GK_STMT_NODE(With)
    std::vector<withitem*> items;
    StmtList body;
};
struct AsyncWith : Stmt {
    GK_STMT_NODE(AsyncWith)
    std::vector<withitem*> items;
    StmtList body;
};
struct Raise : Stmt {             // Raise(expr? exc, expr? cause)
    GK_STMT_NODE(Raise)
    Expr* exc = nullptr;
    Expr* cause = nullptr;
};
// Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)
struct Try : Stmt {
    GK_STMT_NODE(Try)
    StmtList body;
    std::vector<ExceptHandler*> handlers;
    StmtList orelse;
    StmtList finalbody;
};
struct TryStar : Stmt {           // except* form; same fields as Try
    GK_STMT_NODE(TryStar)
    StmtList body;
    std::vector<ExceptHandler*> handlers;
    StmtList orelse;
    StmtList finalbody;
};
struct Assert : Stmt {            // Assert(expr test, expr? msg)
    GK_STMT_NODE(Assert)
    Expr* test = nullptr;
    Expr* msg = nullptr;
};
struct Import : Stmt {            // Import(alias* names)
    GK_STMT_NODE(Import)
    std::vector<alias*> names;
};
// ImportFrom(identifier? module, alias* names, int? level)
// level = number of leading dots (0 = absolute).
struct ImportFrom : Stmt {
    GK_STMT_NODE(ImportFrom)
    OptIdentifier module;
    std::vector<alias*> names;
    int level = 0;
};
struct Global : Stmt {            // Global(identifier* names)
    GK_STMT_NODE(Global)
    std::vector<Identifier> names;
};
struct Nonlocal : Stmt {          // Nonlocal(identifier* names)
    GK_STMT_NODE(Nonlocal)
    std::vector<Identifier> names;
};
struct ExprStmt : Stmt {          // ast.Expr(expr value)
    GK_STMT_NODE(ExprStmt)
    Expr* value = nullptr;
};
// ---------------------------------------------------------------------------
// Match statements (PEP 634)
// ---------------------------------------------------------------------------

#define GK_PATTERN_NODE(N)                                                     \
    static constexpr PatternKind kKind = PatternKind::N;                       \
    N() : Pattern(PatternKind::N) {}

struct MatchValue : Pattern {     // MatchValue(expr value)
    GK_PATTERN_NODE(MatchValue)
    Expr* value = nullptr;
};
struct MatchSingleton : Pattern { // MatchSingleton(constant value): None, True, False
    GK_PATTERN_NODE(MatchSingleton)
    ConstantValue value{NoneValue{}};
};
struct MatchSequence : Pattern {  // MatchSequence(pattern* patterns)
    GK_PATTERN_NODE(MatchSequence)
    PatternList patterns;
};
// MatchMapping(expr* keys, pattern* patterns, identifier? rest)
struct MatchMapping : Pattern {
    GK_PATTERN_NODE(MatchMapping)
    ExprList keys;
    PatternList patterns;
    OptIdentifier rest;
};
// MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)
struct MatchClass : Pattern {
    GK_PATTERN_NODE(MatchClass)
    Expr* cls = nullptr;
    PatternList patterns;
    std::vector<Identifier> kwd_attrs;
    PatternList kwd_patterns;
};
struct MatchStar : Pattern {      // MatchStar(identifier? name); `*_` has no name
    GK_PATTERN_NODE(MatchStar)
    OptIdentifier name;
};
// MatchAs(pattern? pattern, identifier? name): `_` has neither; a capture
// `x` has only the name; `p as x` has both.
struct MatchAs : Pattern {
    GK_PATTERN_NODE(MatchAs)
    Pattern* pattern = nullptr;
    OptIdentifier name;
};
struct MatchOr : Pattern {        // MatchOr(pattern* patterns)
    GK_PATTERN_NODE(MatchOr)
    PatternList patterns;
};

#undef GK_PATTERN_NODE

// match_case(pattern pattern, expr? guard, stmt* body) — no location
struct match_case {
    Pattern* pattern = nullptr;
    Expr* guard = nullptr;
    StmtList body;
};

struct Match : Stmt {             // Match(expr subject, match_case* cases)
    GK_STMT_NODE(Match)
    Expr* subject = nullptr;
    std::vector<match_case*> cases;
};

struct Pass : Stmt { GK_STMT_NODE(Pass) };
struct Break : Stmt { GK_STMT_NODE(Break) };
struct Continue : Stmt { GK_STMT_NODE(Continue) };

#undef GK_EXPR_NODE
#undef GK_STMT_NODE

// Module(stmt* body, type_ignore* type_ignores) — type_ignores always empty.
struct Module {
    StmtList body;
};

// ---------------------------------------------------------------------------
// AstArena: owns all nodes of one parse.  Nodes are bump-allocated in
// chunks; nodes with non-trivial destructors are recorded and destroyed (in
// reverse order) when the arena dies.  Pointers stay valid for the arena's
// lifetime.  Not thread-safe: one arena per parse, owned by one thread.
// ---------------------------------------------------------------------------

class AstArena {
public:
    AstArena() = default;
    AstArena(const AstArena&) = delete;
    AstArena& operator=(const AstArena&) = delete;
    ~AstArena() { clear(); }

    template <class T, class... Args> T* make(Args&&... args) {
        void* mem = allocate(sizeof(T), alignof(T));
        T* obj = ::new (mem) T(std::forward<Args>(args)...);
        if constexpr (!std::is_trivially_destructible_v<T>) {
            dtors_.push_back({obj, [](void* p) { static_cast<T*>(p)->~T(); }});
        }
        return obj;
    }

    // Destroys every node; the arena can be reused afterwards.
    void clear() {
        for (auto it = dtors_.rbegin(); it != dtors_.rend(); ++it) it->fn(it->obj);
        dtors_.clear();
        chunks_.clear();
        cur_ = end_ = nullptr;
        bytes_ = 0;
    }

    size_t bytes_allocated() const { return bytes_; }

private:
    static constexpr size_t kChunkSize = 32 * 1024;
    struct Dtor { void* obj; void (*fn)(void*); };

    void* allocate(size_t size, size_t align) {
        uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t(align) - 1);
        if (cur_ == nullptr || p + size > reinterpret_cast<uintptr_t>(end_)) {
            size_t n = size + align > kChunkSize ? size + align : kChunkSize;
            chunks_.emplace_back(new std::byte[n]);
            bytes_ += n;
            cur_ = chunks_.back().get();
            end_ = cur_ + n;
            p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t(align) - 1);
        }
        cur_ = reinterpret_cast<std::byte*>(p + size);
        return reinterpret_cast<void*>(p);
    }

    std::vector<std::unique_ptr<std::byte[]>> chunks_;
    std::vector<Dtor> dtors_;
    std::byte* cur_ = nullptr;
    std::byte* end_ = nullptr;
    size_t bytes_ = 0;
};

}  // namespace gk
