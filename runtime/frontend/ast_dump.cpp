// ast_dump.cpp — ast.dump(indent=2) emulation and Python repr helpers.
//
// The dump first converts the tree into a small generic value tree (node
// name + named fields / list / leaf text), then formats it with the same
// rules as Lib/ast.py's dump(): a node whose fields are all "simple" and
// number at most three goes on one line; everything else is broken onto
// indented lines.  Optional fields that are None are omitted; empty lists
// are kept.
#include "ast_dump.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "tokenizer.hpp"
#include "unicode_tables.hpp"

namespace gk {

// ---------------------------------------------------------------------------
// repr helpers
// ---------------------------------------------------------------------------

namespace {

void append_hex_escape(std::string& out, char32_t c) {
    char buf[16];
    if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
    else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
    else std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(c));
    out += buf;
}

}  // namespace

std::string python_repr_str(std::string_view s) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char q = (has_single && !has_double) ? '"' : '\'';
    std::string out;
    out.reserve(s.size() + 2);
    out += q;
    size_t i = 0;
    while (i < s.size()) {
        char32_t c = utf8_decode(s, i);
        if (c == char32_t(q) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            append_hex_escape(out, c);
        } else if (c < 0x7F) {
            out += char(c);
        } else if (uni_is_printable(c)) {
            utf8_append(out, c);
        } else {
            append_hex_escape(out, c);
        }
    }
    out += q;
    return out;
}

std::string python_repr_bytes(std::string_view s) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char q = (has_single && !has_double) ? '"' : '\'';
    std::string out = "b";
    out += q;
    for (unsigned char c : s) {
        if (c == static_cast<unsigned char>(q) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c >= 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
            out += buf;
        } else {
            out += char(c);
        }
    }
    out += q;
    return out;
}

namespace {

// Python's float repr ('r' format): shortest round-trip digits; scientific
// notation when the decimal exponent is < -4 or >= 16.
std::string repr_double(double v, bool add_dot_zero) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (std::isnan(v)) return "nan";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, r.ptr);
    bool neg = false;
    if (!sci.empty() && sci[0] == '-') {
        neg = true;
        sci.erase(0, 1);
    }
    size_t epos = sci.find('e');
    std::string mant = sci.substr(0, epos);
    int exp10 = std::stoi(sci.substr(epos + 1));
    std::string digits;
    for (char c : mant)
        if (c != '.') digits += c;
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    if (exp10 < -4 || exp10 >= 16) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
        out += eb;
        return out;
    }
    if (exp10 < 0) {
        out += "0.";
        out += std::string(size_t(-exp10 - 1), '0');
        out += digits;
        return out;
    }
    size_t int_len = size_t(exp10) + 1;
    if (digits.size() <= int_len) {
        out += digits;
        out += std::string(int_len - digits.size(), '0');
        if (add_dot_zero) out += ".0";
    } else {
        out += digits.substr(0, int_len);
        out += '.';
        out += digits.substr(int_len);
    }
    return out;
}

}  // namespace

std::string python_repr_float(double v) { return repr_double(v, true); }

std::string python_repr_imag(double imag) { return repr_double(imag, false) + "j"; }

// ---------------------------------------------------------------------------
// Generic value tree
// ---------------------------------------------------------------------------

namespace {

struct DVal {
    enum Kind { Leaf, Node, ListV } kind = Leaf;
    std::string text;                                   // Leaf text / Node class name
    std::vector<std::pair<const char*, DVal>> fields;   // Node
    std::vector<DVal> items;                            // ListV
};

DVal leaf(std::string s) {
    DVal v;
    v.text = std::move(s);
    return v;
}

DVal node(const char* name) {
    DVal v;
    v.kind = DVal::Node;
    v.text = name;
    return v;
}

DVal list_of() {
    DVal v;
    v.kind = DVal::ListV;
    return v;
}

struct Builder {
    bool attrs = false;   // include_attributes=True

    void locate(DVal& v, const Located* n) {
        if (!attrs) return;
        add(v, "lineno", leaf(std::to_string(n->lineno)));
        add(v, "col_offset", leaf(std::to_string(n->col_offset)));
        add(v, "end_lineno", leaf(std::to_string(n->end_lineno)));
        add(v, "end_col_offset", leaf(std::to_string(n->end_col_offset)));
    }

    DVal expr(const Expr* e);
    DVal stmt(const Stmt* s);

    DVal opt_expr(const Expr* e) { return e ? expr(e) : leaf("None"); }

