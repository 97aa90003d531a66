// tests/unit/test_compiler.cpp — the symbol table, the compiler and `--dis`:
// code object attributes (names, cells, flags, stack size, docstrings,
// constants), the exact instruction sequences of key constructs, and the
// compile-time SyntaxErrors with CPython 3.11's messages and lines.
// Behaviour when run is covered by the golden programs (tests/programs).
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/compiler.hpp"
#include "frontend/parser.hpp"
#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/exceptions.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/dis.hpp"
#include "vm/interpreter.hpp"
#include "vm/opcodes.hpp"

namespace {

class RuntimeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    gk::set_current_thread_state(&ts_);
    gk::interpreter_init(interp_, ts_, {"test_compiler"});
  }
  gk::ThreadState& ts() { return ts_; }

 private:
  gk::Interpreter interp_;
  gk::ThreadState ts_;
};
RuntimeEnvironment* const env =
    static_cast<RuntimeEnvironment*>(::testing::AddGlobalTestEnvironment(new RuntimeEnvironment));

using namespace gk;

Ref<Object> compile(const std::string& src) { return compile_source(env->ts(), src, "t.py", "exec"); }

CodeObject* code_of(Object* o) { return static_cast<CodeObject*>(o); }

// The first code constant named `name` (searching nested code objects).
CodeObject* find_code(CodeObject* co, const std::string& name) {
  for (size_t i = 0; i < tuple_size(co->consts); ++i) {
    Object* c = tuple_get(co->consts, i);
    if (type_of(c) != &Code_type) continue;
    if (str_view(code_of(c)->name) == name) return code_of(c);
    if (CodeObject* r = find_code(code_of(c), name)) return r;
  }
  return nullptr;
}

std::vector<std::string> names_of(Object* tuple) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tuple_size(tuple); ++i) out.emplace_back(str_view(tuple_get(tuple, i)));
  return out;
}

std::vector<std::string> opnames(CodeObject* co) {
  std::vector<std::string> out;
  for (size_t i = 0; i < co->ncode; ++i) out.emplace_back(kOpcodeNames[instr_op(co->code[i])]);
  return out;
}

// The SyntaxError the source raises: "msg @ line".
std::string syntax_error(const std::string& src) {
  AstArena arena;
  try {
    Module* m = parse_module(arena, src, "t.py");
    compile_ast_module(env->ts(), *m, src, "t.py");
  } catch (const SyntaxErrorInfo& e) {
    return e.msg + " @ " + std::to_string(e.lineno);
  }
  return "<no error>";
}

using V = std::vector<std::string>;

}  // namespace

