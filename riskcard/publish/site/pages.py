"""The data of a model page (its assessments and how each is judged under every version) and
of a framework version page (its levels, rules and what changed from the version before)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from riskcard.analysis.audit import model_history
from riskcard.analysis.diff import DiffResult, diff_dict
from riskcard.formats.models import Framework, Rule
from riskcard.formats.registry import Registry
from riskcard.publish.site.gather import ModelPiece
from riskcard.publish.site.index import Pages
from riskcard.publish.site.levels import (
    VERDICT_CLASS,
    VERDICT_WORD,
    condition_text,
    level_names,
    profile_text,
    tier,
)


def model_page(model_id: str, pieces: list[ModelPiece], registry: Registry) -> dict[str, Any]:
    """A model's assessments in date order (`pieces`, as `gather` kept them), its rating
    history and every source cited."""
    latest = pieces[-1]
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    for piece in pieces:
        for source in piece.sources:
            sources.setdefault((source["url"], source["title"]), source)
    return {
        "id": model_id,
        "name": latest.name,
        "developer": latest.developer,
        "released": latest.released,
        "assessments": [p.assessment for p in pieces],
        "history": model_history(model_id, [p.history for p in pieces], registry),
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
    assessed: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """A framework version: its scale, rules, neighbours, changes and the cards it judged."""
    versions = registry.versions(framework.id)
    position = versions.index(framework)
    following = versions[position + 1] if position + 1 < len(versions) else None
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