    DVal exprs(const ExprList& l) {
        DVal v = list_of();
        for (const Expr* e : l) v.items.push_back(opt_expr(e));
        return v;
    }
    DVal stmts(const StmtList& l) {
        DVal v = list_of();
        for (const Stmt* s : l) v.items.push_back(stmt(s));
        return v;
    }
    DVal idents(const std::vector<Identifier>& l) {
        DVal v = list_of();
        for (const auto& s : l) v.items.push_back(leaf(python_repr_str(s)));
        return v;
    }
    static DVal ctx(ExprContext c) { return node(ast_name(c)); }

    // Adds `name=value`, omitting optional fields that are None.
    void add(DVal& n, const char* name, DVal v) { n.fields.emplace_back(name, std::move(v)); }
    void add_opt(DVal& n, const char* name, const Expr* e) {
        if (e) add(n, name, expr(e));
    }
    void add_opt(DVal& n, const char* name, const std::optional<std::string>& s) {
        if (s) add(n, name, leaf(python_repr_str(*s)));
    }

    DVal arg_node(const arg* a) {
        DVal v = node("arg");
        add(v, "arg", leaf(python_repr_str(a->arg)));
        add_opt(v, "annotation", a->annotation);
        locate(v, a);
        return v;
    }
    DVal args_list(const std::vector<arg*>& l) {
        DVal v = list_of();
        for (const arg* a : l) v.items.push_back(arg_node(a));
        return v;
    }
    DVal arguments_node(const arguments* a) {
        DVal v = node("arguments");
        add(v, "posonlyargs", args_list(a->posonlyargs));
        add(v, "args", args_list(a->args));
        if (a->vararg) add(v, "vararg", arg_node(a->vararg));
        add(v, "kwonlyargs", args_list(a->kwonlyargs));
        add(v, "kw_defaults", exprs(a->kw_defaults));
        if (a->kwarg) add(v, "kwarg", arg_node(a->kwarg));
        add(v, "defaults", exprs(a->defaults));
        return v;
    }
    DVal keywords(const std::vector<keyword*>& l) {
        DVal v = list_of();
        for (const keyword* k : l) {
            DVal kv = node("keyword");
            add_opt(kv, "arg", k->arg);
            add(kv, "value", expr(k->value));
            locate(kv, k);
            v.items.push_back(std::move(kv));
        }
        return v;
    }
    DVal generators(const std::vector<comprehension*>& l) {
        DVal v = list_of();
        for (const comprehension* c : l) {
            DVal cv = node("comprehension");
            add(cv, "target", expr(c->target));
            add(cv, "iter", expr(c->iter));
            add(cv, "ifs", exprs(c->ifs));
            add(cv, "is_async", leaf(std::to_string(c->is_async)));
            v.items.push_back(std::move(cv));
        }
        return v;
    }
    DVal aliases(const std::vector<alias*>& l) {
        DVal v = list_of();
        for (const alias* a : l) {
            DVal av = node("alias");
            add(av, "name", leaf(python_repr_str(a->name)));
            add_opt(av, "asname", a->asname);
            locate(av, a);
            v.items.push_back(std::move(av));
        }
        return v;
    }
    DVal withitems(const std::vector<withitem*>& l) {
        DVal v = list_of();
        for (const withitem* w : l) {
            DVal wv = node("withitem");
            add(wv, "context_expr", expr(w->context_expr));
            add_opt(wv, "optional_vars", w->optional_vars);
            v.items.push_back(std::move(wv));
        }
        return v;
    }
    DVal handlers(const std::vector<ExceptHandler*>& l) {
        DVal v = list_of();
        for (const ExceptHandler* h : l) {
            DVal hv = node("ExceptHandler");
            add_opt(hv, "type", h->type);
            add_opt(hv, "name", h->name);
            add(hv, "body", stmts(h->body));
            locate(hv, h);
            v.items.push_back(std::move(hv));
        }
        return v;
    }

