"""Experiment 1 — the chapter's I/O-bound vs CPU-bound threads (issue 3).

4 threads each sleep S seconds: with the GIL released during sleep they
overlap, ~S in total (not 4S). 4 threads each compute sum(range(W)): under
a GIL ~4x the time of one thread; without one, ~4/min(4, cores)x. The
one-thread and four-thread times come from the same process (one run), so
the ratio is taken within a run.
"""
from ..report import Section, md_table, write_csv
from ..runner import Task
from .common import agg_row, cell, colors, program, rows_of, scaled, status_note

NAME = "chapter"
TITLE = "I/O-bound vs CPU-bound threads (the chapter's experiment)"
THREADS = 4
SCRIPT = ("chapter", "io_vs_cpu.py")


def sizes(ctx):
    sleep = 0.25 if ctx.quick else 1.0
    work = scaled(3_000_000 if ctx.quick else 10_000_000, ctx.scale, 1000)
    return sleep, work


def plan(ctx):
    sleep, work = sizes(ctx)
    tasks = []
    for rep in range(1, ctx.repeats + 1):
        for v in ctx.variants:
            tasks.append(Task(NAME, v, {"mode": "io", "threads": THREADS, "sleep": sleep},
                              ["--threads", THREADS, "--mode", "io", "--sleep", sleep],
                              script=program(*SCRIPT), repeat=rep, repeats=ctx.repeats,
                              timeout=30 + 10 * sleep, estimate=sleep + 0.1))
            est = work * 1.4e-8 * (1 + THREADS) + 0.1
            tasks.append(Task(NAME, v, {"mode": "cpu", "threads": THREADS, "work": work},
                              ["--threads", THREADS, "--mode", "cpu", "--work", work],
                              script=program(*SCRIPT), repeat=rep, repeats=ctx.repeats,
                              timeout=max(60.0, est * 40), estimate=est))
    return tasks


def verdict(ratio, ncpu, cores=None):
    """Reads the 4T/1T ratio, cross-checked with the cores busy (CPU time / wall time):
    on a busy machine the ratio alone can look parallel when it is not."""
    best = THREADS / min(THREADS, ncpu)
    if ratio is None:
        return "—"
    if cores is not None and cores >= 1.5:
        return f"parallel ({cores:.1f} cores busy)"
    if ratio >= 0.85 * THREADS:
        return "serialised (one thread at a time, as under a GIL)"
    if cores is not None and cores < 1.2:
        return (f"serialised: ratio below {THREADS}× but only {cores:.1f} cores busy — "
                "noise (a busy machine?)")
    if ratio <= 1.25 * best:
        return f"parallel (best possible here: {best:.1f}×)"
    return "partly parallel"


