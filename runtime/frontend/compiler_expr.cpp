// compiler_expr.cpp — expressions: operators, comparisons (chained, with
// COPY/SWAP), and/or, conditional expressions, calls (positional, keyword via
// KW_NAMES, method calls via LOAD_METHOD/CALL_METHOD, star-args via
// CALL_FUNCTION_EX), displays with unpacking, comprehensions and generator
// expressions (nested functions taking the outermost iterator as `.0`),
// lambdas, f-strings, slices, yield / yield from, assignment targets (incl.
// UNPACK_EX), conditional jumps, and constant folding.
//
// Constant folding follows CPython 3.11's AST optimizer on the common cases:
// unary -, +, ~ and binary operators on constant operands, tuples of
// constants, and `in [consts]` / `for x in [consts]` as tuple constants. Like
// CPython it refuses results that would be large (ints over 128 bits,
// sequences over 256 items or strings over 4096 characters) and leaves an
// operation that raises to run time.
#include <algorithm>

#include "frontend/compiler.hpp"
#include "objects/abstract.hpp"
#include "objects/bytes.hpp"
#include "objects/exceptions.hpp"
#include "objects/float.hpp"
#include "objects/int.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"

namespace gk {
namespace compiler_detail {

namespace {
constexpr int kStackUseGuardrail = 30;  // beyond this many items, build containers incrementally
constexpr size_t kMaxIntBits = 128;
constexpr size_t kMaxCollectionSize = 256;
constexpr size_t kMaxStrSize = 4096;


bool has_starred(const ExprList& es) {
  return std::any_of(es.begin(), es.end(), [](Expr* e) { return e->is<Starred>(); });
}

// What an invalid assignment target is called in "cannot assign to ...".
const char* target_description(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Constant: return "literal";
    case ExprKind::Compare: return "comparison";
    case ExprKind::BinOp:
    case ExprKind::UnaryOp: return "expression";
    case ExprKind::BoolOp: return "expression";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue: return "f-string expression";
    default: return "expression";
  }
}

// The int value of o when it fits in int64, else false.
bool small_int(Object* o, int64_t& v) { return is_int(o) && int_to_i64(o, v); }

size_t seq_len(Object* o) {
  if (type_of(o) == &Str_type) return str_length(o);
  if (type_of(o) == &Bytes_type) return bytes_size(o);
  return tuple_size(o);
}
bool is_folded_seq(Object* o) {
  return type_of(o) == &Str_type || type_of(o) == &Bytes_type || type_of(o) == &Tuple_type;
}
}  // namespace

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

Ref<Object> Compiler::constant_object(const Constant* c) {
  return std::visit(
      [&](const auto& v) -> Ref<Object> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, NoneValue>) return none_ref();
        else if constexpr (std::is_same_v<T, EllipsisValue>) return newref(Ellipsis());
        else if constexpr (std::is_same_v<T, bool>) return bool_ref(v);
        else if constexpr (std::is_same_v<T, int64_t>) return int_from_i64(v);
        else if constexpr (std::is_same_v<T, BigIntValue>) return int_from_decimal_literal(v.digits);
        else if constexpr (std::is_same_v<T, double>) return float_from(v);
        else if constexpr (std::is_same_v<T, ImagValue>) return complex_from(0.0, v.imag);
        else if constexpr (std::is_same_v<T, std::string>) {
          if (all_name_chars(v)) return newref(intern(v));  // as add_const would
          return str_new(v);
        } else return bytes_new(v.bytes);
      },
      c->value);
}

int Compiler::truth_of_constant(const Expr* e) {
  if (!e->is<Constant>()) return -1;
  return std::visit(
      [](const auto& v) -> int {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, NoneValue>) return 0;
        else if constexpr (std::is_same_v<T, EllipsisValue>) return 1;
        else if constexpr (std::is_same_v<T, bool>) return v ? 1 : 0;
        else if constexpr (std::is_same_v<T, int64_t>) return v != 0;
        else if constexpr (std::is_same_v<T, BigIntValue>) return 1;
        else if constexpr (std::is_same_v<T, double>) return v != 0.0;
        else if constexpr (std::is_same_v<T, ImagValue>) return v.imag != 0.0;
        else if constexpr (std::is_same_v<T, std::string>) return !v.empty();
        else return !v.bytes.empty();
      },
      e->as<Constant>()->value);
}

