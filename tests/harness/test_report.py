"""Writing results: markdown and text tables, CSV, JSON, report.md."""
import csv
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import report  # noqa: E402
from harness.runner import RunResult, Task  # noqa: E402
from harness.variants import Variant  # noqa: E402


def variant(name, **kw):
    return Variant(name=name, kind=kw.pop("kind", "gilkit"), status=kw.pop("status", "ok"),
                   binary=kw.pop("binary", "/b/" + name), **kw)


class Tables(unittest.TestCase):
    def test_md_table(self):
        text = report.md_table(["a", "b|c"], [["x", 1], ["y|z"]])
        lines = text.strip().splitlines()
        self.assertEqual(lines[0], "| a | b\\|c |")
        self.assertEqual(lines[1], "| :--- | ---: |")
        self.assertEqual(lines[2], "| x | 1 |")
        self.assertEqual(lines[3], "| y\\|z |  |")  # short rows are padded
        self.assertIn("no data", report.md_table(["a"], []))

    def test_text_table(self):
        text = report.text_table(["variant", "x"], [["gil-pymalloc", "1.00×"], ["cpython", "12.5×"]])
        lines = text.splitlines()
        self.assertEqual(len(lines), 4)
        self.assertTrue(lines[1].startswith("------------"))
        self.assertTrue(lines[2].endswith("1.00×"))
        self.assertEqual(len(lines[2]), len(lines[3]))


class Files(unittest.TestCase):
    def test_csv_roundtrip(self):
        with tempfile.TemporaryDirectory() as d:
            path = report.write_csv(Path(d) / "x.csv",
                                    [{"a": 1, "b": float("inf")}, {"a": 2, "c": "z"}])
            with path.open() as f:
                rows = list(csv.DictReader(f))
        self.assertEqual(rows[0], {"a": "1", "b": "", "c": ""})
        self.assertEqual(rows[1], {"a": "2", "b": "", "c": "z"})

    def test_csv_with_chosen_fields(self):
        with tempfile.TemporaryDirectory() as d:
            path = report.write_csv(Path(d) / "x.csv", [{"a": 1, "b": 2}], ["b"])
            self.assertEqual(path.read_text().split(), ["b", "2"])

    def test_json_is_strict(self):
        with tempfile.TemporaryDirectory() as d:
            path = report.write_json(Path(d) / "x.json", {"x": float("inf"), "v": variant("gil-pymalloc"),
                                                          "l": [float("nan"), 1.5]})
            data = json.loads(path.read_text())  # would fail on Infinity / NaN
        self.assertIsNone(data["x"])
        self.assertEqual(data["v"]["name"], "gil-pymalloc")
        self.assertEqual(data["l"], [None, 1.5])


class Report(unittest.TestCase):
    def setUp(self):
        self.vs = [variant("gil-pymalloc"), variant("nogil-pymalloc", status="not-built-yet", binary=None,
                                                    reason="-Dlock=nogil is not built yet"),
                   variant("cpython", kind="cpython")]

    def sections(self):
        a = report.Section("chapter", "Chapter", intro="What it measures.")
        a.add(report.md_table(["variant", "x"], [["gil-pymalloc", "1"]]))
        a.plot({"file": "chapter.png", "panels": []}, "The caption")
        a.summary = {"gil-pymalloc": {"CPU 4T/1T": "4.1×"}, "cpython": {"CPU 4T/1T": "4.4×"}}
        a.summary_columns = ["CPU 4T/1T"]
        b = report.Section("micro", "Micro")
        b.summary = {"gil-pymalloc": {"mix": "160"}}
        b.summary_columns = ["mix"]
        b.notes.append("nogil-pymalloc: skipped")
        return [a, b]

    def test_summary_rows(self):
        headers, rows = report.summary_rows(self.sections(), self.vs)
        self.assertEqual(headers, ["variant", "CPU 4T/1T", "mix"])
        self.assertEqual(rows, [["gil-pymalloc", "4.1×", "160"], ["nogil-pymalloc (not built yet)", "—", "—"],
                                ["cpython", "4.4×", "—"]])

    def results(self):
        t_ok = Task("chapter", self.vs[0], {"mode": "io"}, [], script="x.py")
        t_bad = Task("chapter", self.vs[0], {"mode": "cpu"}, [], script="x.py")
        t_bad2 = Task("chapter", self.vs[0], {"mode": "cpu"}, [], script="x.py", repeat=2)
        err = "Traceback (most recent call last):\nModuleNotFoundError: No module named 'threading'"
        return [RunResult(t_ok, "ok", records=[{"seconds": 1}]),
                RunResult(t_bad, "unsupported", returncode=1, stderr_tail=err, note="needs a feature",
                          command=["/b/gilkit", "x.py"]),
                RunResult(t_bad2, "unsupported", returncode=1, stderr_tail=err, note="needs a feature",
                          command=["/b/gilkit", "x.py"])]

    def test_failures_block_groups_alike_failures(self):
        text = report.failures_block(self.results())
        self.assertIn("2 of 3 runs did not succeed (2 unsupported)", text)
        self.assertEqual(text.count("ModuleNotFoundError"), 1)  # repeats that fail alike: shown once
        self.assertIn("$ /b/gilkit x.py", text)
        self.assertEqual(report.failures_block(self.results()[:1]), "Every run succeeded.\n")

    def test_write_report(self):
        with tempfile.TemporaryDirectory() as d:
            path = report.write_report(
                Path(d) / "report.md", title="T", command="scripts/experiment --quick", started="now",
                duration="0:01", env_rows=[("CPU", "EPYC"), ("git commit", "abc")], variants=self.vs,
                sections=self.sections(), results=self.results(), plot_files=["chapter.png"],
                plot_problem="", warnings=["the machine was busy"])
            text = path.read_text()
        for needle in ("# T", "## Summary", "| gil-pymalloc | 4.1× | 160 |", "## Environment", "| CPU | EPYC |",
                       "not-built-yet: -Dlock=nogil is not built yet", "## 1. Chapter", "What it measures.",
                       "![The caption](plots/chapter.png)", "## 2. Micro", "> nogil-pymalloc: skipped",
                       "## Failed, unsupported and timed-out runs", "ModuleNotFoundError",
                       "**Warning:** the machine was busy", "median (min–max)"):
            self.assertIn(needle, text)

    def test_missing_plot_is_explained(self):
        with tempfile.TemporaryDirectory() as d:
            path = report.write_report(
                Path(d) / "report.md", title="T", command="c", started="s", duration="d", env_rows=[],
                variants=self.vs, sections=self.sections(), results=[], plot_files=[],
                plot_problem="no Python interpreter with matplotlib found")
            text = path.read_text()
        self.assertIn("plot `chapter.png` not drawn: no Python interpreter with matplotlib found", text)
        self.assertIn("> **Plots:** no Python interpreter with matplotlib found", text)


if __name__ == "__main__":
    unittest.main()
