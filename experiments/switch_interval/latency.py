"""GIL switch interval vs CPU throughput and I/O wake-up latency.

    latency.py [--interval 0.005] [--cpu-threads 2] [--duration 2.0] [--sleep 0.001]

Sets sys.setswitchinterval(INTERVAL), then runs CPU-bound threads (a tight
Python loop, counting iterations) next to one I/O thread that loops
time.sleep(SLEEP) and measures, after each sleep, how late it runs Python
code again: now - (time before the sleep + SLEEP). Under a GIL the woken
thread must wait for a CPU thread to drop the GIL, which it does when the
switch interval expires (or later: the convoy effect of the old GIL). A
short interval means low latency but more switches, i.e. less CPU
throughput; a long one the opposite.

Prints one JSON line: CPU throughput (loop iterations per second, all CPU
threads together), the number of wake-ups, and the latency p50/p90/p99/max
in seconds; with sys._gilstats() (gilkit) also the GIL hand-off counters.
"""
import sys
import threading
import time

CHUNK = 1000  # loop iterations between two looks at the stop flag


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


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list (None when empty)."""
    if not sorted_values:
        return None
    rank = int(p / 100.0 * len(sorted_values) + 0.999999)
    if rank < 1:
        rank = 1
    if rank > len(sorted_values):
        rank = len(sorted_values)
    return sorted_values[rank - 1]


def usage(message):
    sys.stderr.write("latency.py: " + message + "\n")
    sys.stderr.write("usage: latency.py [--interval S] [--cpu-threads N] [--duration S] [--sleep S]\n")
    raise SystemExit(2)


def parse_args(argv):
    opts = {"interval": 0.005, "cpu-threads": 2, "duration": 2.0, "sleep": 0.001}
    converters = {"interval": float, "cpu-threads": int, "duration": float, "sleep": float}
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
    if opts["interval"] <= 0 or opts["duration"] <= 0 or opts["sleep"] < 0 or opts["cpu-threads"] < 0:
        usage("--interval and --duration must be > 0, --sleep and --cpu-threads >= 0")
    return opts


class Shared:
    def __init__(self, cpu_threads):
        self.stop = False
        self.counts = [0] * cpu_threads
        self.lateness = []


def cpu_worker(shared, slot):
    count = 0
    x = 0
    while not shared.stop:
        for i in range(CHUNK):
            x = (x + i) & 0xFFFF
        count += CHUNK
    shared.counts[slot] = count


def io_worker(shared, pause):
    clock = time.perf_counter
    lateness = shared.lateness
    while not shared.stop:
        due = clock() + pause
        time.sleep(pause)
        lateness.append(clock() - due)


def main():
    opts = parse_args(sys.argv[1:])
    setter = getattr(sys, "setswitchinterval", None)
    if setter is None:
        sys.stderr.write("latency.py: this interpreter has no sys.setswitchinterval (unsupported)\n")
        raise SystemExit(3)
    setter(opts["interval"])
    shared = Shared(opts["cpu-threads"])
    threads = [threading.Thread(target=cpu_worker, args=(shared, i)) for i in range(opts["cpu-threads"])]
    threads.append(threading.Thread(target=io_worker, args=(shared, opts["sleep"])))
    start = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(opts["duration"])
    shared.stop = True
    elapsed = time.perf_counter() - start
    for t in threads:
        t.join()
    late = sorted(shared.lateness)
    total = 0
    for c in shared.counts:
        total += c
    out = {"experiment": "switch_interval", "interval": opts["interval"],
           "switch_interval_seen": sys.getswitchinterval(),
           "cpu_threads": opts["cpu-threads"], "duration": elapsed, "sleep": opts["sleep"],
           "iterations": total, "throughput": total / elapsed if elapsed > 0 else 0.0,
           "wakeups": len(late),
           "latency_p50": percentile(late, 50), "latency_p90": percentile(late, 90),
           "latency_p99": percentile(late, 99), "latency_max": late[-1] if late else None,
           "latency_mean": sum(late) / len(late) if late else None}
    stats = getattr(sys, "_gilstats", None)
    if stats is not None:
        total_stats = stats().get("total", {})
        for key in ("acquisitions", "forced_drops", "drop_requests", "voluntary_releases"):
            if key in total_stats:
                out["gil_" + key] = total_stats[key]
    print(to_json(out))


if __name__ == "__main__":
    main()