Ref<Object> Compiler::fold(Expr* e) {
  switch (e->kind) {
    case ExprKind::Constant:
      return constant_object(e->as<Constant>());
    case ExprKind::UnaryOp:
    case ExprKind::BinOp:
    case ExprKind::Tuple:
      break;
    default:
      return nullptr;
  }
  auto it = folded_.find(e);
  if (it != folded_.end()) return it->second;
  Ref<Object> result;
  if (e->is<UnaryOp>()) {
    result = fold_unaryop(e->as<UnaryOp>());
  } else if (e->is<BinOp>()) {
    result = fold_binop(e->as<BinOp>());
  } else {
    auto* t = e->as<Tuple>();
    if (t->ctx == ExprContext::Load && !has_starred(t->elts)) {
      std::vector<Ref<Object>> items;
      for (Expr* elt : t->elts) {
        items.push_back(fold(elt));
        if (!items.back()) break;
      }
      if (items.size() == t->elts.size() && (items.empty() || items.back())) {
        result = tuple_new(items.size());
        for (size_t i = 0; i < items.size(); ++i) tuple_set_steal(result, i, items[i].release());
      }
    }
  }
  folded_.emplace(e, result);
  return result;
}

Ref<Object> Compiler::fold_unaryop(UnaryOp* e) {
  if (e->op == UnaryOperator::Not) return nullptr;
  Ref<Object> v = fold(e->operand);
  if (!v || !(is_int(v) || is_float(v) || type_of(v) == &Complex_type)) return nullptr;
  try {
    switch (e->op) {
      case UnaryOperator::USub: return unary_negative(ts_, v);
      case UnaryOperator::UAdd: return unary_positive(ts_, v);
      case UnaryOperator::Invert: return unary_invert(ts_, v);
      case UnaryOperator::Not: break;
    }
  } catch (PyError&) {
  }
  return nullptr;
}

