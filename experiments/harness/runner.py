"""Runs one task — one program under one variant with one set of
parameters, one repeat — and records what happened; shows progress.

A run's status:
  ok           exit 0 and a result (a JSON line on stdout, or the JSON file
               of a Google Benchmark binary)
  unsupported  the program needs something this interpreter lacks
               (ModuleNotFoundError, a missing sys function, ...)
  failed       any other non-zero exit, or exit 0 without a result
  crashed      killed by a signal (segfault, abort)
  timeout      ran past its time limit (the process group is killed)
Nothing here raises for a failing program: the report shows the failure
with the tail of its stderr, and the harness carries on.
"""
import json
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT

STDERR_TAIL_LINES = 12
UNSUPPORTED_RE = re.compile(
    r"ModuleNotFoundError|ImportError|NotImplementedError|has no attribute '(setswitchinterval|"
    r"getswitchinterval|_debugmallocstats|_gilstats|local|Thread)'|\(unsupported\)|not supported|"
    r"unsupported|not implemented", re.I)


@dataclass
class Task:
    experiment: str            # suite name ("chapter", "scaling", ...)
    variant: object            # variants.Variant
    params: dict               # what identifies the configuration (grouping key)
    args: list                 # program arguments (after the script)
    script: str = None         # the .py program (None for a native benchmark binary)
    command: list = None       # full command instead of binary + script (micro-benchmarks)
    repeat: int = 1
    repeats: int = 1
    timeout: float = 60.0
    estimate: float = 1.0      # expected seconds (for the remaining-time estimate)
    mallocstats: bool = False  # ask gilkit for -X mallocstats=json
    output: str = "lines"      # "lines": JSON lines on stdout; "file": a JSON document written to out_file
    out_file: str = None

    @property
    def label(self):
        p = " ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.experiment} {p} [{self.variant.name}] rep {self.repeat}/{self.repeats}"

    def slug(self):
        text = "_".join(f"{k}-{v}" for k, v in self.params.items())
        text = re.sub(r"[^A-Za-z0-9_.-]+", "-", text)
        return f"{self.variant.name}__{text}__r{self.repeat}"


@dataclass
class RunResult:
    task: Task
    status: str
    returncode: int = None
    seconds: float = 0.0              # wall time of the whole process
    records: list = field(default_factory=list)   # parsed JSON results
    malloc_report: dict = None        # -X mallocstats=json report, when present
    stderr_tail: str = ""
    note: str = ""
    command: list = field(default_factory=list)

    @property
    def ok(self):
        return self.status == "ok"

    def to_json(self):
        t = self.task
        return {"experiment": t.experiment, "variant": t.variant.name, "params": t.params,
                "repeat": t.repeat, "status": self.status, "returncode": self.returncode,
                "seconds": round(self.seconds, 6), "command": self.command,
                "records": self.records, "malloc_report": self.malloc_report,
                "stderr_tail": self.stderr_tail, "note": self.note}


def build_command(task):
    if task.command:
        return list(task.command)
    v = task.variant
    cmd = [v.binary]
    # python3 ignores unknown -X options, so a stand-in interpreter given with
    # --gilkit-binary runs the same command; the CPython reference gets none.
    if task.mallocstats and v.kind != "cpython":
        cmd += ["-X", "mallocstats=json"]
    cmd.append(str(task.script))
    return cmd + [str(a) for a in task.args]


def parse_json_lines(text):
    """Every line of `text` that is a JSON object, in order."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                out.append(obj)
    return out


def parse_malloc_report(stderr):
    """The last -X mallocstats=json object on stderr (it has an "allocator" field), or None."""
    for obj in reversed(parse_json_lines(stderr)):
        if "allocator" in obj and ("classes" in obj or "rss_bytes" in obj):
            return obj
    return None


def tail(text, lines=STDERR_TAIL_LINES):
    rows = [l for l in text.rstrip().splitlines()]
    # A mallocstats JSON line is data, not an error message: leave it out of the tail.
    rows = [l for l in rows if not (l.startswith("{") and '"allocator"' in l)]
    return "\n".join(rows[-lines:])


def classify(returncode, stderr):
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        return "crashed", f"killed by signal {name}"
    if UNSUPPORTED_RE.search(stderr or ""):
        return "unsupported", "needs a feature this interpreter does not have"
    return "failed", f"exit status {returncode}"


def run_task(task, env=None):
    cmd = build_command(task)
    run_env = dict(os.environ if env is None else env)
    run_env.setdefault("PYTHONHASHSEED", "0")
    run_env["PYTHONDONTWRITEBYTECODE"] = "1"   # no __pycache__ in experiments/
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                errors="replace", cwd=str(ROOT), env=run_env, start_new_session=True)
    except OSError as e:
        return RunResult(task, "failed", seconds=0.0, stderr_tail=str(e), note="could not start",
                         command=cmd)
    try:
        out, err = proc.communicate(timeout=task.timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group we started (the program and its threads)
        except OSError:
            pass
        out, err = proc.communicate()
        timed_out = True
    seconds = time.monotonic() - t0
    res = RunResult(task, "ok", returncode=proc.returncode, seconds=seconds, command=cmd,
                    stderr_tail=tail(err))
    res.malloc_report = parse_malloc_report(err) if task.mallocstats else None
    if task.output == "file":
        try:
            doc = json.loads(Path(task.out_file).read_text())
            res.records = [doc] if isinstance(doc, dict) else []
        except (OSError, ValueError):
            res.records = []
    else:
        res.records = parse_json_lines(out)
    if timed_out:
        res.status, res.note = "timeout", f"killed after {task.timeout:.0f} s"
    elif proc.returncode != 0:
        res.status, res.note = classify(proc.returncode, err)
    elif not res.records:
        res.status, res.note = "failed", "exit status 0 but no JSON result on stdout"
    return res


def fmt_duration(seconds):
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """'[ 12/108  0:35 elapsed, ~1:20 left] scaling ... ok 0.41s'.

    The remaining time is the estimate of the remaining tasks, corrected by
    how far actual times have been from the estimates so far.
    """

    def __init__(self, tasks, out=print, clock=time.monotonic):
        self.total = len(tasks)
        self.remaining_estimate = sum(t.estimate for t in tasks)
        self.done = 0
        self.actual = 0.0
        self.estimated_done = 0.0
        self.out = out
        self.clock = clock
        self.start = clock()

    def remaining(self):
        factor = self.actual / self.estimated_done if self.estimated_done > 0 else 1.0
        return self.remaining_estimate * factor

    def before(self, task):
        elapsed = self.clock() - self.start
        return (f"[{self.done + 1:>{len(str(self.total))}}/{self.total}  {fmt_duration(elapsed)} elapsed, "
                f"~{fmt_duration(self.remaining())} left] {task.label}")

    def after(self, task, result, prefix):
        self.done += 1
        self.actual += result.seconds
        self.estimated_done += task.estimate
        self.remaining_estimate = max(0.0, self.remaining_estimate - task.estimate)
        status = result.status if result.ok else result.status.upper()
        extra = f" ({result.note})" if not result.ok and result.note else ""
        self.out(f"{prefix} ... {status} {result.seconds:.2f}s{extra}")
