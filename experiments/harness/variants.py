"""Build variants: gilkit's <lock>-<alloc> builds, CPython as a reference,
or one given binary (--gilkit-binary).

A gilkit variant is configured into <build-root>/<lock>-<alloc> with
`meson setup --buildtype=release -Dlock=.. -Dalloc=..` (reusing the
directory when its options already match) and built with ninja (only the
gilkit binary and the micro-benchmarks, not the unit tests). A variant whose
`meson setup` fails with the build's deliberate "not built yet" message is
marked not-built-yet and skipped; any other failure is marked and skipped
too. Nothing here raises for a variant that cannot be built.
"""
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT

LOCKS = ("gil", "nogil")
ALLOCS = ("pymalloc", "mimalloc")
ALL_VARIANTS = tuple(f"{lock}-{alloc}" for lock in LOCKS for alloc in ALLOCS)
BUILDTYPE = "release"
# What meson.build says, via error(), for a variant that is not built yet
# (the same pattern scripts/test uses).
NOT_BUILT_RE = re.compile(r"not (yet )?(built|implemented|supported|available)( yet)?", re.I)
# scripts/test records the arguments a build directory was set up with here;
# we keep it truthful so that scripts/test reconfigures after us (and we after it).
SETUP_STAMP = ".gilkit-setup-args"
MICRO_GLOB = "micro_*"

# Plot colours: one per variant, the same in every plot.
COLORS = {"gil-pymalloc": "C0", "gil-mimalloc": "C1", "nogil-pymalloc": "C2",
          "nogil-mimalloc": "C3", "cpython": "0.35"}


class UsageError(Exception):
    """A bad command line: the CLI prints it and exits with status 2."""


@dataclass
class Variant:
    name: str                  # "gil-pymalloc", "cpython", or the given binary's name
    kind: str                  # "gilkit" | "cpython" | "binary"
    lock: str = None           # "gil" | "nogil" | None (unknown)
    alloc: str = None          # "pymalloc" | "mimalloc" | None
    binary: str = None
    build_dir: str = None
    status: str = "pending"    # pending | ok | not-built-yet | setup-failed | build-failed | missing
    reason: str = ""
    version: str = ""
    options: dict = field(default_factory=dict)
    micro: list = field(default_factory=list)   # micro-benchmark executables
    micro_note: str = ""
    build_seconds: float = 0.0

    @property
    def usable(self):
        return self.status == "ok" and self.binary is not None

    @property
    def has_gil(self):
        if self.lock is None:
            return None
        return self.lock == "gil"

    @property
    def is_reference(self):
        return self.kind == "cpython"

    @property
    def color(self):
        return COLORS.get(self.name, "C4")

    def describe(self):
        return {"name": self.name, "kind": self.kind, "lock": self.lock, "alloc": self.alloc,
                "binary": self.binary, "build_dir": self.build_dir, "status": self.status,
                "reason": self.reason, "version": self.version, "options": self.options,
                "micro": self.micro, "micro_note": self.micro_note,
                "build_seconds": round(self.build_seconds, 1)}


