"""Experiment 3 — the GIL switch interval: CPU throughput vs I/O wake-up
latency (issues 3 and 6).

GIL variants only (and CPython as a reference): CPU-bound threads run next
to one I/O thread that sleeps 1 ms in a loop; for each switch interval the
run reports the CPU threads' loop throughput and how late the I/O thread
gets to run Python code after each sleep (p50/p99). A long interval gives
the CPU threads long turns (throughput) and keeps the I/O thread waiting
(latency): the convoy effect.
"""
from ..report import Section, md_table, write_csv
from ..runner import Task
from ..stats import LATENCY_SPREAD, fmt_summary, summarize
from .common import agg_row, colors, program, rows_of, status_note

NAME = "switch-interval"
TITLE = "GIL switch interval: CPU throughput vs I/O wake-up latency"
INTERVALS = [0.0005, 0.001, 0.005, 0.02, 0.05]
CPU_THREADS = 2
IO_SLEEP = 0.001
GOAL_MARGIN = 0.001  # issue 3: p99 <= switch interval + 1 ms


def duration(ctx):
    return 0.5 if ctx.quick else 2.0


def eligible(ctx):
    """(variants to run, notes about skipped ones)."""
    run, notes = [], []
    for v in ctx.variants:
        if v.has_gil is False:
            notes.append(f"{v.name}: skipped — no GIL, so no switch interval to sweep.")
        else:
            run.append(v)
    return run, notes


def plan(ctx):
    tasks = []
    d = duration(ctx)
    run, _ = eligible(ctx)
    for rep in range(1, ctx.repeats + 1):
        for interval in INTERVALS:
            for v in run:
                tasks.append(Task(NAME, v, {"interval": interval, "cpu_threads": CPU_THREADS},
                                  ["--interval", interval, "--cpu-threads", CPU_THREADS,
                                   "--duration", d, "--sleep", IO_SLEEP],
                                  script=program("switch_interval", "latency.py"), repeat=rep,
                                  repeats=ctx.repeats, timeout=30 + 10 * d, estimate=d + 0.15))
    return tasks


def ms(x):
    return None if x is None else x * 1000.0


