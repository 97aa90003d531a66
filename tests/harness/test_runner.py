"""Running one task: results, failure classes, stderr tails, timeouts, mallocstats, progress."""
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness import runner  # noqa: E402
from harness.variants import Variant  # noqa: E402

PY = sys.executable


def make_task(tmp, source, variant=None, **kw):
    script = Path(tmp) / "prog.py"
    script.write_text(textwrap.dedent(source))
    v = variant or Variant(name="stand-in", kind="binary", lock="gil", binary=PY, status="ok")
    return runner.Task("demo", v, {"n": 1}, ["--n", 1], script=str(script), **kw)


class RunTask(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_ok_with_json_lines(self):
        t = make_task(self.tmp.name, """
            import sys
            print("warming up")
            print('{"seconds": 1.5, "args": "%s"}' % " ".join(sys.argv[1:]))
        """)
        r = runner.run_task(t)
        self.assertEqual(r.status, "ok", r.stderr_tail)
        self.assertEqual(r.records, [{"seconds": 1.5, "args": "--n 1"}])
        self.assertEqual(r.returncode, 0)
        self.assertGreater(r.seconds, 0)

    def test_unsupported_feature(self):
        r = runner.run_task(make_task(self.tmp.name, "import no_such_module_here\n"))
        self.assertEqual(r.status, "unsupported")
        self.assertIn("ModuleNotFoundError", r.stderr_tail)

    def test_missing_sys_function_is_unsupported(self):
        r = runner.run_task(make_task(self.tmp.name, """
            import sys
            raise AttributeError("module 'sys' has no attribute 'setswitchinterval'")
        """))
        self.assertEqual(r.status, "unsupported")

    def test_failure_keeps_the_stderr_tail(self):
        lines = "".join(f"sys.stderr.write('line {i}\\n')\n" for i in range(30))
        r = runner.run_task(make_task(self.tmp.name, "import sys\n" + lines + "raise SystemExit(3)\n"))
        self.assertEqual(r.status, "failed")
        self.assertEqual(r.returncode, 3)
        tail = r.stderr_tail.splitlines()
        self.assertEqual(len(tail), runner.STDERR_TAIL_LINES)
        self.assertEqual(tail[-1], "line 29")

    def test_exit_0_without_result_is_a_failure(self):
        r = runner.run_task(make_task(self.tmp.name, "print('no json here')\n"))
        self.assertEqual(r.status, "failed")
        self.assertIn("no JSON", r.note)

    def test_crash(self):
        r = runner.run_task(make_task(self.tmp.name, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"))
        self.assertEqual(r.status, "crashed")
        self.assertIn("SIGSEGV", r.note)

    def test_timeout_kills_the_process(self):
        t = make_task(self.tmp.name, "import time\ntime.sleep(30)\n", timeout=0.5)
        r = runner.run_task(t)
        self.assertEqual(r.status, "timeout")
        self.assertLess(r.seconds, 10)

    def test_cannot_start(self):
        v = Variant(name="x", kind="binary", binary="/nonexistent/gilkit", status="ok")
        r = runner.run_task(make_task(self.tmp.name, "print(1)\n", variant=v))
        self.assertEqual(r.status, "failed")

    def test_mallocstats_report_is_parsed_and_kept_out_of_the_tail(self):
        t = make_task(self.tmp.name, """
            import sys
            print('{"phase": "peak"}')
            sys.stderr.write('note\\n')
            sys.stderr.write('{"allocator": "pymalloc", "classes": [], "rss_bytes": 5}\\n')
        """, mallocstats=True)
        r = runner.run_task(t)
        self.assertEqual(r.status, "ok")
        self.assertEqual(r.malloc_report["allocator"], "pymalloc")
        self.assertEqual(r.stderr_tail, "note")
        self.assertIn("mallocstats=json", r.command)

    def test_file_output(self):
        out = Path(self.tmp.name) / "bench.json"
        t = make_task(self.tmp.name, f"open({str(out)!r}, 'w').write('{{\"benchmarks\": []}}')\n",
                      output="file", out_file=str(out))
        r = runner.run_task(t)
        self.assertEqual(r.status, "ok")
        self.assertEqual(r.records, [{"benchmarks": []}])


class Commands(unittest.TestCase):
    def test_mallocstats_flag_only_for_gilkit_builds(self):
        gk = Variant(name="gil-pymalloc", kind="gilkit", binary="/b/gilkit", status="ok")
        cp = Variant(name="cpython", kind="cpython", binary="/usr/bin/python3", status="ok")
        t = runner.Task("f", gk, {}, ["--phase", "peak"], script="w.py", mallocstats=True)
        self.assertEqual(runner.build_command(t), ["/b/gilkit", "-X", "mallocstats=json", "w.py", "--phase", "peak"])
        t.variant = cp
        self.assertEqual(runner.build_command(t), ["/usr/bin/python3", "w.py", "--phase", "peak"])
        t.command = ["bench", "--x"]
        self.assertEqual(runner.build_command(t), ["bench", "--x"])

    def test_parse_json_lines(self):
        text = 'a\n{"x": 1}\n{bad json}\n[1, 2]\n  {"y": 2}  \n'
        self.assertEqual(runner.parse_json_lines(text), [{"x": 1}, {"y": 2}])

    def test_parse_malloc_report_takes_the_last_report(self):
        err = '{"allocator": "a", "classes": []}\n{"other": 1}\n{"allocator": "b", "rss_bytes": 1}\n'
        self.assertEqual(runner.parse_malloc_report(err)["allocator"], "b")
        self.assertIsNone(runner.parse_malloc_report('{"allocator": "x"}\n'))  # not a report

    def test_slug_and_label(self):
        v = Variant(name="gil-pymalloc", kind="gilkit")
        t = runner.Task("scaling", v, {"workload": "loop", "threads": 2}, [], repeat=2, repeats=3)
        self.assertEqual(t.slug(), "gil-pymalloc__workload-loop_threads-2__r2")
        self.assertIn("rep 2/3", t.label)


class ProgressTest(unittest.TestCase):
    def test_remaining_time_is_corrected_by_actual_speed(self):
        v = Variant(name="v", kind="binary")
        tasks = [runner.Task("e", v, {"i": i}, [], estimate=1.0) for i in range(4)]
        now = [0.0]
        lines = []
        p = runner.Progress(tasks, out=lines.append, clock=lambda: now[0])
        self.assertAlmostEqual(p.remaining(), 4.0)
        self.assertIn("[1/4", p.before(tasks[0]))
        now[0] = 2.0
        p.after(tasks[0], runner.RunResult(tasks[0], "ok", seconds=2.0), "x")
        self.assertAlmostEqual(p.remaining(), 6.0)  # 3 tasks left, twice as slow as estimated
        self.assertIn("[2/4  0:02 elapsed, ~0:06 left]", p.before(tasks[1]))
        p.after(tasks[1], runner.RunResult(tasks[1], "failed", seconds=2.0, note="exit status 1"), "y")
        self.assertIn("FAILED", lines[-1])
        self.assertIn("exit status 1", lines[-1])

    def test_fmt_duration(self):
        self.assertEqual(runner.fmt_duration(5), "0:05")
        self.assertEqual(runner.fmt_duration(125), "2:05")
        self.assertEqual(runner.fmt_duration(3725), "1:02:05")
        self.assertEqual(runner.fmt_duration(None), "?")


if __name__ == "__main__":
    unittest.main()