Ref<Object> Compiler::fold_binop(BinOp* e) {
  Ref<Object> l = fold(e->left);
  if (!l) return nullptr;
  Ref<Object> r = fold(e->right);
  if (!r) return nullptr;
  int64_t n;
  switch (e->op) {
    case Operator::Mult:
      if (is_int(l) && is_int(r)) {
        if (int_sign(l) && int_sign(r) && int_bit_length(l) + int_bit_length(r) > kMaxIntBits) return nullptr;
      } else {
        Object* seq = is_int(l) ? r.get() : l.get();
        Object* count = is_int(l) ? l.get() : r.get();
        if (is_int(count) && is_folded_seq(seq)) {
          if (!small_int(count, n)) return nullptr;
          size_t limit = type_of(seq) == &Tuple_type ? kMaxCollectionSize : kMaxStrSize;
          if (n > 0 && seq_len(seq) > 0 && seq_len(seq) > limit / static_cast<size_t>(n)) return nullptr;
        }
      }
      break;
    case Operator::Pow:
      if (is_int(l) && is_int(r) && int_sign(l) && int_sign(r) > 0) {
        if (!small_int(r, n)) return nullptr;
        if (int_bit_length(l) > kMaxIntBits / static_cast<size_t>(n)) return nullptr;
      }
      break;
    case Operator::LShift:
      if (is_int(l) && is_int(r) && int_sign(l) && int_sign(r)) {
        if (!small_int(r, n) || n < 0) return nullptr;
        if (static_cast<size_t>(n) > kMaxIntBits || int_bit_length(l) > kMaxIntBits - static_cast<size_t>(n))
          return nullptr;
      }
      break;
    case Operator::Mod:
      if (type_of(l) == &Str_type || type_of(l) == &Bytes_type) return nullptr;  // formatting
      break;
    default:
      break;
  }
  try {
    Ref<Object> v = binary_op(ts_, l, r, binop_kind(e->op));
    if (const_key(v).empty()) return nullptr;
    return v;
  } catch (PyError&) {
    return nullptr;
  }
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

void Compiler::compile_expr(Expr* e) {
  if (++depth_ > 3000) raise(Exc_RecursionError, "maximum recursion depth exceeded during compilation");
  struct DepthGuard {
    int& d;
    ~DepthGuard() { --d; }
  } guard{depth_};
  check_c_stack(ts_);
  LineScope line(u_, e->lineno);
  compile_expr_inner(e);
}

void Compiler::compile_expr_inner(Expr* e) {
  switch (e->kind) {
    case ExprKind::BoolOp:
      compile_boolop(e->as<BoolOp>());
      return;
    case ExprKind::NamedExpr: {
      auto* n = e->as<NamedExpr>();
      compile_expr(n->value);
      emit(OP_COPY, 1);
      assign_to(n->target);
      return;
    }
    case ExprKind::BinOp: {
      if (Ref<Object> c = fold(e)) {
        emit_const(std::move(c));
        return;
      }
      auto* b = e->as<BinOp>();
      compile_expr(b->left);
      compile_expr(b->right);
      emit(OP_BINARY_OP, binop_kind(b->op));
      return;
    }
    case ExprKind::UnaryOp: {
      if (Ref<Object> c = fold(e)) {
        emit_const(std::move(c));
        return;
      }
      auto* u = e->as<UnaryOp>();
      compile_expr(u->operand);
      switch (u->op) {
        case UnaryOperator::Invert: emit(OP_UNARY_INVERT); break;
        case UnaryOperator::Not: emit(OP_UNARY_NOT); break;
        case UnaryOperator::UAdd: emit(OP_UNARY_POSITIVE); break;
        case UnaryOperator::USub: emit(OP_UNARY_NEGATIVE); break;
      }
      return;
    }
    case ExprKind::Lambda:
      compile_lambda(e->as<Lambda>());
      return;
    case ExprKind::IfExp: {
      auto* i = e->as<IfExp>();
      Label orelse = new_label(), end = new_label();
      jump_if(i->test, orelse, false);
      compile_expr(i->body);
      emit_jump(OP_JUMP_FORWARD, end);
      bind(orelse);
      compile_expr(i->orelse);
      bind(end);
      return;
    }
    case ExprKind::Dict:
      compile_dict(e->as<Dict>());
      return;
    case ExprKind::Set:
      starunpack(e->as<Set>()->elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, false);
      return;
    case ExprKind::ListComp: {
      auto* c = e->as<ListComp>();
      compile_comprehension(e, CompKind::List, "<listcomp>", c->generators, c->elt, nullptr);
      return;
    }
    case ExprKind::SetComp: {
      auto* c = e->as<SetComp>();
      compile_comprehension(e, CompKind::Set, "<setcomp>", c->generators, c->elt, nullptr);
      return;
    }
    case ExprKind::DictComp: {
      auto* c = e->as<DictComp>();
      compile_comprehension(e, CompKind::Dict, "<dictcomp>", c->generators, c->key, c->value);
      return;
    }
    case ExprKind::GeneratorExp: {
      auto* c = e->as<GeneratorExp>();
      compile_comprehension(e, CompKind::Generator, "<genexpr>", c->generators, c->elt, nullptr);
      return;
    }
    case ExprKind::Await:
      error(in_function() ? "'await' outside async function" : "'await' outside function", *e);
    case ExprKind::Yield: {
      if (!u_->ste->is_function()) error("'yield' outside function", *e);
      if (Expr* v = e->as<Yield>()->value)
        compile_expr(v);
      else
        emit_load_none();
      emit(OP_YIELD_VALUE);
      return;
    }
    case ExprKind::YieldFrom:
      if (!u_->ste->is_function()) error("'yield' outside function", *e);
      compile_yield_from(e);
      return;
    case ExprKind::Compare:
      compile_compare(e->as<Compare>());
      return;
    case ExprKind::Call:
      compile_call(e->as<Call>());
      return;
    case ExprKind::FormattedValue:
      compile_formatted_value(e->as<FormattedValue>());
      return;
    case ExprKind::JoinedStr:
      compile_joined_str(e->as<JoinedStr>());
      return;
    case ExprKind::Constant:
      emit_const(constant_object(e->as<Constant>()));
      return;
    case ExprKind::Attribute: {
      auto* a = e->as<Attribute>();
      if (a->ctx != ExprContext::Load) internal_error("attribute target compiled as a value");
      compile_expr(a->value);
      set_attr_line(a);
      emit_name(OP_LOAD_ATTR, a->attr);
      return;
    }
    case ExprKind::Subscript: {
      auto* s = e->as<Subscript>();
      if (s->ctx != ExprContext::Load) internal_error("subscript target compiled as a value");
      compile_expr(s->value);
      compile_expr(s->slice);
      emit(OP_BINARY_SUBSCR);
      return;
    }
    case ExprKind::Starred:
      error("can't use starred expression here", *e);
    case ExprKind::Name:
      name_op(e->as<Name>()->id, ExprContext::Load);
      return;
    case ExprKind::List:
      starunpack(e->as<List>()->elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, false);
      return;
    case ExprKind::Tuple:
      if (Ref<Object> c = fold(e)) {
        emit_const(std::move(c));
        return;
      }
      starunpack(e->as<Tuple>()->elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, true);
      return;
    case ExprKind::Slice:
      compile_slice(e->as<Slice>());
      return;
  }
}

// A method call or attribute load whose attribute name sits on a later line
// than the object (`obj\n  .meth()`) is attributed to the attribute's line,
// as CPython 3.11 does for tracebacks.
void Compiler::set_attr_line(Attribute* attr) {
  if (attr->end_lineno > 0 && u_->line != attr->end_lineno) u_->line = attr->end_lineno;
}

void Compiler::compile_slice(Slice* s) {
  if (s->lower) compile_expr(s->lower);
  else emit_load_none();
  if (s->upper) compile_expr(s->upper);
  else emit_load_none();
  if (s->step) compile_expr(s->step);
  emit(OP_BUILD_SLICE, s->step ? 3 : 2);
}

void Compiler::compile_boolop(BoolOp* e) {
  Opcode jump = e->op == BoolOperator::And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
  Label end = new_label();
  for (size_t i = 0; i + 1 < e->values.size(); ++i) {
    compile_expr(e->values[i]);
    emit_jump(jump, end);
  }
  compile_expr(e->values.back());
  bind(end);
}

void Compiler::emit_compare_op(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::EQ)); return;
    case CmpOp::NotEq: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::NE)); return;
    case CmpOp::Lt: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::LT)); return;
    case CmpOp::LtE: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::LE)); return;
    case CmpOp::Gt: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::GT)); return;
    case CmpOp::GtE: emit(OP_COMPARE_OP, static_cast<int>(CompareOp::GE)); return;
    case CmpOp::Is: emit(OP_IS_OP, 0); return;
    case CmpOp::IsNot: emit(OP_IS_OP, 1); return;
    case CmpOp::In: emit(OP_CONTAINS_OP, 0); return;
    case CmpOp::NotIn: emit(OP_CONTAINS_OP, 1); return;
  }
}

