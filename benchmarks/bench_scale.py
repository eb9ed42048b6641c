"""Memory and time at scale: `gate`, `report` and `site` beside `validate`, at 1,000 and COUNT
generated scorecards, in one run.

    python benchmarks/bench_scale.py [--count 10000] [--runs 1]

Runs this checkout's riskcard (`python -m riskcard` with the checkout first on the path):

  validate  riskcard validate cards/
  gate      riskcard gate -f json -o gate.json cards/
  report    riskcard report --out-dir out-report cards/
  site      riskcard site out-site cards/

Targets (issue 12): for each command, peak RSS at COUNT <= 1.5x its peak RSS at 1,000; and
`site` <= 1.5x the time of `report` at COUNT.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _bench import ROOT, header, run_once, table, verdict
from bench_validate import generate

COMMANDS = {
    "validate": ["validate", "{cards}"],
    "gate": ["gate", "-f", "json", "-o", "{out}.json", "{cards}"],
    "report": ["report", "--out-dir", "{out}", "{cards}"],
    "site": ["site", "{out}", "{cards}"],
}


def measure(root: Path, cards: str, runs: int) -> dict[str, tuple[float, int]]:
    """Per command: the best wall time of `runs` and the peak RSS (KiB) over them."""
    found: dict[str, tuple[float, int]] = {}
    for name, template in COMMANDS.items():
        times, peaks = [], []
        for run in range(runs):
            out = root / f"out-{name}-{cards}-{run}"
            args = [a.format(cards=cards, out=out) for a in template]
            result = run_once([sys.executable, "-m", "riskcard", *args], cwd=root)
            if result.returncode not in (0, 1):
                sys.exit(f"{name} on {cards} exited {result.returncode}")
            times.append(result.seconds)
            peaks.append(result.maxrss_kib)
            shutil.rmtree(out, ignore_errors=True)
        found[name] = (min(times), max(peaks))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000, help="scorecards in the large run")
    parser.add_argument("--runs", type=int, default=1, help="runs per command and size")
    options = parser.parse_args()
    os.environ["PYTHONPATH"] = str(ROOT)  # this checkout, not an installed copy
    print(header(f"bench_scale: 1,000 and {options.count:,} scorecards"))
    with tempfile.TemporaryDirectory(prefix="riskcard-scale-") as tmp:
        root = Path(tmp)
        generate(root / "small", min(1000, options.count))
        generate(root / "large", options.count)
        small = measure(root, "small", options.runs)
        large = measure(root, "large", options.runs)
    rows = []
    for name in COMMANDS:
        (t1, r1), (t2, r2) = small[name], large[name]
        growth = r2 / r1
        rows.append(
            (
                name,
                f"{t1:.2f}",
                f"{t2:.2f}",
                f"{r1 / 1024:.0f}",
                f"{r2 / 1024:.0f}",
                f"{growth:.2f}",
                verdict(growth, 1.5),
            )
        )
    print(
        table(
            rows,
            (
                "command",
                "s at 1,000",
                f"s at {options.count:,}",
                "MiB at 1,000",
                f"MiB at {options.count:,}",
                "RSS growth",
                "<= 1.5x",
            ),
        )
    )
    ratio = large["site"][0] / large["report"][0]
    print(f"\nsite / report time at {options.count:,}: {ratio:.2f} ({verdict(ratio, 1.5)})")


if __name__ == "__main__":
    main()