def parse_variant_names(text):
    """'gil-pymalloc,nogil-mimalloc' -> list; 'all' -> every variant. UsageError for unknown names."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise UsageError("--variants needs at least one variant")
    out = []
    for n in names:
        if n == "all":
            out.extend(v for v in ALL_VARIANTS if v not in out)
            continue
        if n not in ALL_VARIANTS:
            raise UsageError(f"unknown variant '{n}' (known: {', '.join(ALL_VARIANTS)}, all)")
        if n not in out:
            out.append(n)
    return out


def gilkit_variant(name, build_root):
    lock, alloc = name.split("-", 1)
    build_dir = Path(build_root) / name
    return Variant(name=name, kind="gilkit", lock=lock, alloc=alloc, build_dir=str(build_dir))


def _run(cmd, timeout=60, cwd=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout, p.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", str(e)


def resolve_executable(path_or_name):
    """An absolute path for a file path or a command name on PATH; None if neither."""
    p = Path(path_or_name).expanduser()
    if (p.is_absolute() or os.sep in str(path_or_name)) and p.exists():
        return str(p.resolve()) if p.is_file() else None
    found = shutil.which(str(path_or_name))
    return found


PROBE = ("import sys\n"
         "f = getattr(sys, '_is_gil_enabled', None)\n"
         "impl = getattr(getattr(sys, 'implementation', None), 'name', '?')\n"
         "print('nogil' if f is not None and not f() else 'gil', impl)\n")


def probe_binary(binary):
    """(lock, implementation name, version text) of an interpreter; None fields when unknown."""
    rc, out, err = _run([binary, "-c", PROBE], timeout=30)
    lock = impl = None
    if rc == 0 and out.split():
        parts = out.split()
        lock = parts[0] if parts[0] in LOCKS else None
        impl = parts[1] if len(parts) > 1 else None
    rc, vout, verr = _run([binary, "--version"], timeout=30)
    version = (vout or verr).strip().splitlines()[0] if (vout or verr).strip() else ""
    return lock, impl, version


def cpython_variant(python="python3"):
    path = resolve_executable(python)
    v = Variant(name="cpython", kind="cpython", lock="gil", alloc="pymalloc", binary=path)
    if path is None:
        v.status, v.reason = "missing", f"{python} not found"
        return v
    lock, impl, version = probe_binary(path)
    v.lock = lock or "gil"
    v.version = version
    v.status = "ok"
    v.options = {"implementation": impl or "?"}
    return v


def binary_variant(path):
    """--gilkit-binary PATH: the only variant; its name comes from `--version` when it says one."""
    resolved = resolve_executable(path)
    if resolved is None:
        raise UsageError(f"--gilkit-binary: no such executable: {path}")
    lock, impl, version = probe_binary(resolved)
    m = re.search(r"\b(gil|nogil)-(pymalloc|mimalloc)\b", version)
    m_lock = re.search(r"\block=(gil|nogil)\b", version)
    m_alloc = re.search(r"\balloc=(pymalloc|mimalloc)\b", version)
    if m:
        name = m.group(0)
        lock, alloc = m.group(1), m.group(2)
    elif m_lock and m_alloc:  # "gilkit 0.1.0 (...; lock=gil, alloc=pymalloc, ...)"
        lock, alloc = m_lock.group(1), m_alloc.group(1)
        name = f"{lock}-{alloc}"
    else:
        name = Path(resolved).name
        alloc = None
        m2 = re.search(r"\b(pymalloc|mimalloc)\b", version)
        if m2:
            alloc = m2.group(1)
    v = Variant(name=name, kind="binary", lock=lock, alloc=alloc, binary=resolved,
                build_dir=str(Path(resolved).parent), status="ok", version=version)
    v.options = {"implementation": impl or "?", "given_binary": resolved}
    v.micro = find_micro(Path(resolved).parent)
    if not v.micro:
        v.micro_note = f"no {MICRO_GLOB} executables in {Path(resolved).parent / 'experiments' / 'micro'}"
    return v


def find_micro(build_dir):
    d = Path(build_dir) / "experiments" / "micro"
    if not d.is_dir():
        return []
    return sorted(str(p) for p in d.glob(MICRO_GLOB)
                  if p.is_file() and os.access(p, os.X_OK) and p.suffix == "")


# ---------------------------------------------------------------- building

def setup_args(v):
    return [f"--buildtype={BUILDTYPE}", f"-Dlock={v.lock}", f"-Dalloc={v.alloc}"]


def current_options(build_dir):
    """{option: value} of a configured build directory (buildtype, lock, alloc, ...), or None."""
    rc, out, _ = _run(["meson", "introspect", "--buildoptions", str(build_dir)], timeout=60)
    if rc != 0:
        return None
    try:
        opts = json.loads(out)
    except ValueError:
        return None
    wanted = {"buildtype", "lock", "alloc", "checks", "tests", "b_ndebug", "b_sanitize", "cpp_std",
              "optimization", "debug"}
    return {o["name"]: o["value"] for o in opts if o.get("name") in wanted}


def failure_reason(output):
    lines = [l for l in output.splitlines() if "ERROR" in l]
    line = lines[-1] if lines else (output.strip().splitlines() or [""])[-1]
    line = re.sub(r"^.*ERROR:\s*", "", line)
    return re.sub(r"^Problem encountered:\s*", "", line).strip()


def configure(v, log):
    """meson setup (or reuse). Sets v.status on failure; returns True when configured."""
    d = Path(v.build_dir)
    args = setup_args(v)
    fresh = not (d / "meson-private" / "coredata.dat").exists()
    if not fresh and (d / "build.ninja").exists():
        opts = current_options(d)
        if opts and opts.get("buildtype") == BUILDTYPE and opts.get("lock") == v.lock \
                and opts.get("alloc") == v.alloc:
            log(f"  {v.name}: reusing {d} (release, lock={v.lock}, alloc={v.alloc})")
            return True
    cmd = ["meson", "setup"] + ([] if fresh else ["--reconfigure"]) + [str(d)] + args
    log(f"  {v.name}: {' '.join(cmd)}")
    rc, out, err = _run(cmd, timeout=600, cwd=str(ROOT))
    if rc == 0:
        try:
            (d / SETUP_STAMP).write_text(" ".join(args) + "\n")
        except OSError:
            pass
        return True
    output = out + err
    reason = failure_reason(output) or f"meson setup exited with {rc}"
    if fresh and d.exists():
        shutil.rmtree(d, ignore_errors=True)  # no half-configured directory behind us
    if NOT_BUILT_RE.search(reason):
        v.status, v.reason = "not-built-yet", reason
    else:
        v.status, v.reason = "setup-failed", reason
        tail = "\n".join(output.strip().splitlines()[-15:])
        log(f"  {v.name}: meson setup failed:\n{tail}")
    return False


def micro_targets(build_dir):
    """Ninja target names of the micro-benchmark executables (from meson introspect)."""
    rc, out, _ = _run(["meson", "introspect", "--targets", str(build_dir)], timeout=60)
    if rc != 0:
        return []
    try:
        targets = json.loads(out)
    except ValueError:
        return []
    names = []
    bdir = Path(build_dir).resolve()
    for t in targets:
        if t.get("type") != "executable":
            continue
        for f in t.get("filename", []):
            fp = Path(f)
            if fp.parent.name == "micro" and fp.parent.parent.name == "experiments":
                try:
                    names.append(str(fp.resolve().relative_to(bdir)))
                except ValueError:
                    pass
    return names


def build(v, log, jobs=2):
    """ninja the gilkit binary (and the micro-benchmarks). Sets v.status/v.binary."""
    d = Path(v.build_dir)
    t0 = time.monotonic()
    cmd = ["ninja", "-C", str(d), f"-j{jobs}", "gilkit"]
    log(f"  {v.name}: {' '.join(cmd)}")
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=7200)
        rc, out = p.returncode, p.stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        rc, out = None, str(e)
    if rc != 0:
        v.status = "build-failed"
        errors = [l for l in out.splitlines() if "error" in l.lower()]
        v.reason = (errors[0] if errors else (out.strip().splitlines() or ["ninja failed"])[-1])[:300]
        log("\n".join(out.strip().splitlines()[-20:]))
        v.build_seconds = time.monotonic() - t0
        return False
    v.binary = str((d / "gilkit").resolve())
    targets = micro_targets(d)
    if targets:
        cmd = ["ninja", "-C", str(d), f"-j{jobs}"] + targets
        log(f"  {v.name}: {' '.join(cmd)}")
        rc, out, err = _run(cmd, timeout=3600)
        if rc != 0:
            v.micro_note = "micro-benchmarks failed to build: " + failure_reason(out + err)[:200]
    else:
        v.micro_note = ("no micro-benchmark targets (needs libbenchmark-dev, -Dtests=true and "
                        "experiments/micro wired into meson.build)")
    v.micro = find_micro(d)
    v.build_seconds = time.monotonic() - t0
    v.status = "ok"
    return True


def prepare_gilkit(v, log, jobs=2, no_build=False):
    """Configure + build one gilkit variant (or just find its binary with no_build)."""
    d = Path(v.build_dir)
    if no_build:
        exe = d / "gilkit"
        if exe.is_file():
            v.binary, v.status = str(exe.resolve()), "ok"
            v.micro = find_micro(d)
        else:
            v.status, v.reason = "missing", f"--no-build and no {exe}"
    elif configure(v, log):
        build(v, log, jobs)
    if v.usable:
        opts = current_options(d)
        if opts:
            v.options = opts
        _, _, v.version = probe_binary(v.binary)
    return v