namespace {
bool is_membership(CmpOp op) { return op == CmpOp::In || op == CmpOp::NotIn; }
}  // namespace

// `x in [1, 2]` tests against a tuple constant.
// a < b < c:  a; b; SWAP 2; COPY 2; < ; JUMP_IF_FALSE_OR_POP L_clean; c; <; JUMP L_end
//             L_clean: SWAP 2; POP_TOP   L_end:
void Compiler::compile_compare(Compare* e) {
  auto comparator = [&](size_t i) {
    Expr* c = e->comparators[i];
    if (is_membership(e->ops[i]) && c->is<List>() && !has_starred(c->as<List>()->elts)) {
      std::vector<Ref<Object>> items;
      for (Expr* elt : c->as<List>()->elts) {
        items.push_back(fold(elt));
        if (!items.back()) break;
      }
      if (items.size() == c->as<List>()->elts.size() && (items.empty() || items.back())) {
        Ref<Object> t = tuple_new(items.size());
        for (size_t k = 0; k < items.size(); ++k) tuple_set_steal(t, k, items[k].release());
        LineScope line(u_, c->lineno);
        emit_const(std::move(t));
        return;
      }
    }
    compile_expr(c);
  };
  compile_expr(e->left);
  size_t n = e->ops.size();
  if (n == 1) {
    comparator(0);
    emit_compare_op(e->ops[0]);
    return;
  }
  Label cleanup = new_label(), end = new_label();
  for (size_t i = 0; i + 1 < n; ++i) {
    comparator(i);
    emit(OP_SWAP, 2);
    emit(OP_COPY, 2);
    emit_compare_op(e->ops[i]);
    emit_jump(OP_JUMP_IF_FALSE_OR_POP, cleanup);
  }
  comparator(n - 1);
  emit_compare_op(e->ops[n - 1]);
  emit_jump(OP_JUMP_FORWARD, end);
  bind(cleanup);
  emit(OP_SWAP, 2);
  emit(OP_POP_TOP);
  bind(end);
}

