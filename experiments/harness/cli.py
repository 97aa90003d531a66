"""scripts/experiment's command line: options -> Config, and the run itself.

main(argv) returns the exit status: 0 report written; 1 nothing could run
(no usable variant, or every run failed); 2 bad command line.
"""
import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT, env, plots, report, runner, variants
from .suites import SUITES, resolve
from .suites.common import Context
from .variants import ALL_VARIANTS, UsageError

DESCRIPTION = """\
Build gilkit's variants, run the thread and allocator experiments over
variants x thread counts x repeats, and write results/<date-time>/: raw JSON
per run, a CSV per experiment, PNG plots and report.md.
"""
EPILOG = f"""\
experiments: {', '.join(SUITES)}
variants:    {', '.join(ALL_VARIANTS)}

examples:
  scripts/experiment                              everything (tens of minutes)
  scripts/experiment --quick                      the whole suite, small sizes (< 5 min)
  scripts/experiment --only scaling --threads 1,2,4 --variants gil-pymalloc,nogil-pymalloc
  scripts/experiment --quick --gilkit-binary build/gil-pymalloc/gilkit --only chapter
  scripts/experiment --quick --gilkit-binary python3 --compare-cpython   (a stand-in VM)
exit status: 0 report written, 1 nothing could run, 2 bad command line.
"""
REQUIRED_TOOLS = ("meson", "ninja", "g++", "pkg-config")


@dataclass
class Config:
    quick: bool = False
    variants: list = field(default_factory=lambda: list(ALL_VARIANTS))
    threads: list = None
    repeats: int = None
    only: list = field(default_factory=lambda: list(SUITES))
    compare_cpython: bool = False
    cpython: str = "python3"
    out: str = None
    gilkit_binary: str = None
    build_root: str = None
    no_build: bool = False
    jobs: int = 2
    scale: float = 1.0
    argv: list = field(default_factory=list)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would exit; we raise and let main() exit 2
        raise UsageError(message)


def default_threads(ncpu, quick):
    top = max(2, 2 * ncpu)
    if quick:
        return sorted({1, max(1, ncpu), top})
    return list(range(1, top + 1))


def parse_int_list(text, what):
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise UsageError(f"{what}: expected comma-separated integers, got '{text}'")
    if not values:
        raise UsageError(f"{what}: empty list")
    if any(v < 1 for v in values):
        raise UsageError(f"{what}: values must be >= 1")
    if any(v > 256 for v in values):
        raise UsageError(f"{what}: values above 256 are not sensible")
    return sorted(set(values))


def parse_only(text):
    names = []
    for part in text.split(","):
        if not part.strip():
            continue
        name = resolve(part)
        if name is None:
            raise UsageError(f"unknown experiment '{part.strip()}' (known: {', '.join(SUITES)})")
        if name not in names:
            names.append(name)
    if not names:
        raise UsageError("--only needs at least one experiment")
    return [n for n in SUITES if n in names]  # report order


