"""The data of a model page (its assessments and how each is judged under every version) and
of a framework version page (its levels, rules and what changed from the version before)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskcard.analysis.audit import AuditResult
from riskcard.analysis.diff import DiffResult, diff_dict
from riskcard.formats.models import Framework, Rule
from riskcard.formats.registry import Registry
from riskcard.publish.site.index import Determination, Pages, ratings_row
from riskcard.publish.site.levels import (
    VERDICT_CLASS,
    VERDICT_WORD,
    condition_text,
    level_names,
    profile_text,
    tier,
)


@dataclass(frozen=True)
class AuditIndex:
    """The audit's records looked up by scorecard path and model id (built once, so a page
    per model costs its own records, not a scan of the whole collection)."""

    evaluations: dict[str, list[dict[str, Any]]]
    flips: dict[str, list[dict[str, Any]]]
    history: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, audited: AuditResult) -> AuditIndex:
        evaluations: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in audited.evaluations:
            evaluations[entry["path"]].append(entry)
        flips: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for flip in audited.flips:
            flips[flip["path"]].append(flip)
        history: dict[str, dict[str, Any]] = {}
        for entry in audited.history:
            history.setdefault(entry["model"], entry)
        return cls(dict(evaluations), dict(flips), history)


def _assessment(
    determination: Determination,
    registry: Registry,
    audited: AuditIndex,
    framework_pages: Pages,
) -> dict[str, Any]:
    evaluation = determination.evaluation
    card = evaluation.card
    framework = evaluation.framework
    cells = ratings_row(determination, registry)
    categories = {c.id: c for c in framework.categories}
    judged = [
        dict(e, page=framework_pages[(e["framework"]["id"], e["framework"]["version"])])
        for e in audited.evaluations.get(evaluation.path, [])
        if not e["native"]
    ]
    result = determination.result
    return {
        "path": evaluation.path,
        "sha256": evaluation.sha256,
        "assessed": card.assessed.isoformat(),
        "title": card.title,
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "title": framework.title,
        },
        "framework_page": framework_pages[(framework.id, framework.version)],
        "gate_page": determination.gate_page,
        "ratings": [
            {"name": categories[c].name, "kind": categories[c].kind, "chips": chips}
            for c, chips in cells.items()
            if chips is not None
        ],
        "deploy": result["deploy"]["status"],
        "develop": result["develop"]["status"],
        "security": result["security"]["status"],
        "overall": result["overall"],
        "passes": result["passes"],
        "judged": sorted(judged, key=lambda e: (e["framework"]["id"], e["framework"]["version"])),
        "flips": audited.flips.get(evaluation.path, []),
        "notes": [n.model_dump(mode="json") for n in card.notes],
    }


def model_page(
    model_id: str,
    mine: list[Determination],
    registry: Registry,
    audited: AuditIndex,
    framework_pages: Pages,
) -> dict[str, Any]:
    """A model's assessments in date order, its rating history and every source cited."""
    latest = mine[-1].evaluation.card
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    for determination in mine:
        for source in determination.evaluation.card.sources:
            sources.setdefault((source.url, source.title), source.model_dump(mode="json"))
    history = audited.history.get(model_id)
    return {
        "id": model_id,
        "name": latest.model.name,
        "developer": latest.model.developer,
        "released": latest.model.released.isoformat() if latest.model.released else None,
        "assessments": [_assessment(d, registry, audited, framework_pages) for d in mine],
        "history": history,
        "sources": [sources[k] for k in sorted(sources)],
    }


def _rule(rule: Rule, framework: Framework) -> dict[str, Any]:
    return {
        "id": rule.id,
        "decision": rule.decision,
        "effect": rule.effect,
        "when": condition_text(rule.when, framework),
        "safeguard": rule.safeguard,
        "summary": rule.summary,
        "quote": rule.quote,
        "locator": rule.locator,
    }


def _changes(diff: DiffResult | str | None) -> dict[str, Any] | None:
    if not isinstance(diff, DiffResult):
        return None
    data = diff_dict(diff)
    return {
        "verdict": data["verdict"],
        "word": VERDICT_WORD.get(data["verdict"], ""),
        "class": VERDICT_CLASS.get(data["verdict"], "v-same"),
        "profiles": data["profiles"],
        "route": data["route"],
        "held": data["quantified"],
        "semantic": [
            dict(c.as_dict(), example_text=profile_text(c.example))
            if c.example is not None
            else c.as_dict()
            for c in diff.semantic
        ],
        "structural": [c.as_dict() for c in diff.structural],
    }


def _neighbour(framework: Framework | None, framework_pages: Pages) -> dict[str, Any] | None:
    if framework is None:
        return None
    return {
        "version": framework.version,
        "page": framework_pages[(framework.id, framework.version)],
    }


def _categories(framework: Framework, registry: Registry) -> list[dict[str, Any]]:
    scale = registry.scale(framework)
    names = level_names(framework)
    return [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind,
            "aliases": c.aliases,
            "levels": [
                {
                    "stage": "",
                    "level": lv,
                    "text": names.get(lv, lv),
                    "note": "",
                    "tier": tier(scale.levels_of(c), lv),
                }
                for lv in scale.levels_of(c)
            ],
            "definitions": [
                {"level": names.get(d.level, d.level), "text": d.text, "locator": d.locator}
                for d in c.definitions
            ],
        }
        for c in framework.categories
    ]


def framework_page(
    framework: Framework,
    registry: Registry,
    diff: DiffResult | str | None,
    framework_pages: Pages,
    determinations: list[Determination],
    model_pages: dict[str, Path],
) -> dict[str, Any]:
    """A framework version: its scale, rules, neighbours, changes and the cards it judged."""
    versions = registry.versions(framework.id)
    position = versions.index(framework)
    following = versions[position + 1] if position + 1 < len(versions) else None
    assessed = [
        {
            "name": d.evaluation.card.model.name,
            "assessed": d.evaluation.card.assessed.isoformat(),
            "page": model_pages[d.evaluation.card.model.id],
            "gate_page": d.gate_page,
        }
        for d in determinations
        if d.evaluation.framework is framework
    ]
    return {
        **framework.facts(),
        "sha256": framework.sha256,
        "rating": framework.rating,
        "origin": registry.origins.get((framework.id, framework.version)),
        "supersedes": framework.supersedes,
        "previous": _neighbour(registry.predecessor(framework), framework_pages),
        "next": _neighbour(following, framework_pages),
        "levels": [
            {"id": lv.id, "name": lv.name, "meaning": lv.meaning} for lv in framework.levels
        ],
        "categories": _categories(framework, registry),
        "safeguards": [s.model_dump(mode="json") for s in framework.safeguards],
        "security_default": framework.security_default,
        "rules": [_rule(r, framework) for r in framework.rules],
        "notes": list(framework.notes),
        "changes": _changes(diff),
        "not_comparable": diff if isinstance(diff, str) else None,
        "assessed": assessed,
    }