    DVal pattern(const Pattern* p) {
        DVal v = node(ast_name(p->kind));
        switch (p->kind) {
            case PatternKind::MatchValue: add(v, "value", expr(p->as<MatchValue>()->value)); break;
            case PatternKind::MatchSingleton:
                add(v, "value", constant_value(p->as<MatchSingleton>()->value));
                break;
            case PatternKind::MatchSequence:
                add(v, "patterns", patterns(p->as<MatchSequence>()->patterns));
                break;
            case PatternKind::MatchMapping: {
                auto* x = p->as<MatchMapping>();
                add(v, "keys", exprs(x->keys));
                add(v, "patterns", patterns(x->patterns));
                add_opt(v, "rest", x->rest);
                break;
            }
            case PatternKind::MatchClass: {
                auto* x = p->as<MatchClass>();
                add(v, "cls", expr(x->cls));
                add(v, "patterns", patterns(x->patterns));
                add(v, "kwd_attrs", idents(x->kwd_attrs));
                add(v, "kwd_patterns", patterns(x->kwd_patterns));
                break;
            }
            case PatternKind::MatchStar: add_opt(v, "name", p->as<MatchStar>()->name); break;
            case PatternKind::MatchAs: {
                auto* x = p->as<MatchAs>();
                if (x->pattern) add(v, "pattern", pattern(x->pattern));
                add_opt(v, "name", x->name);
                break;
            }
            case PatternKind::MatchOr: add(v, "patterns", patterns(p->as<MatchOr>()->patterns)); break;
        }
        locate(v, p);
        return v;
    }
    DVal patterns(const PatternList& l) {
        DVal v = list_of();
        for (const Pattern* p : l) v.items.push_back(pattern(p));
        return v;
    }

