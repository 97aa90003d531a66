"""Experiment 4 — allocator fragmentation (issue 4).

Each workload stops at a phase (start, peak, freed, ...) and exits; gilkit
runs it with -X mallocstats=json, so the allocator's report at exit
describes that phase (the workload parks its objects on `sys` so they
survive the shutdown of __main__). The program itself prints the process
RSS at the phase under any interpreter (CPython reference: RSS only).
"""
from ..report import Section, md_table, write_csv
from ..runner import Task
from ..stats import fmt_number, summarize
from .common import colors, program, scaled, status_note

NAME = "fragmentation"
TITLE = "Allocator fragmentation: RSS vs live bytes"
MB = 1024 * 1024
# (workload, script, phases the harness measures, size --quick, size full)
WORKLOADS = [
    ("squares", "squares.py", ["start", "peak", "freed"], 100_000, 1_000_000),  # chapter; issue 4: 1M
    ("checkerboard", "checkerboard.py", ["start", "peak", "holes", "refill", "freed"], 100_000, 300_000),
    ("growing", "growing.py", ["start", "peak", "freed"], 1_000, 3_000),
    ("lifetimes", "lifetimes.py", ["start", "peak", "freed", "released", "collected"], 150_000, 500_000),
]
REPORT_FIELDS = ["requested_bytes", "requested_blocks", "live_block_bytes", "free_in_pages_bytes",
                 "empty_pages_bytes", "overhead_bytes", "region_reserved_bytes", "large_bytes",
                 "large_blocks", "os_reserved_bytes", "os_committed_bytes", "arenas_current",
                 "arenas_highwater", "arenas_reclaimed"]
CLASS_PLOT = ("checkerboard", ["peak", "holes", "refill"])


def plan(ctx):
    tasks = []
    for rep in range(1, ctx.repeats + 1):
        for name, script, phases, qsize, fsize in WORKLOADS:
            size = scaled(qsize if ctx.quick else fsize, ctx.scale, 10)
            for phase in phases:
                for v in ctx.variants:
                    est = 0.1 + size * (2e-6 if name != "growing" else 2e-4)
                    tasks.append(Task(NAME, v, {"workload": name, "phase": phase, "size": size},
                                      ["--phase", phase, "--size", size],
                                      script=program("fragmentation", script), repeat=rep,
                                      repeats=ctx.repeats, timeout=max(60.0, est * 40), estimate=est,
                                      mallocstats=True))
    return tasks


def run_rows(results):
    """One row per successful run: the record of the requested phase + the allocator report."""
    rows = []
    for r in results:
        if not r.ok:
            continue
        want = r.task.params["phase"]
        recs = [x for x in r.records if x.get("phase") == want]
        if not recs:
            continue
        row = dict(recs[-1])
        row["variant"] = r.task.variant.name
        row["repeat"] = r.task.repeat
        rep = r.malloc_report
        row["has_report"] = rep is not None
        row["rss_from_program"] = row.get("rss_bytes") is not None
        if rep:
            row["allocator"] = rep.get("allocator")
            for f in REPORT_FIELDS:
                row[f] = rep.get(f)
            if row.get("rss_bytes") is None:
                row["rss_bytes"] = rep.get("rss_bytes")
            row["exit_rss_bytes"] = rep.get("rss_bytes")
            row["peak_rss_bytes"] = rep.get("peak_rss_bytes")
            row["classes"] = rep.get("classes") or []
        rows.append(row)
    return rows


def utilisation(row):
    used = row.get("live_block_bytes")
    free = row.get("free_in_pages_bytes")
    empty = row.get("empty_pages_bytes")
    if used is None or free is None or empty is None or used + free + empty == 0:
        return None
    return used / (used + free + empty)


def med(rows, key):
    s = summarize([r.get(key) for r in rows])
    return s.median if s else None


def mb(x):
    return fmt_number(x / MB) if x is not None else "—"


