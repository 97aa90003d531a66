"""The environment a result was measured in, for the report: CPU, cores,
kernel, compiler, tools, interpreters, the git commit and load."""
import os
import platform
import subprocess
import sys
from pathlib import Path

from . import ROOT


def _first_line(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = p.stdout.strip().splitlines()
    return lines[0].strip() if p.returncode == 0 and lines else None


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def git_commit():
    commit = _first_line(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"])
    if commit is None:
        return "unknown (not a git checkout)"
    try:
        p = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=30)
        dirty = len([l for l in p.stdout.splitlines() if l.strip()])
    except (OSError, subprocess.TimeoutExpired):
        dirty = 0
    subject = _first_line(["git", "-C", str(ROOT), "log", "-1", "--format=%s"]) or ""
    text = commit + (f" + {dirty} modified files" if dirty else "")
    return f"{text} ({subject})" if subject else text


def collect(cpython=None, plot_python=None):
    """[(label, value)] rows."""
    rows = [
        ("CPU", cpu_model()),
        ("cores (usable / online)", f"{cpu_count()} / {os.cpu_count()}"),
        ("kernel", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("OS", _os_release()),
        ("compiler", _first_line(["g++", "--version"]) or "g++ not found"),
        ("meson / ninja", f"{_first_line(['meson', '--version']) or '—'} / {_first_line(['ninja', '--version']) or '—'}"),
        ("git commit", git_commit()),
        ("harness python", f"{sys.executable} ({platform.python_version()})"),
        ("reference python3", cpython or "—"),
        ("plots", plot_python or "—"),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "—"),
        ("CPU frequency governor", _governor()),
    ]
    return rows


def _os_release():
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def _governor():
    p = Path("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
    try:
        return p.read_text().strip()
    except OSError:
        return "n/a (no cpufreq: a VM?)"
