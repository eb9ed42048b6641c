"""Exact `diff` of two synthetic framework versions of 16 categories x 8 levels.

    python benchmarks/bench_diff_large.py [--categories 16] [--levels 8] [--runs 3]

Each version has single-category rules (deploy block, deploy require a safeguard,
develop block, security require); the new version moves every threshold by one
level, up in even categories and down in odd ones. Target: < 10 s.

The peer, run in the same process: plain enumeration of every profile (the method
riskcard used before) on the same frameworks cut to --peer-categories categories,
whose counts must equal riskcard's exact counts on that cut (an exactness check),
and whose time per profile shows what 8^16 profiles would cost by enumeration.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from typing import Any

from _bench import header, table

from riskcard.analysis.diff import diff_frameworks
from riskcard.engine.policy import Profile, decide
from riskcard.formats.models import Framework
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import GATED, Direction, direction, standard_direction


def synthetic(version: str, categories: int, levels: int, shift: int) -> Framework:
    """A level-rated framework; `shift` moves thresholds (+ in even, - in odd categories)."""

    def at(base: int, index: int) -> str:
        moved = base + (shift if index % 2 == 0 else -shift)
        return f"l{min(max(moved, 1), levels - 1)}"

    rules: list[dict[str, Any]] = []
    for i in range(categories):
        for rid, decision, effect, base, safeguard in (
            ("deploy.guard", "deploy", "require", levels // 2, "guard"),
            ("deploy.block", "deploy", "block", levels - 2, None),
            ("develop.block", "develop", "block", levels - 1, None),
            ("security.high", "security", "require", levels // 2, "sec-high"),
        ):
            rule: dict[str, Any] = {
                "id": f"{rid}-c{i}",
                "decision": decision,
                "when": {"categories": [f"c{i}"], "stage": "level", "at_least": at(base, i)},
                "effect": effect,
                "summary": "synthetic",
                "quote": "synthetic",
                "locator": "synthetic",
            }
            if safeguard:
                rule["safeguard"] = safeguard
            rules.append(rule)
    return Framework.model_validate(
        {
            "format_version": 1,
            "id": "synthetic",
            "version": version,
            "title": f"Synthetic {version}",
            "publisher": "bench",
            "effective": f"2025-01-0{version}",
            "url": "https://example.org/synthetic",
            "rating": "level",
            "levels": [{"id": f"l{n}", "name": f"L{n}"} for n in range(levels)],
            "categories": [{"id": f"c{i}", "name": f"C{i}"} for i in range(categories)],
            "safeguards": [
                {"id": "guard", "name": "Guard", "kind": "deployment"},
                {"id": "sec-base", "name": "Base", "kind": "security", "rank": 0},
                {"id": "sec-high", "name": "High", "kind": "security", "rank": 1},
            ],
            "security_default": "sec-base",
            "rules": rules,
        }
    )


def enumerate_counts(old: Framework, new: Framework) -> tuple[int, int, int]:
    """The old method: judge every profile under both versions (identity route)."""
    cats = [c.id for c in old.categories]
    scale = [level.id for level in old.levels]
    ranks = {s.id: s.rank for s in old.safeguards}
    total = looser = stricter = 0
    for choice in itertools.product(scale, repeat=len(cats)):
        levels = {c: {"level": level} for c, level in zip(cats, choice, strict=True)}
        for attested in ({}, {"guard": None}):
            before = decide(old, Profile(levels, {}, attested))
            after = decide(new, Profile(levels, {}, attested))
            ways = {direction(before.of(d).status, after.of(d).status) for d in GATED}
            a, b = before.security.status, after.security.status
            if a in ranks and b in ranks:
                ways.add(standard_direction(ranks[a], ranks[b]))
            total += 1
            looser += Direction.LOOSER in ways
            stricter += Direction.STRICTER in ways
    return total, looser, stricter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--categories", type=int, default=16)
    parser.add_argument("--levels", type=int, default=8)
    parser.add_argument("--peer-categories", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(header(f"bench_diff_large: {options.categories} x {options.levels}, in process"))
    old = synthetic("1", options.categories, options.levels, 0)
    new = synthetic("2", options.categories, options.levels, 1)
    registry = Registry()
    registry.add_framework(old, "old")
    registry.add_framework(new, "new")
    times = []
    for _ in range(options.runs):
        start = time.perf_counter()
        result = diff_frameworks(old, new, registry)
        times.append(time.perf_counter() - start)
    exact_s = statistics.median(times)

    small_old = synthetic("1", options.peer_categories, options.levels, 0)
    small_new = synthetic("2", options.peer_categories, options.levels, 1)
    small = Registry()
    small.add_framework(small_old, "old")
    small.add_framework(small_new, "new")
    start = time.perf_counter()
    counted = diff_frameworks(small_old, small_new, small)
    small_s = time.perf_counter() - start
    start = time.perf_counter()
    total, looser, stricter = enumerate_counts(small_old, small_new)
    peer_s = time.perf_counter() - start
    assert (counted.total, counted.looser, counted.stricter) == (total, looser, stricter), (
        "exact count differs from enumeration"
    )
    per_profile = peer_s / total
    print(
        f"profiles: {result.total} (looser {result.looser}, stricter {result.stricter}, "
        f"both {result.counts.both}; verdict {result.verdict})"
    )
    print(
        f"exactness: on {options.peer_categories} categories riskcard's counts equal "
        f"enumeration's ({total} profiles, {looser} looser, {stricter} stricter)"
    )
    rows = [
        ("riskcard", f"diff {options.categories}x{options.levels}", f"{exact_s:.3f}"),
        ("riskcard", f"diff {options.peer_categories}x{options.levels}", f"{small_s:.3f}"),
        ("peer", f"enumerate {options.peer_categories}x{options.levels}", f"{peer_s:.3f}"),
        (
            "peer (extrapolated)",
            f"enumerate {options.categories}x{options.levels}",
            f"{per_profile * result.total:.3g}",
        ),
    ]
    print(table(rows, ("tool", "command", "wall s (median)")))
    print(
        f"target: exact diff of {options.categories}x{options.levels} < 10 s: "
        f"{'MET' if exact_s < 10 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
