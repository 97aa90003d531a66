"""scripts/experiment's option parsing: defaults, lists, errors (exit 2)."""
import contextlib
import io
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import cli  # noqa: E402
from harness.variants import ALL_VARIANTS, UsageError  # noqa: E402


def main_quiet(argv):
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        rc = cli.main(argv)
    return rc, out.getvalue(), err.getvalue()


class ParseArgs(unittest.TestCase):
    def test_defaults(self):
        cfg = cli.parse_args([])
        self.assertFalse(cfg.quick)
        self.assertEqual(cfg.variants, list(ALL_VARIANTS))
        self.assertEqual(cfg.only, ["chapter", "scaling", "switch-interval", "fragmentation", "micro"])
        self.assertIsNone(cfg.threads)
        self.assertIsNone(cfg.repeats)
        self.assertFalse(cfg.compare_cpython)

    def test_every_option(self):
        cfg = cli.parse_args(["--quick", "--variants", "nogil-mimalloc,gil-pymalloc", "--threads", "4,1,2,2",
                              "--repeats", "5", "--only", "micro,chapter", "--compare-cpython",
                              "--out", "/tmp/x", "--scale", "0.5", "--jobs", "3", "--no-build"])
        self.assertTrue(cfg.quick)
        self.assertEqual(cfg.variants, ["nogil-mimalloc", "gil-pymalloc"])
        self.assertEqual(cfg.threads, [1, 2, 4])           # sorted, deduplicated
        self.assertEqual(cfg.repeats, 5)
        self.assertEqual(cfg.only, ["chapter", "micro"])   # report order, not command-line order
        self.assertTrue(cfg.compare_cpython)
        self.assertEqual(cfg.out, "/tmp/x")
        self.assertEqual(cfg.scale, 0.5)
        self.assertEqual(cfg.jobs, 3)
        self.assertTrue(cfg.no_build)

    def test_variants_all(self):
        self.assertEqual(cli.parse_args(["--variants", "all"]).variants, list(ALL_VARIANTS))

    def test_only_aliases(self):
        self.assertEqual(cli.parse_args(["--only", "switch_interval"]).only, ["switch-interval"])
        self.assertEqual(cli.parse_args(["--only", " Scaling , chapter"]).only, ["chapter", "scaling"])

    def test_errors(self):
        bad = [
            ["--bogus"],
            ["--variants", "gil-foo"],
            ["--variants", ""],
            ["--threads", "1,x"],
            ["--threads", "0"],
            ["--threads", ","],
            ["--repeats", "0"],
            ["--repeats", "two"],
            ["--only", "chapter,nope"],
            ["--scale", "0"],
            ["--jobs", "0"],
            ["--gilkit-binary", "python3", "--variants", "gil-pymalloc"],
            ["--quik"],          # no abbreviations: a typo is an error
            ["positional"],
        ]
        for argv in bad:
            with self.subTest(argv=argv):
                with self.assertRaises(UsageError):
                    cli.parse_args(argv)

    def test_main_exits_2_with_a_clear_message(self):
        rc, out, err = main_quiet(["--variants", "gil-foo"])
        self.assertEqual(rc, 2)
        self.assertIn("unknown variant 'gil-foo'", err)
        self.assertIn("gil-pymalloc", err)  # says what is known
        rc, out, err = main_quiet(["--frobnicate"])
        self.assertEqual(rc, 2)
        self.assertIn("--frobnicate", err)

    def test_missing_binary_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = main_quiet(["--gilkit-binary", "/nonexistent/gilkit", "--out", d, "--only", "chapter"])
        self.assertEqual(rc, 2)
        self.assertIn("no such executable", err)

    def test_list(self):
        rc, out, err = main_quiet(["--list"])
        self.assertEqual(rc, 0)
        for name in ("chapter", "scaling", "switch-interval", "fragmentation", "micro"):
            self.assertIn(name, out)


class Defaults(unittest.TestCase):
    def test_threads_default_to_1_through_2x_cores(self):
        self.assertEqual(cli.default_threads(2, quick=False), [1, 2, 3, 4])
        self.assertEqual(cli.default_threads(4, quick=False), list(range(1, 9)))
        self.assertEqual(cli.default_threads(2, quick=True), [1, 2, 4])
        self.assertEqual(cli.default_threads(1, quick=True), [1, 2])

    def test_effective_fills_quick_and_full_defaults(self):
        cfg = cli.effective(cli.parse_args(["--quick"]), ncpu=2)
        self.assertEqual((cfg.threads, cfg.repeats), ([1, 2, 4], 2))
        cfg = cli.effective(cli.parse_args([]), ncpu=2)
        self.assertEqual((cfg.threads, cfg.repeats), ([1, 2, 3, 4], 3))
        cfg = cli.effective(cli.parse_args(["--threads", "3", "--repeats", "7"]), ncpu=2)
        self.assertEqual((cfg.threads, cfg.repeats), ([3], 7))

    def test_busy_warning(self):
        self.assertEqual(cli.busy_warnings(0.3, 0.5, 2), [])
        self.assertTrue(cli.busy_warnings(3.0, 0.5, 2))
        self.assertTrue(cli.busy_warnings(0.1, 2.5, 2))


if __name__ == "__main__":
    unittest.main()