def analyse(ctx, results):
    mine = [r for r in results if r.task.experiment == NAME]
    rows = run_rows(mine)
    sec = Section(NAME, TITLE, intro=(
        "Each workload (`experiments/fragmentation/`) stops at a phase and exits; gilkit's "
        "`-X mallocstats=json` report at exit describes that phase. **RSS** is what the process "
        "holds from the OS; **live** is what live objects asked for; the small-object region is "
        "split into bytes in live blocks, free blocks inside used pools/pages, empty pools/pages "
        "and overhead (headers, alignment). Utilisation = live blocks / (live + free + empty). "
        "A good allocator returns memory after `freed` (RSS back near `start`) and keeps "
        "utilisation high when half the objects die (`holes`). The CPython reference reports RSS only."))
    for v in ctx.variants:
        n = status_note(mine, v.name)
        if n:
            sec.notes.append(f"{v.name}: {n} — see the failures at the end.")
    no_gc = sorted({r["variant"] for r in rows if r.get("has_gc") is False})
    if no_gc:
        sec.notes.append("No gc module in " + ", ".join(no_gc) + ": `collected` is the same state as "
                         "the phase before it (reference cycles stay).")
    no_rss = sorted({r["variant"] for r in rows if not r["rss_from_program"] and r.get("has_report")})
    if no_rss:
        sec.notes.append("RSS for " + ", ".join(no_rss) + " is the allocator report's, at exit (the program "
                         "could not read /proc/self/statm: no open() in that interpreter).")
    missing = sorted({r["variant"] for r in rows if not r["has_report"]}
                     - {v.name for v in ctx.variants if v.is_reference})
    if missing:
        sec.notes.append("No -X mallocstats=json report from: " + ", ".join(missing)
                         + " (an interpreter that ignores -X mallocstats, or a build without it): RSS only.")
    agg = []
    by = {}
    with_report = any(r["has_report"] for r in rows)
    for name, script, phases, qsize, fsize in WORKLOADS:
        table = []
        for v in ctx.variants:
            for phase in phases:
                rs = [r for r in rows if r.get("workload") == name and r.get("phase") == phase
                      and r["variant"] == v.name]
                entry = {"workload": name, "variant": v.name, "phase": phase, "runs": len(rs)}
                for key in ["rss_bytes"] + REPORT_FIELDS:
                    entry[key] = med(rs, key)
                util = summarize([utilisation(r) for r in rs])
                entry["utilisation"] = util.median if util else None
                rss = summarize([r.get("rss_bytes") for r in rs])
                entry["rss_wide"] = bool(rss and rss.wide)
                # Live allocations: the allocator's count (gilkit) or sys.getallocatedblocks() (CPython).
                entry["live_blocks"] = entry["requested_blocks"]
                if entry["live_blocks"] is None:
                    entry["live_blocks"] = med(rs, "allocated_blocks")
                by[(name, v.name, phase)] = (entry, rs)
                agg.append(entry)
                cells = [v.name, phase, mb(entry["rss_bytes"]) + (" ⚠" if entry["rss_wide"] else ""),
                         fmt_number(entry["live_blocks"])]
                if with_report:
                    cells += [mb(entry["requested_bytes"]), mb(entry["live_block_bytes"]),
                              mb(entry["free_in_pages_bytes"]), mb(entry["empty_pages_bytes"]),
                              mb(entry["overhead_bytes"]), mb(entry["region_reserved_bytes"]),
                              mb(entry["large_bytes"]),
                              f"{entry['utilisation'] * 100:.0f} %" if entry["utilisation"] is not None else "—"]
                table.append(cells)
        size = scaled(qsize if ctx.quick else fsize, ctx.scale, 10)
        sec.add(f"### {name} (size {size:,})\n")
        headers = ["variant", "phase", "RSS MB", "live blocks"]
        if with_report:
            headers += ["live MB", "in live blocks MB", "free in pools MB", "empty pools MB", "overhead MB",
                        "region reserved MB", "large MB", "utilisation"]
        sec.add(md_table(headers, table, "ll" + "r" * (len(headers) - 2)))
    # Side by side: what each variant keeps after freeing.
    side = []
    for name, script, phases, qsize, fsize in WORKLOADS:
        cells = [name]
        for v in ctx.variants:
            s = by.get((name, v.name, "start"), ({}, []))[0].get("rss_bytes")
            p = by.get((name, v.name, "peak"), ({}, []))[0].get("rss_bytes")
            f = by.get((name, v.name, "freed"), ({}, []))[0].get("rss_bytes")
            if s and p and f:
                cells.append(f"{mb(s)} → {mb(p)} → {mb(f)} MB ({f / s:.2f}× start)")
            else:
                cells.append("—")
        side.append(cells)
    sec.add("### Side by side: RSS at start → peak → after freeing\n")
    sec.add(md_table(["workload"] + [v.name for v in ctx.variants], side, "l" + "l" * len(ctx.variants)))
    sec.plot(_memory_plot(ctx, by), "RSS (solid) and bytes requested by live objects (hatched, gilkit "
             "builds with -X mallocstats=json) at each phase; median over repeats. The gap between a "
             "variant's two bars is what the allocator and the interpreter hold beyond live data.")
    if any(r.get("classes") for r in rows):
        sec.plot(_class_plot(ctx, by), f"Per-size-class utilisation (blocks in use / blocks in the "
                 f"class's pools or pages) for {CLASS_PLOT[0]}, from the allocator's report. After `holes` "
                 "every other object is gone: pools stay half full, which RSS cannot show.")
    else:
        sec.add("_No per-size-class plot: no variant produced an allocator report with size classes._\n")
    csv_runs = write_csv(ctx.out_dir / "fragmentation_runs.csv", rows,
                         ["variant", "repeat", "workload", "phase", "size", "rss_bytes", "allocated_blocks",
                          "has_report", "allocator"] + REPORT_FIELDS + ["exit_rss_bytes", "peak_rss_bytes"])
    class_rows = []
    for r in rows:
        for c in r.get("classes") or []:
            class_rows.append({"variant": r["variant"], "repeat": r["repeat"], "workload": r.get("workload"),
                               "phase": r.get("phase"), **c})
    sec.csv_files = [write_csv(ctx.out_dir / "fragmentation.csv", agg), csv_runs,
                     write_csv(ctx.out_dir / "fragmentation_classes.csv", class_rows,
                               ["variant", "repeat", "workload", "phase", "block_size", "pages",
                                "blocks_used", "blocks_free"])]
    sec.data = {"rows": agg}
    c1, c2 = "RSS after free / start (squares)", "utilisation @holes (checkerboard)"
    sec.summary_columns = [c1, c2]
    for v in ctx.variants:
        s = by.get(("squares", v.name, "start"), ({}, []))[0].get("rss_bytes")
        f = by.get(("squares", v.name, "freed"), ({}, []))[0].get("rss_bytes")
        u = by.get(("checkerboard", v.name, "holes"), ({}, []))[0].get("utilisation")
        sec.summary[v.name] = {c1: f"{f / s:.2f}×" if s and f else "—",
                               c2: f"{u * 100:.0f} %" if u is not None else "—"}
    return sec


