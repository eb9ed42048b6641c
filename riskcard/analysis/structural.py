"""The structural difference between two framework versions: what changed in the text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.formats.models import Framework, LevelTest, MetricTest


@dataclass(frozen=True)
class Change:
    """One difference between the versions."""

    kind: str
    direction: str
    detail: str
    count: int = 0
    example: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "kind": self.kind,
            "direction": self.direction,
            "detail": self.detail,
        }
        if self.count:
            entry["profiles"] = self.count
        if self.example is not None:
            entry["example"] = self.example
        return entry


def structural_changes(old: Framework, new: Framework) -> list[Change]:
    """Levels, categories, definitions and rules added, removed or changed, by id."""
    changes: list[Change] = []
    old_levels = [level.id for level in old.levels]
    new_levels = [level.id for level in new.levels]
    for level in old_levels:
        if level not in new_levels:
            changes.append(Change("level-removed", "changed", f"level '{level}' removed"))
    for level in new_levels:
        if level not in old_levels:
            changes.append(Change("level-added", "changed", f"level '{level}' added"))
    old_cats = {c.id: c for c in old.categories}
    new_cats = {c.id: c for c in new.categories}
    for cid, category in old_cats.items():
        if cid not in new_cats:
            changes.append(
                Change(
                    "category-removed",
                    "changed",
                    f"category '{cid}' ({category.name}, {category.kind}) removed",
                )
            )
    for cid, category in new_cats.items():
        before = old_cats.get(cid)
        if before is None:
            changes.append(
                Change(
                    "category-added",
                    "changed",
                    f"category '{cid}' ({category.name}, {category.kind}) added",
                )
            )
            continue
        if before.name != category.name:
            changes.append(
                Change(
                    "category-renamed",
                    "changed",
                    f"category '{cid}' renamed: '{before.name}' -> '{category.name}'",
                )
            )
        if before.kind != category.kind:
            changes.append(
                Change(
                    "category-reclassified",
                    "changed",
                    f"category '{cid}' reclassified: {before.kind} -> {category.kind}",
                )
            )
        old_defs = {d.level: d.text for d in before.definitions}
        for definition in category.definitions:
            previous = old_defs.get(definition.level)
            if previous is not None and previous != definition.text:
                changes.append(
                    Change(
                        "definition-reworded",
                        "changed",
                        f"'{cid}' at '{definition.level}': “{previous}” -> “{definition.text}”",
                    )
                )
    old_rules = {r.id: r for r in old.rules}
    new_rules = {r.id: r for r in new.rules}
    for rid, rule in old_rules.items():
        if rid not in new_rules:
            changes.append(
                Change(
                    "rule-removed",
                    "changed",
                    f"rule '{rid}' removed ({rule.decision}, {rule.effect}: "
                    f"{_test_text(rule.when)})",
                )
            )
    for rid, rule in new_rules.items():
        before_rule = old_rules.get(rid)
        if before_rule is None:
            changes.append(
                Change(
                    "rule-added",
                    "changed",
                    f"rule '{rid}' added ({rule.decision}, {rule.effect}: {_test_text(rule.when)})",
                )
            )
        elif (
            before_rule.when,
            before_rule.effect,
            before_rule.safeguard,
            before_rule.decision,
        ) != (rule.when, rule.effect, rule.safeguard, rule.decision):
            changes.append(
                Change(
                    "rule-changed",
                    "changed",
                    f"rule '{rid}': {before_rule.effect} when "
                    f"{_test_text(before_rule.when)} -> {rule.effect} when "
                    f"{_test_text(rule.when)}",
                )
            )
    return changes


def _test_text(test: LevelTest | MetricTest) -> str:
    if isinstance(test, MetricTest):
        return f"{test.metric} {test.op} {test.threshold:g}"
    where = "any tracked category" if test.categories == "tracked" else ", ".join(test.categories)
    return f"{test.stage} at or above {test.at_least} in {where}"
