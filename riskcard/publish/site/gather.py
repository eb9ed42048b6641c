"""The site's one pass over the scorecards, in gate order: each is judged, its gate page
written at once, and only what the other pages read of it is kept, on disk.

What stays in memory is per framework version or per family (columns, first marks, counts),
never per scorecard: the matrix rows, the framework pages' lists, the model pages' pieces and
the compliance facts go into spills, and the conduct ledger is gathered by its own builder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from riskcard.analysis.audit import HistoryFacts, judge_everywhere
from riskcard.analysis.comply import ModelFacts
from riskcard.analysis.conduct import LedgerBuilder
from riskcard.analysis.spill import SortedSpill, Spill
from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.evaluation import evaluate
from riskcard.formats.registry import Registry
from riskcard.publish.site.index import FirstMarks, ratings_row, statuses
from riskcard.results.gate import GateRun

FrameworkKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ModelPiece:
    """One assessment as its model page shows it, kept until the model pages are written."""

    model: str
    name: str
    developer: str
    released: str | None
    assessment: dict[str, Any]
    sources: tuple[dict[str, Any], ...]
    history: HistoryFacts


@dataclass
class Gathered:
    """What the index, model, framework, compliance and conduct pages read."""

    registry: Registry
    as_of: dt.date | None
    rows: dict[str, Spill[dict[str, Any]]] = field(default_factory=dict)
    """Per framework family, its matrix rows in date order (cells of every category of the
    row's version; first marks included)."""
    rated: dict[FrameworkKey, set[str]] = field(default_factory=dict)
    """Per framework version, the categories some scorecard under it rated."""
    assessed: dict[FrameworkKey, Spill[dict[str, Any]]] = field(default_factory=dict)
    """Per framework version, the scorecards assessed under it (for its page)."""
    pieces: SortedSpill[ModelPiece] = field(default_factory=lambda: SortedSpill(lambda p: p.model))
    """Every assessment as its model page shows it, by model."""
    compliance: dict[FrameworkKey, Spill[ModelFacts]] = field(default_factory=dict)
    marks: dict[str, FirstMarks] = field(default_factory=dict)
    ledger: LedgerBuilder = field(init=False)
    determinations: int = 0
    passing: int = 0
    flips: int = 0
    last: dt.date | None = None
    """The latest date assessed (the compliance pages' date when no --as-of is given)."""

    def __post_init__(self) -> None:
        self.ledger = LedgerBuilder(self.registry)

    def spills(self) -> Iterator[Spill[Any] | SortedSpill[Any]]:
        yield from self.rows.values()
        yield from self.assessed.values()
        yield from self.compliance.values()
        yield self.pieces

    def close(self) -> None:
        for spill in self.spills():
            spill.close()
        self.ledger.close()


def gate_order(loaded: LoadedScorecard) -> tuple[dt.date, str, str]:
    return (loaded.card.assessed, loaded.card.model.id, loaded.path)


def add(
    gathered: Gathered,
    loaded: LoadedScorecard,
    pages: dict[str, Any],
) -> dict[str, Any]:
    """Judge one scorecard (given in gate order) and keep what the other pages read of it.

    `pages`: the gate page of this scorecard (`gate`), and every framework version's and
    model's page (`frameworks`, `models`). Returns its gate report (JSON)."""
    registry, card = gathered.registry, loaded.card
    evaluation = evaluate(loaded, registry, None, gathered.as_of)
    report = GateRun([evaluation], gathered.as_of, registry).to_json()
    shown = statuses(report["results"][0])
    framework = evaluation.framework
    key = (framework.id, framework.version)
    cells = ratings_row(evaluation, registry)
    gathered.determinations += 1
    gathered.passing += bool(shown["passes"])
    day = card.assessed
    gathered.last = max(day, gathered.last or day)
    rated = gathered.rated.setdefault(key, set())
    rated.update(c for c, chips in cells.items() if chips and chips[0]["text"] != "not rated")
    marks = gathered.marks.setdefault(framework.id, FirstMarks()).of(cells, framework)
    gathered.rows.setdefault(framework.id, Spill()).append(
        {
            "path": loaded.path,
            "model": card.model.id,
            "name": card.model.name,
            "developer": card.model.developer,
            "assessed": day.isoformat(),
            "title": card.title,
            "version": framework.version,
            "framework_page": pages["frameworks"][key],
            "model_page": pages["models"][card.model.id],
            "gate_page": pages["gate"],
            "cells": cells,
            "deploy": shown["deploy"]["status"],
            "develop": shown["develop"]["status"],
            "marks": marks,
        }
    )
    gathered.assessed.setdefault(key, Spill()).append(
        {
            "name": card.model.name,
            "assessed": day.isoformat(),
            "page": pages["models"][card.model.id],
            "gate_page": pages["gate"],
        }
    )
    summaries, flips = judge_everywhere(loaded, registry, gathered.as_of, evaluation)
    gathered.flips += len(flips)
    judged = [
        dict(e, page=pages["frameworks"][(e["framework"]["id"], e["framework"]["version"])])
        for e in summaries
        if not e["native"]
    ]
    categories = {c.id: c for c in framework.categories}
    assessment = {
        "path": loaded.path,
        "sha256": loaded.sha256,
        "assessed": day.isoformat(),
        "title": card.title,
        "framework": {"id": framework.id, "version": framework.version, "title": framework.title},
        "framework_page": pages["frameworks"][key],
        "gate_page": pages["gate"],
        "ratings": [
            {"name": categories[c].name, "kind": categories[c].kind, "chips": chips}
            for c, chips in cells.items()
            if chips is not None
        ],
        **{d: shown[d]["status"] for d in ("deploy", "develop", "security")},
        "overall": shown["overall"],
        "passes": shown["passes"],
        "judged": sorted(judged, key=lambda e: (e["framework"]["id"], e["framework"]["version"])),
        "flips": flips,
        "notes": [n.model_dump(mode="json") for n in card.notes],
    }
    released = card.model.released
    gathered.pieces.add(
        ModelPiece(
            card.model.id,
            card.model.name,
            card.model.developer,
            released.isoformat() if released else None,
            assessment,
            tuple(s.model_dump(mode="json") for s in card.sources),
            HistoryFacts.of(loaded),
        )
    )
    gathered.compliance.setdefault(key, Spill()).append(ModelFacts.of(card))
    gathered.ledger.add(loaded)
    return report


def model_page_parts(model_id: str) -> tuple[str, str]:
    developer, _, model = model_id.partition("/")
    return developer, model