def _memory_plot(ctx, by):
    col = colors(ctx)
    panels = []
    for name, script, phases, qsize, fsize in WORKLOADS:
        series = []
        for v in ctx.variants:
            rss = [by.get((name, v.name, p), ({}, []))[0].get("rss_bytes") for p in phases]
            live = [by.get((name, v.name, p), ({}, []))[0].get("requested_bytes") for p in phases]
            series.append({"label": f"{v.name} RSS", "values": [x / MB if x is not None else None for x in rss],
                           "color": col[v.name]})
            if any(x is not None for x in live):
                series.append({"label": f"{v.name} live", "values": [x / MB if x is not None else None for x in live],
                               "color": col[v.name], "hatch": "///"})
        panels.append({"kind": "bar", "title": name, "ylabel": "MB", "categories": phases, "series": series,
                       "legend": name == WORKLOADS[0][0]})
    return {"file": "fragmentation_memory.png", "title": "Memory at each phase: RSS vs live bytes",
            "ncols": 2, "panel_size": [max(5.0, 0.5 * len(ctx.variants) * 2 + 3.5), 3.6], "panels": panels}


def _class_plot(ctx, by):
    col = colors(ctx)
    name, phases = CLASS_PLOT
    panels = []
    for phase in phases:
        series = []
        for v in ctx.variants:
            entry, rs = by.get((name, v.name, phase), ({}, []))
            classes = next((r.get("classes") for r in rs if r.get("classes")), None)
            if not classes:
                continue
            xs, ys = [], []
            for c in sorted(classes, key=lambda c: c.get("block_size", 0)):
                used, free = c.get("blocks_used") or 0, c.get("blocks_free") or 0
                if used + free == 0:
                    continue
                xs.append(c.get("block_size"))
                ys.append(100.0 * used / (used + free))
            series.append({"label": v.name, "x": xs, "y": ys, "color": col[v.name]})
        panels.append({"kind": "line", "title": f"{name}: {phase}", "xlabel": "block size (bytes)",
                       "ylabel": "blocks in use (%)", "ymin": 0, "ymax": 104, "series": series,
                       "note": "no allocator report (-X mallocstats=json) from any variant"})
    return {"file": "fragmentation_size_classes.png", "title": "Per-size-class utilisation",
            "ncols": 3, "panel_size": [4.4, 3.4], "panels": panels}
