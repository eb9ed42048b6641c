"""The index page's data: per framework family a matrix of determinations by category,
each version's verdict against its predecessor, and the first High and Critical marks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskcard.analysis.audit import AuditResult
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


@dataclass(frozen=True)
class Determination:
    """One scorecard judged under the framework version it was assessed under."""

    evaluation: Evaluation
    result: dict[str, Any]
    """Its decisions' statuses, `overall` and `passes`, as the JSON report shows them (only
    these: the whole result stays on its gate page, not in memory)."""
    gate_page: Path

    @property
    def key(self) -> tuple[dt.date, str, str]:
        card = self.evaluation.card
        return (card.assessed, card.model.id, self.evaluation.path)


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
    determination: Determination, registry: Registry
) -> dict[str, list[dict[str, Any]] | None]:
    """Per category id of the card's own framework: the chips of its rating."""
    card = determination.evaluation.card
    framework = determination.evaluation.framework
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


def first_marks(
    cells_of: list[dict[str, list[dict[str, Any]] | None]], frameworks: list[Framework]
) -> list[list[dict[str, str]]]:
    """Per row (in date order), the marks of the first row of a family reaching the High tier
    (either of the two highest levels of a tracked category) and the first reaching the top."""
    seen: set[str] = set()
    marks: list[list[dict[str, str]]] = []
    for cells, framework in zip(cells_of, frameworks, strict=True):
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
            if reached[kind] and kind not in seen:
                seen.add(kind)
                mine.append(
                    {
                        "kind": kind,
                        "detail": ", ".join(reached[kind]),
                        "class": "first-top" if kind == FIRST_TOP else "first-high",
                    }
                )
        marks.append(mine)
    return marks


def _columns(
    mine: list[Determination], used: list[Framework], registry: Registry
) -> dict[str, dict[str, Any]]:
    """Tracked categories, and others only where some determination rated them."""
    columns: dict[str, dict[str, Any]] = {}
    for framework in used:
        rated = {
            c
            for d in mine
            if d.evaluation.framework is framework
            for c, row_chips in ratings_row(d, registry).items()
            if row_chips and row_chips[0]["text"] != "not rated"
        }
        for category in framework.categories:
            if category.kind == "tracked" or category.id in rated:
                columns[category.id] = {
                    "id": category.id,
                    "name": category.name,
                    "kind": category.kind,
                }
    return columns


def version_tables(
    mine: list[Determination],
    used: list[Framework],
    rows: list[dict[str, Any]],
    registry: Registry,
    framework_pages: Pages,
) -> list[dict[str, Any]]:
    """One table per framework version the rows were judged under, newest first, headed by
    that version and with that version's categories as columns."""
    tables = []
    for framework in reversed(used):
        own = [d for d in mine if d.evaluation.framework is framework]
        columns = _columns(own, [framework], registry)
        tables.append(
            {
                "version": framework.version,
                "title": framework.title,
                "page": framework_pages[(framework.id, framework.version)],
                "columns": list(columns.values()),
                "rows": [r for r in rows if r["version"] == framework.version],
            }
        )
    return tables


def families(
    determinations: list[Determination],
    registry: Registry,
    audited: AuditResult,
    framework_pages: Pages,
    model_pages: dict[str, Path],
) -> list[dict[str, Any]]:
    """One entry per framework family: its versions, matrix columns and rows."""
    found = []
    for framework_id in registry.ids():
        versions = registry.versions(framework_id)
        mine = sorted(
            (d for d in determinations if d.evaluation.framework.id == framework_id),
            key=lambda d: d.key,
        )
        used = [f for f in versions if any(d.evaluation.framework is f for d in mine)]
        columns = _columns(mine, used, registry)
        cells_of = [ratings_row(d, registry) for d in mine]
        marks = first_marks(cells_of, [d.evaluation.framework for d in mine])
        rows = []
        for determination, cells, row_marks in zip(mine, cells_of, marks, strict=True):
            card = determination.evaluation.card
            framework = determination.evaluation.framework
            rows.append(
                {
                    "path": determination.evaluation.path,
                    "model": card.model.id,
                    "name": card.model.name,
                    "developer": card.model.developer,
                    "assessed": card.assessed.isoformat(),
                    "title": card.title,
                    "version": framework.version,
                    "framework_page": framework_pages[(framework.id, framework.version)],
                    "model_page": model_pages[card.model.id],
                    "gate_page": determination.gate_page,
                    "cells": {c: cells.get(c) for c in columns},
                    "deploy": determination.result["deploy"]["status"],
                    "develop": determination.result["develop"]["status"],
                    "marks": row_marks,
                }
            )
        newest = versions[-1]
        found.append(
            {
                "id": framework_id,
                "title": newest.title,
                "publisher": newest.publisher,
                "versions": [version_entry(f, audited, framework_pages) for f in versions],
                "columns": list(columns.values()),
                "rows": rows,
                "tables": version_tables(mine, used, rows, registry, framework_pages),
            }
        )
    return found


def summary(
    determinations: list[Determination], registry: Registry, audited: AuditResult
) -> dict[str, Any]:
    """The counts at the top of the index."""
    verdicts = [f["verdict"] for f in audited.frameworks if f["verdict"]]
    return {
        "models": len({d.evaluation.card.model.id for d in determinations}),
        "determinations": len(determinations),
        "passing": sum(1 for d in determinations if d.result["passes"]),
        "frameworks": len(registry.ids()),
        "versions": len(registry.all()),
        "loosenings": verdicts.count("loosening"),
        "mixed": verdicts.count("mixed"),
        "flips": len(audited.flips),
    }