// Jump to `target` when e's truth value equals `cond`; fall through otherwise.
void Compiler::jump_if(Expr* e, Label target, bool cond) {
  LineScope line(u_, e->lineno);
  switch (e->kind) {
    case ExprKind::UnaryOp:
      if (e->as<UnaryOp>()->op == UnaryOperator::Not) {
        jump_if(e->as<UnaryOp>()->operand, target, !cond);
        return;
      }
      break;
    case ExprKind::BoolOp: {
      auto* b = e->as<BoolOp>();
      bool is_or = b->op == BoolOperator::Or;
      // For `a or b` jumping when true (or `a and b` jumping when false) every
      // operand jumps to the target; otherwise the early exits skip past.
      Label next = target;
      bool separate = is_or != cond;
      if (separate) next = new_label();
      for (size_t i = 0; i + 1 < b->values.size(); ++i) jump_if(b->values[i], next, is_or);
      jump_if(b->values.back(), target, cond);
      if (separate) bind(next);
      return;
    }
    case ExprKind::IfExp: {
      auto* i = e->as<IfExp>();
      Label orelse = new_label(), end = new_label();
      jump_if(i->test, orelse, false);
      jump_if(i->body, target, cond);
      emit_jump(OP_JUMP_FORWARD, end);
      bind(orelse);
      jump_if(i->orelse, target, cond);
      bind(end);
      return;
    }
    case ExprKind::Compare: {
      auto* c = e->as<Compare>();
      if (c->ops.size() == 1 && (c->ops[0] == CmpOp::Is || c->ops[0] == CmpOp::IsNot) &&
          c->comparators[0]->is<Constant>() &&
          std::holds_alternative<NoneValue>(c->comparators[0]->as<Constant>()->value)) {
        // `x is None` / `x is not None`: one POP_JUMP_IF_(NOT_)NONE.
        compile_expr(c->left);
        bool jump_on_none = (c->ops[0] == CmpOp::Is) == cond;
        emit_jump(jump_on_none ? OP_POP_JUMP_IF_NONE : OP_POP_JUMP_IF_NOT_NONE, target);
        return;
      }
      if (c->ops.size() > 1) {
        Label cleanup = new_label(), end = new_label();
        compile_expr(c->left);
        size_t n = c->ops.size();
        for (size_t i = 0; i + 1 < n; ++i) {
          compile_expr(c->comparators[i]);
          emit(OP_SWAP, 2);
          emit(OP_COPY, 2);
          emit_compare_op(c->ops[i]);
          emit_jump(OP_POP_JUMP_IF_FALSE, cleanup);
        }
        compile_expr(c->comparators[n - 1]);
        emit_compare_op(c->ops[n - 1]);
        emit_jump(cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target);
        emit_jump(OP_JUMP_FORWARD, end);
        bind(cleanup);
        emit(OP_POP_TOP);
        if (!cond) emit_jump(OP_JUMP_FORWARD, target);
        bind(end);
        return;
      }
      break;
    }
    case ExprKind::Constant: {
      int truth = truth_of_constant(e);
      if ((truth == 1) == cond) emit_jump(OP_JUMP_FORWARD, target);
      return;
    }
    default:
      break;
  }
  compile_expr(e);
  emit_jump(cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target);
}

// ---------------------------------------------------------------------------
// Displays
// ---------------------------------------------------------------------------

// Builds a list / set / tuple from elements that may include `*x`, with
// `pushed` items already on the stack to go first (call arguments).
void Compiler::starunpack(const ExprList& elts, int pushed, Opcode build, Opcode add, Opcode extend,
                          bool as_tuple) {
  const int n = static_cast<int>(elts.size());
  bool seen_star = has_starred(elts);
  if (!seen_star && n > 2 && build != OP_BUILD_SET) {
    std::vector<Ref<Object>> items;
    for (Expr* e : elts) {
      items.push_back(fold(e));
      if (!items.back()) break;
    }
    if (static_cast<int>(items.size()) == n && items.back()) {
      Ref<Object> t = tuple_new(items.size());
      for (size_t i = 0; i < items.size(); ++i) tuple_set_steal(t, i, items[i].release());
      if (as_tuple && pushed == 0) {
        emit_const(std::move(t));
      } else {
        emit(build, pushed);
        emit_const(std::move(t));
        emit(extend, 1);
        if (as_tuple) emit(OP_LIST_TO_TUPLE);
      }
      return;
    }
  }
  bool big = n + pushed > kStackUseGuardrail;
  if (!seen_star && !big) {
    compile_exprs(elts);
    if (as_tuple && n + pushed == 0)
      emit_const(tuple_empty());
    else
      emit(as_tuple ? OP_BUILD_TUPLE : build, n + pushed);
    return;
  }
  bool built = false;
  if (big) {
    emit(build, pushed);
    built = true;
  }
  for (int i = 0; i < n; ++i) {
    Expr* e = elts[i];
    if (e->is<Starred>()) {
      if (!built) {
        emit(build, i + pushed);
        built = true;
      }
      compile_expr(e->as<Starred>()->value);
      emit(extend, 1);
    } else {
      compile_expr(e);
      if (built) emit(add, 1);
    }
  }
  if (as_tuple) emit(OP_LIST_TO_TUPLE);
}

