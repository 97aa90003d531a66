"""Shared scaffolding for the fragmentation workloads in this folder.

A workload is a sequence of named phases (start, peak, freed, ...). At each
phase it calls Phases.reached(name, keep): that prints one JSON line on
stdout with the process RSS (from /proc/self/statm, under any interpreter)
and, when the allocator can tell, the live block count; with --phase all it
also prints the allocator's own report (sys._debugmallocstats(), text on
stderr) under a "--- phase NAME ---" header.

With --phase NAME the workload stops at that phase and exits, keeping the
objects alive that `keep` names (they are parked on the sys module, which
outlives __main__ at shutdown), so that `gilkit -X mallocstats=json` prints
the allocator's JSON report for exactly that state when the program exits.

Arguments: --phase NAME|all (default all), --size N (the workload's scale).
"""
import sys

try:
    import gc
except ImportError:  # gilkit may have no gc module (yet)
    gc = None

PAGE_SIZE = 4096


def page_size():
    try:
        import os
        return os.sysconf("SC_PAGE_SIZE")
    except Exception:  # no os module, or no sysconf
        return PAGE_SIZE


def rss_bytes():
    try:
        with open("/proc/self/statm") as f:
            fields = f.read().split()
        return int(fields[1]) * page_size()
    except Exception:  # no /proc, or no file I/O in this interpreter
        return None


def allocated_blocks():
    f = getattr(sys, "getallocatedblocks", None)
    if f is None:
        return None
    try:
        return f()
    except Exception:
        return None


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


class Stop(Exception):
    """Raised by reached() at the requested phase; caught by run()."""


class Phases:
    def __init__(self, workload, phases, size, wanted):
        self.workload = workload
        self.phases = phases
        self.size = size
        self.wanted = wanted

    def reached(self, phase, keep=None, **fields):
        if phase not in self.phases:
            raise ValueError("undeclared phase " + phase)
        out = {"workload": self.workload, "phase": phase, "size": self.size,
               "rss_bytes": rss_bytes(), "allocated_blocks": allocated_blocks(),
               "has_gc": gc is not None}
        out.update(fields)
        print(to_json(out))
        if self.wanted == "all":
            sys.stdout.flush()
            debug = getattr(sys, "_debugmallocstats", None)
            if debug is not None:
                sys.stderr.write("--- phase " + phase + " ---\n")
                debug()
        elif self.wanted == phase:
            # Keep the objects alive through interpreter shutdown: the report
            # printed at exit (-X mallocstats=json) must see this state.
            try:
                sys._fragmentation_keep = keep
            except Exception:
                pass
            raise Stop()

    def collect(self):
        if gc is not None:
            gc.collect()


def usage(prog, phases, message):
    sys.stderr.write(prog + ": " + message + "\n")
    sys.stderr.write("usage: " + prog + " [--phase " + "|".join(phases) + "|all] [--size N]\n")
    raise SystemExit(2)


def run(prog, workload, phases, default_size, body, doc, argv=None):
    """Parses --phase/--size, then runs body(phases_obj, size)."""
    argv = sys.argv[1:] if argv is None else argv
    wanted, size = "all", default_size
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            sys.stdout.write(doc)
            raise SystemExit(0)
        if arg == "--list-phases":
            for p in phases:
                print(p)
            raise SystemExit(0)
        name, value = arg, None
        if "=" in arg:
            name, value = arg.split("=", 1)
        if name not in ("--phase", "--size"):
            usage(prog, phases, "unknown argument: " + arg)
        if value is None:
            i += 1
            if i >= len(argv):
                usage(prog, phases, "missing value for " + name)
            value = argv[i]
        if name == "--phase":
            wanted = value
        else:
            try:
                size = int(value)
            except ValueError:
                usage(prog, phases, "bad value for --size: " + value)
        i += 1
    if wanted != "all" and wanted not in phases:
        usage(prog, phases, "unknown phase: " + wanted)
    if size < 1:
        usage(prog, phases, "--size must be >= 1")
    try:
        body(Phases(workload, phases, size, wanted), size)
    except Stop:
        pass
