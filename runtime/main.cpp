// runtime/main.cpp — the `gilkit` command line, following CPython's:
//
//   gilkit [-X opt[=value]]... FILE.py [arg ...]   run a program (sys.argv = [FILE, arg...])
//   gilkit -c CODE [arg ...]                         run CODE (sys.argv[0] == '-c')
//   gilkit - [arg ...]                               run the program on stdin
//   gilkit --version | -V                            version and build variant
//   gilkit --tokens FILE | --ast FILE | --dis FILE   the chapter's stages as dumps
//
// Exit codes: 0 success, 1 uncaught exception (traceback on stderr), 2 usage
// errors (unknown option, missing argument, unreadable file).
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/ast_dump.hpp"
#include "frontend/parser.hpp"
#include "frontend/syntax_error.hpp"
#include "frontend/tokenizer.hpp"
#include "gil/policy.hpp"
#include "alloc/policy.hpp"
#include "gilkit_config.hpp"
#include "modules/stdio.hpp"
#include "objects/exceptions.hpp"
#include "threads/thread_state.hpp"
#include "vm/dis.hpp"
#include "vm/interpreter.hpp"

namespace {

constexpr const char* kUsage =
    "usage: gilkit [option] ... [-c cmd | file | -] [arg] ...\n"
    "Options:\n"
    "  -c cmd        program passed in as string (terminates option list)\n"
    "  -X opt[=val]  implementation-specific option (see README.md)\n"
    "  -V, --version print the version and the build variant (lock and allocator policy)\n"
    "  -h, --help    print this help message and exit\n"
    "  --tokens FILE print FILE's tokens, like `python3 -m tokenize FILE`\n"
    "  --ast FILE    print FILE's syntax tree, like `ast.dump(ast.parse(src), indent=2)`\n"
    "  --dis FILE    print FILE's bytecode, like `dis.dis`, for every code object\n"
    "  file          program read from script file\n"
    "  -             program read from stdin\n"
    "  arg ...       arguments passed to program in sys.argv[1:]\n";

[[noreturn]] void usage_error(const std::string& msg) {
  std::fprintf(stderr, "%s\nusage: gilkit [option] ... [-c cmd | file | -] [arg] ...\nTry `gilkit -h' for more information.\n",
               msg.c_str());
  std::exit(2);
}

bool read_all(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string absolute_path(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) return path;
  return std::string(buf) + "/" + path;
}

// Reads a program file, or exits with CPython's message and status 2.
std::string read_program(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::string src;
  if (!f || !read_all(f, src) || f.bad()) {
    std::fprintf(stderr, "gilkit: can't open file '%s': [Errno 2] No such file or directory\n",
                 absolute_path(path).c_str());
    std::exit(2);
  }
  return src;
}

void print_version() {
  std::printf("gilkit %s (Python 3.11 subset; lock=%s, alloc=%s, checks=%d)\n", gk::config::version,
              gk::config::lock_name, gk::config::alloc_name, gk::config::checks);
}

// --tokens / --ast: front-end dumps that need no interpreter, but report
// malformed input as a SyntaxError with CPython's format.
int dump_stage(const std::string& stage, const std::string& path, gk::ThreadState& ts) {
  std::string src = read_program(path);
  try {
    try {
      if (stage == "--tokens") {
        // Like `python3 -m tokenize`: errors on stderr, exit status 1.
        int rc = gk::dump_tokens(src, path, std::cout, std::cerr);
        std::cout.flush();
        return rc;
      } else if (stage == "--ast") {
        gk::AstArena arena;
        gk::Module* mod = gk::parse_module(arena, src, path);
        gk::dump_ast(*mod, std::cout);
      } else {
        gk::Ref<gk::Object> code = gk::compile_source(ts, src, path, "exec");
        gk::dis_code(ts, code, std::cout);
      }
    } catch (const gk::SyntaxErrorInfo& info) {
      gk::raise_obj(gk::syntax_error_new(ts, info));
    }
  } catch (gk::PyError& e) {
    std::cout.flush();
    gk::Ref<gk::Object> exc = e.take();
    gk::print_exception(ts, exc);
    return 1;
  }
  std::cout.flush();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> xoptions;
  std::string stage;       // --tokens / --ast / --dis
  std::string code;        // -c
  bool have_code = false;
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-c") {
      if (i + 1 >= argc) usage_error("Argument expected for the -c option");
      code = argv[++i];
      have_code = true;
      ++i;
      break;
    }
    if (a == "-X") {
      if (i + 1 >= argc) usage_error("Argument expected for the -X option");
      xoptions.push_back(argv[++i]);
      continue;
    }
    if (a.rfind("-X", 0) == 0 && a.size() > 2) {
      xoptions.push_back(a.substr(2));
      continue;
    }
    if (a == "-V" || a == "--version") {
      print_version();
      return 0;
    }
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--tokens" || a == "--ast" || a == "--dis") {
      if (i + 1 >= argc) usage_error("Argument expected for the " + a + " option");
      stage = a;
      ++i;
      break;
    }
    if (a == "-") break;
    if (a.size() > 1 && a[0] == '-') usage_error("unknown option " + a);
    break;
  }

  gk::Interpreter interp;
  interp.xoptions = xoptions;
  gk::ThreadState ts;

  if (!stage.empty()) {
    std::string path = argv[i];
    gk::interpreter_init(interp, ts, {path});
    int rc = dump_stage(stage, path, ts);
    gk::interpreter_fini(interp, ts);
    return rc;
  }

  std::vector<std::string> prog_argv;
  std::string source;
  std::string filename;
  if (have_code) {
    prog_argv.push_back("-c");
    source = code;
    filename = "<string>";
  } else if (i < argc && std::strcmp(argv[i], "-") != 0) {
    filename = argv[i];
    prog_argv.push_back(filename);
    source = read_program(filename);
    ++i;
  } else {
    if (i >= argc && isatty(STDIN_FILENO)) {
      std::fputs("gilkit has no interactive prompt; pass a file, -c CODE, or - to read stdin\n", stderr);
      std::fputs(kUsage, stderr);
      return 2;
    }
    if (i < argc) ++i;  // the "-"
    prog_argv.push_back("-");
    filename = "<stdin>";
    read_all(std::cin, source);
  }
  for (; i < argc; ++i) prog_argv.push_back(argv[i]);

  gk::interpreter_init(interp, ts, prog_argv);
  int rc = gk::run_main_source(ts, source, filename);
  gk::interpreter_fini(interp, ts);
  if (interp.threads.count() != 0) {
    // Daemon threads are still running: end the process without destroying
    // the statics they may be blocked on (the GIL), as CPython's exit does.
    std::fflush(stdout);
    std::fflush(stderr);
    _exit(rc);
  }
  return rc;
}
