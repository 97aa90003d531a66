"""The experiments, in report order. Each module provides

  NAME, TITLE
  plan(ctx) -> [runner.Task]          what to run (every variant, parameter, repeat)
  analyse(ctx, results) -> Section    tables, CSV files, plot specs, summary cells

To add an experiment: write the program(s) under experiments/<name>/, add a
module here with those three things, and list it in SUITES (see
docs/experiments.md).
"""
from . import chapter, fragmentation, micro, scaling, switch_interval

SUITES = {m.NAME: m for m in (chapter, scaling, switch_interval, fragmentation, micro)}
ALIASES = {"switch_interval": "switch-interval", "switch": "switch-interval", "frag": "fragmentation"}


def resolve(name):
    """Canonical suite name for `name` (or an alias); None if unknown."""
    name = name.strip().lower()
    name = ALIASES.get(name, name)
    return name if name in SUITES else None