def analyse(ctx, results):
    d = duration(ctx)
    run, notes = eligible(ctx)
    mine = [r for r in results if r.task.experiment == NAME]
    rows = rows_of(mine)
    sec = Section(NAME, TITLE, intro=(
        f"{CPU_THREADS} CPU-bound threads (a tight Python loop) run for {d} s next to one I/O thread "
        f"that loops `time.sleep({IO_SLEEP})` and records how late it runs Python code after each "
        "wake-up (`experiments/switch_interval/latency.py`), for switch intervals "
        + ", ".join(f"{i * 1000:g}" for i in INTERVALS) + " ms (`sys.setswitchinterval`). "
        "A waiting thread asks the holder to drop the GIL only after a whole interval, so latency "
        "should grow with the interval and throughput (fewer switches) too. Issue 3's goal: "
        "p99 ≤ interval + 1 ms. Latency percentiles of one run come from its wake-ups (few at long "
        "intervals: the `wake-ups` column), so their spread over repeats is large."))
    sec.notes.extend(notes)
    agg, table = [], []
    per = {}
    for interval in INTERVALS:
        for v in run:
            rs = [r for r in rows if r["variant"] == v.name and r.get("interval") == interval]
            thr = summarize([r.get("throughput") for r in rs])
            p50 = summarize([ms(r.get("latency_p50")) for r in rs], LATENCY_SPREAD)
            p99 = summarize([ms(r.get("latency_p99")) for r in rs], LATENCY_SPREAD)
            mx = summarize([ms(r.get("latency_max")) for r in rs], LATENCY_SPREAD)
            wake = summarize([r.get("wakeups") for r in rs])
            drops = summarize([r.get("gil_forced_drops") for r in rs])
            per[(interval, v.name)] = (thr, p50, p99)
            goal = interval * 1000 + GOAL_MARGIN * 1000
            meets = "—" if p99 is None else ("yes" if p99.median <= goal else "no")
            table.append([f"{interval * 1000:g}", v.name,
                          fmt_summary(thr, 1e-6, unit=""), fmt_summary(p50, unit=""), fmt_summary(p99, unit=""),
                          fmt_summary(mx, unit=""), fmt_summary(wake, digits=3), meets,
                          fmt_summary(drops) if drops else "—"])
            agg.append({"interval": interval, "variant": v.name, "cpu_threads": CPU_THREADS,
                        **agg_row("throughput", thr), **agg_row("p50_ms", p50), **agg_row("p99_ms", p99),
                        **agg_row("max_ms", mx), **agg_row("wakeups", wake), "p99_goal_ms": goal})
    sec.add(md_table(["interval (ms)", "variant", "CPU throughput (M it/s)", "wake-up p50 (ms)",
                      "p99 (ms)", "max (ms)", "wake-ups", f"p99 ≤ interval+{GOAL_MARGIN * 1000:g} ms",
                      "GIL forced drops"], table, "rlrrrrrll"))
    for v in run:
        n = status_note(mine, v.name)
        if n:
            sec.notes.append(f"{v.name}: {n} — see the failures at the end.")
    col = colors(ctx)
    xs = [i * 1000 for i in INTERVALS]
    thr_series, lat_series = [], []
    for v in run:
        stats = [per.get((i, v.name), (None, None, None)) for i in INTERVALS]
        thr_series.append({"label": v.name, "x": xs, "color": col[v.name],
                           "y": [s[0].median * 1e-6 if s[0] else None for s in stats],
                           "lo": [s[0].min * 1e-6 if s[0] else None for s in stats],
                           "hi": [s[0].max * 1e-6 if s[0] else None for s in stats]})
        lat_series.append({"label": f"{v.name} p99", "x": xs, "color": col[v.name],
                           "y": [s[2].median if s[2] else None for s in stats],
                           "lo": [s[2].min if s[2] else None for s in stats],
                           "hi": [s[2].max if s[2] else None for s in stats]})
        lat_series.append({"label": f"{v.name} p50", "x": xs, "color": col[v.name], "style": "--",
                           "marker": "s", "y": [s[1].median if s[1] else None for s in stats]})
    lat_series.append({"label": "goal: interval + 1 ms", "x": xs, "y": [x + GOAL_MARGIN * 1000 for x in xs],
                       "color": "0.4", "style": ":", "reference": True})
    sec.plot({"file": "switch_interval.png", "title": "Switch interval: throughput vs latency (the convoy effect)",
              "ncols": 2, "panel_size": [5.4, 4.0],
              "panels": [
                  {"kind": "line", "title": f"CPU throughput ({CPU_THREADS} CPU threads + 1 I/O thread)",
                   "xlabel": "switch interval (ms)", "ylabel": "loop iterations (millions / s)",
                   "xscale": "log", "xticks": xs, "xticklabels": [f"{x:g}" for x in xs], "ymin": 0,
                   "series": thr_series},
                  {"kind": "line", "title": "I/O thread wake-up latency",
                   "xlabel": "switch interval (ms)", "ylabel": "lateness after sleep(1 ms) (ms)",
                   "xscale": "log", "yscale": "log", "xticks": xs, "xticklabels": [f"{x:g}" for x in xs],
                   "series": lat_series},
              ]},
             "Left: CPU threads' throughput (higher is better). Right: how late the I/O thread runs after "
             "each 1 ms sleep — p99 solid, p50 dashed, whiskers min–max over repeats; dotted: issue 3's "
             "goal p99 ≤ interval + 1 ms. Both axes of the right plot are logarithmic.")
    csv_runs = write_csv(ctx.out_dir / "switch_interval_runs.csv", rows,
                         ["variant", "repeat", "interval", "switch_interval_seen", "cpu_threads", "duration",
                          "iterations", "throughput", "wakeups", "latency_p50", "latency_p90", "latency_p99",
                          "latency_max", "latency_mean", "gil_acquisitions", "gil_forced_drops",
                          "gil_drop_requests"])
    sec.csv_files = [write_csv(ctx.out_dir / "switch_interval.csv", agg), csv_runs]
    sec.data = {"rows": agg}
    col_name = "wake-up p99 @5 ms"
    sec.summary_columns = [col_name]
    for v in run:
        p99 = per.get((0.005, v.name), (None, None, None))[2]
        sec.summary[v.name] = {col_name: (f"{p99.median:.2f} ms" + (" ⚠" if p99.wide else "")) if p99 else "—"}
    for v in ctx.variants:
        if v not in run:
            sec.summary[v.name] = {col_name: "n/a (no GIL)"}
    return sec