TEST(Compiler, FunctionCodeAttributes) {
  Ref<Object> m = compile("def f(a, b=1, *args, c, d=2, **kw):\n    'doc'\n    x = a + b\n    return x\n");
  CodeObject* f = find_code(code_of(m), "f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->argcount, 2);
  EXPECT_EQ(f->kwonlyargcount, 2);
  EXPECT_EQ(names_of(f->varnames), (V{"a", "b", "c", "d", "args", "kw", "x"}));
  EXPECT_EQ(f->flags, CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS);
  EXPECT_EQ(str_view(tuple_get(f->consts, 0)), "doc");
  EXPECT_EQ(f->stacksize, 2);
  EXPECT_EQ(f->firstlineno, 1);
}

TEST(Compiler, ClosuresCellsAndCell2Arg) {
  Ref<Object> m = compile(
      "def outer(n):\n"
      "    k = 2\n"
      "    def inner():\n"
      "        nonlocal k\n"
      "        k += n\n"
      "        return k\n"
      "    return inner\n");
  CodeObject* outer = find_code(code_of(m), "outer");
  CodeObject* inner = find_code(code_of(m), "inner");
  ASSERT_TRUE(outer && inner);
  EXPECT_EQ(names_of(outer->cellvars), (V{"k", "n"}));
  EXPECT_EQ(names_of(inner->freevars), (V{"k", "n"}));
  ASSERT_NE(outer->cell2arg, nullptr);
  EXPECT_EQ(outer->cell2arg[0], -1);
  EXPECT_EQ(outer->cell2arg[1], 0);
  EXPECT_EQ(str_view(inner->qualname), "outer.<locals>.inner");
  EXPECT_TRUE(inner->flags & CO_NESTED);
}

TEST(Compiler, ClassBodyAndSuperCell) {
  Ref<Object> m = compile(
      "class C(B):\n"
      "    'doc'\n"
      "    x: int = 1\n"
      "    def m(self):\n"
      "        return super().m()\n");
  CodeObject* c = find_code(code_of(m), "C");
  CodeObject* meth = find_code(code_of(m), "m");
  ASSERT_TRUE(c && meth);
  EXPECT_EQ(names_of(c->cellvars), (V{"__class__"}));
  EXPECT_EQ(names_of(meth->freevars), (V{"__class__"}));
  EXPECT_EQ(str_view(meth->qualname), "C.m");
  EXPECT_EQ(c->flags, 0u);
  V ops = opnames(c);
  ASSERT_GE(ops.size(), 4u);
  EXPECT_EQ((V{ops[0], ops[1], ops[2], ops[3]}), (V{"LOAD_NAME", "STORE_NAME", "LOAD_CONST", "STORE_NAME"}));
  EXPECT_EQ(ops[ops.size() - 2], "LOAD_CLOSURE");
  EXPECT_EQ(ops.back(), "RETURN_VALUE");
  EXPECT_EQ(names_of(c->names)[0], "__name__");
  EXPECT_EQ(names_of(c->names)[1], "__module__");
}

TEST(Compiler, ComprehensionTakesOuterIterator) {
  Ref<Object> m = compile("def f(y):\n    return [x * y for x in range(y) if x]\n");
  CodeObject* lc = find_code(code_of(m), "<listcomp>");
  ASSERT_NE(lc, nullptr);
  EXPECT_EQ(lc->argcount, 1);
  EXPECT_EQ(names_of(lc->varnames), (V{".0", "x"}));
  EXPECT_EQ(names_of(lc->freevars), (V{"y"}));
  EXPECT_EQ(str_view(lc->qualname), "f.<locals>.<listcomp>");
  EXPECT_EQ(opnames(lc), (V{"BUILD_LIST", "LOAD_FAST", "FOR_ITER", "STORE_FAST", "LOAD_FAST", "POP_JUMP_IF_FALSE",
                            "LOAD_FAST", "LOAD_DEREF", "BINARY_OP", "LIST_APPEND", "JUMP_BACKWARD", "RETURN_VALUE"}));
  EXPECT_EQ(instr_arg(lc->code[9]), 2u);  // LIST_APPEND 2: the list is below the iterator
}

TEST(Compiler, GeneratorsAndYieldFrom) {
  Ref<Object> m = compile("def g(x):\n    yield 1\n    r = yield from x\n    return r\n");
  CodeObject* g = find_code(code_of(m), "g");
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->flags & CO_GENERATOR);
  V ops = opnames(g);
  auto it = std::find(ops.begin(), ops.end(), "GET_YIELD_FROM_ITER");
  ASSERT_NE(it, ops.end());
  EXPECT_EQ((V(it, it + 5)), (V{"GET_YIELD_FROM_ITER", "LOAD_CONST", "SEND", "YIELD_VALUE", "JUMP_BACKWARD"}));
}

TEST(Compiler, ChainedComparisonAndConstantFolding) {
  Ref<Object> m = compile("x = a < b < c\ny = -1 + 2 * 3\nz = (1, 2, (3, 'a'))\n");
  V ops = opnames(code_of(m));
  EXPECT_EQ((V(ops.begin(), ops.begin() + 9)),
            (V{"LOAD_NAME", "LOAD_NAME", "SWAP", "COPY", "COMPARE_OP", "JUMP_IF_FALSE_OR_POP", "LOAD_NAME",
               "COMPARE_OP", "JUMP_FORWARD"}));
  std::ostringstream consts;
  for (size_t i = 0; i < tuple_size(code_of(m)->consts); ++i)
    consts << repr_utf8(env->ts(), tuple_get(code_of(m)->consts, i)) << ";";
  EXPECT_EQ(consts.str(), "5;(1, 2, (3, 'a'));None;");
}