void Compiler::compile_dict(Dict* e) {
  const size_t n = e->keys.size();
  bool have_dict = false;
  size_t elements = 0;
  auto subdict = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      compile_expr(e->keys[i]);
      compile_expr(e->values[i]);
    }
    emit(OP_BUILD_MAP, static_cast<int>(end - begin));
    if (have_dict) emit(OP_DICT_UPDATE, 1);
    have_dict = true;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!e->keys[i]) {  // {**mapping}
      if (elements) subdict(i - elements, i);
      elements = 0;
      if (!have_dict) {
        emit(OP_BUILD_MAP, 0);
        have_dict = true;
      }
      compile_expr(e->values[i]);
      emit(OP_DICT_UPDATE, 1);
    } else if (elements * 2 > static_cast<size_t>(kStackUseGuardrail)) {
      subdict(i - elements, i + 1);
      elements = 0;
    } else {
      ++elements;
    }
  }
  if (elements) subdict(n - elements, n);
  if (!have_dict) emit(OP_BUILD_MAP, 0);
}

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

void Compiler::compile_call(Call* e) {
  if (try_method_call(e)) return;
  compile_expr(e->func);
  call_helper(0, e->args, e->keywords);
}

// obj.meth(a, k=b) -> obj; LOAD_METHOD meth; a; b; KW_NAMES ('k',); CALL_METHOD 2
// (calls with *args or **kwargs go through LOAD_ATTR and CALL_FUNCTION_EX).
bool Compiler::try_method_call(Call* e) {
  const int nargs = static_cast<int>(e->args.size()), nkw = static_cast<int>(e->keywords.size());
  if (!e->func->is<Attribute>() || has_starred(e->args) || nargs >= kStackUseGuardrail ||
      nkw >= kStackUseGuardrail - nargs)
    return false;
  for (keyword* k : e->keywords)
    if (!k->arg) return false;
  auto* meth = e->func->as<Attribute>();
  if (meth->ctx != ExprContext::Load) return false;
  check_keywords(e->keywords);
  compile_expr(meth->value);
  set_attr_line(meth);
  emit_name(OP_LOAD_METHOD, meth->attr);
  compile_exprs(e->args);
  if (nkw) emit_kw_values_and_names(e->keywords);
  set_attr_line(meth);
  emit(OP_CALL_METHOD, nargs + nkw);
  return true;
}

// Duplicate keyword arguments are a compile-time error.
void Compiler::check_keywords(const std::vector<keyword*>& keywords) {
  for (size_t i = 0; i < keywords.size(); ++i) {
    if (!keywords[i]->arg) continue;
    for (size_t j = i + 1; j < keywords.size(); ++j)
      if (keywords[j]->arg && *keywords[j]->arg == *keywords[i]->arg)
        error("keyword argument repeated: " + *keywords[j]->arg, *keywords[j]);
  }
}

// Pushes the keyword values, then KW_NAMES with the tuple of their names.
void Compiler::emit_kw_values_and_names(const std::vector<keyword*>& keywords) {
  Ref<Object> names = tuple_new(keywords.size());
  for (size_t i = 0; i < keywords.size(); ++i) {
    compile_expr(keywords[i]->value);
    Object* s = intern(*keywords[i]->arg);
    incref(s);
    tuple_set_steal(names, i, s);
  }
  emit(OP_KW_NAMES, add_const(std::move(names)));
}

void Compiler::compile_subkwargs(const std::vector<keyword*>& keywords, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    emit_const(newref(intern(*keywords[i]->arg)));
    compile_expr(keywords[i]->value);
  }
  emit(OP_BUILD_MAP, static_cast<int>(end - begin));
}

