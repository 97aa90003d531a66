// ast.cpp — name tables for the AST enums (ast.hpp).
#include "ast.hpp"

namespace gk {

const char* ast_name(ExprKind k) {
    switch (k) {
#define GK_X(n) case ExprKind::n: return #n;
        GK_AST_EXPR_KINDS(GK_X)
#undef GK_X
    }
    return "?";
}

const char* ast_name(StmtKind k) {
    if (k == StmtKind::ExprStmt) return "Expr";
    switch (k) {
#define GK_X(n) case StmtKind::n: return #n;
        GK_AST_STMT_KINDS(GK_X)
#undef GK_X
    }
    return "?";
}

const char* ast_name(PatternKind k) {
    switch (k) {
#define GK_X(n) case PatternKind::n: return #n;
        GK_AST_PATTERN_KINDS(GK_X)
#undef GK_X
    }
    return "?";
}

const char* ast_name(ExprContext c) {
    switch (c) {
        case ExprContext::Load: return "Load";
        case ExprContext::Store: return "Store";
        case ExprContext::Del: return "Del";
    }
    return "?";
}

const char* ast_name(BoolOperator o) { return o == BoolOperator::And ? "And" : "Or"; }

const char* ast_name(Operator o) {
    static const char* const names[] = {"Add",    "Sub",    "Mult",   "MatMult", "Div",
                                        "Mod",    "Pow",    "LShift", "RShift",  "BitOr",
                                        "BitXor", "BitAnd", "FloorDiv"};
    return names[static_cast<int>(o)];
}

const char* op_symbol(Operator o) {
    static const char* const syms[] = {"+", "-", "*",  "@", "/", "%", "**",
                                       "<<", ">>", "|", "^", "&", "//"};
    return syms[static_cast<int>(o)];
}

const char* ast_name(UnaryOperator o) {
    static const char* const names[] = {"Invert", "Not", "UAdd", "USub"};
    return names[static_cast<int>(o)];
}

const char* ast_name(CmpOp o) {
    static const char* const names[] = {"Eq", "NotEq", "Lt", "LtE", "Gt",
                                        "GtE", "Is", "IsNot", "In", "NotIn"};
    return names[static_cast<int>(o)];
}

}  // namespace gk
