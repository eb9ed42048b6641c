"""Diff two framework versions: what changed in the text, and what changed in effect.

The structural part (`structural`) lists what was added, removed or changed by
id; the semantic part (`semantic`) counts, exactly, every rating profile whose
decisions move. Ratings are carried along the route of crosswalks
(`engine.translate.find_route`); with no route the diff refuses (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskcard.analysis.semantic import Counts, compare, example_of
from riskcard.analysis.structural import Change, structural_changes
from riskcard.engine.translate import find_route
from riskcard.formats.models import Framework
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import DiffVerdict, Direction

__all__ = ["Change", "DiffResult", "diff_dict", "diff_frameworks", "structural_changes"]

_RULE_CHANGES = ("rule-added", "rule-removed", "rule-changed")


@dataclass
class DiffResult:
    """The structural and semantic difference between two framework versions."""

    old: Framework
    new: Framework
    structural: list[Change] = field(default_factory=list)
    semantic: list[Change] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    route: str = "identity"
    quantified: list[str] = field(default_factory=list)
    """Tracked categories of the new version no route reaches, taken at every level."""

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def looser(self) -> int:
        return self.counts.looser

    @property
    def stricter(self) -> int:
        return self.counts.stricter

    @property
    def verdict(self) -> DiffVerdict:
        if self.looser and self.stricter:
            return DiffVerdict.MIXED
        if self.looser:
            return DiffVerdict.LOOSENING
        if self.stricter:
            return DiffVerdict.TIGHTENING
        if self.semantic:
            return DiffVerdict.CHANGED
        if any(c.kind in _RULE_CHANGES for c in self.structural):
            return DiffVerdict.EQUIVALENT
        return DiffVerdict.UNCHANGED

    @property
    def changes(self) -> list[Change]:
        return self.semantic + self.structural


def _route_text(old: Framework, new: Framework, registry: Registry) -> tuple[Any, str]:
    route = find_route(registry, old, new)
    if not route:
        return route, "identity"
    if len(route) == 1:
        return route, "crosswalk" if route[0].crosswalk is not None else "identity"
    return route, "route: " + "; ".join(step.describe() for step in route)


def diff_frameworks(old: Framework, new: Framework, registry: Registry) -> DiffResult:
    """Structural and semantic difference from `old` to `new`.

    Raises UsageError when no route connects them or the exact count would exceed
    the work limit.
    """
    result = DiffResult(old, new)
    route, result.route = _route_text(old, new, registry)
    result.structural = structural_changes(old, new)
    counts, found, dims, added = compare(old, new, route)
    result.counts = counts
    result.quantified = added
    for (decision, a, b), tally in sorted(found.items(), key=lambda i: (i[1].direction, i[0])):
        result.semantic.append(
            Change(
                f"{decision}-decision",
                tally.direction,
                f"{decision}: {a} -> {b} in {tally.count} of {counts.total} profiles",
                tally.count,
                {**example_of(new, dims, tally.example), "before": a, "after": b},
            )
        )
    mapped: list[Change] = []
    for step in route:
        if step.crosswalk is None:
            continue
        where = f" [{step.describe()}]" if len(route) > 1 else ""
        mapped += [
            Change(
                "category-mapped",
                Direction.CHANGED,
                f"'{m.source}' -> {', '.join(repr(t) for t in m.targets) or 'nothing'}"
                f"{' (lossy)' if m.lossy else ''}: {m.basis}{where}",
            )
            for m in step.crosswalk.categories
        ]
    result.structural = mapped + result.structural
    return result


def diff_dict(result: DiffResult) -> dict[str, Any]:
    from riskcard.formats.version import __version__

    return {
        "riskcard": __version__,
        "from": {
            "id": result.old.id,
            "version": result.old.version,
            "title": result.old.title,
            "url": result.old.url,
            "effective": result.old.effective.isoformat(),
        },
        "to": {
            "id": result.new.id,
            "version": result.new.version,
            "title": result.new.title,
            "url": result.new.url,
            "effective": result.new.effective.isoformat(),
        },
        "verdict": result.verdict,
        "route": result.route,
        "profiles": {
            "total": result.total,
            "looser": result.looser,
            "stricter": result.stricter,
            "both": result.counts.both,
            "incomparable": result.counts.incomparable,
        },
        "quantified": result.quantified,
        "changes": [c.as_dict() for c in result.changes],
    }
