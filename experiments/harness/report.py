"""Writing results: CSV and JSON files, markdown tables, report.md.

Each suite's analyse() returns a Section; write_report() puts the sections
together with the summary table, the environment, the variants and every
failed run (with the tail of its stderr).
"""
import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Section:
    name: str                    # suite name
    title: str
    intro: str = ""              # what it measures, in a sentence or two
    body: list = field(default_factory=list)       # markdown blocks, in order
    plots: list = field(default_factory=list)      # figure specs (plots.py)
    csv_files: list = field(default_factory=list)  # written by the suite
    summary: dict = field(default_factory=dict)    # {variant: {column: text}}
    summary_columns: list = field(default_factory=list)
    notes: list = field(default_factory=list)      # e.g. skipped variants
    data: dict = field(default_factory=dict)       # aggregated results for results.json

    def add(self, text):
        self.body.append(text)

    def plot(self, spec, caption):
        spec = dict(spec)
        spec["caption"] = caption
        self.plots.append(spec)
        self.body.append({"plot": spec["file"], "caption": caption})


def md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def md_table(headers, rows, align=None):
    """A GitHub-flavoured markdown table. align: string of 'l'/'r' per column."""
    if not rows:
        return "_(no data)_\n"
    align = align or ("l" + "r" * (len(headers) - 1))
    sep = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |",
             "| " + " | ".join(sep) + " |"]
    for r in rows:
        cells = [md_escape(c) for c in r] + [""] * (len(headers) - len(r))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def text_table(headers, rows):
    """A plain fixed-width table for the terminal."""
    cols = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) if i < len(row) else 0 for row in cols) for i in range(len(headers))]
    out = []
    for j, row in enumerate(cols):
        out.append("  ".join((row[i] if i < len(row) else "").ljust(widths[i]) if i == 0
                             else (row[i] if i < len(row) else "").rjust(widths[i])
                             for i in range(len(headers))))
        if j == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _clean(value):
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return None
    return value


def write_csv(path, rows, fields=None):
    """rows: list of dicts. Columns: `fields`, or every key in first-seen order."""
    path = Path(path)
    if fields is None:
        fields = []
        for r in rows:
            for k in r:
                if k not in fields:
                    fields.append(k)
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: _clean(r.get(k)) for k in fields})
    return path


def _json_default(o):
    if hasattr(o, "as_dict"):
        return o.as_dict()
    if hasattr(o, "describe"):
        return o.describe()
    return str(o)


def write_json(path, obj):
    def clean(o):
        if isinstance(o, float):
            return _clean(o)
        if isinstance(o, dict):
            return {str(k): clean(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [clean(v) for v in o]
        return o
    Path(path).write_text(json.dumps(clean(json.loads(json.dumps(obj, default=_json_default))), indent=1))
    return path


def summary_rows(sections, variants):
    """(headers, rows) of the short summary table: one row per variant."""
    columns = []
    for s in sections:
        for c in s.summary_columns:
            if c not in columns:
                columns.append(c)
    rows = []
    for v in variants:
        cells = [v.name if v.usable else f"{v.name} ({v.status.replace('-', ' ')})"]
        for c in columns:
            text = "—"
            for s in sections:
                if c in s.summary_columns:
                    text = s.summary.get(v.name, {}).get(c, text)
            cells.append(text)
        rows.append(cells)
    return ["variant"] + columns, rows


def failures_block(results):
    bad = [r for r in results if not r.ok]
    if not bad:
        return "Every run succeeded.\n"
    counts = {}
    for r in bad:
        counts[r.status] = counts.get(r.status, 0) + 1
    out = [f"{len(bad)} of {len(results)} runs did not succeed "
           f"({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}). "
           "Their rows are missing from the tables above; raw JSON is under `raw/`.\n"]
    # One entry per (experiment, variant, status, stderr tail): repeats fail alike.
    seen = {}
    for r in bad:
        key = (r.task.experiment, r.task.variant.name, r.status, r.stderr_tail)
        seen.setdefault(key, []).append(r)
    for (exp, var, status, err), runs in seen.items():
        first = runs[0]
        params = "; ".join(" ".join(f"{k}={v}" for k, v in x.task.params.items()) for x in runs[:4])
        if len(runs) > 4:
            params += f"; … ({len(runs)} runs)"
        out.append(f"**{exp} / {var}: {status}** — {first.note} — {params}\n")
        out.append("```\n$ " + " ".join(first.command) + "\n" + (err or "(no stderr)") + "\n```\n")
    return "\n".join(out)


def render_body(section, plot_files, plot_problem):
    out = []
    for block in section.body:
        if isinstance(block, dict) and "plot" in block:
            if block["plot"] in plot_files:
                out.append(f"![{block['caption']}](plots/{block['plot']})\n\n*{block['caption']}*\n")
            else:
                out.append(f"_(plot `{block['plot']}` not drawn: {plot_problem or 'see the log'})_\n")
        else:
            out.append(block)
    # A blank line between blocks: a markdown table must not follow a paragraph directly.
    return "\n".join(b.rstrip("\n") + "\n" for b in out)


def write_report(path, *, title, command, started, duration, env_rows, variants, sections,
                 results, plot_files, plot_problem, interrupted=False, harness_errors=(), warnings=()):
    md = [f"# {title}\n",
          f"- command: `{command}`",
          f"- started: {started}; took {duration}",
          f"- runs: {len(results)} ({sum(1 for r in results if r.ok)} succeeded)"
          + (" — **interrupted**: the tables cover what ran" if interrupted else ""),
          "- every table shows **median (min–max)** over the repeats; "
          "⚠ marks a spread (max−min)/median above the threshold (25 %; 75 % for latency "
          "percentiles) — treat those numbers with care",
          ""]
    for w in warnings:
        md.append(f"> **Warning:** {w}\n")
    headers, rows = summary_rows(sections, variants)
    md += ["## Summary\n", md_table(headers, rows)]
    if plot_problem:
        md.append(f"> **Plots:** {plot_problem}\n")
    for e in harness_errors:
        md.append(f"> **Harness error:** {e}\n")
    md += ["## Environment\n", md_table(["", ""], env_rows, "ll")]
    vrows = []
    for v in variants:
        opts = ", ".join(f"{k}={val}" for k, val in sorted(v.options.items()))
        vrows.append([v.name, v.status + (f": {v.reason}" if v.reason else ""), v.version or "",
                      opts, v.binary or ""])
    md += ["## Variants\n", md_table(["variant", "status", "version", "options", "binary"], vrows, "lllll")]
    for i, s in enumerate(sections, 1):
        md.append(f"## {i}. {s.title}\n")
        if s.intro:
            md.append(s.intro + "\n")
        for n in s.notes:
            md.append(f"> {n}\n")
        md.append(render_body(s, plot_files, plot_problem))
        if s.csv_files:
            md.append("Data: " + ", ".join(f"[`{Path(c).name}`]({Path(c).name})" for c in s.csv_files) + "\n")
    md += ["## Failed, unsupported and timed-out runs\n", failures_block(results)]
    Path(path).write_text("\n".join(md).rstrip() + "\n")
    return path
