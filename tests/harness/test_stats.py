"""Statistics: median, min-max, spread flags, grouping, number formatting."""
import math
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import stats  # noqa: E402


class Summarize(unittest.TestCase):
    def test_median_min_max(self):
        s = stats.summarize([3.0, 1.0, 2.0])
        self.assertEqual((s.n, s.median, s.min, s.max), (3, 2.0, 1.0, 3.0))
        self.assertAlmostEqual(s.spread, 1.0)

    def test_even_count_median(self):
        self.assertEqual(stats.summarize([1, 2, 3, 10]).median, 2.5)

    def test_none_and_nan_skipped(self):
        s = stats.summarize([None, 2.0, float("nan"), 4.0])
        self.assertEqual((s.n, s.median), (2, 3.0))
        self.assertIsNone(stats.summarize([]))
        self.assertIsNone(stats.summarize([None, None]))

    def test_spread_flag(self):
        self.assertFalse(stats.summarize([1.0, 1.1, 1.05]).wide)            # 9.5 %
        self.assertTrue(stats.summarize([1.0, 1.5, 1.2]).wide)              # 42 %
        self.assertFalse(stats.summarize([1.0, 1.5, 1.2], threshold=0.5).wide)
        self.assertFalse(stats.summarize([7.0]).wide)                       # one value: no spread
        self.assertEqual(stats.summarize([7.0]).spread, 0.0)

    def test_zero_median(self):
        s = stats.summarize([0.0, 0.0, 1.0])
        self.assertTrue(math.isinf(s.spread))
        self.assertTrue(s.wide)
        self.assertEqual(stats.summarize([0.0, 0.0]).spread, 0.0)

    def test_as_dict(self):
        d = stats.summarize([1, 2, 3]).as_dict("x_")
        self.assertEqual(d["x_median"], 2)
        self.assertEqual(d["x_n"], 3)


class Helpers(unittest.TestCase):
    def test_geomean(self):
        self.assertAlmostEqual(stats.geomean([1, 4]), 2.0)
        self.assertAlmostEqual(stats.geomean([2, None, 8]), 4.0)
        self.assertIsNone(stats.geomean([]))
        self.assertIsNone(stats.geomean([0, -1]))

    def test_group_by_keeps_first_seen_order(self):
        rows = [{"v": "b", "n": 1}, {"v": "a", "n": 2}, {"v": "b", "n": 3}]
        g = stats.group_by(rows, ["v"])
        self.assertEqual(list(g), [("b",), ("a",)])
        self.assertEqual([r["n"] for r in g[("b",)]], [1, 3])

    def test_fmt_number(self):
        self.assertEqual(stats.fmt_number(None), "—")
        self.assertEqual(stats.fmt_number(0), "0")
        self.assertEqual(stats.fmt_number(1.23456), "1.23")
        self.assertEqual(stats.fmt_number(0.0123456), "0.0123")
        self.assertEqual(stats.fmt_number(12.3456), "12.3")
        self.assertEqual(stats.fmt_number(123456.7), "123,457")

    def test_fmt_summary(self):
        self.assertEqual(stats.fmt_summary(None), "—")
        self.assertEqual(stats.fmt_summary(stats.summarize([2.0])), "2.00")
        self.assertEqual(stats.fmt_summary(stats.summarize([1.0, 1.02, 1.04]), unit="×"), "1.02× (1.00–1.04)")
        text = stats.fmt_summary(stats.summarize([1.0, 2.0, 3.0]), unit=" s")
        self.assertEqual(text, "2.00 s (1.00–3.00) " + stats.WIDE_MARK)
        self.assertEqual(stats.fmt_summary(stats.summarize([0.001, 0.002]), scale=1000, unit=" ms"),
                         "1.50 ms (1.00–2.00) " + stats.WIDE_MARK)


if __name__ == "__main__":
    unittest.main()
