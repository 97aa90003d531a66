// runtime/vm/dis.cpp — the `--dis` listing (dis.hpp). The column layout is
// dis.py's: `LINE  >>  OFFSET OPNAME(20 wide) ARG(5 wide) (ARGREPR)`, the line
// number shown on the first instruction of each new line (preceded by a blank
// line), `>>` on jump targets, offsets in bytes (instruction index * 4).
#include "vm/dis.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "objects/abstract.hpp"
#include "objects/code.hpp"
#include "objects/exceptions.hpp"
#include "objects/str.hpp"
#include "objects/tuple.hpp"
#include "vm/opcodes.hpp"

namespace gk {

namespace {

std::string rjust(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}
std::string ljust(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// The human-readable meaning of an instruction's argument.
std::string argrepr(ThreadState& ts, CodeObject* co, int op, uint32_t arg) {
  switch (kOpcodeArgKind[op]) {
    case OpArgKind::CONST:
      return arg < tuple_size(co->consts) ? repr_utf8(ts, tuple_get(co->consts, arg)) : "?";
    case OpArgKind::NAME:
      return arg < tuple_size(co->names) ? std::string(str_view(tuple_get(co->names, arg))) : "?";
    case OpArgKind::LOCAL:
      return arg < tuple_size(co->varnames) ? std::string(str_view(tuple_get(co->varnames, arg))) : "?";
    case OpArgKind::FREE: {
      size_t ncells = tuple_size(co->cellvars);
      if (arg < ncells) return std::string(str_view(tuple_get(co->cellvars, arg)));
      if (arg - ncells < tuple_size(co->freevars)) return std::string(str_view(tuple_get(co->freevars, arg - ncells)));
      return "?";
    }
    case OpArgKind::JUMP:
      return "to " + std::to_string(static_cast<uint64_t>(arg) * 4);
    case OpArgKind::COMPARE:
      return arg <= 5 ? compare_op_symbol(static_cast<CompareOp>(arg)) : "?";
    case OpArgKind::BINOP:
      return binary_op_symbol(static_cast<int>(arg));
    case OpArgKind::PLAIN:
      if (op == OP_MAKE_FUNCTION) {
        static const char* const kFlags[] = {"defaults", "kwdefaults", "annotations", "closure"};
        std::string s;
        for (int i = 0; i < 4; ++i) {
          if (!(arg & (1u << i))) continue;
          if (!s.empty()) s += ", ";
          s += kFlags[i];
        }
        return s;
      }
      if (op == OP_FORMAT_VALUE) {
        static const char* const kConv[] = {"", "str", "repr", "ascii"};
        std::string s = kConv[arg & 3];
        if (arg & 4) s += s.empty() ? "with format" : ", with format";
        return s;
      }
      return "";
    case OpArgKind::NONE:
      return "";
  }
  return "";
}

void disassemble(ThreadState& ts, CodeObject* co, std::ostream& out) {
  const size_t n = co->ncode;
  // Line starts: an instruction whose line differs from the last one shown.
  std::vector<int> starts(n, -1);
  int last = -1, maxline = 0;
  for (size_t i = 0; i < n; ++i) {
    int line = co->lines[i];
    if (line > 0 && line != last) {
      starts[i] = line;
      last = line;
      maxline = std::max(maxline, line);
    }
  }
  std::set<uint32_t> targets;
  for (size_t i = 0; i < n; ++i) {
    int op = static_cast<int>(instr_op(co->code[i]));
    if (op < OP__COUNT && is_jump_op(op)) targets.insert(instr_arg(co->code[i]));
  }
  size_t lineno_width = maxline >= 1000 ? std::to_string(maxline).size() : 3;
  size_t maxoffset = n ? (n - 1) * 4 : 0;
  size_t offset_width = maxoffset >= 10000 ? std::to_string(maxoffset).size() : 4;

  for (size_t i = 0; i < n; ++i) {
    int op = static_cast<int>(instr_op(co->code[i]));
    uint32_t arg = instr_arg(co->code[i]);
    if (starts[i] >= 0 && i > 0) out << '\n';
    std::string line = starts[i] >= 0 ? rjust(std::to_string(starts[i]), lineno_width) : std::string(lineno_width, ' ');
    line += "     ";  // a separator, the "current instruction" marker column, a separator
    line += targets.count(static_cast<uint32_t>(i)) ? ">>" : "  ";
    line += ' ';
    line += rjust(std::to_string(i * 4), offset_width);
    line += ' ';
    if (op >= OP__COUNT) {
      line += "<" + std::to_string(op) + ">";
    } else {
      line += ljust(kOpcodeNames[op], 20);
      if (kOpcodeHasArg[op]) {
        line += ' ';
        line += rjust(std::to_string(arg), 5);
        std::string r = argrepr(ts, co, op, arg);
        if (!r.empty()) line += " (" + r + ")";
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

void dis_recursive(ThreadState& ts, CodeObject* co, std::ostream& out) {
  disassemble(ts, co, out);
  for (size_t i = 0; i < tuple_size(co->consts); ++i) {
    Object* c = tuple_get(co->consts, i);
    if (type_of(c) != &Code_type) continue;
    out << "\nDisassembly of " << repr_utf8(ts, c) << ":\n";
    dis_recursive(ts, static_cast<CodeObject*>(c), out);
  }
}

}  // namespace

void dis_code(ThreadState& ts, Object* code, std::ostream& out) {
  if (type_of(code) != &Code_type) raise_type_not("dis_code() expects a code object", code);
  dis_recursive(ts, static_cast<CodeObject*>(code), out);
}

}  // namespace gk
