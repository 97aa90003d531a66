"""Experiment 5 — Google Benchmark micro-benchmarks (experiments/micro/):
reference counting of each lock policy, the GIL hand-off, alloc/free per
allocator. Runs every micro_* executable found in a variant's build
directory with JSON output, keeps the JSON, and tabulates the medians.
"""
import re
from pathlib import Path

from ..report import Section, md_table, write_csv
from ..runner import Task
from ..stats import fmt_number, fmt_summary, summarize
from .common import colors

NAME = "micro"
TITLE = "Micro-benchmarks (Google Benchmark)"
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def plan(ctx):
    tasks = []
    min_time = 0.02 if ctx.quick else 0.2
    for v in ctx.variants:
        for exe in v.micro:
            name = Path(exe).name
            out = ctx.raw_dir / NAME / v.name / f"{name}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            cmd = [exe, "--benchmark_format=json", f"--benchmark_out={out}", "--benchmark_out_format=json",
                   f"--benchmark_repetitions={ctx.repeats}", f"--benchmark_min_time={min_time}"]
            est = 30 * ctx.repeats * (min_time + 0.05)
            tasks.append(Task(NAME, v, {"binary": name}, [], command=cmd, output="file", out_file=str(out),
                              timeout=max(300.0, est * 10), estimate=est))
    return tasks


def bench_rows(results):
    """One row per benchmark repetition: variant, binary, name, real_ns, cpu_ns, items_per_second."""
    rows = []
    for r in results:
        if not r.ok:
            continue
        for doc in r.records:
            for b in doc.get("benchmarks", []):
                if b.get("run_type", "iteration") != "iteration":
                    continue
                unit = TO_NS.get(b.get("time_unit", "ns"), 1.0)
                rows.append({"variant": r.task.variant.name, "binary": r.task.params["binary"],
                             "name": b.get("run_name") or re.sub(r"/repeats:\d+$", "", b.get("name", "")),
                             "repetition": b.get("repetition_index", 0),
                             "iterations": b.get("iterations"), "real_ns": b.get("real_time", 0) * unit,
                             "cpu_ns": b.get("cpu_time", 0) * unit,
                             "items_per_second": b.get("items_per_second"), "label": b.get("label", "")})
    return rows


def analyse(ctx, results):
    mine = [r for r in results if r.task.experiment == NAME]
    rows = bench_rows(mine)
    sec = Section(NAME, TITLE, intro=(
        "`experiments/micro/micro_*` (Google Benchmark, built with each variant): `BM_Refcount_*` "
        "incref/decref of the variant's lock policy, `BM_Gil_*` the GIL take/drop and the two-thread "
        "hand-off (one iteration = a round trip, two hand-offs), `BM_Alloc_*` alloc+free pairs per size "
        "class and for a realistic size mix — through the variant's allocator policy (`SizeClass`, "
        "`Mix`), the pool allocator directly (`Pool…`) and malloc (`Malloc…`). Time per iteration "
        "(real time) and throughput, median (min–max) over repetitions; raw JSON under `raw/micro/`."))
    have = [v for v in ctx.variants if v.micro]
    for v in ctx.variants:
        if not v.micro and not v.is_reference:
            sec.notes.append(f"{v.name}: no micro-benchmarks — {v.micro_note or 'none built'}.")
    if not have:
        sec.add("_No micro-benchmark binaries were found, so nothing ran._\n")
        return sec
    names = []
    for r in rows:
        if r["name"] not in names:
            names.append(r["name"])
    agg, table = [], []
    per = {}
    for n in names:
        cells = [n]
        for v in have:
            rs = [r for r in rows if r["name"] == n and r["variant"] == v.name]
            t = summarize([r["real_ns"] for r in rs])
            ips = summarize([r["items_per_second"] for r in rs])
            per[(n, v.name)] = (t, ips)
            text = fmt_summary(t, unit=" ns") if t else "—"
            if ips:
                text += f" · {fmt_number(ips.median / 1e6)} M/s"
            cells.append(text)
            if t:
                agg.append({"benchmark": n, "variant": v.name, "real_ns_median": t.median, "real_ns_min": t.min,
                            "real_ns_max": t.max, "real_ns_wide": t.wide,
                            "items_per_second_median": ips.median if ips else None, "repetitions": t.n})
        table.append(cells)
    sec.add(md_table(["benchmark"] + [f"{v.name}: time/iter · items/s" for v in have], table))
    sec.plot(_plot(ctx, have, per, names), "Left: alloc+free pairs per second by block size — the "
             "variant's allocator policy (solid), the pool allocator used directly (dashed), malloc "
             "(dotted). Right: time per iteration of the other benchmarks (log scale).")
    sec.csv_files = [write_csv(ctx.out_dir / "micro.csv", agg),
                     write_csv(ctx.out_dir / "micro_runs.csv", rows)]
    sec.data = {"rows": agg}
    c1, c2 = "alloc mix (M/s)", "GIL hand-off round trip"
    sec.summary_columns = [c1, c2]
    for v in ctx.variants:
        t_mix = per.get(("BM_Alloc_Mix", v.name), (None, None))[1]
        t_gil = next((per[(n, v.name)][0] for n in names
                      if n.startswith("BM_Gil_Handoff") and per.get((n, v.name), (None,))[0]), None)
        sec.summary[v.name] = {c1: fmt_number(t_mix.median / 1e6) if t_mix else "—",
                               c2: f"{fmt_number(t_gil.median / 1000)} µs" if t_gil else "—"}
    return sec


def _plot(ctx, have, per, names):
    col = colors(ctx)
    kinds = [("BM_Alloc_SizeClass/", "-", "policy"), ("BM_Alloc_PoolSizeClass/", "--", "pool"),
             ("BM_Alloc_MallocSizeClass/", ":", "malloc")]
    series = []
    for v in have:
        for prefix, style, label in kinds:
            pts = sorted((int(n[len(prefix):].split("/")[0]), per[(n, v.name)][1].median / 1e6)
                         for n in names if n.startswith(prefix) and n[len(prefix):].split("/")[0].isdigit()
                         and per.get((n, v.name), (None, None))[1])
            if pts:
                series.append({"label": f"{v.name} {label}", "x": [p[0] for p in pts], "y": [p[1] for p in pts],
                               "color": col[v.name], "style": style, "marker": "o"})
    others = [n for n in names if not n.startswith(tuple(k[0] for k in kinds))]
    bars = [{"label": v.name, "color": col[v.name],
             "values": [per[(n, v.name)][0].median if per.get((n, v.name), (None,))[0] else None for n in others]}
            for v in have]
    return {"file": "micro.png", "title": "Micro-benchmarks", "ncols": 2, "panel_size": [6.0, 4.2],
            "panels": [
                {"kind": "line", "title": "alloc + free throughput by size", "xlabel": "block size (bytes)",
                 "ylabel": "M alloc+free pairs / s", "xscale": "log", "ymin": 0, "series": series,
                 "xticks": [16, 32, 64, 128, 256, 512, 1024]},
                {"kind": "bar", "title": "time per iteration", "ylabel": "ns (log)", "yscale": "log",
                 "categories": [o.replace("BM_", "") for o in others], "series": bars, "xrotation": 35},
            ]}
