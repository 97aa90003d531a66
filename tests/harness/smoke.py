#!/usr/bin/env python3
"""Smoke test of scripts/experiment (issue 6), run by meson:

    smoke.py GILKIT OUT_DIR

Runs `scripts/experiment --quick --only chapter --gilkit-binary GILKIT --out OUT_DIR`
(the build under test, no rebuilding) and checks that the raw JSON, the CSV,
a PNG plot and report.md appear. Exits 77 (meson: skipped) when no python3
has matplotlib, since the plot could not be drawn. The runs themselves may
fail (a VM feature missing): the harness must still write everything.
"""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "experiments"))

from harness.plots import find_plot_python  # noqa: E402

TIMEOUT = 240  # seconds; the meson test's own timeout is larger
SKIP = 77


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def main(argv):
    if len(argv) != 3:
        print("usage: smoke.py GILKIT OUT_DIR", file=sys.stderr)
        return 2
    gilkit, out = argv[1], Path(argv[2]).resolve()
    python, info = find_plot_python()
    if python is None:
        print(f"SKIP: {info}")
        return SKIP
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, str(ROOT / "scripts" / "experiment"), "--quick", "--only", "chapter",
           "--gilkit-binary", gilkit, "--out", str(out)]
    print("$ " + " ".join(cmd), flush=True)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        fail(f"scripts/experiment did not finish within {TIMEOUT} s")
    print(p.stdout[-4000:])
    print(f"exit status {p.returncode} after {time.monotonic() - t0:.1f} s")
    # 0: report written; 1: written, but no run succeeded (the VM may lack a feature). Both write files.
    if p.returncode not in (0, 1):
        fail(f"exit status {p.returncode}")
    report = out / "report.md"
    csv_file = out / "chapter.csv"
    png = out / "plots" / "chapter.png"
    raws = sorted((out / "raw" / "chapter").glob("*.json"))
    for path in (report, csv_file, png, out / "results.json"):
        if not path.is_file() or path.stat().st_size == 0:
            fail(f"missing or empty: {path}")
    if len(raws) < 2:
        fail(f"expected raw JSON for every run under {out / 'raw' / 'chapter'}, found {len(raws)}")
    for raw in raws:
        data = json.loads(raw.read_text())
        if data.get("experiment") != "chapter" or "status" not in data:
            fail(f"unexpected raw JSON in {raw}")
    if png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{png} is not a PNG")
    header = csv_file.read_text().splitlines()[0]
    if "variant" not in header or "cpu_ratio_median" not in header:
        fail(f"unexpected CSV header: {header}")
    text = report.read_text()
    for needle in ("## Summary", "## Environment", "## Variants", "I/O-bound vs CPU-bound",
                   "](plots/chapter.png)", "## Failed, unsupported and timed-out runs"):
        if needle not in text:
            fail(f"report.md lacks {needle!r}")
    ok = sum(1 for r in raws if json.loads(r.read_text())["status"] == "ok")
    print(f"PASS: report, CSV, plot and {len(raws)} raw JSON files written ({ok} runs succeeded)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