def build_parser():
    p = _Parser(prog="scripts/experiment", description=DESCRIPTION, epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    p.add_argument("--quick", action="store_true", help="the whole suite with small sizes and 2 repeats (< 5 min)")
    p.add_argument("--variants", metavar="LIST", help="comma-separated <lock>-<alloc> variants, or 'all' (default)")
    p.add_argument("--threads", metavar="LIST", help="thread counts for scaling (default 1..2×cores; quick: 1,cores,2×cores)")
    p.add_argument("--repeats", metavar="N", type=int, help="repeats per configuration (default 3; quick 2)")
    p.add_argument("--only", metavar="NAME[,NAME]", help="run only these experiments: " + ", ".join(SUITES))
    p.add_argument("--compare-cpython", action="store_true", help="also run every program under python3 as a reference")
    p.add_argument("--cpython", metavar="PATH", default="python3", help="the reference interpreter (default python3)")
    p.add_argument("--out", metavar="DIR", help="write the results into DIR (default results/<date-time>)")
    p.add_argument("--gilkit-binary", metavar="PATH",
                   help="use this binary as the only variant (no building); e.g. a build under test")
    p.add_argument("--build-root", metavar="DIR", help="where build/<lock>-<alloc> live (default: <repo>/build)")
    p.add_argument("--no-build", action="store_true", help="use the existing build directories as they are")
    p.add_argument("--jobs", metavar="N", type=int, default=2, help="ninja -j (default 2)")
    p.add_argument("--scale", metavar="F", type=float, default=1.0, help="multiply every work size by F (default 1)")
    p.add_argument("--list", action="store_true", help="list the experiments and exit")
    return p


def parse_args(argv):
    """argv -> Config; raises UsageError for anything wrong."""
    ns = build_parser().parse_args(argv)
    cfg = Config(quick=ns.quick, compare_cpython=ns.compare_cpython, cpython=ns.cpython, out=ns.out,
                 gilkit_binary=ns.gilkit_binary, build_root=ns.build_root, no_build=ns.no_build,
                 jobs=ns.jobs, scale=ns.scale, argv=list(argv))
    if ns.list:
        cfg.only = ["--list"]
        return cfg
    if ns.gilkit_binary and ns.variants is not None:
        raise UsageError("--gilkit-binary and --variants exclude each other (the binary is the only variant)")
    if ns.variants is not None:
        cfg.variants = variants.parse_variant_names(ns.variants)
    if ns.threads is not None:
        cfg.threads = parse_int_list(ns.threads, "--threads")
    if ns.repeats is not None:
        if ns.repeats < 1 or ns.repeats > 100:
            raise UsageError("--repeats must be between 1 and 100")
        cfg.repeats = ns.repeats
    if ns.only is not None:
        cfg.only = parse_only(ns.only)
    if ns.jobs < 1:
        raise UsageError("--jobs must be >= 1")
    if not (0 < ns.scale <= 1000):
        raise UsageError("--scale must be > 0")
    return cfg


def effective(cfg, ncpu):
    """Fills the defaults that depend on --quick and the machine."""
    if cfg.threads is None:
        cfg.threads = default_threads(ncpu, cfg.quick)
    if cfg.repeats is None:
        cfg.repeats = 2 if cfg.quick else 3
    return cfg


def make_out_dir(cfg, now):
    if cfg.out:
        out = Path(cfg.out).expanduser().resolve()
    else:
        out = ROOT / "results" / now.strftime("%Y-%m-%d_%H-%M-%S")
    out.mkdir(parents=True, exist_ok=True)
    (out / "raw").mkdir(exist_ok=True)
    (out / "plots").mkdir(exist_ok=True)
    if not cfg.out:
        latest = ROOT / "results" / "latest"
        try:
            if latest.is_symlink() or not latest.exists():
                if latest.is_symlink():
                    latest.unlink()
                latest.symlink_to(out.name)
        except OSError:
            pass
    return out


def ensure_tools(log):
    """Runs scripts/setup when a build tool or a package is missing. Never raises."""
    missing = [t for t in REQUIRED_TOOLS if shutil.which(t) is None]
    setup = ROOT / "scripts" / "setup"
    check_ok = True
    if setup.exists():
        try:
            check_ok = subprocess.run(["bash", str(setup), "--check"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, timeout=120).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            check_ok = False
    if not missing and check_ok:
        return True
    log(f"setup: missing {' '.join(missing) or 'some packages'}; running scripts/setup")
    try:
        rc = subprocess.run(["bash", str(setup)], timeout=3600).returncode
    except (OSError, subprocess.TimeoutExpired) as e:
        log(f"setup: failed to run: {e}")
        return False
    if rc != 0:
        log("setup: scripts/setup failed; carrying on with what is installed")
    return rc == 0


def prepare_variants(cfg, log):
    """[Variant] in report order: gilkit variants (or the given binary), then CPython."""
    out = []
    if cfg.gilkit_binary:
        out.append(variants.binary_variant(cfg.gilkit_binary))
    else:
        build_root = Path(cfg.build_root).expanduser().resolve() if cfg.build_root else ROOT / "build"
        if not cfg.no_build:
            ensure_tools(log)
        for name in cfg.variants:
            v = variants.gilkit_variant(name, build_root)
            log(f"variant {name}:")
            try:
                variants.prepare_gilkit(v, log, cfg.jobs, cfg.no_build)
            except Exception as e:  # a harness bug must not stop the other variants
                v.status, v.reason = "setup-failed", f"{type(e).__name__}: {e}"
            state = "ready" if v.usable else f"{v.status}: {v.reason}"
            log(f"  {name}: {state}" + (f" (built in {v.build_seconds:.0f} s)" if v.build_seconds else ""))
            out.append(v)
    if cfg.compare_cpython:
        out.append(variants.cpython_variant(cfg.cpython))
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        cfg = parse_args(argv)
    except UsageError as e:
        print(f"scripts/experiment: error: {e}", file=sys.stderr)
        print("run scripts/experiment --help for the options", file=sys.stderr)
        return 2
    if cfg.only == ["--list"]:
        for name, mod in SUITES.items():
            print(f"{name:16s} {mod.TITLE}")
        return 0
    try:
        return run(cfg)
    except UsageError as e:
        print(f"scripts/experiment: error: {e}", file=sys.stderr)
        return 2


def busy_warnings(load_start, load_end, ncpu):
    """A warning when other work was competing for the CPUs (before the runs, or left over after)."""
    if max(load_start, load_end) > 0.75 * ncpu:
        return [f"the machine was busy (1-minute load average {load_start:.1f} before the runs, "
                f"{load_end:.1f} after, on {ncpu} cores): other processes competed for the CPUs, so "
                "timings and speedups are noisy — check the ⚠ marks and rerun on a quiet machine"]
    return []


def log(msg=""):
    print(msg, flush=True)


def run(cfg):
    t_start = time.monotonic()
    now = dt.datetime.now()
    ncpu = env.cpu_count()
    effective(cfg, ncpu)
    log(f"gilkit experiments: {', '.join(cfg.only)}{' (quick)' if cfg.quick else ''}; "
        f"threads {','.join(map(str, cfg.threads))}; {cfg.repeats} repeats")
    load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    all_variants = prepare_variants(cfg, log)
    usable = [v for v in all_variants if v.usable]
    out = make_out_dir(cfg, now)
    log(f"results: {out}")
    plot_python, plot_info = plots.find_plot_python()
    if plot_python is None:
        log(f"plots: {plot_info}")
    ctx = Context(quick=cfg.quick, repeats=cfg.repeats, threads=cfg.threads, scale=cfg.scale, ncpu=ncpu,
                  variants=usable, out_dir=out, raw_dir=out / "raw",
                  skipped=[v for v in all_variants if not v.usable])
    suites = [SUITES[n] for n in cfg.only]
    tasks, harness_errors = [], []
    if usable:
        for s in suites:
            try:
                tasks.extend(s.plan(ctx))
            except Exception as e:
                harness_errors.append(f"{s.NAME}: planning failed: {type(e).__name__}: {e}")
    else:
        log("no usable variant: nothing to run")
    results, interrupted = [], False
    progress = runner.Progress(tasks, out=log)
    if tasks:
        log(f"running {len(tasks)} runs (estimated {runner.fmt_duration(progress.remaining())})")
    try:
        for task in tasks:
            prefix = progress.before(task)
            print(prefix, end="", flush=True)
            res = runner.run_task(task)
            progress.after(task, res, "")
            results.append(res)
            raw = out / "raw" / task.experiment / f"{task.slug()}.json"
            raw.parent.mkdir(parents=True, exist_ok=True)
            report.write_json(raw, res.to_json())
    except KeyboardInterrupt:
        interrupted = True
        log("\ninterrupted: writing the report for the runs so far")
    sections = []
    for s in suites:
        try:
            sections.append(s.analyse(ctx, results))
        except Exception as e:
            import traceback
            harness_errors.append(f"{s.NAME}: analysis failed: {type(e).__name__}: {e}")
            traceback.print_exc()
    specs = [p for sec in sections for p in sec.plots]
    plot_files, plot_problem = [], ""
    if specs:
        if plot_python is None:
            plot_problem = plot_info
        else:
            plot_files, plot_problem = plots.render(specs, out / "plots", plot_python)
    cpython_desc = next((f"{v.binary} ({v.version})" for v in all_variants if v.is_reference), None)
    env_rows = env.collect(cpython=cpython_desc or shutil.which("python3"),
                           plot_python=f"{plot_python} (matplotlib {plot_info})" if plot_python else plot_info)
    load_end = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    env_rows.append(("load average (1 min) at the end", f"{load_end:.2f}"))
    warnings = busy_warnings(load_start, load_end, ncpu)
    for w in warnings:
        log(f"warning: {w}")
    env_rows.append(("scripts/experiment options",
                     f"quick={cfg.quick}, repeats={cfg.repeats}, threads={cfg.threads}, scale={cfg.scale}"))
    duration = runner.fmt_duration(time.monotonic() - t_start)
    command = "scripts/experiment " + " ".join(cfg.argv)
    report_path = out / "report.md"
    report.write_report(report_path, title=f"gilkit experiment report — {now:%Y-%m-%d %H:%M}",
                        command=command.strip(), started=now.isoformat(timespec="seconds"), duration=duration,
                        env_rows=env_rows, variants=all_variants, sections=sections, results=results,
                        plot_files=plot_files, plot_problem=plot_problem, interrupted=interrupted,
                        harness_errors=harness_errors, warnings=warnings)
    report.write_json(out / "results.json", {
        "command": command, "started": now.isoformat(timespec="seconds"), "duration": duration,
        "config": {"quick": cfg.quick, "repeats": cfg.repeats, "threads": cfg.threads, "scale": cfg.scale,
                   "only": cfg.only},
        "environment": dict(env_rows), "variants": [v.describe() for v in all_variants],
        "experiments": {s.name: s.data for s in sections},
        "runs": [{k: v for k, v in r.to_json().items() if k != "records"} for r in results]})
    # The terminal summary.
    headers, rows = report.summary_rows(sections, all_variants)
    log("")
    log(report.text_table(headers, rows))
    ok = sum(1 for r in results if r.ok)
    log("")
    for v in all_variants:
        if not v.usable:
            log(f"skipped {v.name}: {v.status}" + (f" ({v.reason})" if v.reason else ""))
    if plot_problem:
        log(f"plots: {plot_problem}")
    for e in harness_errors:
        log(f"harness error: {e}")
    log(f"{ok} of {len(results)} runs succeeded in {duration}")
    log(f"report: {report_path}")
    if not usable or (results and ok == 0) or harness_errors:
        return 1
    return 0
