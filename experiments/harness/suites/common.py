"""Helpers shared by the suites: the run context, result rows, cells."""
from dataclasses import dataclass, field
from pathlib import Path

from .. import EXPERIMENTS
from ..stats import fmt_summary, summarize


@dataclass
class Context:
    quick: bool
    repeats: int
    threads: list            # thread counts for the scaling experiment
    scale: float             # work-size multiplier
    ncpu: int
    variants: list           # usable Variants, CPython reference last
    out_dir: Path
    raw_dir: Path
    skipped: list = field(default_factory=list)   # Variants that could not be built

    def gilkit_variants(self):
        return [v for v in self.variants if not v.is_reference]

    def reference_variant(self):
        """The variant other variants are compared with: gil-pymalloc, else the first non-CPython one."""
        for v in self.variants:
            if v.name == "gil-pymalloc":
                return v
        gk = self.gilkit_variants()
        return gk[0] if gk else (self.variants[0] if self.variants else None)


def program(*parts):
    return str(EXPERIMENTS.joinpath(*parts))


def scaled(n, scale, minimum=1):
    return max(minimum, int(round(n * scale)))


def rows_of(results, mode_key=None):
    """One dict per successful run's JSON record, with variant/repeat/status added."""
    rows = []
    for r in results:
        if not r.ok:
            continue
        for rec in r.records:
            row = dict(rec)
            row["variant"] = r.task.variant.name
            row["repeat"] = r.task.repeat
            # The harness's parameters name the configuration (a program may
            # describe itself differently, e.g. "shared_objects/read_dict").
            for k, v in r.task.params.items():
                if k in row and row[k] != v:
                    row[k + "_reported"] = row[k]
                row[k] = v
            rows.append(row)
    return rows


def cell(values, scale=1.0, digits=3, unit="", threshold=None):
    s = summarize(values) if threshold is None else summarize(values, threshold)
    return fmt_summary(s, scale, digits, unit), s


def variant_names(ctx):
    return [v.name for v in ctx.variants]


def colors(ctx):
    return {v.name: v.color for v in ctx.variants}


def status_note(results, variant):
    """'3 of 4 runs failed (unsupported)' for a variant, or ''."""
    mine = [r for r in results if r.task.variant.name == variant]
    bad = [r for r in mine if not r.ok]
    if not bad:
        return ""
    kinds = sorted({r.status for r in bad})
    return f"{len(bad)} of {len(mine)} runs did not succeed ({', '.join(kinds)})"


def agg_row(prefix, s):
    """Flattens a Summary into CSV columns prefix_median, prefix_min, prefix_max, prefix_spread, prefix_wide."""
    if s is None:
        return {f"{prefix}_median": None, f"{prefix}_min": None, f"{prefix}_max": None,
                f"{prefix}_n": 0}
    return {f"{prefix}_median": s.median, f"{prefix}_min": s.min, f"{prefix}_max": s.max,
            f"{prefix}_spread": round(s.spread, 4) if s.spread != float("inf") else None,
            f"{prefix}_wide": s.wide, f"{prefix}_n": s.n}
