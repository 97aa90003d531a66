"""Experiment 2 — thread scaling (issue 5).

Every workload runs with N threads, each doing the same work W; each run
measures one thread and then N threads in the same process, so the speedup
N * T1 / TN is taken within the run (1 = threads bring nothing, N = perfect).
Families: compute (primes, an arithmetic loop, sum(range)), shared (the
patterns that stop no-GIL runtimes from scaling: shared functions, dicts,
lists, globals, classes, ...), alloc (allocation-heavy).
"""
from ..report import Section, md_table, write_csv
from ..runner import Task
from ..stats import fmt_number, fmt_summary, geomean, summarize
from .common import agg_row, colors, program, rows_of, scaled, status_note

NAME = "scaling"
TITLE = "Thread scaling"

# (family, workload, script, extra args, work in --quick mode). Quick sizes
# take ~0.04 s for one thread under CPython 3.11 on the reference machine;
# the full run uses FULL_FACTOR times more.
FULL_FACTOR = 6
PATTERN_WORK = {
    "call_function": 600_000, "own_method": 400_000, "read_dict": 400_000, "read_list": 800_000,
    "read_global": 1_200_000, "compare_constants": 300_000, "new_instance": 120_000,
    "closures": 80_000, "small_dicts": 250_000, "float_math": 300_000, "generators": 400_000,
    "thread_local": 600_000,
}
WORKLOADS = (
    [("compute", "cpu_primes", "cpu_primes.py", [], 30_000),
     ("compute", "loop", "loop.py", [], 800_000),
     ("compute", "sum_range", "sum_range.py", [], 4_000_000)]
    + [("shared", p, "shared_objects.py", ["--pattern", p], w) for p, w in PATTERN_WORK.items()]
    + [("alloc", "alloc_heavy", "alloc_heavy.py", [], 100_000)]
)
FAMILIES = {
    "compute": "CPU-bound compute: primes, an arithmetic loop, sum(range)",
    "shared": "shared objects: every thread uses the same functions, dicts, lists, globals, classes",
    "alloc": "allocation-heavy: small objects created and dropped",
}
QUICK_SECONDS = 0.04  # one thread, quick size, CPython (for the time estimate)


def work_for(ctx, quick_work, workload):
    if workload == "cpu_primes":  # trial division grows faster than linearly
        base = quick_work if ctx.quick else int(quick_work * FULL_FACTOR ** (1 / 1.4))
    else:
        base = quick_work if ctx.quick else quick_work * FULL_FACTOR
    return scaled(base, ctx.scale, 10)


def thread_counts(ctx):
    more = [n for n in ctx.threads if n > 1]
    return more or [1]


def plan(ctx):
    tasks = []
    t1 = QUICK_SECONDS * (1 if ctx.quick else FULL_FACTOR) * ctx.scale
    for rep in range(1, ctx.repeats + 1):
        for family, name, script, extra, qwork in WORKLOADS:
            work = work_for(ctx, qwork, name)
            for v in ctx.variants:
                for n in thread_counts(ctx):
                    est = t1 * 1.1 + t1 * n + 0.05  # warm-up + one thread + N threads (GIL-like)
                    tasks.append(Task(NAME, v, {"workload": name, "threads": n, "work": work},
                                      ["--threads", n, "--work", work] + extra,
                                      script=program("scaling", script), repeat=rep, repeats=ctx.repeats,
                                      timeout=max(60.0, est * 30), estimate=est))
    return tasks


def ideal(n, ncpu):
    return float(min(n, ncpu))


