"""The I/O-bound vs CPU-bound threads experiment from the GIL section of
shared/reference/python-internals-chapter.txt, re-indented, with the thread
count and the work size as arguments.

    io_vs_cpu.py [--threads 4] [--mode io|cpu|both] [--sleep 1.0] [--work 10000000]

--mode io    N threads each call time.sleep(S). The GIL is released while a
             thread sleeps, so the sleeps overlap: ~S seconds, not N*S.
--mode cpu   N threads each compute sum(range(W)). Under a GIL they take
             turns: ~N times as long as ONE thread doing sum(range(W)) once.
             Both times are measured in this process (the ratio is taken
             within one run) and the sums are checked. `cores` = process
             CPU time / wall time of the N-thread phase: ~1 when the
             threads take turns, ~min(N, cores) when they run in parallel.
--mode both  io, then cpu (two JSON lines).

Prints one JSON line per mode on stdout, e.g.
  {"experiment": "chapter", "mode": "io", "threads": 4, "sleep": 1.0, "seconds": 1.002, ...}
Runs under CPython and under gilkit (no imports beyond sys, time, threading).
"""
import sys
import threading
import time


def io_bound(seconds):
    time.sleep(seconds)  # the GIL is released during sleep


def cpu_bound(n, results, slot):
    results[slot] = sum(range(n))  # the GIL is held throughout


def cpu_clock():
    f = getattr(time, "process_time", None)
    return f() if f is not None else None


def run_threads(count, target, args_for, cpu=None):
    # As in the chapter: the clock starts before the threads are created.
    # `cpu`, a list, receives the process CPU time used meanwhile (or None).
    cpu0 = cpu_clock()
    start = time.perf_counter()
    threads = [threading.Thread(target=target, args=args_for(i)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(cpu_clock() - cpu0 if cpu0 is not None else None)
    return elapsed


def measure_io(count, seconds):
    elapsed = run_threads(count, io_bound, lambda i: (seconds,))
    return {"experiment": "chapter", "mode": "io", "threads": count, "sleep": seconds,
            "seconds": elapsed, "ideal_seconds": seconds, "serial_seconds": count * seconds,
            "overlap": count * seconds / elapsed if elapsed > 0 else 0.0}


def measure_cpu(count, work):
    expected = work * (work - 1) // 2
    cpu_bound(max(1, work // 10), [None], 0)  # warm-up, not measured
    one = [None]
    seconds_one = run_threads(1, cpu_bound, lambda i: (work, one, i))
    results = [None] * count
    cpu = []
    seconds = run_threads(count, cpu_bound, lambda i: (work, results, i), cpu)
    ok = one[0] == expected
    for r in results:
        if r != expected:
            ok = False
    return {"experiment": "chapter", "mode": "cpu", "threads": count, "work": work,
            "seconds_one": seconds_one, "seconds": seconds,
            "ratio": seconds / seconds_one if seconds_one > 0 else 0.0,
            "cpu_seconds": cpu[0],
            "cores": cpu[0] / seconds if cpu[0] is not None and seconds > 0 else None,
            "checksum": expected % 1000000007, "checksum_ok": ok}


# --- a JSON line without the json module (gilkit has no json module) -------

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


def usage(message):
    sys.stderr.write("io_vs_cpu.py: " + message + "\n")
    sys.stderr.write("usage: io_vs_cpu.py [--threads N] [--mode io|cpu|both] [--sleep S] [--work W]\n")
    raise SystemExit(2)


def parse_args(argv):
    opts = {"threads": 4, "mode": "both", "sleep": 1.0, "work": 10_000_000}
    converters = {"threads": int, "mode": str, "sleep": float, "work": int}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            sys.stdout.write(__doc__)
            raise SystemExit(0)
        name, value = arg, None
        if "=" in arg:
            name, value = arg.split("=", 1)
        key = name[2:] if name.startswith("--") else ""
        if key not in converters:
            usage("unknown argument: " + arg)
        if value is None:
            i += 1
            if i >= len(argv):
                usage("missing value for " + name)
            value = argv[i]
        try:
            opts[key] = converters[key](value)
        except ValueError:
            usage("bad value for " + name + ": " + value)
        i += 1
    if opts["mode"] not in ("io", "cpu", "both"):
        usage("--mode must be io, cpu or both")
    if opts["threads"] < 1 or opts["work"] < 1 or opts["sleep"] < 0:
        usage("--threads and --work must be >= 1, --sleep >= 0")
    return opts


def main():
    opts = parse_args(sys.argv[1:])
    if opts["mode"] in ("io", "both"):
        print(to_json(measure_io(opts["threads"], opts["sleep"])))
    if opts["mode"] in ("cpu", "both"):
        print(to_json(measure_cpu(opts["threads"], opts["work"])))


if __name__ == "__main__":
    main()
