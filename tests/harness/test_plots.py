"""Plots: finding an interpreter with matplotlib, rendering specs (skipped without matplotlib)."""
import os
import struct
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import plots  # noqa: E402

PYTHON, INFO = plots.find_plot_python()


class Finding(unittest.TestCase):
    def test_no_candidate_says_what_to_install(self):
        python, hint = plots.find_plot_python(["/nonexistent/python3", "/also/missing"])
        self.assertIsNone(python)
        self.assertIn("python3-matplotlib", hint)
        self.assertIn("/nonexistent/python3", hint)

    def test_candidates_include_debians_python(self):
        with mock.patch.dict(os.environ):
            os.environ.pop("GILKIT_PLOT_PYTHON", None)
            self.assertIn("/usr/bin/python3", plots.candidates())

    def test_explicit_choice(self):
        with mock.patch.dict(os.environ, {"GILKIT_PLOT_PYTHON": "/opt/py/bin/python3"}):
            self.assertEqual(plots.candidates(), ["/opt/py/bin/python3"])

    def test_nothing_to_render(self):
        self.assertEqual(plots.render([], "/nonexistent"), ([], ""))

    def test_render_with_a_missing_interpreter_fails_cleanly(self):
        with tempfile.TemporaryDirectory() as d:
            # With an explicit interpreter that lacks matplotlib, the subprocess fails cleanly:
            files, problem = plots.render([{"file": "x.png", "panels": []}], d, python="/nonexistent/python3")
        self.assertEqual(files, [])
        self.assertIn("plotting failed", problem)


@unittest.skipIf(PYTHON is None, "no interpreter with matplotlib: " + str(INFO))
class Rendering(unittest.TestCase):
    def test_line_bar_and_empty_panels(self):
        spec = {"file": "demo.png", "title": "demo", "ncols": 2, "panels": [
            {"kind": "line", "title": "speedup", "xscale": "log", "xticks": [1, 2, 4],
             "series": [{"label": "a", "x": [1, 2, 4], "y": [1.0, None, 1.9], "lo": [1, None, 1.8],
                         "hi": [1, None, 2.0], "color": "C0"},
                        {"label": "ideal", "x": [1, 2, 4], "y": [1, 2, 2], "style": "--", "reference": True}]},
            {"kind": "bar", "title": "bars", "categories": ["x", "y"], "value_labels": True,
             "series": [{"label": "s", "values": [1.0, None], "lo": [0.9, None], "hi": [1.1, None],
                         "color": ["C0", "C1"]}], "hlines": [{"y": 1.0, "label": "ref"}]},
            {"kind": "line", "title": "nothing", "series": [], "note": "no successful runs"},
        ]}
        with tempfile.TemporaryDirectory() as d:
            broken = {"file": "broken.png", "panel_size": "not a size", "panels": [{"kind": "line"}]}
            files, problem = plots.render([spec, broken], d, PYTHON)
            png = Path(d) / "demo.png"
            self.assertIn("demo.png", files)
            self.assertTrue(png.exists())
            head = png.read_bytes()[:24]
            self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
            width, height = struct.unpack(">II", head[16:24])
            self.assertGreater(width, 500)
            self.assertGreater(height, 300)
            # One broken figure does not lose the others, and is reported.
            self.assertNotIn("broken.png", files)
            self.assertIn("plotting failed", problem)


if __name__ == "__main__":
    unittest.main()