def analyse(ctx, results):
    mine = [r for r in results if r.task.experiment == NAME]
    rows = rows_of(mine)
    counts = thread_counts(ctx)
    ref = ctx.reference_variant()
    sec = Section(NAME, TITLE, intro=(
        "Each workload runs in N threads that each do the same work (`experiments/scaling/`). "
        "One process measures one thread (T1), then N threads (TN); the **speedup N·T1/TN** is "
        "taken within that run: 1.0 = threads bring nothing (a GIL), N = perfect. *cores* = process CPU "
        "time / wall time of the N-thread phase (~1 under a GIL; it cannot be inflated by a busy "
        "machine, only deflated). This machine has "
        f"{ctx.ncpu} cores, so the best possible speedup is min(N, {ctx.ncpu}). The single-thread "
        f"table compares T1 across variants (relative to {ref.name if ref else '—'}): the cost of "
        "each variant when there is only one thread."))
    agg = []
    speedups = {}   # (workload, variant) -> {n: Summary}
    t1 = {}         # (workload, variant) -> Summary of seconds_1 over every run
    checks = {}     # workload -> {variant: set(checksums)}, consistency flags
    inconsistent = []
    busy = {}       # (workload, variant, n) -> Summary of cores busy (CPU time / wall time)
    for family, name, script, extra, qwork in WORKLOADS:
        for v in ctx.variants:
            mine_rows = [r for r in rows if r.get("workload") == name and r["variant"] == v.name]
            s1 = summarize([r.get("seconds_1") for r in mine_rows])
            t1[(name, v.name)] = s1
            speedups[(name, v.name)] = {}
            for n in counts:
                at_n = [r for r in mine_rows if r.get("threads") == n]
                sp = summarize([r.get("speedup") for r in at_n])
                tn = summarize([r.get("seconds") for r in at_n])
                cores = summarize([r.get("cores") for r in at_n])
                speedups[(name, v.name)][n] = sp
                busy[(name, v.name, n)] = cores
                agg.append({"family": family, "workload": name, "variant": v.name, "threads": n,
                            "work": at_n[0].get("work") if at_n else None,
                            **agg_row("speedup", sp), **agg_row("seconds", tn), **agg_row("seconds_1", s1),
                            **agg_row("cores_busy", cores)})
            for r in mine_rows:
                checks.setdefault(name, {}).setdefault(v.name, set()).add(r.get("checksum"))
                if r.get("consistent") is False:
                    inconsistent.append(f"{name} [{v.name}] threads={r.get('threads')}")
    # Correctness: every thread and every variant must compute the same checksum.
    wrong = []
    for name, per_variant in checks.items():
        all_sums = set().union(*per_variant.values())
        if len(all_sums) > 1:
            wrong.append(f"{name}: " + "; ".join(f"{v}={sorted(map(str, s))}" for v, s in per_variant.items()))
    if wrong or inconsistent:
        sec.add("**Result check failed** — threads or variants computed different checksums:\n\n"
                + "\n".join(f"- {w}" for w in wrong + inconsistent) + "\n")
    else:
        sec.add("Result check: every thread of every run, in every variant, computed the same checksum.\n")

    # Speedup tables, one per family.
    for family, title in FAMILIES.items():
        names = [w[1] for w in WORKLOADS if w[0] == family]
        table = []
        for name in names:
            for v in ctx.variants:
                s1 = t1.get((name, v.name))
                cells = [name, v.name, fmt_number(s1.median) + " s" if s1 else "—"]
                for n in counts:
                    sp = speedups[(name, v.name)].get(n)
                    text = fmt_summary(sp, digits=3, unit="×") if sp else "—"
                    cores = busy.get((name, v.name, n))
                    if sp and cores:
                        text += f" · {cores.median:.1f} cores"
                    cells.append(text)
                table.append(cells)
        sec.add(f"### {family}: {title}\n")
        sec.add(md_table(["workload", "variant", "T1"] + [f"speedup @{n}T" for n in counts], table,
                         "llr" + "r" * len(counts)))
        sec.plot(_family_plot(ctx, family, title, names, speedups, counts),
                 f"Speedup N·T1/TN for the {family} workloads, one line per variant (median; whiskers "
                 f"min–max over repeats); dashed: ideal min(N, {ctx.ncpu} cores); dotted: no gain (1.0).")

    # Single-thread cost vs the reference variant.
    if ref is not None and len(ctx.variants) > 1:
        table = []
        geo = {v.name: [] for v in ctx.variants}
        for family, name, script, extra, qwork in WORKLOADS:
            base = t1.get((name, ref.name))
            cells = [name]
            for v in ctx.variants:
                s = t1.get((name, v.name))
                if base and s and base.median > 0:
                    ratio = s.median / base.median
                    geo[v.name].append(ratio)
                    cells.append(f"{ratio:.2f}×")
                else:
                    cells.append("—")
            table.append(cells)
        gm = {n: geomean(vals) for n, vals in geo.items()}
        table.append(["**geometric mean**"] + [f"**{gm[v.name]:.2f}×**" if gm[v.name] else "—"
                                               for v in ctx.variants])
        sec.add(f"### Single-thread time relative to {ref.name}\n")
        sec.add("T1 (one thread, median over every run) divided by the reference variant's T1; "
                "> 1 = slower. These compare different processes, so read them with the spread of "
                "the T1 column above in mind.\n")
        sec.add(md_table(["workload"] + [v.name for v in ctx.variants], table))
    else:
        gm = {}

    # Summary: geometric mean speedup at 2 threads (or the smallest N > 1).
    n_sum = 2 if 2 in counts else counts[0]
    col_sp = f"speedup @{n_sum}T (geo-mean)"
    col_t1 = f"1-thread time vs {ref.name}" if ref else "1-thread time"
    sec.summary_columns = [col_sp] + ([col_t1] if gm else [])
    for v in ctx.variants:
        vals = [speedups[(w[1], v.name)][n_sum].median for w in WORKLOADS
                if speedups[(w[1], v.name)].get(n_sum)]
        g = geomean(vals)
        sec.summary[v.name] = {col_sp: f"{g:.2f}×" if g else "—"}
        if gm:
            sec.summary[v.name][col_t1] = f"{gm[v.name]:.2f}×" if gm.get(v.name) else "—"
    notes = [status_note(mine, v.name) for v in ctx.variants]
    for v, n in zip(ctx.variants, notes):
        if n:
            sec.notes.append(f"{v.name}: {n} — see the failures at the end.")
    csv_runs = write_csv(ctx.out_dir / "scaling_runs.csv", rows,
                         ["variant", "repeat", "workload", "pattern", "threads", "work", "seconds",
                          "seconds_1", "speedup", "cpu_seconds", "cores", "checksum", "consistent"])
    sec.csv_files = [write_csv(ctx.out_dir / "scaling.csv", agg), csv_runs]
    sec.data = {"rows": agg}
    return sec


