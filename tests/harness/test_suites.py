"""The experiments' plans (what runs, with which arguments) and their analysis
of synthetic results (aggregation, ratios, correctness checks, tables)."""
import csv
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))

from harness.runner import RunResult  # noqa: E402
from harness.suites import SUITES, chapter, fragmentation, micro, resolve, scaling, switch_interval  # noqa: E402
from harness.suites.common import Context  # noqa: E402
from harness.variants import Variant  # noqa: E402


def v(name, kind="gilkit", lock=None, micro_bins=()):
    lock = lock or (name.split("-")[0] if "-" in name else "gil")
    return Variant(name=name, kind=kind, lock=lock, binary="/b/" + name, status="ok", micro=list(micro_bins))


class SuiteTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        out = Path(self.tmp.name)
        (out / "raw").mkdir()
        self.variants = [v("gil-pymalloc"), v("nogil-pymalloc"), v("cpython", kind="cpython")]
        self.ctx = Context(quick=True, repeats=2, threads=[1, 2, 4], scale=1.0, ncpu=2,
                           variants=self.variants, out_dir=out, raw_dir=out / "raw")

    def tearDown(self):
        self.tmp.cleanup()

    def ok(self, task, **record):
        return RunResult(task, "ok", returncode=0, records=[record])


class Registry(unittest.TestCase):
    def test_names(self):
        self.assertEqual(list(SUITES), ["chapter", "scaling", "switch-interval", "fragmentation", "micro"])
        self.assertEqual(resolve("switch_interval"), "switch-interval")
        self.assertIsNone(resolve("nope"))
        for mod in SUITES.values():
            self.assertTrue(callable(mod.plan) and callable(mod.analyse) and mod.TITLE)


class Chapter(SuiteTest):
    def test_plan(self):
        tasks = chapter.plan(self.ctx)
        self.assertEqual(len(tasks), 2 * 3 * 2)  # (io, cpu) x variants x repeats
        io = [t for t in tasks if t.params["mode"] == "io"]
        self.assertEqual(io[0].args, ["--threads", 4, "--mode", "io", "--sleep", 0.25])
        self.assertTrue(io[0].script.endswith("experiments/chapter/io_vs_cpu.py"))
        self.ctx.quick = False
        self.assertIn(1.0, chapter.plan(self.ctx)[0].args)          # full: sleep(1), as in the chapter
        self.assertIn(10_000_000, chapter.plan(self.ctx)[1].args)

    def test_analyse(self):
        tasks = chapter.plan(self.ctx)
        results = []
        for t in tasks:
            if t.variant.name == "nogil-pymalloc" and t.params["mode"] == "cpu":
                results.append(RunResult(t, "unsupported", returncode=1, stderr_tail="ModuleNotFoundError"))
            elif t.params["mode"] == "io":
                results.append(self.ok(t, mode="io", seconds=0.25 + 0.01 * t.repeat))
            else:
                results.append(self.ok(t, mode="cpu", seconds_one=0.1, seconds=0.4 + 0.02 * t.repeat,
                                       ratio=4.0 + 0.2 * t.repeat, checksum_ok=True))
        sec = chapter.analyse(self.ctx, results)
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("4.30× (4.20–4.40)", text)
        self.assertIn("serialised", text)
        self.assertIn("2 of 4 runs did not succeed (unsupported)", text)
        self.assertEqual(sec.summary["gil-pymalloc"]["CPU 4T/1T"], "4.30×")
        self.assertEqual(sec.summary["nogil-pymalloc"]["CPU 4T/1T"], "—")
        self.assertEqual([p["file"] for p in sec.plots], ["chapter.png"])
        with open(self.ctx.out_dir / "chapter.csv") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 3)
        self.assertAlmostEqual(float(rows[0]["cpu_ratio_median"]), 4.3)

    def test_verdict(self):
        self.assertIn("serialised", chapter.verdict(4.1, 2))
        self.assertIn("parallel", chapter.verdict(2.05, 2))
        self.assertEqual(chapter.verdict(3.0, 2), "partly parallel")
        self.assertEqual(chapter.verdict(None, 2), "—")
        # Cores busy (CPU time / wall time) overrides a ratio distorted by a busy machine.
        self.assertIn("noise", chapter.verdict(2.3, 2, cores=0.5))
        self.assertEqual(chapter.verdict(2.6, 2, cores=1.9), "parallel (1.9 cores busy)")
        self.assertIn("serialised", chapter.verdict(4.0, 2, cores=0.9))


