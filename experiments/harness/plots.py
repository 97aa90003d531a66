"""Plots: the harness describes each figure as a JSON spec; this module
renders the specs to PNG with matplotlib.

matplotlib comes from Debian's python3-matplotlib, which installs for
Debian's own /usr/bin/python3 — not necessarily the first python3 on PATH
(here a pyenv 3.11 without it). find_plot_python() looks for an interpreter
that can import matplotlib ($GILKIT_PLOT_PYTHON alone when it is set;
else this interpreter, python3 on PATH, /usr/bin/python3) and render() runs this file as a script
under it: `PYTHON plots.py SPECS.json` (only the standard library and
matplotlib are imported on that path).

Spec of one figure:
  {"file": "x.png", "title": "...", "ncols": 2, "panel_size": [5, 3.6],
   "panels": [PANEL, ...]}
PANEL (kind "line"):
  {"kind": "line", "title", "xlabel", "ylabel", "xscale": "linear"|"log", "yscale",
   "xticks": [...] (optional), "note": "text shown when there is no data",
   "series": [{"label", "x": [...], "y": [...], "lo": [...], "hi": [...] (optional
               min-max bars), "color", "style": "-", "marker": "o"}]}
PANEL (kind "bar"): grouped bars
  {"kind": "bar", "title", "ylabel", "yscale", "categories": [...],
   "series": [{"label", "values": [...], "lo": [...], "hi": [...], "color", "hatch"}],
   "hlines": [{"y", "label", "color", "style"}], "value_labels": true, "value_format": "{:.2f}"}
Missing values are null.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

INSTALL_HINT = ("no Python interpreter with matplotlib found (tried {tried}); install Debian's "
                "python3-matplotlib (`sudo apt-get install python3-matplotlib`, or scripts/setup) "
                "— it installs for /usr/bin/python3")
_cache = {}


def candidates():
    env = os.environ.get("GILKIT_PLOT_PYTHON")
    if env:  # an explicit choice: only that interpreter
        return [env]
    out = [sys.executable]
    which = shutil.which("python3")
    if which:
        out.append(which)
    out.append("/usr/bin/python3")
    seen, uniq = set(), []
    for c in out:
        if c and c not in seen:
            seen.add(c)
            uniq.append(c)
    return uniq


def find_plot_python(cands=None):
    """(python, matplotlib version) of the first candidate that imports matplotlib, or (None, hint)."""
    key = tuple(cands or candidates())
    if key in _cache:
        return _cache[key]
    result = None
    for c in key:
        try:
            p = subprocess.run([c, "-c", "import matplotlib; print(matplotlib.__version__)"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if p.returncode == 0 and p.stdout.strip():
            result = (c, p.stdout.strip())
            break
    if result is None:
        result = (None, INSTALL_HINT.format(tried=", ".join(key)))
    _cache[key] = result
    return result


def render(specs, out_dir, python=None):
    """Renders the figure specs into out_dir. Returns (files written, problem or '')."""
    if not specs:
        return [], ""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if python is None:
        python, info = find_plot_python()
        if python is None:
            return [], info
    spec_file = out_dir / "plot_specs.json"
    spec_file.write_text(json.dumps(specs, indent=1))
    try:
        p = subprocess.run([python, str(Path(__file__).resolve()), str(spec_file), str(out_dir)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], f"plotting failed: {e}"
    written = [l[len("wrote "):] for l in p.stdout.splitlines() if l.startswith("wrote ")]
    problem = ""
    if p.returncode != 0:
        problem = "plotting failed: " + "\n".join(p.stderr.strip().splitlines()[-8:])
    return written, problem


# ------------------------------------------------------------ the renderer
# (runs under the interpreter that has matplotlib)

def _pairs(xs, ys, los=None, his=None):
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        if x is None or y is None:
            continue
        lo = los[i] if los and i < len(los) and los[i] is not None else y
        hi = his[i] if his and i < len(his) and his[i] is not None else y
        rows.append((x, y, lo, hi))
    return rows


def _line_panel(ax, panel):
    drawn = 0
    for s in panel.get("series", []):
        rows = _pairs(s.get("x", []), s.get("y", []), s.get("lo"), s.get("hi"))
        if not rows:
            continue
        xs = [r[0] for r in rows]
        ys = [r[1] for r in rows]
        style = s.get("style", "-")
        kw = dict(color=s.get("color"), linestyle=style, label=s.get("label"),
                  marker=s.get("marker", "o" if style == "-" else None), markersize=4,
                  linewidth=s.get("linewidth", 1.6))
        if s.get("lo") or s.get("hi"):
            yerr = [[max(0.0, y - r[2]) for y, r in zip(ys, rows)],
                    [max(0.0, r[3] - y) for y, r in zip(ys, rows)]]
            ax.errorbar(xs, ys, yerr=yerr, capsize=2.5, elinewidth=0.9, **kw)
        else:
            ax.plot(xs, ys, **kw)
        if not s.get("reference"):
            drawn += 1
    return drawn


def _bar_panel(ax, panel):
    cats = panel.get("categories", [])
    series = panel.get("series", [])
    n = max(1, len(series))
    width = 0.8 / n
    drawn = 0
    for i, s in enumerate(series):
        vals = s.get("values", [])
        xs, hs, lo_err, hi_err = [], [], [], []
        for j, v in enumerate(vals):
            if v is None:
                continue
            xs.append(j - 0.4 + width * (i + 0.5))
            hs.append(v)
            lo = (s.get("lo") or [None] * len(vals))[j]
            hi = (s.get("hi") or [None] * len(vals))[j]
            lo_err.append(max(0.0, v - lo) if lo is not None else 0.0)
            hi_err.append(max(0.0, hi - v) if hi is not None else 0.0)
        if not xs:
            continue
        kw = dict(width=width * 0.95, color=s.get("color"), label=s.get("label"),
                  hatch=s.get("hatch"), edgecolor="black" if s.get("hatch") else None, linewidth=0.4)
        if any(lo_err) or any(hi_err):
            kw.update(yerr=[lo_err, hi_err], capsize=2, error_kw={"elinewidth": 0.8})
        bars = ax.bar(xs, hs, **kw)
        if panel.get("value_labels"):
            fmt = panel.get("value_format", "{:.2f}")
            for rect, v, up in zip(bars, hs, hi_err):
                # Above the whisker, so that the number stays readable.
                ax.annotate(fmt.format(v), (rect.get_x() + rect.get_width() / 2, v + up), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", fontsize=7)
        drawn += 1
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels(cats, rotation=panel.get("xrotation", 0),
                       ha="right" if panel.get("xrotation") else "center", fontsize=8)
    for h in panel.get("hlines", []):
        ax.axhline(h["y"], color=h.get("color", "0.4"), linestyle=h.get("style", "--"),
                   linewidth=1.0, label=h.get("label"))
    return drawn


def render_figure(spec, out_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = spec.get("panels", [])
    ncols = max(1, min(spec.get("ncols", 2), len(panels) or 1))
    nrows = max(1, (len(panels) + ncols - 1) // ncols)
    pw, ph = spec.get("panel_size", [5.0, 3.6])
    fig, axes = plt.subplots(nrows, ncols, figsize=(pw * ncols, ph * nrows + 0.6), squeeze=False,
                             constrained_layout=True)
    for idx, ax in enumerate(axes.flat):
        if idx >= len(panels):
            ax.set_visible(False)
            continue
        panel = panels[idx]
        drawn = _bar_panel(ax, panel) if panel.get("kind") == "bar" else _line_panel(ax, panel)
        ax.set_title(panel.get("title", ""), fontsize=10)
        ax.set_xlabel(panel.get("xlabel", ""), fontsize=9)
        ax.set_ylabel(panel.get("ylabel", ""), fontsize=9)
        ax.tick_params(labelsize=8)
        if panel.get("xscale") == "log":
            ax.set_xscale("log")
        if panel.get("yscale") == "log":
            ax.set_yscale("log")
        if panel.get("xticks"):
            ax.set_xticks(panel["xticks"])
            ax.set_xticklabels([str(t) for t in panel.get("xticklabels", panel["xticks"])])
            ax.minorticks_off() if panel.get("xscale") != "log" else None
        if panel.get("ymin") is not None:
            ax.set_ylim(bottom=panel["ymin"])
        if panel.get("ymax") is not None:
            ax.set_ylim(top=panel["ymax"])
        ax.grid(True, alpha=0.3, linewidth=0.6)
        if drawn == 0:
            ax.text(0.5, 0.5, panel.get("note") or "no successful runs", transform=ax.transAxes,
                    ha="center", va="center", fontsize=9, color="0.4", wrap=True)
        elif panel.get("legend", True):
            ax.legend(fontsize=7, loc=panel.get("legend_loc", "best"))
    if spec.get("title"):
        import textwrap
        width_chars = max(30, int(pw * ncols * 10))  # ~10 characters per inch at 12 pt
        fig.suptitle("\n".join(textwrap.wrap(spec["title"], width_chars)), fontsize=12)
    path = Path(out_dir) / spec["file"]
    fig.savefig(path, dpi=spec.get("dpi", 110))
    plt.close(fig)
    return path


def main(argv):
    if len(argv) != 3:
        print("usage: plots.py SPECS.json OUT_DIR", file=sys.stderr)
        return 2
    specs = json.loads(Path(argv[1]).read_text())
    status = 0
    for spec in specs:
        try:
            path = render_figure(spec, argv[2])
            print(f"wrote {path.name}")
        except Exception as e:  # one bad figure must not lose the others
            print(f"plots.py: {spec.get('file')}: {type(e).__name__}: {e}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