def _family_plot(ctx, family, title, names, speedups, counts):
    col = colors(ctx)
    xs = [1] + counts if 1 not in counts else counts
    panels = []
    for name in names:
        series = []
        for v in ctx.variants:
            ys, lo, hi = [], [], []
            for n in xs:
                if n == 1:
                    ys.append(1.0 if any(speedups[(name, v.name)].values()) else None)
                    lo.append(None)
                    hi.append(None)
                    continue
                sp = speedups[(name, v.name)].get(n)
                ys.append(sp.median if sp else None)
                lo.append(sp.min if sp else None)
                hi.append(sp.max if sp else None)
            series.append({"label": v.name, "x": xs, "y": ys, "lo": lo, "hi": hi, "color": col[v.name]})
        series.append({"label": f"ideal (min(N, {ctx.ncpu}))", "x": xs, "y": [ideal(n, ctx.ncpu) for n in xs],
                       "color": "0.5", "style": "--", "reference": True})
        series.append({"label": "no gain", "x": xs, "y": [1.0 for _ in xs], "color": "0.75",
                       "style": ":", "reference": True})
        panels.append({"kind": "line", "title": name, "xlabel": "threads N", "ylabel": "speedup N·T1/TN",
                       "xticks": xs, "ymin": 0, "series": series, "legend": name == names[0],
                       "note": "no successful runs"})
    ncols = 3 if len(panels) >= 3 else len(panels)
    return {"file": f"scaling_{family}.png", "title": f"Thread scaling — {title}", "ncols": ncols,
            "panel_size": [4.2, 3.2], "panels": panels}