class Scaling(SuiteTest):
    def test_plan_skips_one_thread_runs(self):
        tasks = scaling.plan(self.ctx)
        self.assertEqual({t.params["threads"] for t in tasks}, {2, 4})  # T1 is measured inside every run
        self.assertEqual(len(tasks), len(scaling.WORKLOADS) * 3 * 2 * 2)
        t = next(t for t in tasks if t.params["workload"] == "read_dict")
        self.assertEqual(t.args[-2:], ["--pattern", "read_dict"])
        self.ctx.threads = [1]
        self.assertEqual({t.params["threads"] for t in scaling.plan(self.ctx)}, {1})

    def test_full_sizes_are_larger(self):
        quick = {t.params["workload"]: t.params["work"] for t in scaling.plan(self.ctx)}
        self.ctx.quick = False
        full = {t.params["workload"]: t.params["work"] for t in scaling.plan(self.ctx)}
        for name in quick:
            self.assertGreater(full[name], quick[name])

    def analyse(self, checksum_for):
        results = []
        for t in scaling.plan(self.ctx):
            n = t.params["threads"]
            sp = {"gil-pymalloc": 1.0, "nogil-pymalloc": min(n, 2) * 0.95, "cpython": 1.02}[t.variant.name]
            cores = 1.9 if t.variant.name == "nogil-pymalloc" else None
            results.append(self.ok(t, workload="shared_objects/x", threads=n, work=t.params["work"],
                                   seconds_1=0.1, seconds=n * 0.1 / sp, speedup=sp, cores=cores,
                                   checksum=checksum_for(t), consistent=True))
        return scaling.analyse(self.ctx, results)

    def test_speedups_and_single_thread_cost(self):
        sec = self.analyse(lambda t: 42)
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("every thread of every run, in every variant, computed the same checksum", text)
        self.assertIn("| loop | nogil-pymalloc | 0.100 s | 1.90× · 1.9 cores | 1.90× · 1.9 cores |", text)
        self.assertIn("| loop | gil-pymalloc | 0.100 s | 1.00× | 1.00× |", text)
        self.assertEqual(sec.summary["nogil-pymalloc"]["speedup @2T (geo-mean)"], "1.90×")
        self.assertEqual(sec.summary["gil-pymalloc"]["speedup @2T (geo-mean)"], "1.00×")
        self.assertEqual(sec.summary["cpython"]["1-thread time vs gil-pymalloc"], "1.00×")
        self.assertEqual([p["file"] for p in sec.plots],
                         ["scaling_compute.png", "scaling_shared.png", "scaling_alloc.png"])
        # The ideal line is min(N, cores).
        panel = sec.plots[0]["panels"][0]
        ideal = next(s for s in panel["series"] if s["label"].startswith("ideal"))
        self.assertEqual(ideal["y"], [1.0, 2.0, 2.0])

    def test_wrong_results_are_flagged(self):
        sec = self.analyse(lambda t: 7 if t.variant.name == "nogil-pymalloc" else 42)
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("Result check failed", text)
        self.assertIn("nogil-pymalloc=['7']", text)


class SwitchInterval(SuiteTest):
    def test_plan_runs_gil_variants_only(self):
        tasks = switch_interval.plan(self.ctx)
        self.assertEqual({t.variant.name for t in tasks}, {"gil-pymalloc", "cpython"})
        self.assertEqual(sorted({t.params["interval"] for t in tasks}), [0.0005, 0.001, 0.005, 0.02, 0.05])
        self.assertIn("--interval", tasks[0].args)

    def test_analyse(self):
        results = []
        for t in switch_interval.plan(self.ctx):
            i = t.params["interval"]
            results.append(self.ok(t, interval=i, throughput=1e7 * (1 + i), wakeups=100,
                                   latency_p50=i * 0.5, latency_p99=i + 0.0005, latency_max=i * 2))
        sec = switch_interval.analyse(self.ctx, results)
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("| 5 | gil-pymalloc |", text)
        self.assertIn("yes", text)  # p99 = interval + 0.5 ms meets the goal
        self.assertEqual(sec.summary["gil-pymalloc"]["wake-up p99 @5 ms"], "5.50 ms")
        self.assertEqual(sec.summary["nogil-pymalloc"]["wake-up p99 @5 ms"], "n/a (no GIL)")
        self.assertTrue(any("nogil-pymalloc: skipped" in n for n in sec.notes))