// The callable and `pushed` leading arguments are on the stack.
void Compiler::call_helper(int pushed, const ExprList& args, const std::vector<keyword*>& keywords) {
  check_keywords(keywords);
  bool dstar = std::any_of(keywords.begin(), keywords.end(), [](keyword* k) { return !k->arg; });
  const int nargs = static_cast<int>(args.size()), nkw = static_cast<int>(keywords.size());
  if (!has_starred(args) && !dstar && nargs + 2 * nkw <= kStackUseGuardrail) {
    compile_exprs(args);
    if (nkw) emit_kw_values_and_names(keywords);
    emit(OP_CALL, pushed + nargs + nkw);
    return;
  }
  // CALL_FUNCTION_EX: an argument tuple (a lone `*x` is passed as is and
  // converted by the call) and, with keywords, a dict.
  if (pushed == 0 && nargs == 1 && args[0]->is<Starred>())
    compile_expr(args[0]->as<Starred>()->value);
  else
    starunpack(args, pushed, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, true);
  if (nkw) {
    bool have_dict = false;
    size_t seen = 0;
    for (size_t i = 0; i < keywords.size(); ++i) {
      if (keywords[i]->arg) {
        ++seen;
        continue;
      }
      if (seen) {
        compile_subkwargs(keywords, i - seen, i);
        if (have_dict) emit(OP_DICT_MERGE, 1);
        have_dict = true;
        seen = 0;
      }
      if (!have_dict) {
        emit(OP_BUILD_MAP, 0);
        have_dict = true;
      }
      compile_expr(keywords[i]->value);
      emit(OP_DICT_MERGE, 1);
    }
    if (seen) {
      compile_subkwargs(keywords, keywords.size() - seen, keywords.size());
      if (have_dict) emit(OP_DICT_MERGE, 1);
    }
  }
  emit(OP_CALL_FUNCTION_EX, nkw ? 1 : 0);
}

// ---------------------------------------------------------------------------
// Functions made by expressions
// ---------------------------------------------------------------------------

void Compiler::compile_lambda(Lambda* e) {
  int flags = compile_defaults(e->args);
  enter_scope("<lambda>", UnitKind::Lambda, e, e->lineno);
  add_const(none_ref());  // a lambda has no docstring
  arguments* a = e->args;
  u_->argcount = static_cast<int>(a->posonlyargs.size() + a->args.size());
  u_->posonlyargcount = static_cast<int>(a->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(a->kwonlyargs.size());
  compile_expr(e->body);
  if (u_->ste->is_generator)
    emit(OP_POP_TOP);  // a generator lambda returns None
  else
    emit(OP_RETURN_VALUE);
  ChildCode child = exit_scope();
  make_closure(child, flags);
}

// [elt for t in it if c]  ->  a function of `.0` (the outermost iterator,
// evaluated in the enclosing scope):
//       BUILD_LIST 0; LOAD_FAST .0
//   L:  FOR_ITER L_end; STORE t; c; POP_JUMP_IF_FALSE L; elt; LIST_APPEND 2; JUMP_BACKWARD L
//   L_end: RETURN_VALUE
void Compiler::compile_comprehension(Expr* e, CompKind kind, const std::string& name,
                                     const std::vector<comprehension*>& gens, Expr* elt, Expr* value) {
  for (comprehension* g : gens)
    if (g->is_async) error("asynchronous comprehension outside of an asynchronous function", *e);
  enter_scope(name, UnitKind::Comprehension, e, e->lineno);
  u_->argcount = 1;
  switch (kind) {
    case CompKind::List: emit(OP_BUILD_LIST, 0); break;
    case CompKind::Set: emit(OP_BUILD_SET, 0); break;
    case CompKind::Dict: emit(OP_BUILD_MAP, 0); break;
    default: break;
  }
  compile_comprehension_loop(gens, 0, 0, kind, elt, value);
  if (kind != CompKind::Generator) emit(OP_RETURN_VALUE);
  ChildCode child = exit_scope();
  make_closure(child, 0);
  compile_expr(gens[0]->iter);
  emit(OP_GET_ITER);
  emit(OP_CALL, 1);
}

void Compiler::compile_comprehension_loop(const std::vector<comprehension*>& gens, size_t index, int depth,
                                          CompKind kind, Expr* elt, Expr* value) {
  comprehension* g = gens[index];
  Label start = new_label(), if_cleanup = new_label(), anchor = new_label();
  if (index == 0) {
    emit(OP_LOAD_FAST, 0);  // .0
  } else {
    compile_expr(g->iter);
    emit(OP_GET_ITER);
  }
  bind(start);
  ++depth;
  emit_jump(OP_FOR_ITER, anchor);
  assign_to(g->target);
  for (Expr* cond : g->ifs) jump_if(cond, if_cleanup, false);
  if (index + 1 < gens.size()) {
    compile_comprehension_loop(gens, index + 1, depth, kind, elt, value);
  } else {
    // The container sits below the `depth` iterators: LIST_APPEND depth+1.
    switch (kind) {
      case CompKind::Generator:
        compile_expr(elt);
        emit(OP_YIELD_VALUE);
        emit(OP_POP_TOP);
        break;
      case CompKind::List:
        compile_expr(elt);
        emit(OP_LIST_APPEND, depth + 1);
        break;
      case CompKind::Set:
        compile_expr(elt);
        emit(OP_SET_ADD, depth + 1);
        break;
      case CompKind::Dict:
        compile_expr(elt);
        compile_expr(value);
        emit(OP_MAP_ADD, depth + 1);
        break;
      case CompKind::None:
        break;
    }
  }
  bind(if_cleanup);
  emit_jump_to(start);
  bind(anchor);
}

// ---------------------------------------------------------------------------
// f-strings, yield from
// ---------------------------------------------------------------------------

void Compiler::compile_joined_str(JoinedStr* e) {
  if (e->values.size() == 1 && e->values[0]->is<Constant>()) {
    compile_expr(e->values[0]);
    return;
  }
  compile_exprs(e->values);
  if (e->values.empty())
    emit_const(str_empty());
  else if (e->values.size() > 1)
    emit(OP_BUILD_STRING, static_cast<int>(e->values.size()));
}

void Compiler::compile_formatted_value(FormattedValue* e) {
  compile_expr(e->value);
  int oparg = 0;
  switch (e->conversion) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: break;
  }
  if (e->format_spec) {
    compile_expr(e->format_spec);
    oparg |= 4;
  }
  emit(OP_FORMAT_VALUE, oparg);
}