    static DVal constant_value(const ConstantValue& cv) {
        struct V {
            std::string operator()(NoneValue) const { return "None"; }
            std::string operator()(EllipsisValue) const { return "Ellipsis"; }
            std::string operator()(bool b) const { return b ? "True" : "False"; }
            std::string operator()(int64_t i) const { return std::to_string(i); }
            std::string operator()(const BigIntValue& b) const { return b.digits; }
            std::string operator()(double d) const { return python_repr_float(d); }
            std::string operator()(const ImagValue& c) const { return python_repr_imag(c.imag); }
            std::string operator()(const std::string& s) const { return python_repr_str(s); }
            std::string operator()(const BytesValue& b) const { return python_repr_bytes(b.bytes); }
        };
        return leaf(std::visit(V{}, cv));
    }
};

DVal Builder::expr(const Expr* e) {
    DVal v = node(ast_name(e->kind));
    switch (e->kind) {
        case ExprKind::BoolOp: {
            auto* x = e->as<BoolOp>();
            add(v, "op", node(ast_name(x->op)));
            add(v, "values", exprs(x->values));
            break;
        }
        case ExprKind::NamedExpr: {
            auto* x = e->as<NamedExpr>();
            add(v, "target", expr(x->target));
            add(v, "value", expr(x->value));
            break;
        }
        case ExprKind::BinOp: {
            auto* x = e->as<BinOp>();
            add(v, "left", expr(x->left));
            add(v, "op", node(ast_name(x->op)));
            add(v, "right", expr(x->right));
            break;
        }
        case ExprKind::UnaryOp: {
            auto* x = e->as<UnaryOp>();
            add(v, "op", node(ast_name(x->op)));
            add(v, "operand", expr(x->operand));
            break;
        }
        case ExprKind::Lambda: {
            auto* x = e->as<Lambda>();
            add(v, "args", arguments_node(x->args));
            add(v, "body", expr(x->body));
            break;
        }
        case ExprKind::IfExp: {
            auto* x = e->as<IfExp>();
            add(v, "test", expr(x->test));
            add(v, "body", expr(x->body));
            add(v, "orelse", expr(x->orelse));
            break;
        }
        case ExprKind::Dict: {
            auto* x = e->as<Dict>();
            add(v, "keys", exprs(x->keys));
            add(v, "values", exprs(x->values));
            break;
        }
        case ExprKind::Set: add(v, "elts", exprs(e->as<Set>()->elts)); break;
        case ExprKind::ListComp: {
            auto* x = e->as<ListComp>();
            add(v, "elt", expr(x->elt));
            add(v, "generators", generators(x->generators));
            break;
        }
        case ExprKind::SetComp: {
            auto* x = e->as<SetComp>();
            add(v, "elt", expr(x->elt));
            add(v, "generators", generators(x->generators));
            break;
        }
        case ExprKind::DictComp: {
            auto* x = e->as<DictComp>();
            add(v, "key", expr(x->key));
            add(v, "value", expr(x->value));
            add(v, "generators", generators(x->generators));
            break;
        }
        case ExprKind::GeneratorExp: {
            auto* x = e->as<GeneratorExp>();
            add(v, "elt", expr(x->elt));
            add(v, "generators", generators(x->generators));
            break;
        }
        case ExprKind::Await: add(v, "value", expr(e->as<Await>()->value)); break;
        case ExprKind::Yield: add_opt(v, "value", e->as<Yield>()->value); break;
        case ExprKind::YieldFrom: add(v, "value", expr(e->as<YieldFrom>()->value)); break;
        case ExprKind::Compare: {
            auto* x = e->as<Compare>();
            add(v, "left", expr(x->left));
            DVal ops = list_of();
            for (CmpOp op : x->ops) ops.items.push_back(node(ast_name(op)));
            add(v, "ops", std::move(ops));
            add(v, "comparators", exprs(x->comparators));
            break;
        }
        case ExprKind::Call: {
            auto* x = e->as<Call>();
            add(v, "func", expr(x->func));
            add(v, "args", exprs(x->args));
            add(v, "keywords", keywords(x->keywords));
            break;
        }
        case ExprKind::FormattedValue: {
            auto* x = e->as<FormattedValue>();
            add(v, "value", expr(x->value));
            add(v, "conversion", leaf(std::to_string(x->conversion)));
            add_opt(v, "format_spec", x->format_spec);
            break;
        }
        case ExprKind::JoinedStr: add(v, "values", exprs(e->as<JoinedStr>()->values)); break;
        case ExprKind::Constant: {
            auto* x = e->as<Constant>();
            add(v, "value", constant_value(x->value));
            add_opt(v, "kind", x->kind_tag);
            break;
        }
        case ExprKind::Attribute: {
            auto* x = e->as<Attribute>();
            add(v, "value", expr(x->value));
            add(v, "attr", leaf(python_repr_str(x->attr)));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::Subscript: {
            auto* x = e->as<Subscript>();
            add(v, "value", expr(x->value));
            add(v, "slice", expr(x->slice));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::Starred: {
            auto* x = e->as<Starred>();
            add(v, "value", expr(x->value));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::Name: {
            auto* x = e->as<Name>();
            add(v, "id", leaf(python_repr_str(x->id)));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::List: {
            auto* x = e->as<List>();
            add(v, "elts", exprs(x->elts));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::Tuple: {
            auto* x = e->as<Tuple>();
            add(v, "elts", exprs(x->elts));
            add(v, "ctx", ctx(x->ctx));
            break;
        }
        case ExprKind::Slice: {
            auto* x = e->as<Slice>();
            add_opt(v, "lower", x->lower);
            add_opt(v, "upper", x->upper);
            add_opt(v, "step", x->step);
            break;
        }
    }
    locate(v, e);
    return v;
}

DVal Builder::stmt(const Stmt* s) {
    DVal v = node(ast_name(s->kind));
    auto funcdef = [&](const auto* x) {
        add(v, "name", leaf(python_repr_str(x->name)));
        add(v, "args", arguments_node(x->args));
        add(v, "body", stmts(x->body));
        add(v, "decorator_list", exprs(x->decorator_list));
        add_opt(v, "returns", x->returns);
    };
    auto forloop = [&](const auto* x) {
        add(v, "target", expr(x->target));
        add(v, "iter", expr(x->iter));
        add(v, "body", stmts(x->body));
        add(v, "orelse", stmts(x->orelse));
    };
    auto with = [&](const auto* x) {
        add(v, "items", withitems(x->items));
        add(v, "body", stmts(x->body));
    };
    auto trystmt = [&](const auto* x) {
        add(v, "body", stmts(x->body));
        add(v, "handlers", handlers(x->handlers));
        add(v, "orelse", stmts(x->orelse));
        add(v, "finalbody", stmts(x->finalbody));
    };
    switch (s->kind) {
        case StmtKind::FunctionDef: funcdef(s->as<FunctionDef>()); break;
        case StmtKind::AsyncFunctionDef: funcdef(s->as<AsyncFunctionDef>()); break;
        case StmtKind::ClassDef: {
            auto* x = s->as<ClassDef>();
            add(v, "name", leaf(python_repr_str(x->name)));
            add(v, "bases", exprs(x->bases));
            add(v, "keywords", keywords(x->keywords));
            add(v, "body", stmts(x->body));
            add(v, "decorator_list", exprs(x->decorator_list));
            break;
        }
        case StmtKind::Return: add_opt(v, "value", s->as<Return>()->value); break;
        case StmtKind::Delete: add(v, "targets", exprs(s->as<Delete>()->targets)); break;
        case StmtKind::Assign: {
            auto* x = s->as<Assign>();
            add(v, "targets", exprs(x->targets));
            add(v, "value", expr(x->value));
            break;
        }
        case StmtKind::AugAssign: {
            auto* x = s->as<AugAssign>();
            add(v, "target", expr(x->target));
            add(v, "op", node(ast_name(x->op)));
            add(v, "value", expr(x->value));
            break;
        }
        case StmtKind::AnnAssign: {
            auto* x = s->as<AnnAssign>();
            add(v, "target", expr(x->target));
            add(v, "annotation", expr(x->annotation));
            add_opt(v, "value", x->value);
            add(v, "simple", leaf(std::to_string(x->simple)));
            break;
        }
        case StmtKind::For: forloop(s->as<For>()); break;
        case StmtKind::AsyncFor: forloop(s->as<AsyncFor>()); break;
        case StmtKind::While: {
            auto* x = s->as<While>();
            add(v, "test", expr(x->test));
            add(v, "body", stmts(x->body));
            add(v, "orelse", stmts(x->orelse));
            break;
        }
        case StmtKind::If: {
            auto* x = s->as<If>();
            add(v, "test", expr(x->test));
            add(v, "body", stmts(x->body));
            add(v, "orelse", stmts(x->orelse));
            break;
        }
        case StmtKind::With: with(s->as<With>()); break;
        case StmtKind::AsyncWith: with(s->as<AsyncWith>()); break;
        case StmtKind::Raise: {
            auto* x = s->as<Raise>();
            add_opt(v, "exc", x->exc);
            add_opt(v, "cause", x->cause);
            break;
        }
        case StmtKind::Try: trystmt(s->as<Try>()); break;
        case StmtKind::TryStar: trystmt(s->as<TryStar>()); break;
        case StmtKind::Assert: {
            auto* x = s->as<Assert>();
            add(v, "test", expr(x->test));
            add_opt(v, "msg", x->msg);
            break;
        }
        case StmtKind::Import: add(v, "names", aliases(s->as<Import>()->names)); break;
        case StmtKind::ImportFrom: {
            auto* x = s->as<ImportFrom>();
            add_opt(v, "module", x->module);
            add(v, "names", aliases(x->names));
            add(v, "level", leaf(std::to_string(x->level)));
            break;
        }
        case StmtKind::Global: add(v, "names", idents(s->as<Global>()->names)); break;
        case StmtKind::Nonlocal: add(v, "names", idents(s->as<Nonlocal>()->names)); break;
        case StmtKind::ExprStmt: add(v, "value", expr(s->as<ExprStmt>()->value)); break;
        case StmtKind::Match: {
            auto* x = s->as<Match>();
            add(v, "subject", expr(x->subject));
            DVal cases = list_of();
            for (const match_case* c : x->cases) {
                DVal cv = node("match_case");
                add(cv, "pattern", pattern(c->pattern));
                add_opt(cv, "guard", c->guard);
                add(cv, "body", stmts(c->body));
                cases.items.push_back(std::move(cv));
            }
            add(v, "cases", std::move(cases));
            break;
        }
        case StmtKind::Pass:
        case StmtKind::Break:
        case StmtKind::Continue: break;
    }
    locate(v, s);
    return v;
}

// Lib/ast.py dump()'s _format with indent="  ".  Returns (text, simple).
std::pair<std::string, bool> format(const DVal& v, int level) {
    ++level;
    std::string indent(size_t(level) * 2, ' ');
    std::string prefix = "\n" + indent;
    std::string sep = ",\n" + indent;
    switch (v.kind) {
        case DVal::Leaf: return {v.text, true};
        case DVal::ListV: {
            if (v.items.empty()) return {"[]", true};
            std::string out = "[" + prefix;
            for (size_t i = 0; i < v.items.size(); ++i) {
                if (i) out += sep;
                out += format(v.items[i], level).first;
            }
            out += "]";
            return {out, false};
        }
        case DVal::Node: {
            bool allsimple = true;
            std::vector<std::string> args;
            for (const auto& [name, fv] : v.fields) {
                auto [s, simple] = format(fv, level);
                allsimple = allsimple && simple;
                args.push_back(std::string(name) + "=" + s);
            }
            if (allsimple && args.size() <= 3) {
                std::string out = v.text + "(";
                for (size_t i = 0; i < args.size(); ++i) {
                    if (i) out += ", ";
                    out += args[i];
                }
                out += ")";
                return {out, args.empty()};
            }
            std::string out = v.text + "(" + prefix;
            for (size_t i = 0; i < args.size(); ++i) {
                if (i) out += sep;
                out += args[i];
            }
            out += ")";
            return {out, false};
        }
    }
    return {"", true};
}

}  // namespace

void dump_ast(const Module& module, std::ostream& out, bool include_attributes) {
    Builder b;
    b.attrs = include_attributes;
    DVal m = node("Module");
    b.add(m, "body", b.stmts(module.body));
    b.add(m, "type_ignores", list_of());
    out << format(m, 0).first << '\n';
}

void dump_ast(const Module& module, std::ostream& out) { dump_ast(module, out, false); }

std::string dump_ast_expr(const Expr& expr) {
    Builder b;
    return format(b.expr(&expr), 0).first;
}

}  // namespace gk