class Fragmentation(SuiteTest):
    def report(self, live, free):
        return {"allocator": "pymalloc", "requested_bytes": live - 100, "requested_blocks": live // 32,
                "live_block_bytes": live, "free_in_pages_bytes": free, "empty_pages_bytes": 0,
                "overhead_bytes": 10, "region_reserved_bytes": live + free + 10, "rss_bytes": 99,
                "classes": [{"block_size": 32, "pages": 2, "blocks_used": 10, "blocks_free": 30}]}

    def test_plan(self):
        tasks = fragmentation.plan(self.ctx)
        self.assertTrue(all(t.mallocstats for t in tasks))
        phases = {t.params["phase"] for t in tasks if t.params["workload"] == "checkerboard"}
        self.assertEqual(phases, {"start", "peak", "holes", "refill", "freed"})
        self.assertEqual(tasks[0].args[:2], ["--phase", "start"])

    def test_analyse(self):
        results = []
        for t in fragmentation.plan(self.ctx):
            phase = t.params["phase"]
            rss = {"start": 10, "peak": 30, "holes": 30, "refill": 35}.get(phase, 12) * 2 ** 20
            rec = {"workload": t.params["workload"], "phase": phase, "rss_bytes": rss}
            r = RunResult(t, "ok", returncode=0, records=[{"phase": "start", "rss_bytes": 1}, rec])
            if t.variant.kind != "cpython":
                r.malloc_report = self.report(750, 250)
            results.append(r)
        sec = fragmentation.analyse(self.ctx, results)
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("| gil-pymalloc | peak | 30.0 |", text)
        self.assertIn("75 %", text)                     # 750 / (750 + 250 + 0)
        self.assertIn("10.0 → 30.0 → 12.0 MB (1.20× start)", text)
        self.assertEqual(sec.summary["gil-pymalloc"]["RSS after free / start (squares)"], "1.20×")
        self.assertEqual(sec.summary["cpython"]["utilisation @holes (checkerboard)"], "—")
        self.assertEqual([p["file"] for p in sec.plots], ["fragmentation_memory.png", "fragmentation_size_classes.png"])
        classes = sec.plots[1]["panels"][0]["series"][0]
        self.assertEqual((classes["x"], classes["y"]), ([32], [25.0]))

    def test_utilisation(self):
        self.assertEqual(fragmentation.utilisation({"live_block_bytes": 1, "free_in_pages_bytes": 1,
                                                    "empty_pages_bytes": 2}), 0.25)
        self.assertIsNone(fragmentation.utilisation({"live_block_bytes": 1}))


class Micro(SuiteTest):
    def test_plan_uses_the_variants_binaries(self):
        self.ctx.variants = [v("gil-pymalloc", micro_bins=["/b/micro_gil", "/b/micro_alloc"]), v("cpython", "cpython")]
        tasks = micro.plan(self.ctx)
        self.assertEqual([t.params["binary"] for t in tasks], ["micro_gil", "micro_alloc"])
        self.assertIn("--benchmark_format=json", tasks[0].command)
        self.assertIn("--benchmark_repetitions=2", tasks[0].command)
        self.assertEqual(tasks[0].output, "file")

    def test_analyse(self):
        self.ctx.variants = [v("gil-pymalloc", micro_bins=["/b/micro_alloc"])]
        t = micro.plan(self.ctx)[0]
        doc = {"benchmarks": [
            {"name": "BM_Alloc_Mix/repeats:2", "run_name": "BM_Alloc_Mix", "run_type": "iteration",
             "repetition_index": i, "real_time": 1.0 + i, "cpu_time": 1.0, "time_unit": "ms",
             "items_per_second": 1.6e8} for i in range(2)] + [
            {"name": "BM_Alloc_Mix_mean", "run_name": "BM_Alloc_Mix", "run_type": "aggregate",
             "real_time": 99, "time_unit": "ms"},
            {"name": "BM_Alloc_SizeClass/64", "run_name": "BM_Alloc_SizeClass/64", "run_type": "iteration",
             "real_time": 500, "cpu_time": 500, "time_unit": "ns", "items_per_second": 2e8}]}
        sec = micro.analyse(self.ctx, [RunResult(t, "ok", records=[doc])])
        text = "\n".join(b for b in sec.body if isinstance(b, str))
        self.assertIn("| BM_Alloc_Mix | 1,500,000 ns (1,000,000–2,000,000) ⚠ · 160 M/s |", text)
        self.assertNotIn("_mean", text)  # aggregates are recomputed, not copied
        self.assertEqual(sec.summary["gil-pymalloc"]["alloc mix (M/s)"], "160")
        series = sec.plots[0]["panels"][0]["series"]
        self.assertEqual((series[0]["x"], series[0]["y"]), ([64], [200.0]))

    def test_no_binaries(self):
        sec = micro.analyse(self.ctx, [])
        self.assertFalse(sec.plots)
        self.assertTrue(any("no micro-benchmarks" in n for n in sec.notes))


if __name__ == "__main__":
    unittest.main()
