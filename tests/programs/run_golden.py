#!/usr/bin/env python3
"""Golden-program runner: run every tests/programs/<feature>/<name>.py under
a given binary (gilkit, or python3 itself) and compare with the expected
output recorded from CPython 3.11 by regen.py.

Expected-output format (written by regen.py, one pair per program):

  <name>.expected       the program's exact stdout (always present)
  <name>.expected_err   present only when CPython exited non-zero or wrote
                        to stderr; key: value lines
                          stderr: <last non-empty line of stderr>
                          line: <N of the last 'File "...", line N' in stderr>
                                (only when stderr had such a line)
                          exit: <exit code>

A program without .expected_err must exit 0 with an empty stderr.

Known failures: tests/programs/known_failures.txt, if present, lists
patterns (fnmatch on 'feature/name', one per line, '#' comments) of programs
that are expected to fail for now. Such a program is still run; a failure is
reported as XFAIL and counted as skipped, a pass as XPASS (remove it from the
list). --strict ignores the list.

Directives: comment lines at the top of a program of the form
  # golden: args=a b c        extra command-line arguments (split on spaces)
  # golden: timeout=60        per-program timeout in seconds
  # golden: skip=<reason>     do not run (reported as skipped)

Usage:
  run_golden.py BINARY [PATTERN ...]   run (PATTERN: fnmatch on 'feature/name'
                                       or on 'feature'; default: all)
  run_golden.py --list [PATTERN ...]   list the programs
  run_golden.py --self-test            check this runner, then run the whole
                                       suite with this Python as the binary

The last line printed is always 'N passed, N failed' (', N skipped' when
some were skipped); the exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TIMEOUT = 60.0
KNOWN_FAILURES = HERE / "known_failures.txt"
MAX_DIFF_LINES = 60
FILE_LINE_RE = re.compile(r'^\s*File "[^"]*", line (\d+)')
DIRECTIVE_RE = re.compile(r"^#\s*golden:\s*([A-Za-z_-]+)\s*(?:=\s*(.*?))?\s*$")


# ---------------------------------------------------------------- discovery

@dataclass
class Program:
    path: Path                      # .../<feature>/<name>.py
    feature: str
    name: str
    args: list[str] = field(default_factory=list)
    timeout: float | None = None
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"{self.feature}/{self.name}"

    @property
    def expected_path(self) -> Path:
        return self.path.with_suffix(".expected")

    @property
    def expected_err_path(self) -> Path:
        return self.path.with_suffix(".expected_err")


def parse_directives(prog: Program) -> None:
    with open(prog.path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.startswith("#"):
                break
            m = DIRECTIVE_RE.match(line.strip())
            if not m:
                continue
            key, value = m.group(1).lower(), (m.group(2) or "")
            if key == "args":
                prog.args = value.split()
            elif key == "timeout":
                prog.timeout = float(value)
            elif key == "skip":
                prog.skip = value or "skipped"
            else:
                raise SystemExit(f"{prog.path}: unknown golden directive {key!r}")


def discover(root: Path, patterns: list[str] | None = None) -> list[Program]:
    progs = []
    for feature_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if feature_dir.name.startswith((".", "_")):
            continue
        for path in sorted(feature_dir.glob("*.py")):
            prog = Program(path=path, feature=feature_dir.name, name=path.stem)
            if patterns and not any(
                fnmatch.fnmatchcase(prog.id, pat) or fnmatch.fnmatchcase(prog.feature, pat)
                for pat in patterns
            ):
                continue
            parse_directives(prog)
            progs.append(prog)
    return progs


def features(root: Path) -> list[str]:
    return sorted({p.feature for p in discover(root)})


# ---------------------------------------------------------------- running

@dataclass
class Outcome:
    stdout: str
    stderr: str
    exit: int | None            # None: timed out
    seconds: float


def program_env() -> dict[str, str]:
    env = dict(os.environ)
    # Only matters when the "binary" is CPython itself (regen, self-test);
    # gilkit ignores these.
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for var in ("PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONPATH", "PYTHONINSPECT"):
        env.pop(var, None)
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def run_program(binary: list[str], prog: Program, timeout: float) -> Outcome:
    """Run `binary <name>.py args...` with the program's folder as cwd, so
    that sys.argv[0] and tracebacks show the bare file name."""
    cmd = [*binary, prog.path.name, *prog.args]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=prog.path.parent, env=program_env(),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=prog.timeout or timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        code = None
    return Outcome(stdout=out.decode("utf-8", errors="replace"),
                   stderr=err.decode("utf-8", errors="replace"),
                   exit=code, seconds=time.monotonic() - start)


def summarize_err(outcome: Outcome) -> dict[str, str]:
    """The fields of an .expected_err file for this outcome."""
    lines = [l for l in outcome.stderr.splitlines() if l.strip()]
    fields = {"stderr": lines[-1].rstrip() if lines else ""}
    file_lines = [m.group(1) for m in map(FILE_LINE_RE.match, lines) if m]
    if file_lines:
        fields["line"] = file_lines[-1]
    fields["exit"] = str(outcome.exit)
    return fields


def needs_err_file(outcome: Outcome) -> bool:
    return outcome.exit != 0 or outcome.stderr.strip() != ""


def format_err_file(fields: dict[str, str]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in fields.items())


def parse_err_file(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(": ")
        if not sep:                     # "stderr:" with an empty value
            key, value = line.rstrip(":"), ""
        fields[key.strip()] = value
    return fields


def describe_exit(code: int | None) -> str:
    if code is None:
        return "timed out"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit {code}"


def compare(prog: Program, outcome: Outcome) -> list[str]:
    """Return a list of problems (empty when the program passed)."""
    problems: list[str] = []
    if not prog.expected_path.exists():
        return [f"missing {prog.expected_path.name}: run tests/programs/regen.py"]
    if outcome.exit is None:
        problems.append(f"timed out after {outcome.seconds:.1f}s")
    elif outcome.exit < 0:
        problems.append(describe_exit(outcome.exit))

    want_out = prog.expected_path.read_text(encoding="utf-8")
    if outcome.stdout != want_out:
        diff = list(difflib.unified_diff(
            want_out.splitlines(), outcome.stdout.splitlines(),
            "expected (CPython)", "actual", lineterm="", n=2))
        if len(diff) > MAX_DIFF_LINES:
            diff = diff[:MAX_DIFF_LINES] + [f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
        if not diff:  # differs only in a trailing newline
            diff = [f"expected {want_out[-20:]!r}", f"actual   {outcome.stdout[-20:]!r}"]
        problems.append("stdout differs:\n" + "\n".join("    " + l for l in diff))

    if prog.expected_err_path.exists():
        want = parse_err_file(prog.expected_err_path.read_text(encoding="utf-8"))
        got = summarize_err(outcome)
        for key in ("stderr", "line", "exit"):
            if key in want and want[key] != got.get(key):
                problems.append(f"{key} differs:\n    expected: {want[key]}\n    actual:   {got.get(key, '(none)')}")
    else:
        if outcome.exit is not None and outcome.exit > 0:
            problems.append(f"expected exit 0, got {describe_exit(outcome.exit)}")
        if outcome.stderr.strip():
            problems.append("expected empty stderr")
    if problems and outcome.stderr.strip():
        tail = outcome.stderr.rstrip().splitlines()[-12:]
        problems.append("stderr (last lines):\n" + "\n".join("    | " + l for l in tail))
    return problems


def load_known_failures(path: Path | None) -> list[str]:
    if path is None or not path.exists():
        return []
    pats = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pats.append(line)
    return pats


def run_suite(binary: list[str], progs: list[Program], timeout: float, jobs: int,
              verbose: bool, out=sys.stdout, known: list[str] | None = None) -> tuple[int, int, int]:
    known = known or []
    is_known = lambda p: any(fnmatch.fnmatchcase(p.id, pat) for pat in known)  # noqa: E731
    passed = failed = skipped = 0
    runnable = []
    for p in progs:
        if p.skip:
            skipped += 1
            print(f"SKIP {p.id}: {p.skip}", file=out)
        else:
            runnable.append(p)

    def job(p: Program):
        return p, compare(p, run_program(binary, p, timeout))

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for prog, problems in pool.map(job, runnable):
            if problems and is_known(prog):
                skipped += 1
                print(f"XFAIL {prog.id}  (listed in {KNOWN_FAILURES.name}): {problems[0].splitlines()[0]}", file=out)
            elif problems:
                failed += 1
                print(f"FAIL {prog.id}  ({prog.path})", file=out)
                for pr in problems:
                    print("  " + pr.replace("\n", "\n  "), file=out)
            else:
                passed += 1
                if is_known(prog):
                    print(f"XPASS {prog.id}: passes now; remove it from {KNOWN_FAILURES.name}", file=out)
                elif verbose:
                    print(f"ok   {prog.id}", file=out)
            out.flush()
    return passed, failed, skipped


def summary_line(passed: int, failed: int, skipped: int) -> str:
    line = f"{passed} passed, {failed} failed"
    return line + (f", {skipped} skipped" if skipped else "")


def resolve_binary(arg: str) -> list[str]:
    path = shutil.which(arg) if os.sep not in arg else arg
    if not path or not os.path.exists(path):
        raise SystemExit(f"run_golden: binary not found: {arg}")
    return [os.path.abspath(path)]


# ---------------------------------------------------------------- self-test

SELF_TEST_CASES = {
    # name: (source, expected stdout, expected_err text or None, should pass; None = skipped)
    "ok_plain": ("print('hi')\n", "hi\n", None, True),
    "ok_args": ("# golden: args=a b\nimport sys\nprint(sys.argv[1:])\n", "['a', 'b']\n", None, True),
    "bad_stdout": ("print('hi')\n", "ho\n", None, False),
    "bad_trailing_newline": ("print('hi', end='')\n", "hi\n", None, False),
    "ok_error": ("def f():\n    1/0\nf()\n", "",
                 "stderr: ZeroDivisionError: division by zero\nline: 2\nexit: 1\n", True),
    "bad_error_message": ("raise ValueError('a')\n", "",
                          "stderr: ValueError: b\nline: 1\nexit: 1\n", False),
    "bad_error_line": ("\nraise ValueError('a')\n", "",
                       "stderr: ValueError: a\nline: 1\nexit: 1\n", False),
    "bad_exit_code": ("import sys\nsys.exit(3)\n", "", "stderr: \nexit: 2\n", False),
    "ok_exit_code": ("import sys\nsys.exit(3)\n", "", "stderr: \nexit: 3\n", True),
    "bad_unexpected_error": ("print(1)\nraise KeyError(1)\n", "1\n", None, False),
    "bad_unexpected_stderr": ("import sys\nsys.stderr.write('x\\n')\n", "", None, False),
    "bad_timeout": ("# golden: timeout=1\nwhile True: pass\n", "", None, False),
    "bad_signal": ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "", None, False),
    "skipped": ("# golden: skip=not ready\nprint(1)\n", "2\n", None, None),
}


def self_test(timeout: float, jobs: int) -> int:
    checks = 0
    errors: list[str] = []
    binary = [sys.executable]
    with tempfile.TemporaryDirectory() as tmp:
        feat = Path(tmp) / "fake"
        feat.mkdir()
        for name, (src, out, err, _) in SELF_TEST_CASES.items():
            (feat / f"{name}.py").write_text(src)
            (feat / f"{name}.expected").write_text(out)
            if err is not None:
                (feat / f"{name}.expected_err").write_text(err)
        progs = {p.name: p for p in discover(Path(tmp))}
        for name, (_, _, _, should_pass) in SELF_TEST_CASES.items():
            prog = progs[name]
            checks += 1
            if should_pass is None:
                if not prog.skip:
                    errors.append(f"{name}: skip directive not parsed")
                continue
            problems = compare(prog, run_program(binary, prog, timeout))
            if bool(problems) == should_pass:
                errors.append(f"{name}: expected {'pass' if should_pass else 'fail'}, got "
                              f"{'fail: ' + problems[0] if problems else 'pass'}")
        # Known failures: a listed failing program is skipped, not failed.
        checks += 1
        sink = open(os.devnull, "w")
        fake = [progs["bad_stdout"], progs["ok_plain"]]
        got = run_suite(binary, fake, timeout, jobs, False, out=sink, known=["fake/bad_*", "fake/ok_plain"])
        if got != (1, 0, 1):
            errors.append(f"known-failure accounting is wrong: {got}")
        sink.close()
        # The err-file format round-trips.
        checks += 1
        fields = {"stderr": "SyntaxError: '(' was never closed", "line": "3", "exit": "1"}
        if parse_err_file(format_err_file(fields)) != fields:
            errors.append("expected_err format does not round-trip")
        # Filters match on id and on feature.
        checks += 1
        if [p.name for p in discover(Path(tmp), ["fake/ok_*"])] != ["ok_args", "ok_error", "ok_exit_code", "ok_plain"] \
                or len(discover(Path(tmp), ["fake"])) != len(SELF_TEST_CASES):
            errors.append("pattern filtering is wrong")
    for e in errors:
        print(f"self-test FAIL: {e}")
    print(f"runner self-test: {checks - len(errors)} of {checks} checks passed")
    if errors:
        print(summary_line(0, 1, 0))
        return 1

    print(f"golden suite under {sys.executable} (CPython must pass 100%):")
    progs = discover(HERE)
    passed, failed, skipped = run_suite(binary, progs, timeout, jobs, verbose=False)
    print(summary_line(passed, failed, skipped))
    return 1 if failed else 0


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", nargs="?", help="the gilkit binary (or python3)")
    ap.add_argument("patterns", nargs="*", metavar="PATTERN",
                    help="fnmatch pattern on 'feature/name' or 'feature'")
    ap.add_argument("--list", action="store_true", help="list matching programs and exit")
    ap.add_argument("--self-test", action="store_true",
                    help="test the runner, then run the suite under this Python")
    ap.add_argument("--root", type=Path, default=HERE, help="programs root (default: this folder)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help=f"per-program timeout in seconds (default {DEFAULT_TIMEOUT:g})")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", "--verbose", action="store_true", help="also print passing programs")
    ap.add_argument("--strict", action="store_true",
                    help=f"ignore {KNOWN_FAILURES.name}: every failure fails")
    a = ap.parse_args(argv)

    if a.self_test:
        return self_test(a.timeout, a.jobs)
    if a.list:
        pats = ([a.binary] if a.binary else []) + a.patterns
        for p in discover(a.root, pats or None):
            print(p.id + (f"  [skip: {p.skip}]" if p.skip else ""))
        return 0
    if not a.binary:
        ap.error("the binary is required (or --list / --self-test)")
    binary = resolve_binary(a.binary)
    progs = discover(a.root, a.patterns or None)
    if not progs:
        print(f"no golden programs match {a.patterns}")
        print(summary_line(0, 1, 0))
        return 1
    known = [] if a.strict else load_known_failures(a.root / KNOWN_FAILURES.name)
    passed, failed, skipped = run_suite(binary, progs, a.timeout, a.jobs, a.verbose, known=known)
    print(summary_line(passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