//       EXPR; GET_YIELD_FROM_ITER; LOAD_CONST None
//   L:  SEND L_end; YIELD_VALUE; JUMP_BACKWARD L
//   L_end:                      [result of the subiterator]
void Compiler::compile_yield_from(Expr* e) {
  compile_expr(e->as<YieldFrom>()->value);
  emit(OP_GET_YIELD_FROM_ITER);
  emit_load_none();
  Label start = new_label(), end = new_label();
  bind(start);
  emit_jump(OP_SEND, end);
  emit(OP_YIELD_VALUE);
  emit_jump_to(start);
  bind(end);
}

// ---------------------------------------------------------------------------
// Assignment targets
// ---------------------------------------------------------------------------

void Compiler::assign_to(Expr* t) {
  LineScope line(u_, t->lineno);
  switch (t->kind) {
    case ExprKind::Name:
      name_op(t->as<Name>()->id, ExprContext::Store);
      return;
    case ExprKind::Attribute: {
      auto* a = t->as<Attribute>();
      compile_expr(a->value);
      set_attr_line(a);
      emit_name(OP_STORE_ATTR, a->attr);
      return;
    }
    case ExprKind::Subscript:
      compile_expr(t->as<Subscript>()->value);
      compile_expr(t->as<Subscript>()->slice);
      emit(OP_STORE_SUBSCR);
      return;
    case ExprKind::Tuple:
      unpack_into(t->as<Tuple>()->elts, t);
      return;
    case ExprKind::List:
      unpack_into(t->as<List>()->elts, t);
      return;
    case ExprKind::Starred:
      error("starred assignment target must be in a list or tuple", *t);
    default:
      error(std::string("cannot assign to ") + target_description(t), *t);
  }
}

// a, *b, c = v  ->  UNPACK_EX 1 | 1 << 8; then store a, b, c.
void Compiler::unpack_into(const ExprList& elts, Expr* container) {
  const size_t n = elts.size();
  bool seen_star = false;
  for (size_t i = 0; i < n; ++i) {
    if (!elts[i]->is<Starred>()) continue;
    if (seen_star) error("multiple starred expressions in assignment", *container);
    if (i >= (1u << 8) || n - i - 1 >= (1u << 16))
      error("too many expressions in star-unpacking assignment", *container);
    emit(OP_UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8)));
    seen_star = true;
  }
  if (!seen_star) emit(OP_UNPACK_SEQUENCE, static_cast<int>(n));
  for (Expr* e : elts) assign_to(e->is<Starred>() ? e->as<Starred>()->value : e);
}

}  // namespace compiler_detail
}  // namespace gk
