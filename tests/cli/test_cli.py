"""The gilkit command line against CPython's conventions: -c, -, script
arguments, -X options, --version, exit codes for usage errors, and the
--tokens / --ast dumps compared with python3's tokenize and ast modules.

usage: test_cli.py PATH/TO/gilkit   (or GILKIT=PATH python3 -m unittest test_cli)
"""
import os
import subprocess
import sys
import tempfile
import unittest

GILKIT = os.environ.get("GILKIT", "")
PYTHON = sys.executable or "python3"
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "samples")


def run(args, stdin=None, timeout=60):
    return subprocess.run([GILKIT] + args, input=stdin, capture_output=True, text=True, timeout=timeout)


class CommandLine(unittest.TestCase):
    def test_dash_c_sets_argv(self):
        r = run(["-c", "import sys; print(sys.argv)", "a", "b"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "['-c', 'a', 'b']\n")

    def test_script_argv(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "prog.py")
            with open(path, "w") as f:
                f.write("import sys\nprint(sys.argv[1:])\n")
            r = run([path, "x", "--y"])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, "['x', '--y']\n")

    def test_stdin_program(self):
        r = run(["-"], stdin="print(6 * 7)\n")
        self.assertEqual((r.returncode, r.stdout), (0, "42\n"), r.stderr)

    def test_version_names_the_variant(self):
        r = run(["--version"])
        self.assertEqual(r.returncode, 0)
        self.assertIn("gilkit", r.stdout)
        self.assertIn("lock=", r.stdout)
        self.assertIn("alloc=", r.stdout)

    def test_unknown_option_is_a_usage_error(self):
        r = run(["--no-such-option"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option", r.stderr)
        self.assertIn("usage:", r.stderr)

    def test_missing_argument_is_a_usage_error(self):
        self.assertEqual(run(["-c"]).returncode, 2)
        self.assertEqual(run(["--dis"]).returncode, 2)

    def test_missing_file(self):
        r = run(["/nonexistent/prog.py"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("can't open file", r.stderr)

    def test_xoption_visible_in_sys(self):
        r = run(["-X", "answer=42", "-c", "import sys; print(sys._xoptions)"])
        self.assertEqual(r.stdout, "{'answer': '42'}\n", r.stderr)

    def test_uncaught_exception_exit_code_and_traceback(self):
        r = run(["-c", "def f():\n    1/0\nf()"])
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("Traceback (most recent call last):"), r.stderr)
        self.assertTrue(r.stderr.rstrip().endswith("ZeroDivisionError: division by zero"), r.stderr)

    def test_system_exit_codes(self):
        self.assertEqual(run(["-c", "import sys; sys.exit(3)"]).returncode, 3)
        self.assertEqual(run(["-c", "raise SystemExit"]).returncode, 0)
        r = run(["-c", "import sys; sys.exit('bye')"])
        self.assertEqual((r.returncode, r.stderr), (1, "bye\n"))

    def test_syntax_error_reports_position(self):
        r = run(["-c", "x = (1,\n"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("SyntaxError", r.stderr)
        self.assertIn("line 1", r.stderr)

    def test_dis_lists_nested_code(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.py")
            with open(path, "w") as f:
                f.write("def add(a, b):\n    return a + b\n")
            r = run(["--dis", path])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("LOAD_FAST", r.stdout)
            self.assertIn("BINARY_OP", r.stdout)
            self.assertIn("Disassembly of <code object add", r.stdout)


class StageDumps(unittest.TestCase):
    """--tokens and --ast print exactly what python3's modules print."""

    def samples(self):
        return sorted(os.path.join(SAMPLES, n) for n in os.listdir(SAMPLES) if n.endswith(".py"))

    def test_tokens_match_tokenize(self):
        for path in self.samples():
            with self.subTest(path=os.path.basename(path)):
                want = subprocess.run([PYTHON, "-m", "tokenize", path], capture_output=True, text=True).stdout
                got = run(["--tokens", path])
                self.assertEqual(got.returncode, 0, got.stderr)
                self.assertEqual(got.stdout, want)

    def test_ast_matches_ast_dump(self):
        code = "import ast, sys; print(ast.dump(ast.parse(open(sys.argv[1]).read()), indent=2))"
        for path in self.samples():
            with self.subTest(path=os.path.basename(path)):
                want = subprocess.run([PYTHON, "-c", code, path], capture_output=True, text=True).stdout
                got = run(["--ast", path])
                self.assertEqual(got.returncode, 0, got.stderr)
                self.assertEqual(got.stdout, want)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        GILKIT = os.path.abspath(sys.argv.pop(1))
    if not GILKIT:
        sys.exit("usage: test_cli.py PATH/TO/gilkit")
    unittest.main(verbosity=1)
