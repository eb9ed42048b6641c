"""One `gate` on a framework of about 1 MiB, beside `validate` of one small bundled scorecard
in the same run (the peer: what start-up and one small check cost on this machine).

The framework is PF Version 2 with 1,650 tracked categories, each with its own block rule
carrying 200-character texts; the scorecard rates every category, half of them High, so
825 rules fire. Target (issue 11): under 5 s and 500 MB.

    python benchmarks/bench_gate_large.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from _bench import ROOT, Case, header, interleaved, table

CATEGORIES = 1650


def write_inputs(folder: Path) -> int:
    framework = yaml.safe_load(
        (ROOT / "riskcard" / "frameworks" / "openai-preparedness-2.yaml").read_text("utf-8")
    )
    framework.update(version="large")
    framework.pop("commitments", None)
    framework["categories"] = [
        {"id": f"c{i}", "name": f"Category {i}", "kind": "tracked"} for i in range(CATEGORIES)
    ]
    framework["rules"] = [
        {
            "id": f"deploy.c{i}",
            "decision": "deploy",
            "when": {"stage": "level", "at_least": "high", "categories": [f"c{i}"]},
            "effect": "block",
            "summary": "s" * 200,
            "quote": "q" * 200,
            "locator": "p. 1",
        }
        for i in range(CATEGORIES)
    ]
    text = yaml.safe_dump(framework, sort_keys=False)
    (folder / "framework.yaml").write_text(text, "utf-8")
    card = {
        "format_version": 1,
        "model": {"id": "example/large", "name": "Large", "developer": "Example"},
        "framework": {"id": framework["id"], "version": "large"},
        "assessed": "2025-06-01",
        "sources": [{"id": "d", "title": "Synthetic", "url": "https://example.org/large"}],
        "ratings": {
            f"c{i}": {
                "level": "high" if i % 2 else "below_high",
                "cite": {"source": "d", "locator": "p. 1"},
            }
            for i in range(CATEGORIES)
        },
    }
    (folder / "card.yaml").write_text(yaml.safe_dump(card, sort_keys=False), "utf-8")
    return len(text.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = write_inputs(folder)
        riskcard = [sys.executable, "-m", "riskcard"]
        cases = [
            Case("gate", "riskcard gate LARGE/", [[*riskcard, "gate", str(folder)]], ROOT, (1,)),
            Case(
                "validate",
                "riskcard validate o3-mini.yaml",
                [[*riskcard, "validate", "scorecards/openai/o3-mini.yaml"]],
                ROOT,
            ),
        ]
        interleaved(cases, args.runs)
    print(header(f"gate on a {size:,}-byte framework ({CATEGORIES} categories)"))
    rows = [[c.label, f"{c.median:.2f}", f"{max(c.rss) / 1024:.0f}"] for c in cases]
    print(table(rows, ["command", "median s", "peak MiB"]))
    gate = cases[0]
    ok = gate.median < 5 and max(gate.rss) / 1024 < 500
    print(f"target: < 5 s and < 500 MB: {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
