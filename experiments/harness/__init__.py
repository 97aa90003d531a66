"""gilkit's experiment harness (issue 6): the logic behind scripts/experiment.

Modules
  cli        options -> Config; main(): build, plan, run, analyse, report
  variants   build variants (build/<lock>-<alloc>), CPython, a given binary
  runner     runs one task (a program under one variant), progress and ETA
  stats      median / min / max / spread, grouping, geometric mean
  report     CSV, JSON and report.md writing; markdown tables
  plots      plot specs -> PNG with matplotlib (in whichever python3 has it)
  env        the environment recorded in the report
  suites/    one module per experiment: plan(ctx) -> tasks, analyse(ctx, runs) -> Section

Standard library only (matplotlib is needed only by plots.py's renderer,
which runs in a subprocess when the harness's own python lacks it).
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENTS = ROOT / "experiments"
