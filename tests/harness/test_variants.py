"""Variant selection: names, a given binary, the CPython reference, 'not built yet'."""
import stat
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import variants  # noqa: E402
from harness.variants import UsageError  # noqa: E402


def fake_interpreter(directory, version, probe):
    """An executable that answers --version and the lock probe like gilkit would."""
    path = Path(directory) / "gilkit"
    path.write_text(f"""#!/bin/sh
case "$1" in
  --version) echo "{version}" ;;
  -c) echo "{probe}" ;;
  *) exit 1 ;;
esac
""")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


class Names(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(variants.parse_variant_names("gil-pymalloc, nogil-mimalloc,gil-pymalloc"),
                         ["gil-pymalloc", "nogil-mimalloc"])
        self.assertEqual(variants.parse_variant_names("all"), list(variants.ALL_VARIANTS))
        for bad in ("", ",", "gil", "nogil-jemalloc", "cpython"):
            with self.subTest(bad=bad), self.assertRaises(UsageError):
                variants.parse_variant_names(bad)

    def test_gilkit_variant(self):
        v = variants.gilkit_variant("nogil-mimalloc", "/b")
        self.assertEqual((v.lock, v.alloc, v.build_dir), ("nogil", "mimalloc", "/b/nogil-mimalloc"))
        self.assertFalse(v.has_gil)
        self.assertFalse(v.usable)
        self.assertEqual(variants.setup_args(v), ["--buildtype=release", "-Dlock=nogil", "-Dalloc=mimalloc"])


class GivenBinary(unittest.TestCase):
    def test_python_stand_in(self):
        v = variants.binary_variant(sys.executable)
        self.assertTrue(v.usable)
        self.assertEqual(v.name, Path(v.binary).name)
        self.assertEqual(v.lock, "gil")
        self.assertTrue(v.has_gil)
        self.assertEqual(v.micro, [])

    def test_gilkit_version_names_the_variant(self):
        with tempfile.TemporaryDirectory() as d:
            exe = fake_interpreter(d, "gilkit 0.1.0 (Python 3.11 subset; lock=nogil, alloc=mimalloc, checks=0)",
                                   "nogil gilkit")
            micro = Path(d) / "experiments" / "micro"
            micro.mkdir(parents=True)
            bench = micro / "micro_gil"
            bench.write_text("#!/bin/sh\n")
            bench.chmod(0o755)
            (micro / "micro_gil.p").mkdir()           # meson's object dir: not a benchmark
            (micro / "micro_notes.txt").write_text("")  # not executable, has a suffix
            v = variants.binary_variant(str(exe))
        self.assertEqual(v.name, "nogil-mimalloc")
        self.assertEqual((v.lock, v.alloc), ("nogil", "mimalloc"))
        self.assertFalse(v.has_gil)
        self.assertEqual([Path(m).name for m in v.micro], ["micro_gil"])

    def test_missing_binary(self):
        with self.assertRaises(UsageError):
            variants.binary_variant("/nonexistent/gilkit")

    def test_cpython_reference(self):
        v = variants.cpython_variant(sys.executable)
        self.assertTrue(v.usable and v.is_reference)
        self.assertEqual(v.name, "cpython")
        v = variants.cpython_variant("/nonexistent/python3")
        self.assertEqual(v.status, "missing")
        self.assertFalse(v.usable)


class Configure(unittest.TestCase):
    def test_not_built_yet_is_reported_and_the_directory_removed(self):
        with tempfile.TemporaryDirectory() as d:
            v = variants.gilkit_variant("nogil-pymalloc", d)

            def fake_run(cmd, timeout=60, cwd=None):
                Path(v.build_dir).mkdir(parents=True, exist_ok=True)  # meson leaves a directory behind
                return 1, "", ("meson.build:18:2: ERROR: Problem encountered: -Dlock=nogil is not built yet "
                               "(the no-GIL policy lands with issue 5); use -Dlock=gil\n")

            logs = []
            with mock.patch.object(variants, "_run", fake_run):
                self.assertFalse(variants.configure(v, logs.append))
            self.assertEqual(v.status, "not-built-yet")
            self.assertTrue(v.reason.startswith("-Dlock=nogil is not built yet"))
            self.assertFalse(Path(v.build_dir).exists())

    def test_other_setup_failures(self):
        with tempfile.TemporaryDirectory() as d:
            v = variants.gilkit_variant("gil-mimalloc", d)
            with mock.patch.object(variants, "_run", lambda *a, **k: (1, "", "ERROR: Dependency mimalloc not found\n")):
                self.assertFalse(variants.configure(v, lambda m: None))
            self.assertEqual(v.status, "setup-failed")
            self.assertIn("mimalloc", v.reason)

    def test_success_writes_the_stamp_scripts_test_reads(self):
        with tempfile.TemporaryDirectory() as d:
            v = variants.gilkit_variant("gil-pymalloc", d)

            def fake_run(cmd, timeout=60, cwd=None):
                Path(v.build_dir).mkdir(parents=True, exist_ok=True)
                return 0, "ok", ""

            with mock.patch.object(variants, "_run", fake_run):
                self.assertTrue(variants.configure(v, lambda m: None))
            stamp = (Path(v.build_dir) / variants.SETUP_STAMP).read_text().strip()
            self.assertEqual(stamp, "--buildtype=release -Dlock=gil -Dalloc=pymalloc")

    def test_no_build_without_a_binary(self):
        with tempfile.TemporaryDirectory() as d:
            v = variants.prepare_gilkit(variants.gilkit_variant("gil-pymalloc", d), lambda m: None, no_build=True)
        self.assertEqual(v.status, "missing")

    def test_failure_reason(self):
        out = "The Meson build system\nmeson.build:5:0: ERROR: Problem encountered: X is not built yet\n"
        self.assertEqual(variants.failure_reason(out), "X is not built yet")
        self.assertEqual(variants.failure_reason("just text\nlast line"), "last line")


if __name__ == "__main__":
    unittest.main()
