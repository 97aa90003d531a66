#!/usr/bin/env python3
"""Regenerate the expected output of the golden programs from CPython 3.11.

  python3 tests/programs/regen.py [PATTERN ...]   regenerate (default: all)
  python3 tests/programs/regen.py --check         only report what would change

For each tests/programs/<feature>/<name>.py it runs `python3 <name>.py [args]`
in the program's folder and writes

  <name>.expected       stdout, exactly
  <name>.expected_err   only when CPython exited non-zero or wrote to stderr:
                        'stderr: <last line>', 'line: <N>' (from the last
                        'File "...", line N' of a traceback) and 'exit: <code>'

(format details and directives: see run_golden.py). It also removes expected
files whose program is gone and keeps the feature list in meson.build in step
with the folders. Review the diff (`git diff tests/programs`) before
committing: the expected files are the answer key.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_golden as rg  # noqa: E402

MESON_BEGIN = "# BEGIN features (kept in step by regen.py)"
MESON_END = "# END features"


def find_python(requested: str) -> list[str]:
    exe = shutil.which(requested)
    if not exe:
        raise SystemExit(f"regen: {requested} not found")
    ver = subprocess.run([exe, "-c", "import sys; print(sys.implementation.name, *sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.split()
    if ver != ["cpython", "3", "11"]:
        raise SystemExit(f"regen: {exe} is {' '.join(ver)}; the answer key must come from CPython 3.11")
    return [exe]


def write_if_changed(path: Path, text: str | None, check: bool, changed: list[str]) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return
    changed.append(f"{'removed' if text is None else 'new' if old is None else 'changed'}: {path.relative_to(rg.HERE)}")
    if check:
        return
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")


def update_meson(check: bool, changed: list[str]) -> None:
    meson = rg.HERE / "meson.build"
    text = meson.read_text(encoding="utf-8")
    begin, end = text.find(MESON_BEGIN), text.find(MESON_END)
    if begin < 0 or end < 0:
        print(f"regen: warning: no feature markers in {meson}; not updated")
        return
    body = "golden_features = [\n" + "".join(f"  '{f}',\n" for f in rg.features(rg.HERE)) + "]\n"
    new = text[:begin] + MESON_BEGIN + "\n" + body + text[end:]
    write_if_changed(meson, new, check, changed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("patterns", nargs="*", metavar="PATTERN")
    ap.add_argument("--check", action="store_true", help="report changes, write nothing; exit 1 if any")
    ap.add_argument("--python", default="python3", help="CPython 3.11 interpreter (default: python3)")
    ap.add_argument("--timeout", type=float, default=rg.DEFAULT_TIMEOUT)
    a = ap.parse_args()

    python = find_python(a.python)
    progs = rg.discover(rg.HERE, a.patterns or None)
    changed: list[str] = []
    notes: list[str] = []
    for prog in progs:
        outcome = rg.run_program(python, prog, a.timeout)
        if outcome.exit is None or outcome.exit < 0:
            notes.append(f"{prog.id}: {rg.describe_exit(outcome.exit)} under CPython; not recorded")
            continue
        write_if_changed(prog.expected_path, outcome.stdout, a.check, changed)
        err = rg.format_err_file(rg.summarize_err(outcome)) if rg.needs_err_file(outcome) else None
        write_if_changed(prog.expected_err_path, err, a.check, changed)
        if err and prog.feature not in ("syntax_errors", "runtime_errors"):
            notes.append(f"{prog.id}: {rg.describe_exit(outcome.exit)}, stderr: "
                         f"{rg.summarize_err(outcome)['stderr']}")

    if not a.patterns:  # only a full run knows which expected files are orphans
        for feature_dir in (d for d in rg.HERE.iterdir() if d.is_dir()):
            for f in list(feature_dir.glob("*.expected")) + list(feature_dir.glob("*.expected_err")):
                if not (f.with_suffix(".py")).exists():
                    write_if_changed(f, None, a.check, changed)
        update_meson(a.check, changed)

    for line in changed:
        print(line)
    for line in notes:
        print("note: " + line)
    print(f"{len(progs)} programs, {len(changed)} file(s) {'would change' if a.check else 'changed'}")
    return 1 if (a.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
