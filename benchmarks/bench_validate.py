"""`riskcard validate DIR` against check-jsonschema and a bare libyaml parse of the same files.

    python benchmarks/bench_validate.py [--count 10000] [--runs 3]

Generates COUNT valid scorecards (o3-mini with distinct model ids and dates) in a
temporary folder, then times, interleaved in one run, three whole processes:

  riskcard          riskcard validate DIR
  bare-parse        python -c "<yaml.load(f, Loader=yaml.CSafeLoader) on each file>" DIR
  check-jsonschema  check-jsonschema --schemafile schema/scorecard.schema.json FILE...

and riskcard's peak RSS (os.wait4 ru_maxrss of the child) at 1,000 and COUNT files.
When `riskcard validate` has a --jobs option, `--jobs 1` and `--jobs <cores>` are timed too
(the main `riskcard` row is the default, automatic choice).
Targets: riskcard <= 0.5x check-jsonschema (issue 2); later <= 0.25x check-jsonschema and
<= 1.5x bare parse (issue 6).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _bench import O3_MINI, SCHEMA, Case, header, interleaved, run_once, table, tool, verdict

BARE_PARSE = """\
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""

BASE_DATE = dt.date(2023, 1, 2)


def scorecard(template: str, index: int) -> str:
    """o3-mini with its own model id, name and dates (released = assessed, all in the past)."""
    day = (BASE_DATE + dt.timedelta(days=index % 1000)).isoformat()
    text = template.replace("openai/o3-mini", f"bench/model-{index:05d}")
    text = text.replace("OpenAI o3-mini System Card", f"Bench model {index} system card")
    text = text.replace("name: OpenAI o3-mini", f"name: Bench model {index}")
    text = text.replace("2025-01-31", day)
    # vary the ratings a little too, keeping post <= pre
    levels = ("low", "medium")
    level = levels[index % 2]
    text = text.replace(
        "  cybersecurity:\n    pre: low\n    post: low",
        f"  cybersecurity:\n    pre: {level}\n    post: {level}",
    )
    return text


def generate(folder: Path, count: int) -> list[Path]:
    template = O3_MINI.read_text("utf-8")
    folder.mkdir(parents=True)
    paths = []
    for index in range(count):
        path = folder / f"m{index:05d}.yaml"
        path.write_text(scorecard(template, index), "utf-8")
        paths.append(path)
    return paths


def chunks(args: list[str], limit: int) -> list[list[str]]:
    """Split file names so that no command line exceeds `limit` bytes."""
    out: list[list[str]] = [[]]
    size = 0
    for arg in args:
        if out[-1] and size + len(arg) + 1 > limit:
            out.append([])
            size = 0
        out[-1].append(arg)
        size += len(arg) + 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000, help="scorecards to generate")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (median)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    options = parser.parse_args()

    riskcard, cjs = tool("riskcard"), tool("check-jsonschema")
    print(header(f"bench_validate: {options.count} scorecards, median of {options.runs} runs"))
    with tempfile.TemporaryDirectory(prefix="riskcard-bench-") as tmp:
        root = Path(tmp)
        files = generate(root / "cards", options.count)
        small = generate(root / "cards1k", min(1000, options.count))
        names = [str(p.relative_to(root)) for p in files]
        limit = min(os.sysconf("SC_ARG_MAX") // 2, 1 << 20)
        parts = chunks(names, limit)
        schema = str(SCHEMA)
        cases = [
            Case(
                "riskcard", "riskcard validate cards/", [[riskcard, "validate", "cards"]], cwd=root
            ),
            Case(
                "bare-parse",
                "python -c '<CSafeLoader each file>' cards/",
                [[sys.executable, "-c", BARE_PARSE, "cards"]],
                cwd=root,
            ),
            Case(
                "check-jsonschema",
                f"check-jsonschema --schemafile schema/scorecard.schema.json <{len(names)} files>"
                + (f" ({len(parts)} invocations)" if len(parts) > 1 else ""),
                [[cjs, "--schemafile", schema, *part] for part in parts],
                cwd=root,
            ),
        ]
        has_jobs = (
            "--jobs"
            in subprocess.run(
                [riskcard, "validate", "--help"], capture_output=True, text=True
            ).stdout
        )
        cores = os.cpu_count() or 1
        if has_jobs:
            for jobs in sorted({1, cores}):
                cases.append(
                    Case(
                        f"riskcard -j{jobs}",
                        f"riskcard validate --jobs {jobs} cards/",
                        [[riskcard, "validate", "--jobs", str(jobs), "cards"]],
                        cwd=root,
                    )
                )
        interleaved(cases, options.runs, options.warmup)
        by = {c.name: c for c in cases}
        base = by["check-jsonschema"].median
        rows = [
            (
                c.name,
                c.label,
                f"{c.median:.3f}",
                f"{c.median / base:.2f}",
                f"{max(c.rss) / 1024:.0f}",
            )
            for c in cases
        ]
        print(
            table(
                rows,
                ("tool", "command", "wall s (median)", "ratio to check-jsonschema", "peak RSS MiB"),
            )
        )
        rk, bare = by["riskcard"].median, by["bare-parse"].median
        print(
            f"riskcard / check-jsonschema: {verdict(rk / base, 0.5)} [issue 2]; "
            f"{verdict(rk / base, 0.25)} [issue 6]"
        )
        print(f"riskcard / bare-parse:       {verdict(rk / bare, 1.5)} [issue 6]")

        rss_rows = []
        for folder, count in (("cards1k", len(small)), ("cards", len(files))):
            result = run_once([riskcard, "validate", folder], cwd=root)
            rss_rows.append(
                (
                    "riskcard",
                    f"riskcard validate {folder}/",
                    str(count),
                    f"{result.maxrss_kib / 1024:.0f}",
                    f"{result.seconds:.3f}",
                )
            )
        print(table(rss_rows, ("tool", "command", "files", "peak RSS MiB", "wall s (1 run)")))
        if not has_jobs:
            print("(--jobs: riskcard has no parallel option yet; not measured)")
        else:
            print(
                "(--jobs: peak RSS is that of the largest single process, not the sum of "
                "the workers)"
            )


if __name__ == "__main__":
    main()