def analyse(ctx, results):
    sleep, work = sizes(ctx)
    sec = Section(NAME, TITLE, intro=(
        f"{THREADS} threads each call `time.sleep({sleep})`, then {THREADS} threads each compute "
        f"`sum(range({work:,}))` (`experiments/chapter/io_vs_cpu.py`). Sleeping releases the GIL, so "
        f"the sleeps should overlap (~{sleep} s, not {THREADS * sleep} s). CPU work holds the GIL, so "
        f"under a GIL {THREADS} threads take ~{THREADS}× one thread; without a GIL, on this "
        f"{ctx.ncpu}-core machine, ~{THREADS / min(THREADS, ctx.ncpu):.1f}×. The ratio is taken within "
        f"each run (one process measures one thread, then {THREADS})."))
    rows = rows_of([r for r in results if r.task.experiment == NAME])
    agg, table = [], []
    io_med, ratio_med, io_rng, ratio_rng = [], [], [], []
    for v in ctx.variants:
        io = [r for r in rows if r["variant"] == v.name and r.get("mode") == "io"]
        cpu = [r for r in rows if r["variant"] == v.name and r.get("mode") == "cpu"]
        io_cell, io_s = cell([r.get("seconds") for r in io], unit=" s")
        one_cell, one_s = cell([r.get("seconds_one") for r in cpu], unit=" s")
        four_cell, four_s = cell([r.get("seconds") for r in cpu], unit=" s")
        ratio_cell, ratio_s = cell([r.get("ratio") for r in cpu], digits=3, unit="×")
        cores_cell, cores_s = cell([r.get("cores") for r in cpu], digits=2)
        sums_ok = "—" if not cpu else ("yes" if all(r.get("checksum_ok") for r in cpu) else "**NO**")
        note = status_note([r for r in results if r.task.experiment == NAME], v.name)
        table.append([v.name, io_cell, one_cell, four_cell, ratio_cell, cores_cell,
                      verdict(ratio_s.median if ratio_s else None, ctx.ncpu, cores_s.median if cores_s else None),
                      sums_ok, note])
        agg.append({"variant": v.name, "sleep": sleep, "work": work, "threads": THREADS,
                    **agg_row("io_seconds", io_s), **agg_row("cpu_one_seconds", one_s),
                    **agg_row("cpu_seconds", four_s), **agg_row("cpu_ratio", ratio_s),
                    **agg_row("cpu_cores_busy", cores_s),
                    "sums_ok": sums_ok == "yes"})
        sec.summary[v.name] = {f"I/O {THREADS}×sleep({sleep})": io_cell.split(" (")[0] + (" ⚠" if io_s and io_s.wide else ""),
                               f"CPU {THREADS}T/1T": ratio_cell.split(" (")[0] + (" ⚠" if ratio_s and ratio_s.wide else "")}
        io_med.append(io_s.median if io_s else None)
        io_rng.append((io_s.min, io_s.max) if io_s else (None, None))
        ratio_med.append(ratio_s.median if ratio_s else None)
        ratio_rng.append((ratio_s.min, ratio_s.max) if ratio_s else (None, None))
    sec.summary_columns = [f"I/O {THREADS}×sleep({sleep})", f"CPU {THREADS}T/1T"]
    sec.add(md_table(["variant", f"{THREADS}× sleep({sleep}) wall", "1 thread sum(range)",
                      f"{THREADS} threads", f"ratio {THREADS}T/1T", "cores busy", "reading", "sums correct",
                      "failures"], table, "lrrrrrlll"))
    sec.add(f"Ideal I/O time {sleep} s; fully serial {THREADS * sleep} s. "
            f"Ratio {THREADS}.0 = no parallelism; {THREADS / min(THREADS, ctx.ncpu):.1f} = perfect on "
            f"{ctx.ncpu} cores. *Cores busy* = process CPU time / wall time while the {THREADS} threads "
            "run: ~1 when they take turns, up to the core count when they run in parallel (less when "
            "other processes compete for the CPUs).\n")
    csv_runs = write_csv(ctx.out_dir / "chapter_runs.csv", rows,
                         ["variant", "repeat", "mode", "threads", "sleep", "work", "seconds",
                          "seconds_one", "ratio", "cpu_seconds", "cores", "overlap", "checksum_ok"])
    csv_agg = write_csv(ctx.out_dir / "chapter.csv", agg)
    sec.csv_files = [csv_agg, csv_runs]
    sec.data = {"rows": agg}
    col = colors(ctx)
    names = [v.name for v in ctx.variants]
    best = THREADS / min(THREADS, ctx.ncpu)
    sec.plot({
        "file": "chapter.png", "title": f"The chapter's experiment: {THREADS} threads", "ncols": 2,
        "panel_size": [max(4.5, 1.1 * len(names) + 2.5), 3.8],
        "panels": [
            {"kind": "bar", "title": f"I/O: {THREADS} threads × sleep({sleep})", "ylabel": "wall time (s)",
             "categories": names, "legend": True, "xrotation": 20 if len(names) > 3 else 0,
             "value_labels": True, "value_format": "{:.3g} s",
             "series": [{"label": "median (min–max)", "values": io_med, "lo": [a for a, _ in io_rng],
                         "hi": [b for _, b in io_rng], "color": [col[n] for n in names]}],
             "hlines": [{"y": sleep, "label": f"ideal: overlapped ({sleep} s)", "color": "green"},
                        {"y": THREADS * sleep, "label": f"serial ({THREADS * sleep} s)", "color": "red"}]},
            {"kind": "bar", "title": f"CPU: {THREADS} threads × sum(range({work:,})) vs 1 thread",
             "ylabel": f"time ratio {THREADS}T / 1T", "categories": names, "xrotation": 20 if len(names) > 3 else 0,
             "value_labels": True, "value_format": "{:.2f}×",
             "series": [{"label": "median (min–max)", "values": ratio_med, "lo": [a for a, _ in ratio_rng],
                         "hi": [b for _, b in ratio_rng], "color": [col[n] for n in names]}],
             "hlines": [{"y": THREADS, "label": f"serialised, as under a GIL ({THREADS}×)", "color": "red"},
                        {"y": best, "label": f"perfectly parallel on {ctx.ncpu} cores ({best:.1f}×)",
                         "color": "green"}]},
        ]}, f"Left: wall time of {THREADS} sleeping threads (lower is better; the sleeps should overlap). "
            f"Right: {THREADS} CPU-bound threads relative to one (lower is better; {THREADS}× = no parallelism). "
            "Bars: median over repeats; whiskers: min–max.")
    return sec
