"""Statistics over repeats: median and min-max, a spread flag, grouping.

spread = (max - min) / |median|. A group whose spread exceeds its threshold
is flagged (wide) and shown with a warning sign in the report, never hidden.
"""
import math
import statistics
from dataclasses import dataclass

# Default spread threshold for times, ratios and throughputs; latency
# percentiles vary more by nature and use LATENCY_SPREAD.
SPREAD = 0.25
LATENCY_SPREAD = 0.75
WIDE_MARK = "⚠"


@dataclass
class Summary:
    n: int
    median: float
    min: float
    max: float
    spread: float      # (max - min) / |median|; inf when the median is 0 and max > min
    wide: bool

    def as_dict(self, prefix=""):
        return {prefix + "n": self.n, prefix + "median": self.median, prefix + "min": self.min,
                prefix + "max": self.max, prefix + "spread": self.spread, prefix + "wide": self.wide}


def summarize(values, threshold=SPREAD):
    """Summary of the numbers in `values` (None entries are skipped); None if there are none."""
    xs = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not xs:
        return None
    med = statistics.median(xs)
    lo, hi = min(xs), max(xs)
    if hi == lo:
        spread = 0.0
    elif med == 0:
        spread = math.inf
    else:
        spread = (hi - lo) / abs(med)
    return Summary(len(xs), med, lo, hi, spread, len(xs) > 1 and spread > threshold)


def geomean(values):
    """Geometric mean of the positive numbers in values (None if there are none)."""
    xs = [float(v) for v in values if v is not None and v > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def group_by(rows, keys):
    """{tuple(row[k] for k in keys): [rows...]}, in first-seen order."""
    out = {}
    for row in rows:
        out.setdefault(tuple(row.get(k) for k in keys), []).append(row)
    return out


def fmt_number(x, digits=3):
    """A short human number: 3 significant digits, no exponent for ordinary sizes."""
    if x is None:
        return "—"
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        return str(x)
    ax = abs(x)
    if ax == 0:
        return "0"
    if ax >= 10 ** digits:
        return f"{x:,.0f}"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(ax))))
    return f"{x:.{decimals}f}"


def fmt_summary(s, scale=1.0, digits=3, unit=""):
    """'1.02 (0.99–1.10)' — median (min–max) — plus the wide-spread mark."""
    if s is None:
        return "—"
    med = fmt_number(s.median * scale, digits)
    if s.n == 1 or s.min == s.max:
        text = med + unit
    else:
        text = f"{med}{unit} ({fmt_number(s.min * scale, digits)}–{fmt_number(s.max * scale, digits)})"
    if s.wide:
        text += " " + WIDE_MARK
    return text
