"""The index page's data: per framework family a matrix of determinations by category,
each version's verdict against its predecessor, and the first High and Critical marks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from riskcard.analysis.audit import AuditResult
from riskcard.analysis.spill import Spill
from riskcard.engine.evaluation import Evaluation
from riskcard.formats.models import Framework
from riskcard.formats.registry import Registry
from riskcard.publish.site.levels import (
    TIER_HIGH,
    TIER_TOP,
    VERDICT_CLASS,
    VERDICT_WORD,
    Rating,
    chips,
)

FIRST_HIGH, FIRST_TOP = "first High", "first Critical"
Pages = dict[tuple[str, str], Path]


def statuses(result: dict[str, Any]) -> dict[str, Any]:
    """What the index and model pages read of a gate result."""
    return {
        **{d: {"status": result[d]["status"]} for d in ("deploy", "develop", "security")},
        "overall": result["overall"],
        "passes": result["passes"],
    }


def version_entry(framework: Framework, audited: AuditResult, pages: Pages) -> dict[str, Any]:
    """One framework version with its verdict against the version before it."""
    verdicts = {(f["id"], f["version"]): f for f in audited.frameworks}
    timeline = verdicts.get((framework.id, framework.version), {})
    verdict = timeline.get("verdict")
    return {
        **framework.facts(),
        "page": pages[(framework.id, framework.version)],
        "verdict": verdict,
        "against": timeline.get("against"),
        "word": VERDICT_WORD.get(verdict, "first version") if verdict else "first version",
        "class": VERDICT_CLASS.get(verdict or "", "v-same"),
        "profiles": timeline.get("profiles"),
    }


def ratings_row(
    evaluation: Evaluation, registry: Registry
) -> dict[str, list[dict[str, Any]] | None]:
    """Per category id of the card's own framework: the chips of its rating."""
    card = evaluation.card
    framework = evaluation.framework
    scale = registry.scale(framework)
    written: dict[str, Rating] = {}
    for name, rating in card.ratings.items():
        category = scale.category(name)
        if category is not None:
            written[category.id] = rating
    return {
        category.id: chips(written.get(category.id), framework, category, registry)
        for category in framework.categories
    }


class FirstMarks:
    """The marks of the first row of a family (rows given in date order) reaching the High
    tier (either of the two highest levels of a tracked category) and the first reaching the
    top."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def of(
        self, cells: dict[str, list[dict[str, Any]] | None], framework: Framework
    ) -> list[dict[str, str]]:
        tracked = {c.id: c.name for c in framework.categories if c.kind == "tracked"}
        reached: dict[str, list[str]] = {FIRST_HIGH: [], FIRST_TOP: []}
        for category_id, row_chips in cells.items():
            if category_id not in tracked or row_chips is None:
                continue
            for chip in row_chips:
                label = f"{chip['text']} ({tracked[category_id]})"
                if chip["tier"] in (TIER_HIGH, TIER_TOP) and label not in reached[FIRST_HIGH]:
                    reached[FIRST_HIGH].append(label)
                if chip["tier"] == TIER_TOP and label not in reached[FIRST_TOP]:
                    reached[FIRST_TOP].append(label)
        mine = []
        for kind in (FIRST_HIGH, FIRST_TOP):
            if reached[kind] and kind not in self.seen:
                self.seen.add(kind)
                mine.append(
                    {
                        "kind": kind,
                        "detail": ", ".join(reached[kind]),
                        "class": "first-top" if kind == FIRST_TOP else "first-high",
                    }
                )
        return mine


def _columns(
    used: list[Framework], rated: dict[tuple[str, str], set[str]]
) -> dict[str, dict[str, Any]]:
    """Tracked categories, and others only where some determination rated them."""
    columns: dict[str, dict[str, Any]] = {}
    for framework in used:
        mine = rated.get((framework.id, framework.version), set())
        for category in framework.categories:
            if category.kind == "tracked" or category.id in mine:
                columns[category.id] = {
                    "id": category.id,
                    "name": category.name,
                    "kind": category.kind,
                }
    return columns


class VersionRows:
    """The rows of one framework version, read from the family's rows when a page reaches
    them (the family's rows are on disk, in date order)."""

    def __init__(self, rows: Iterable[dict[str, Any]], version: str) -> None:
        self.rows, self.version = rows, version

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (r for r in self.rows if r["version"] == self.version)


def version_tables(
    used: list[Framework],
    rows: Iterable[dict[str, Any]],
    rated: dict[tuple[str, str], set[str]],
    framework_pages: Pages,
) -> list[dict[str, Any]]:
    """One table per framework version the rows were judged under, newest first, headed by
    that version and with that version's categories as columns."""
    return [
        {
            "version": framework.version,
            "title": framework.title,
            "page": framework_pages[(framework.id, framework.version)],
            "columns": list(_columns([framework], rated).values()),
            "rows": VersionRows(rows, framework.version),
        }
        for framework in reversed(used)
    ]


def families(
    rows_of: Mapping[str, Spill[dict[str, Any]]],
    rated: dict[tuple[str, str], set[str]],
    registry: Registry,
    audited: AuditResult,
    framework_pages: Pages,
) -> list[dict[str, Any]]:
    """One entry per framework family: its versions, matrix columns and rows (`rows_of`:
    per family, its rows in date order, as `gather` keeps them)."""
    found = []
    for framework_id in registry.ids():
        versions = registry.versions(framework_id)
        rows = rows_of.get(framework_id, ())
        used = [f for f in versions if (f.id, f.version) in rated]
        newest = versions[-1]
        found.append(
            {
                "id": framework_id,
                "title": newest.title,
                "publisher": newest.publisher,
                "versions": [version_entry(f, audited, framework_pages) for f in versions],
                "columns": list(_columns(used, rated).values()),
                "rows": rows,
                "tables": version_tables(used, rows, rated, framework_pages),
            }
        )
    return found


def summary(counts: dict[str, int], registry: Registry, audited: AuditResult) -> dict[str, Any]:
    """The counts at the top of the index."""
    verdicts = [f["verdict"] for f in audited.frameworks if f["verdict"]]
    return {
        **{k: counts[k] for k in ("models", "determinations", "passing")},
        "frameworks": len(registry.ids()),
        "versions": len(registry.all()),
        "loosenings": verdicts.count("loosening"),
        "mixed": verdicts.count("mixed"),
        "flips": counts["flips"],
    }