TEST(Compiler, StackDepthCountsHandlers) {
  Ref<Object> m = compile(
      "def f(m):\n"
      "    with m as a, m as b:\n"
      "        try:\n"
      "            return g(1, 2, 3)\n"
      "        except E as e:\n"
      "            pass\n"
      "        finally:\n"
      "            h()\n");
  CodeObject* f = find_code(code_of(m), "f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->stacksize, 6);  // two __exit__ methods, then g and its three arguments
}

TEST(Compiler, SwapReplacesTupleRoundTrip) {
  Ref<Object> m = compile("a, b = b, a\n");
  EXPECT_EQ(opnames(code_of(m)), (V{"LOAD_NAME", "LOAD_NAME", "SWAP", "STORE_NAME", "STORE_NAME", "LOAD_CONST",
                                     "RETURN_VALUE"}));
}

TEST(Compiler, DeadCodeIsDropped) {
  Ref<Object> m = compile("def f(x):\n    return 1\n    x += 1\n    while True:\n        pass\n");
  CodeObject* f = find_code(code_of(m), "f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(opnames(f), (V{"LOAD_CONST", "RETURN_VALUE"}));
}

TEST(Compiler, LineTableFollowsSource) {
  Ref<Object> m = compile("x = f(\n  1,\n  2)\ny = 3\n");
  CodeObject* co = code_of(m);
  std::vector<int> lines(co->lines, co->lines + co->ncode);
  // LOAD_NAME f, LOAD_CONST 1, LOAD_CONST 2, CALL, STORE_NAME x, LOAD_CONST 3, STORE_NAME y, ...
  EXPECT_EQ((std::vector<int>(lines.begin(), lines.begin() + 7)), (std::vector<int>{1, 2, 3, 1, 1, 4, 4}));
}

TEST(Compiler, SyntaxErrors) {
  EXPECT_EQ(syntax_error("x = 1\nreturn x\n"), "'return' outside function @ 2");
  EXPECT_EQ(syntax_error("if 1:\n    break\n"), "'break' outside loop @ 2");
  EXPECT_EQ(syntax_error("def f():\n    continue\n"), "'continue' not properly in loop @ 2");
  EXPECT_EQ(syntax_error("yield 1\n"), "'yield' outside function @ 1");
  EXPECT_EQ(syntax_error("class C:\n    yield\n"), "'yield' outside function @ 2");
  EXPECT_EQ(syntax_error("def f(x):\n    global x\n"), "name 'x' is parameter and global @ 2");
  EXPECT_EQ(syntax_error("x = 0\ndef f():\n    print(x)\n    global x\n"),
            "name 'x' is used prior to global declaration @ 4");
  EXPECT_EQ(syntax_error("nonlocal x\n"), "nonlocal declaration not allowed at module level @ 1");
  EXPECT_EQ(syntax_error("def f():\n    def g():\n        nonlocal y\n"), "no binding for nonlocal 'y' found @ 3");
  EXPECT_EQ(syntax_error("def f():\n    global y\n    nonlocal y\n"), "name 'y' is nonlocal and global @ 2");
  EXPECT_EQ(syntax_error("def f(a, b, a):\n    pass\n"), "duplicate argument 'a' in function definition @ 1");
  EXPECT_EQ(syntax_error("*a, *b = c\n"), "multiple starred expressions in assignment @ 1");
  EXPECT_EQ(syntax_error("*a = c\n"), "starred assignment target must be in a list or tuple @ 1");
  EXPECT_EQ(syntax_error("def f():\n    from m import *\n"), "import * only allowed at module level @ 2");
  EXPECT_EQ(syntax_error("for x in y:\n    try:\n        pass\n    finally:\n        continue\n"), "<no error>");
  EXPECT_EQ(syntax_error("[(yield) for x in y]\n"), "'yield' inside list comprehension @ 1");
}

TEST(Compiler, DisLayoutMatchesDisModule) {
  Ref<Object> m = compile("def add(a, b):\n    return a + b\n");
  std::ostringstream out;
  dis_code(env->ts(), m, out);
  std::string text = std::regex_replace(out.str(), std::regex("0x[0-9a-f]+"), "0xADDR");
  EXPECT_EQ(text,
            "  1           0 LOAD_CONST               0 (<code object add at 0xADDR, file \"t.py\", line 1>)\n"
            "              4 MAKE_FUNCTION            0\n"
            "              8 STORE_NAME               0 (add)\n"
            "             12 LOAD_CONST               1 (None)\n"
            "             16 RETURN_VALUE\n"
            "\n"
            "Disassembly of <code object add at 0xADDR, file \"t.py\", line 1>:\n"
            "  2           0 LOAD_FAST                0 (a)\n"
            "              4 LOAD_FAST                1 (b)\n"
            "              8 BINARY_OP                0 (+)\n"
            "             12 RETURN_VALUE\n");
}
