"""The experiment programs' contract with the harness, checked under this
python3 with tiny sizes: arguments, one JSON line per result, checksums,
bad arguments -> exit 2."""
import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

EXP = Path(__file__).resolve().parents[2] / "experiments"
ENV = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")


def run(*args, ok=True):
    p = subprocess.run([sys.executable] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=120, env=ENV)
    if ok and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def records(p):
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]


class Chapter(unittest.TestCase):
    def test_io_and_cpu(self):
        io, cpu = records(run(EXP / "chapter" / "io_vs_cpu.py", "--threads", 3, "--sleep", 0.05, "--work", 1000))
        self.assertEqual((io["mode"], io["threads"], io["sleep"]), ("io", 3, 0.05))
        self.assertGreaterEqual(io["seconds"], 0.05)
        self.assertLess(io["seconds"], 0.15 * 3)
        self.assertEqual(cpu["mode"], "cpu")
        self.assertTrue(cpu["checksum_ok"])
        self.assertGreater(cpu["cores"], 0)
        self.assertAlmostEqual(cpu["ratio"], cpu["seconds"] / cpu["seconds_one"])
        (only,) = records(run(EXP / "chapter" / "io_vs_cpu.py", "--mode=cpu", "--work=10"))
        self.assertEqual(only["threads"], 4)

    def test_bad_arguments(self):
        for args in (["--mode", "gpu"], ["--threads"], ["--work", "x"], ["--nope", "1"]):
            with self.subTest(args=args):
                p = run(EXP / "chapter" / "io_vs_cpu.py", *args, ok=False)
                self.assertEqual(p.returncode, 2)
                self.assertIn("usage:", p.stderr)


class Scaling(unittest.TestCase):
    def test_every_workload(self):
        progs = [("cpu_primes.py", [], 500), ("loop.py", [], 2000), ("sum_range.py", [], 2000),
                 ("alloc_heavy.py", [], 500)]
        patterns = run(EXP / "scaling" / "shared_objects.py", "--list").stdout.split()
        self.assertIn("read_dict", patterns)
        progs += [("shared_objects.py", ["--pattern", p], 300) for p in patterns]
        for script, extra, work in progs:
            with self.subTest(script=script, extra=extra):
                (rec,) = records(run(EXP / "scaling" / script, "--threads", 2, "--work", work, *extra))
                self.assertEqual((rec["threads"], rec["work"]), (2, work))
                self.assertTrue(rec["consistent"])
                self.assertIsInstance(rec["checksum"], int)
                self.assertAlmostEqual(rec["speedup"], 2 * rec["seconds_1"] / rec["seconds"])
                self.assertAlmostEqual(rec["cores"], rec["cpu_seconds"] / rec["seconds"])
                (again,) = records(run(EXP / "scaling" / script, "--threads", 1, "--work", work, *extra))
                self.assertEqual(again["checksum"], rec["checksum"])  # depends on the work only
                self.assertEqual(again["speedup"], 1.0)

    def test_bad_arguments(self):
        self.assertEqual(run(EXP / "scaling" / "loop.py", "--threads", 0, ok=False).returncode, 2)
        self.assertEqual(run(EXP / "scaling" / "shared_objects.py", "--pattern", "nope", ok=False).returncode, 2)


class SwitchInterval(unittest.TestCase):
    def test_latency(self):
        (rec,) = records(run(EXP / "switch_interval" / "latency.py", "--interval", 0.002,
                             "--cpu-threads", 1, "--duration", 0.2))
        self.assertAlmostEqual(rec["switch_interval_seen"], 0.002)
        self.assertGreater(rec["iterations"], 0)
        self.assertGreater(rec["wakeups"], 0)
        self.assertLessEqual(rec["latency_p50"], rec["latency_p99"])
        self.assertLessEqual(rec["latency_p99"], rec["latency_max"])

    def test_percentile(self):
        sys.path.insert(0, str(EXP / "switch_interval"))
        try:
            import latency
        finally:
            sys.path.pop(0)
        xs = list(range(1, 101))
        self.assertEqual((latency.percentile(xs, 50), latency.percentile(xs, 99)), (50, 99))
        self.assertEqual(latency.percentile([7], 99), 7)
        self.assertIsNone(latency.percentile([], 50))


class Fragmentation(unittest.TestCase):
    PHASES = {"squares.py": ["start", "peak", "freed", "collected"],
              "checkerboard.py": ["start", "peak", "holes", "refill", "freed", "collected"],
              "growing.py": ["start", "peak", "freed", "collected"],
              "lifetimes.py": ["start", "peak", "freed", "released", "collected"]}

    def test_all_phases(self):
        for script, phases in self.PHASES.items():
            with self.subTest(script=script):
                p = run(EXP / "fragmentation" / script, "--size", 200)
                recs = records(p)
                self.assertEqual([r["phase"] for r in recs], phases)
                self.assertTrue(all(r["rss_bytes"] > 0 for r in recs))
                listed = run(EXP / "fragmentation" / script, "--list-phases").stdout.split()
                self.assertEqual(listed, phases)

    def test_stop_at_a_phase(self):
        recs = records(run(EXP / "fragmentation" / "checkerboard.py", "--phase", "holes", "--size", 300))
        self.assertEqual([r["phase"] for r in recs], ["start", "peak", "holes"])
        self.assertEqual(recs[-1]["objects"], 150)

    def test_bad_phase(self):
        p = run(EXP / "fragmentation" / "squares.py", "--phase", "holes", ok=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown phase", p.stderr)


if __name__ == "__main__":
    unittest.main()
