"""Shared scaffolding for the thread-scaling workloads in this folder.

Every workload is a function work_fn(work) -> int (a checksum that depends
only on `work`). measure() runs it

  1. once on the main thread at work // 10 (warm-up),
  2. in ONE worker thread at `work`                   -> seconds_1
  3. in N worker threads, each at `work` (N = --threads) -> seconds

and prints one JSON line: the speedup N * seconds_1 / seconds is taken within
this one process (1.0 = no gain from threads, N = perfect scaling), and
`cores`, the process CPU time / wall time of the N-thread phase: how many
cores were busy on average (~1 under a GIL, ~min(N, cores) when threads run
in parallel) — a check that stays meaningful when other processes load the
machine.

Only sys, time and threading are used, so the workloads run under CPython
and under gilkit (which has no json or argparse module).
"""
import sys
import threading
import time


def to_json(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(to_json(str(k)) + ": " + to_json(v) for k, v in value.items()) + "}"
    return "[" + ", ".join(to_json(v) for v in value) + "]"


def usage(prog, message, extra_usage=""):
    sys.stderr.write(prog + ": " + message + "\n")
    sys.stderr.write("usage: " + prog + " --threads N --work W" + extra_usage + "\n")
    raise SystemExit(2)


def parse_args(prog, argv, default_work, extra=None, doc=""):
    """--threads N --work W, plus string options named in `extra` (name -> default)."""
    opts = {"threads": 1, "work": default_work}
    converters = {"threads": int, "work": int}
    extra_usage = ""
    for name, default in (extra or {}).items():
        opts[name] = default
        converters[name] = str
        extra_usage += " [--" + name + " NAME]"
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            sys.stdout.write(doc)
            raise SystemExit(0)
        name, value = arg, None
        if "=" in arg:
            name, value = arg.split("=", 1)
        key = name[2:] if name.startswith("--") else ""
        if key not in converters:
            usage(prog, "unknown argument: " + arg, extra_usage)
        if value is None:
            i += 1
            if i >= len(argv):
                usage(prog, "missing value for " + name, extra_usage)
            value = argv[i]
        try:
            opts[key] = converters[key](value)
        except ValueError:
            usage(prog, "bad value for " + name + ": " + value, extra_usage)
        i += 1
    if opts["threads"] < 1 or opts["work"] < 1:
        usage(prog, "--threads and --work must be >= 1", extra_usage)
    return opts


def cpu_clock():
    f = getattr(time, "process_time", None)
    return f() if f is not None else None


def run_workers(count, work_fn, work):
    """(wall seconds, process CPU seconds or None, results)."""
    results = [None] * count

    def worker(slot):
        results[slot] = work_fn(work)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    cpu0 = cpu_clock()
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu1 = cpu_clock()
    return wall, (cpu1 - cpu0 if cpu0 is not None else None), results


def measure(workload, work_fn, threads, work, fields=None):
    work_fn(max(1, work // 10))  # warm-up
    seconds_1, cpu_1, results_1 = run_workers(1, work_fn, work)
    if threads == 1:
        seconds, cpu, results = seconds_1, cpu_1, results_1
    else:
        seconds, cpu, results = run_workers(threads, work_fn, work)
    checksum = results_1[0]
    consistent = True
    for r in results:
        if r != checksum:
            consistent = False
    out = {"workload": workload, "threads": threads, "work": work,
           "seconds": seconds, "seconds_1": seconds_1,
           "speedup": threads * seconds_1 / seconds if seconds > 0 else 0.0,
           "cpu_seconds": cpu, "cores": cpu / seconds if cpu is not None and seconds > 0 else None,
           "checksum": checksum, "consistent": consistent}
    if fields:
        out.update(fields)
    print(to_json(out))
    return out
