"""Shared helpers for the benchmark scripts (stdlib only).

Every timing is a whole child process measured with `time.perf_counter` around
`subprocess.Popen` + `os.wait4`, so the same call also yields that child's peak
RSS (`ru_maxrss`, KiB on Linux). Tools are run from the interpreter's own `bin`
folder, not through pyenv shims, so neither side pays for a shim.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "scorecard.schema.json"
O3_MINI = ROOT / "scorecards" / "openai" / "o3-mini.yaml"


def tool(name: str) -> str:
    """The real executable of a console script installed next to this interpreter."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed (pip install {name})")
    return found


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def header(title: str) -> str:
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    rev = (
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        or "unknown"
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "riskcard"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"# {title}\n"
        f"# date: {date}\n"
        f"# riskcard: {rev}{' + uncommitted changes in riskcard/' if dirty else ''}\n"
        f"# machine: {platform.platform()} | {cpu_model()} | {os.cpu_count()} cores\n"
        f"# python: {platform.python_version()} ({sys.executable})"
    )


@dataclass
class Result:
    seconds: float
    maxrss_kib: int
    returncode: int


def run_once(
    cmd: Sequence[str],
    *,
    cwd: Path | str | None = None,
    stdin: bytes | None = None,
    stdout: int | None = subprocess.DEVNULL,
) -> Result:
    """Run one child process to completion; wall seconds and its peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    return Result(elapsed, usage.ru_maxrss, proc.returncode)


@dataclass
class Case:
    name: str
    label: str  # the command as shown in the table
    commands: list[list[str]]  # run one after the other; times and RSS are summed / maxed
    cwd: Path | str | None = None
    ok_codes: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def run(self) -> None:
        total, peak = 0.0, 0
        for cmd in self.commands:
            result = run_once(cmd, cwd=self.cwd)
            if result.returncode not in self.ok_codes:
                sys.exit(
                    f"{self.name}: exit {result.returncode} from {' '.join(cmd[:4])} ...; "
                    "the benchmark input is not what it should be"
                )
            total += result.seconds
            peak = max(peak, result.maxrss_kib)
        self.times.append(total)
        self.rss.append(peak)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def interleaved(cases: Sequence[Case], runs: int, warmup: int = 1) -> None:
    """Round-robin the cases so that machine noise hits every case alike."""
    for _ in range(warmup):
        for case in cases:
            case.run()
        for case in cases:
            case.times.clear()
            case.rss.clear()
    for _ in range(runs):
        for case in cases:
            case.run()


def table(rows: Sequence[Sequence[str]], headings: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [headings, *rows]) for i in range(len(headings))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    return "\n".join(
        [
            line(headings),
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            *(line(r) for r in rows),
        ]
    )


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.3f}x (target <= {target:g}x: {'MET' if ratio <= target else 'MISSED'})"
