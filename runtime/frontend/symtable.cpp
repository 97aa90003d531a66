// symtable.cpp — builds the symbol table (symtable.hpp): pass 1 walks the AST
// recording name uses per scope, pass 2 resolves every name to its NameScope.
#include "symtable.hpp"

#include <unordered_set>

namespace gk {

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

std::string_view ErrorSite::line_text(int lineno, bool with_newline) const {
  size_t pos = 0;
  for (int l = 1; l < lineno; ++l) {
    size_t nl = source_.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  if (pos > source_.size()) return {};
  size_t nl = source_.find('\n', pos);
  size_t end = nl == std::string_view::npos ? source_.size() : nl + (with_newline ? 1 : 0);
  return source_.substr(pos, end - pos);
}

namespace {
// Number of code points in the first `byte_col` bytes of `line`.
int char_col(std::string_view line, int byte_col) {
  int n = 0;
  for (int i = 0; i < byte_col && i < static_cast<int>(line.size()); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++n;
  if (byte_col > static_cast<int>(line.size())) n += byte_col - static_cast<int>(line.size());
  return n;
}
}  // namespace

void ErrorSite::fail(const std::string& msg, int lineno, int col, int end_lineno, int end_col) const {
  SyntaxErrorInfo info;
  info.kind = "SyntaxError";
  info.msg = msg;
  info.filename = filename_;
  info.lineno = lineno;
  std::string_view text = line_text(lineno, true);
  // CPython quotes the line of a compile-time error by reading the file, so
  // pseudo-files such as "<string>" or "<stdin>" get no text.
  bool pseudo_file = !filename_.empty() && filename_.front() == '<' && filename_.back() == '>';
  if (!pseudo_file) info.text = std::string(text);
  info.offset = char_col(text, col) + 1;
  if (end_lineno > 0) {
    info.end_lineno = end_lineno;
    info.end_offset = char_col(line_text(end_lineno, false), end_col) + 1;
  }
  throw info;
}

// ---------------------------------------------------------------------------
// Mangling
// ---------------------------------------------------------------------------

std::string mangle(const std::string& private_name, const std::string& name) {
  if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  if (name.size() >= 4 && name.compare(name.size() - 2, 2, "__") == 0) return name;
  if (name.find('.') != std::string::npos) return name;
  size_t skip = private_name.find_first_not_of('_');
  if (skip == std::string::npos) return name;  // class name is all underscores
  return "_" + private_name.substr(skip) + name;
}

// ---------------------------------------------------------------------------
// Pass 1: the AST walk
// ---------------------------------------------------------------------------

SymScope* SymTable::new_scope() {
  scopes_.push_back(std::make_unique<SymScope>());
  return scopes_.back().get();
}

SymScope* SymTable::lookup(const void* node) const {
  auto it = by_node_.find(node);
  return it == by_node_.end() ? nullptr : it->second;
}

class SymTableBuilder {
 public:
  SymTableBuilder(SymTable& st, const ErrorSite& err) : st_(st), err_(err) {}

  void build_module(const Module& mod) {
    enter(BlockType::Module, "top", &mod, nullptr);
    global_ = cur_;
    for (Stmt* s : mod.body) visit_stmt(s);
    exit();
    analyze();
  }
  void build_expression(Expr* e) {
    enter(BlockType::Module, "top", e, nullptr);
    global_ = cur_;
    visit_expr(e);
    exit();
    analyze();
  }

 private:
  using NameSet = std::unordered_set<std::string>;

  // --- scopes ---
  void enter(BlockType type, std::string name, const void* node, const Located* loc) {
    SymScope* s = st_.new_scope();
    s->type = type;
    s->name = std::move(name);
    s->node = node;
    if (loc) {
      s->lineno = loc->lineno;
      s->col_offset = loc->col_offset;
    }
    if (cur_) {
      s->nested = cur_->nested || cur_->type == BlockType::Function;
      cur_->children.push_back(s);
    } else {
      st_.top_ = s;
    }
    st_.by_node_[node] = s;
    stack_.push_back(s);
    cur_ = s;
  }
  void exit() {
    stack_.pop_back();
    cur_ = stack_.empty() ? nullptr : stack_.back();
  }

  // --- definitions ---
  void add_def_in(SymScope* s, const std::string& name, uint32_t flag, const Located& loc) {
    std::string m = mangle(private_, name);
    auto [it, fresh] = s->symbols.try_emplace(m);
    if (fresh) s->order.push_back(m);
    uint32_t val = it->second.flags;
    if ((flag & DEF_PARAM) && (val & DEF_PARAM))
      err_.fail("duplicate argument '" + m + "' in function definition", loc);
    val |= flag;
    if (s->comp_iter_target) {
      if (val & (DEF_GLOBAL | DEF_NONLOCAL))
        err_.fail("comprehension inner loop cannot rebind assignment expression target '" + m + "'", loc);
      val |= DEF_COMP_ITER;
    }
    it->second.flags = val;
    if (flag & DEF_PARAM) {
      s->params.push_back(m);
    } else if ((flag & DEF_GLOBAL) && s != global_) {
      auto [g, gfresh] = global_->symbols.try_emplace(m);
      if (gfresh) global_->order.push_back(m);
      g->second.flags |= flag;
    }
  }
  void add_def(const std::string& name, uint32_t flag, const Located& loc) { add_def_in(cur_, name, flag, loc); }
  uint32_t lookup(const std::string& name) const { return cur_->flags_of(mangle(private_, name)); }
  void record_directive(SymScope* s, const std::string& name, const Located& loc) {
    // Errors point at the first declaration of a name.
    s->directives.try_emplace(mangle(private_, name),
                              SymScope::Directive{loc.lineno, loc.col_offset, loc.end_lineno, loc.end_col_offset});
  }

  // --- statements ---
  void visit_body(const StmtList& body) {
    for (Stmt* s : body) visit_stmt(s);
  }
  void visit_exprs(const ExprList& es) {
    for (Expr* e : es)
      if (e) visit_expr(e);
  }

  void visit_function(Stmt* s, const std::string& name, arguments* args, const StmtList& body,
                      const ExprList& decorators, Expr* returns) {
    add_def(name, DEF_LOCAL, *s);
    visit_exprs(args->defaults);
    visit_exprs(args->kw_defaults);
    visit_annotations(args, returns);
    visit_exprs(decorators);
    enter(BlockType::Function, name, s, s);
    visit_params(args);
    visit_body(body);
    exit();
  }

  void visit_stmt(Stmt* s) {
    switch (s->kind) {
      case StmtKind::FunctionDef: {
        auto* f = s->as<FunctionDef>();
        visit_function(s, f->name, f->args, f->body, f->decorator_list, f->returns);
        break;
      }
      case StmtKind::AsyncFunctionDef: {
        auto* f = s->as<AsyncFunctionDef>();
        visit_function(s, f->name, f->args, f->body, f->decorator_list, f->returns);
        break;
      }
      case StmtKind::ClassDef: {
        auto* c = s->as<ClassDef>();
        add_def(c->name, DEF_LOCAL, *s);
        visit_exprs(c->bases);
        for (keyword* k : c->keywords) visit_expr(k->value);
        visit_exprs(c->decorator_list);
        enter(BlockType::Class, c->name, s, s);
        std::string saved = private_;
        private_ = c->name;
        visit_body(c->body);
        private_ = saved;
        exit();
        break;
      }
      case StmtKind::Return:
        if (auto* v = s->as<Return>()->value) visit_expr(v);
        break;
      case StmtKind::Delete:
        visit_exprs(s->as<Delete>()->targets);
        break;
      case StmtKind::Assign: {
        auto* a = s->as<Assign>();
        visit_exprs(a->targets);
        visit_expr(a->value);
        break;
      }
      case StmtKind::AnnAssign: {
        auto* a = s->as<AnnAssign>();
        if (a->target->is<Name>()) {
          const std::string& id = a->target->as<Name>()->id;
          uint32_t cur = lookup(id);
          if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && cur_ != global_ && a->simple) {
            err_.fail("annotated name '" + id + "' can't be " + ((cur & DEF_GLOBAL) ? "global" : "nonlocal"),
                      *s);
          }
          if (a->simple)
            add_def(id, DEF_ANNOT | DEF_LOCAL, *a->target);
          else if (a->value)
            add_def(id, DEF_LOCAL, *a->target);
        } else {
          visit_expr(a->target);
        }
        visit_expr(a->annotation);
        if (a->value) visit_expr(a->value);
        break;
      }
      case StmtKind::AugAssign: {
        auto* a = s->as<AugAssign>();
        visit_expr(a->target);
        visit_expr(a->value);
        break;
      }
      case StmtKind::For: {
        auto* f = s->as<For>();
        visit_expr(f->target);
        visit_expr(f->iter);
        visit_body(f->body);
        visit_body(f->orelse);
        break;
      }
      case StmtKind::AsyncFor: {
        auto* f = s->as<AsyncFor>();
        visit_expr(f->target);
        visit_expr(f->iter);
        visit_body(f->body);
        visit_body(f->orelse);
        break;
      }
      case StmtKind::While: {
        auto* w = s->as<While>();
        visit_expr(w->test);
        visit_body(w->body);
        visit_body(w->orelse);
        break;
      }
      case StmtKind::If: {
        auto* i = s->as<If>();
        visit_expr(i->test);
        visit_body(i->body);
        visit_body(i->orelse);
        break;
      }
      case StmtKind::With:
        for (withitem* w : s->as<With>()->items) visit_withitem(w);
        visit_body(s->as<With>()->body);
        break;
      case StmtKind::AsyncWith:
        for (withitem* w : s->as<AsyncWith>()->items) visit_withitem(w);
        visit_body(s->as<AsyncWith>()->body);
        break;
      case StmtKind::Raise: {
        auto* r = s->as<Raise>();
        if (r->exc) visit_expr(r->exc);
        if (r->cause) visit_expr(r->cause);
        break;
      }
      case StmtKind::Try: {
        auto* t = s->as<Try>();
        visit_try(t->body, t->handlers, t->orelse, t->finalbody);
        break;
      }
      case StmtKind::TryStar: {
        auto* t = s->as<TryStar>();
        visit_try(t->body, t->handlers, t->orelse, t->finalbody);
        break;
      }
      case StmtKind::Match:
        break;  // the compiler rejects match statements (docs/differences.md)
      case StmtKind::Assert: {
        auto* a = s->as<Assert>();
        visit_expr(a->test);
        if (a->msg) visit_expr(a->msg);
        break;
      }
      case StmtKind::Import:
        for (alias* a : s->as<Import>()->names) visit_alias(a, *s);
        break;
      case StmtKind::ImportFrom:
        for (alias* a : s->as<ImportFrom>()->names) visit_alias(a, *s);
        break;
      case StmtKind::Global:
        for (const std::string& name : s->as<Global>()->names) visit_declaration(s, name, true);
        break;
      case StmtKind::Nonlocal:
        for (const std::string& name : s->as<Nonlocal>()->names) visit_declaration(s, name, false);
        break;
      case StmtKind::ExprStmt:
        visit_expr(s->as<ExprStmt>()->value);
        break;
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        break;
    }
  }

  void visit_try(const StmtList& body, const std::vector<ExceptHandler*>& handlers, const StmtList& orelse,
                 const StmtList& finalbody) {
    visit_body(body);
    visit_body(orelse);
    for (ExceptHandler* h : handlers) {
      if (h->type) visit_expr(h->type);
      if (h->name) add_def(*h->name, DEF_LOCAL, *h);
      visit_body(h->body);
    }
    visit_body(finalbody);
  }

  void visit_withitem(withitem* w) {
    visit_expr(w->context_expr);
    if (w->optional_vars) visit_expr(w->optional_vars);
  }

  void visit_alias(alias* a, const Stmt& s) {
    const std::string& full = a->asname ? *a->asname : a->name;
    std::string store = full.substr(0, full.find('.'));
    if (store == "*") {
      if (cur_->type != BlockType::Module) err_.fail("import * only allowed at module level", s);
      return;
    }
    add_def(store, DEF_IMPORT, *a);
  }

  void visit_declaration(Stmt* s, const std::string& name, bool is_global) {
    uint32_t cur = lookup(name);
    if (cur & (DEF_PARAM | DEF_LOCAL | DEF_USE | DEF_ANNOT)) {
      const char* what = is_global ? "global" : "nonlocal";
      std::string msg;
      if (cur & DEF_PARAM)
        msg = "name '" + name + "' is parameter and " + what;
      else if (cur & DEF_USE)
        msg = "name '" + name + "' is used prior to " + what + " declaration";
      else if (cur & DEF_ANNOT)
        msg = "annotated name '" + name + "' can't be " + what;
      else
        msg = "name '" + name + "' is assigned to before " + what + " declaration";
      err_.fail(msg, *s);
    }
    add_def(name, is_global ? DEF_GLOBAL : DEF_NONLOCAL, *s);
    record_directive(cur_, name, *s);
  }

  void visit_params(arguments* a) {
    for (arg* p : a->posonlyargs) add_def(p->arg, DEF_PARAM, *p);
    for (arg* p : a->args) add_def(p->arg, DEF_PARAM, *p);
    for (arg* p : a->kwonlyargs) add_def(p->arg, DEF_PARAM, *p);
    if (a->vararg) {
      add_def(a->vararg->arg, DEF_PARAM, *a->vararg);
      cur_->has_varargs = true;
    }
    if (a->kwarg) {
      add_def(a->kwarg->arg, DEF_PARAM, *a->kwarg);
      cur_->has_varkeywords = true;
    }
  }

  void visit_annotations(arguments* a, Expr* returns) {
    auto visit = [&](const std::vector<arg*>& ps) {
      for (arg* p : ps)
        if (p->annotation) visit_expr(p->annotation);
    };
    visit(a->posonlyargs);
    visit(a->args);
    if (a->vararg && a->vararg->annotation) visit_expr(a->vararg->annotation);
    if (a->kwarg && a->kwarg->annotation) visit_expr(a->kwarg->annotation);
    visit(a->kwonlyargs);
    if (returns) visit_expr(returns);
  }

  // --- expressions ---
  void visit_expr(Expr* e) {
    switch (e->kind) {
      case ExprKind::NamedExpr: {
        auto* n = e->as<NamedExpr>();
        if (cur_->comp_iter_expr > 0)
          err_.fail("assignment expression cannot be used in a comprehension iterable expression", *e);
        visit_expr(n->value);
        if (cur_->comprehension != CompKind::None && n->target->is<Name>())
          extend_namedexpr_scope(n->target->as<Name>());
        else
          visit_expr(n->target);
        break;
      }
      case ExprKind::BoolOp:
        visit_exprs(e->as<BoolOp>()->values);
        break;
      case ExprKind::BinOp:
        visit_expr(e->as<BinOp>()->left);
        visit_expr(e->as<BinOp>()->right);
        break;
      case ExprKind::UnaryOp:
        visit_expr(e->as<UnaryOp>()->operand);
        break;
      case ExprKind::Lambda: {
        auto* l = e->as<Lambda>();
        visit_exprs(l->args->defaults);
        visit_exprs(l->args->kw_defaults);
        enter(BlockType::Function, "lambda", e, e);
        visit_params(l->args);
        visit_expr(l->body);
        exit();
        break;
      }
      case ExprKind::IfExp: {
        auto* i = e->as<IfExp>();
        visit_expr(i->test);
        visit_expr(i->body);
        visit_expr(i->orelse);
        break;
      }
      case ExprKind::Dict:
        visit_exprs(e->as<Dict>()->keys);
        visit_exprs(e->as<Dict>()->values);
        break;
      case ExprKind::Set:
        visit_exprs(e->as<Set>()->elts);
        break;
      case ExprKind::ListComp:
        visit_comprehension(e, "listcomp", CompKind::List, e->as<ListComp>()->generators, e->as<ListComp>()->elt,
                            nullptr);
        break;
      case ExprKind::SetComp:
        visit_comprehension(e, "setcomp", CompKind::Set, e->as<SetComp>()->generators, e->as<SetComp>()->elt,
                            nullptr);
        break;
      case ExprKind::DictComp:
        visit_comprehension(e, "dictcomp", CompKind::Dict, e->as<DictComp>()->generators, e->as<DictComp>()->key,
                            e->as<DictComp>()->value);
        break;
      case ExprKind::GeneratorExp:
        visit_comprehension(e, "genexpr", CompKind::Generator, e->as<GeneratorExp>()->generators,
                            e->as<GeneratorExp>()->elt, nullptr);
        break;
      case ExprKind::Await:
        visit_expr(e->as<Await>()->value);
        break;
      case ExprKind::Yield:
        if (auto* v = e->as<Yield>()->value) visit_expr(v);
        note_yield(e);
        break;
      case ExprKind::YieldFrom:
        visit_expr(e->as<YieldFrom>()->value);
        note_yield(e);
        break;
      case ExprKind::Compare:
        visit_expr(e->as<Compare>()->left);
        visit_exprs(e->as<Compare>()->comparators);
        break;
      case ExprKind::Call: {
        auto* c = e->as<Call>();
        visit_expr(c->func);
        visit_exprs(c->args);
        for (keyword* k : c->keywords) visit_expr(k->value);
        break;
      }
      case ExprKind::FormattedValue: {
        auto* f = e->as<FormattedValue>();
        visit_expr(f->value);
        if (f->format_spec) visit_expr(f->format_spec);
        break;
      }
      case ExprKind::JoinedStr:
        visit_exprs(e->as<JoinedStr>()->values);
        break;
      case ExprKind::Constant:
        break;
      case ExprKind::Attribute:
        visit_expr(e->as<Attribute>()->value);
        break;
      case ExprKind::Subscript:
        visit_expr(e->as<Subscript>()->value);
        visit_expr(e->as<Subscript>()->slice);
        break;
      case ExprKind::Starred:
        visit_expr(e->as<Starred>()->value);
        break;
      case ExprKind::Slice: {
        auto* s = e->as<Slice>();
        if (s->lower) visit_expr(s->lower);
        if (s->upper) visit_expr(s->upper);
        if (s->step) visit_expr(s->step);
        break;
      }
      case ExprKind::Name: {
        auto* n = e->as<Name>();
        add_def(n->id, n->ctx == ExprContext::Load ? DEF_USE : DEF_LOCAL, *e);
        // A zero-argument super() needs the __class__ cell of the enclosing class.
        if (n->ctx == ExprContext::Load && cur_->type == BlockType::Function && n->id == "super")
          add_def("__class__", DEF_USE, *e);
        break;
      }
      case ExprKind::List:
        visit_exprs(e->as<List>()->elts);
        break;
      case ExprKind::Tuple:
        visit_exprs(e->as<Tuple>()->elts);
        break;
    }
  }

  void note_yield(Expr* e) {
    cur_->is_generator = true;
    const char* what = nullptr;
    switch (cur_->comprehension) {
      case CompKind::List: what = "'yield' inside list comprehension"; break;
      case CompKind::Set: what = "'yield' inside set comprehension"; break;
      case CompKind::Dict: what = "'yield' inside dict comprehension"; break;
      case CompKind::Generator: what = "'yield' inside generator expression"; break;
      case CompKind::None: break;
    }
    if (what) err_.fail(what, *e);
  }

  // The outermost iterable is evaluated in the enclosing scope; everything
  // else runs in a new function scope that receives it as parameter `.0`.
  void visit_comprehension(Expr* e, const char* name, CompKind kind, const std::vector<comprehension*>& gens,
                           Expr* elt, Expr* value) {
    comprehension* outer = gens[0];
    cur_->comp_iter_expr++;
    visit_expr(outer->iter);
    cur_->comp_iter_expr--;
    enter(BlockType::Function, name, e, e);
    cur_->comprehension = kind;
    add_def(".0", DEF_PARAM, *e);
    cur_->comp_iter_target = true;
    visit_expr(outer->target);
    cur_->comp_iter_target = false;
    visit_exprs(outer->ifs);
    for (size_t i = 1; i < gens.size(); ++i) {
      comprehension* g = gens[i];
      cur_->comp_iter_target = true;
      visit_expr(g->target);
      cur_->comp_iter_target = false;
      cur_->comp_iter_expr++;
      visit_expr(g->iter);
      cur_->comp_iter_expr--;
      visit_exprs(g->ifs);
    }
    if (value) visit_expr(value);
    visit_expr(elt);
    if (kind == CompKind::Generator) cur_->is_generator = true;
    exit();
  }

  // `(y := f(x))` inside a comprehension binds y in the nearest enclosing
  // function or module scope (PEP 572).
  void extend_namedexpr_scope(Name* target) {
    const std::string& name = target->id;
    for (size_t i = stack_.size(); i-- > 0;) {
      SymScope* s = stack_[i];
      if (s->comprehension != CompKind::None) {
        if (s->flags_of(mangle(private_, name)) & DEF_COMP_ITER)
          err_.fail("assignment expression cannot rebind comprehension iteration variable '" + name + "'", *target);
        continue;
      }
      if (s->type == BlockType::Function) {
        uint32_t in_scope = s->flags_of(mangle(private_, name));
        add_def(name, (in_scope & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL, *target);
        record_directive(cur_, name, *target);
        add_def_in(s, name, DEF_LOCAL, *target);
        return;
      }
      if (s->type == BlockType::Module) {
        add_def(name, DEF_GLOBAL, *target);
        record_directive(cur_, name, *target);
        add_def_in(s, name, DEF_GLOBAL, *target);
        return;
      }
      err_.fail("assignment expression within a comprehension cannot be used in a class body", *target);
    }
  }

  // -------------------------------------------------------------------------
  // Pass 2: analysis
  // -------------------------------------------------------------------------

  void analyze() {
    NameSet free, global;
    analyze_block(st_.top_, nullptr, free, global);
  }

  [[noreturn]] void fail_at_directive(SymScope* s, const std::string& name, const std::string& msg) {
    auto it = s->directives.find(name);
    if (it == s->directives.end()) err_.fail(msg, s->lineno, s->col_offset, s->lineno, s->col_offset);
    const SymScope::Directive& d = it->second;
    err_.fail(msg, d.lineno, d.col, d.end_lineno, d.end_col);
  }

  // Decide the scope of one name of `s`. `bound` is null at module level.
  void analyze_name(SymScope* s, const std::string& name, Symbol& sym, NameSet* bound, NameSet& local,
                    NameSet& free, NameSet& global) {
    uint32_t flags = sym.flags;
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL) fail_at_directive(s, name, "name '" + name + "' is nonlocal and global");
      sym.scope = NameScope::GlobalExplicit;
      global.insert(name);
      if (bound) bound->erase(name);
      return;
    }
    if (flags & DEF_NONLOCAL) {
      if (!bound) fail_at_directive(s, name, "nonlocal declaration not allowed at module level");
      if (!bound->count(name)) fail_at_directive(s, name, "no binding for nonlocal '" + name + "' found");
      sym.scope = NameScope::Free;
      s->has_free = true;
      free.insert(name);
      return;
    }
    if (flags & DEF_BOUND) {
      sym.scope = NameScope::Local;
      local.insert(name);
      global.erase(name);
      return;
    }
    if (bound && bound->count(name)) {
      sym.scope = NameScope::Free;
      s->has_free = true;
      free.insert(name);
      return;
    }
    if (global.count(name)) {
      sym.scope = NameScope::GlobalImplicit;
      return;
    }
    if (s->nested) s->has_free = true;
    sym.scope = NameScope::GlobalImplicit;
  }

  // Resolves the names of `s` and its children; adds the names free in `s`
  // (and not bound by it) to `free`.
  void analyze_block(SymScope* s, NameSet* bound, NameSet& free, NameSet& global) {
    NameSet local, newglobal, newfree, newbound;
    if (s->type == BlockType::Class) {
      // A class namespace is invisible to nested functions: pass down what
      // the enclosing scopes bind, before looking at the class's own names.
      newglobal = global;
      if (bound) newbound = *bound;
    }
    for (const std::string& name : s->order) analyze_name(s, name, s->symbols[name], bound, local, free, global);

    if (s->type != BlockType::Class) {
      if (s->type == BlockType::Function) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }

    NameSet allfree;
    for (SymScope* child : s->children) {
      NameSet child_bound = newbound, child_free = newfree, child_global = newglobal;
      analyze_block(child, &child_bound, child_free, child_global);
      allfree.insert(child_free.begin(), child_free.end());
      if (child->has_free || child->child_free) s->child_free = true;
    }
    newfree.insert(allfree.begin(), allfree.end());

    if (s->type == BlockType::Function) {
      // Locals that nested functions use become cells.
      for (const std::string& name : s->order) {
        Symbol& sym = s->symbols[name];
        if (sym.scope == NameScope::Local && newfree.count(name)) {
          sym.scope = NameScope::Cell;
          newfree.erase(name);
        }
      }
    } else if (s->type == BlockType::Class) {
      if (newfree.erase("__class__")) s->needs_class_closure = true;
    }

    // Free variables of children that pass through this scope.
    for (const std::string& name : newfree) {
      auto it = s->symbols.find(name);
      if (it != s->symbols.end()) {
        if (s->type == BlockType::Class && (it->second.flags & (DEF_BOUND | DEF_GLOBAL)))
          it->second.flags |= DEF_FREE_CLASS;
        continue;
      }
      if (bound && !bound->count(name)) continue;  // a global
      if (!bound) continue;                        // module level: global
      Symbol sym;
      sym.scope = NameScope::Free;
      s->symbols.emplace(name, sym);
      s->order.push_back(name);
    }
    free.insert(newfree.begin(), newfree.end());
  }

  SymTable& st_;
  const ErrorSite& err_;
  std::vector<SymScope*> stack_;
  SymScope* cur_ = nullptr;
  SymScope* global_ = nullptr;
  std::string private_;  // the innermost enclosing class name, for mangling
};

std::unique_ptr<SymTable> SymTable::build(const Module& mod, const ErrorSite& err) {
  auto st = std::make_unique<SymTable>();
  SymTableBuilder(*st, err).build_module(mod);
  return st;
}

std::unique_ptr<SymTable> SymTable::build(Expr* expr, const ErrorSite& err) {
  auto st = std::make_unique<SymTable>();
  SymTableBuilder(*st, err).build_expression(expr);
  return st;
}

}  // namespace gk
