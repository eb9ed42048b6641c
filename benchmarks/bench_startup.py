"""Start-up cost: riskcard against check-jsonschema, whole processes.

    python benchmarks/bench_startup.py [--runs 20]

  riskcard --version                      vs  check-jsonschema --version
  riskcard validate ONEFILE               vs  check-jsonschema --schemafile schema/scorecard.schema.json ONEFILE

ONEFILE is scorecards/openai/o3-mini.yaml. Median of RUNS runs each, all four interleaved.
Targets: --version <= 0.4x; one-file validate <= 0.7x.
Then the ten heaviest imports (cumulative, from `python -X importtime`) of `riskcard.cli`
and of what `riskcard validate` imports on top of it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from _bench import O3_MINI, ROOT, SCHEMA, Case, header, interleaved, table, tool, verdict


def importtime(statement: str, top: int = 10) -> list[tuple[int, int, str]]:
    """(cumulative us, self us, module) of the `top` heaviest imports, pyc caches warm."""
    cmd = [sys.executable, "-X", "importtime", "-c", statement]
    subprocess.run(cmd, capture_output=True, cwd=ROOT)  # warm the caches
    err = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|", 2)
        rows.append((int(cumulative), int(self_us), name.rstrip()))
    rows.sort(reverse=True)
    return rows[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    riskcard, cjs = tool("riskcard"), tool("check-jsonschema")
    one = str(O3_MINI.relative_to(ROOT))
    schema = str(SCHEMA.relative_to(ROOT))
    print(header(f"bench_startup: median of {options.runs} runs, interleaved"))
    pairs = [
        (
            Case("riskcard", "riskcard --version", [[riskcard, "--version"]], cwd=ROOT),
            Case("check-jsonschema", "check-jsonschema --version", [[cjs, "--version"]], cwd=ROOT),
            0.4,
        ),
        (
            Case("riskcard", f"riskcard validate {one}", [[riskcard, "validate", one]], cwd=ROOT),
            Case(
                "check-jsonschema",
                f"check-jsonschema --schemafile {schema} {one}",
                [[cjs, "--schemafile", schema, one]],
                cwd=ROOT,
            ),
            0.7,
        ),
    ]
    interleaved([case for a, b, _ in pairs for case in (a, b)], options.runs)
    rows = []
    for mine, peer, _ in pairs:
        rows.append(
            (mine.name, mine.label, f"{mine.median:.3f}", f"{mine.median / peer.median:.2f}")
        )
        rows.append((peer.name, peer.label, f"{peer.median:.3f}", "1.00"))
    print(table(rows, ("tool", "command", "wall s (median)", "ratio to peer")))
    for mine, peer, target in pairs:
        print(
            f"{mine.label.split(' ', 1)[1].split(' ')[0]}: riskcard / check-jsonschema = "
            f"{verdict(mine.median / peer.median, target)}"
        )

    for statement, title in (
        ("import riskcard.cli", "import riskcard.cli"),
        (
            "import riskcard.cli, riskcard.checks.collection, riskcard.renderers.findings",
            "what `riskcard validate` imports (cli + collection + render.findings)",
        ),
    ):
        print(f"\n# python -X importtime: top 10 cumulative, {title}")
        print(
            table(
                [
                    (f"{c / 1000:.1f}", f"{s / 1000:.1f}", name.strip())
                    for c, s, name in importtime(statement)
                ],
                ("cumulative ms", "self ms", "module"),
            )
        )


if __name__ == "__main__":
    main()
