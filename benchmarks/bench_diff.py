"""`riskcard.analysis.diff.diff_frameworks` of openai-preparedness@beta -> @2, in process.

    python benchmarks/bench_diff.py [--runs 5]

Times diff_frameworks(beta, 2) (median of RUNS; the first, cold call is shown on its
own too) and, interleaved, a plain Python loop over the same number of profiles that
does nothing, to make the figure machine-relative. Target: < 1 s.
Loading the bundled registry is not timed.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _bench import header, table, verdict

from riskcard.analysis.diff import diff_frameworks
from riskcard.checks.collection import bundled_registry


def empty_loop(count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(header(f"bench_diff: median of {options.runs} runs, in process"))
    registry, _ = bundled_registry()
    old = registry.parse_ref("openai-preparedness@beta")
    new = registry.parse_ref("openai-preparedness@2")

    start = time.perf_counter()
    result = diff_frameworks(old, new, registry)
    cold = time.perf_counter() - start
    profiles = result.total

    diff_times, loop_times = [], []
    for _ in range(options.runs):
        start = time.perf_counter()
        again = diff_frameworks(old, new, registry)
        diff_times.append(time.perf_counter() - start)
        assert again.total == profiles
        loop_times.append(empty_loop(profiles))
    diff_s, loop_s = statistics.median(diff_times), statistics.median(loop_times)

    print(
        f"profiles: {profiles} (looser {result.looser}, stricter {result.stricter}, "
        f"incomparable {result.counts.incomparable}; verdict {result.verdict}; route {result.route})"
    )
    rows = [
        (
            "riskcard",
            "diff_frameworks(openai-preparedness@beta, @2)",
            f"{diff_s:.4f}",
            f"{diff_s / loop_s:.0f}",
            f"{diff_s / profiles * 1e6:.2f}",
        ),
        (
            "riskcard (cold, 1st call)",
            "same, first call in the process",
            f"{cold:.4f}",
            f"{cold / loop_s:.0f}",
            f"{cold / profiles * 1e6:.2f}",
        ),
        (
            "peer",
            f"for _ in range({profiles}): pass",
            f"{loop_s:.6f}",
            "1",
            f"{loop_s / profiles * 1e6:.4f}",
        ),
    ]
    print(table(rows, ("tool", "command", "wall s (median)", "ratio to peer", "us per profile")))
    print(
        f"diff beta -> 2: {diff_s:.3f} s (target < 1 s: {'MET' if diff_s < 1 else 'MISSED'}); "
        f"cold {cold:.3f} s"
    )
    print(
        f"riskcard / empty loop: {verdict(diff_s / loop_s, float('inf'))}".replace(
            " (target <= infx: MET)", " (no target; machine-relative reference)"
        )
    )


if __name__ == "__main__":
    main()
