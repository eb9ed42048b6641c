"""Diff two framework versions: what changed in the text, and what changed in effect.

The semantic part is a proof by exhaustion: every rating profile the old
version can express (every level of every tracked category, pre and post
where they apply, every pass/fail side of every numeric criterion, with and
without each safeguard attested) is judged under both versions, the ratings
translated through the crosswalk, and every decision that moves is counted
as looser or stricter.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from riskcard.engine.policy import Outcome, Profile, decide, fire, signature
from riskcard.engine.translate import find_route, translate, translate_attested
from riskcard.formats.models import Framework, LevelTest, MetricTest
from riskcard.formats.registry import Registry

PERMISSIVENESS = {
    "blocked": 0,
    "halt": 0,
    "allowed_with_safeguards": 1,
    "continue_with_safeguards": 1,
    "allowed": 2,
    "continue": 2,
}
DECISIONS = ("deploy", "develop", "security")


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


@dataclass
class DiffResult:
    """The structural and semantic difference between two framework versions."""

    old: Framework
    new: Framework
    structural: list[Change] = field(default_factory=list)
    semantic: list[Change] = field(default_factory=list)
    total: int = 0
    looser: int = 0
    stricter: int = 0
    incomparable: int = 0
    route: str = "identity"
    held: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.looser and self.stricter:
            return "mixed"
        if self.looser:
            return "loosening"
        if self.stricter:
            return "tightening"
        return "unchanged"

    @property
    def changes(self) -> list[Change]:
        return self.semantic + self.structural


# --------------------------------------------------------------------------- structural


def structural_changes(old: Framework, new: Framework) -> list[Change]:
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


# --------------------------------------------------------------------------- semantic


@dataclass(frozen=True)
class _Space:
    categories: list[str]
    options: list[list[dict[str, str]]]
    metrics: list[str]
    metric_values: list[list[float]]
    safeguards: list[str]


def _options(framework: Framework, category_id: str) -> list[dict[str, str]]:
    category = next(c for c in framework.categories if c.id == category_id)
    order = category.levels if category.levels is not None else [lv.id for lv in framework.levels]
    if framework.rating == "level":
        return [{"level": level} for level in order]
    return [
        {"pre": order[pre], "post": order[post]}
        for pre in range(len(order))
        for post in range(pre + 1)
    ]


def _space(old: Framework, new: Framework) -> _Space:
    categories = [c.id for c in old.categories if c.kind == "tracked"]
    thresholds: dict[str, set[float]] = {}
    safeguards: set[str] = set()
    for framework in (old, new):
        for rule in framework.rules:
            if isinstance(rule.when, MetricTest):
                thresholds.setdefault(rule.when.metric, set()).add(rule.when.threshold)
            if rule.effect == "require" and rule.decision != "security" and rule.safeguard:
                safeguards.add(rule.safeguard)
    metrics = sorted(thresholds)
    values = []
    for metric in metrics:
        points: set[float] = set()
        for threshold in thresholds[metric]:
            step = max(abs(threshold), 1.0) * 1e-3
            points |= {threshold - step, threshold, threshold + step}
        values.append(sorted(points))
    return _Space(
        categories, [_options(old, c) for c in categories], metrics, values, sorted(safeguards)
    )


def _held_levels(new: Framework, covered: set[str]) -> dict[str, dict[str, str]]:
    """Target-only tracked categories, held at their lowest level."""
    held = {}
    for category in new.categories:
        if category.kind != "tracked" or category.id in covered:
            continue
        lowest = (category.levels or [new.levels[0].id])[0]
        stages = ("level",) if new.rating == "level" else ("pre", "post")
        held[category.id] = {stage: lowest for stage in stages}
    return held


def _key(levels: dict[str, dict[str, str]]) -> tuple[Any, ...]:
    return tuple(sorted((c, tuple(sorted(s.items()))) for c, s in levels.items()))


def _compare(decision: str, before: str, after: str, old: Framework, new: Framework) -> str:
    if before == after:
        return "same"
    if decision == "security":
        old_rank = {s.id: s.rank for s in old.safeguards}
        new_rank = {s.id: s.rank for s in new.safeguards}
        if before in old_rank and after in new_rank:
            a, b = old_rank[before], new_rank[after]
            return "same" if a == b else ("looser" if b < a else "stricter")
        return "changed"
    if before in PERMISSIVENESS and after in PERMISSIVENESS:
        a, b = PERMISSIVENESS[before], PERMISSIVENESS[after]
        return "same" if a == b else ("looser" if b > a else "stricter")
    return "changed"


def _status(outcome: Outcome, decision: str) -> str:
    return str(getattr(outcome, decision).status)


class _Carrier:
    """Translates profiles category by category (a crosswalk maps each source category on
    its own and merges by the highest level), so each category option is translated once."""

    def __init__(self, old: Framework, new: Framework, space: _Space, crosswalk: Any) -> None:
        self.rank = {level.id: index for index, level in enumerate(new.levels)}
        self.parts: list[list[dict[str, dict[str, str]]]] = [
            [translate({category: option}, old, new, crosswalk)[0] for option in options]
            for category, options in zip(space.categories, space.options, strict=True)
        ]
        covered = {c for parts in self.parts for part in parts for c in part}
        self.held = _held_levels(new, covered)

    def carry(self, choice: tuple[int, ...]) -> dict[str, dict[str, str]]:
        merged: dict[str, dict[str, str]] = {c: dict(s) for c, s in self.held.items()}
        for index, option in enumerate(choice):
            for category, stages in self.parts[index][option].items():
                target = merged.setdefault(category, {})
                for stage, level in stages.items():
                    current = target.get(stage)
                    if current is None or self.rank[level] > self.rank[current]:
                        target[stage] = level
        return merged


def semantic_diff(old: Framework, new: Framework, registry: Registry, result: DiffResult) -> None:
    crosswalk = find_route(registry, old, new)
    result.route = "crosswalk" if crosswalk is not None else "identity"
    space = _space(old, new)
    carrier = _Carrier(old, new, space, crosswalk)
    result.held = sorted(carrier.held)
    old_safeguards = {s.id for s in old.safeguards}
    subsets = [
        frozenset(c)
        for size in range(len(space.safeguards) + 1)
        for c in itertools.combinations(space.safeguards, size)
    ]
    # Safeguards in place stay in place: under the new version they count by id, or as the
    # crosswalk renames them.
    split = [
        (a, a & old_safeguards, frozenset(translate_attested(dict.fromkeys(a), new, crosswalk)))
        for a in subsets
    ]
    firings_of: dict[Any, Any] = {}
    new_signature: dict[Any, Any] = {}
    # (old signature, old attested, new signature, new attested) -> [count, size, example]
    pairs: dict[Any, list[Any]] = {}
    for choice in itertools.product(*[range(len(o)) for o in space.options]):
        levels = {c: space.options[i][choice[i]] for i, c in enumerate(space.categories)}
        new_levels = carrier.carry(choice)
        new_key = _key(new_levels)
        weight = sum(choice)
        for metric_values in itertools.product(*space.metric_values):
            metrics = dict(zip(space.metrics, metric_values, strict=True))
            firings = fire(old, Profile(levels, metrics))
            old_sig = ("old", signature(firings))
            firings_of.setdefault(old_sig, (firings, levels, metrics))
            new_sig = new_signature.get((new_key, metric_values))
            if new_sig is None:
                new_firings = fire(new, Profile(new_levels, metrics))
                new_sig = new_signature[(new_key, metric_values)] = ("new", signature(new_firings))
                firings_of.setdefault(new_sig, (new_firings, new_levels, metrics))
            for attested, old_att, new_att in split:
                result.total += 1
                key = (old_sig, old_att, new_sig, new_att)
                size = (weight, len(attested), metric_values)
                entry = pairs.get(key)
                if entry is None:
                    pairs[key] = [1, size, (choice, metric_values, attested)]
                else:
                    entry[0] += 1
                    if size < entry[1]:
                        entry[1] = size
                        entry[2] = (choice, metric_values, attested)
    found: dict[tuple[str, str, str], list[Any]] = {}
    for (old_sig, old_att, new_sig, new_att), (count, size, example) in pairs.items():
        before = _judge(old, firings_of[old_sig], old_att)
        after = _judge(new, firings_of[new_sig], new_att)
        moves = _moves(before, after, old, new)
        directions = {direction for *_, direction in moves}
        result.looser += count * ("looser" in directions)
        result.stricter += count * ("stricter" in directions)
        result.incomparable += count * (directions == {"changed"})
        for decision, a, b, direction in moves:
            entry = found.get((decision, a, b))
            if entry is None:
                found[(decision, a, b)] = [direction, count, size, example]
            else:
                entry[1] += count
                if size < entry[2]:
                    entry[2], entry[3] = size, example
    for (decision, a, b), (direction, count, _, example) in sorted(
        found.items(), key=lambda item: (item[1][0], item[0])
    ):
        choice, metric_values, attested = example
        levels = {c: space.options[i][choice[i]] for i, c in enumerate(space.categories)}
        result.semantic.append(
            Change(
                f"{decision}-decision",
                direction,
                f"{decision}: {a} -> {b} in {count} of {result.total} profiles",
                count,
                {
                    "ratings": levels,
                    "metrics": dict(zip(space.metrics, metric_values, strict=True)),
                    "attested": sorted(attested),
                    "translated": carrier.carry(choice),
                    "before": a,
                    "after": b,
                },
            )
        )


def _judge(framework: Framework, fired: Any, attested: frozenset[str]) -> Outcome:
    firings, levels, metrics = fired
    return decide(framework, Profile(levels, metrics, dict.fromkeys(attested)), firings=firings)


def _moves(
    before: Outcome, after: Outcome, old: Framework, new: Framework
) -> list[tuple[str, str, str, str]]:
    moves = []
    for decision in DECISIONS:
        a, b = _status(before, decision), _status(after, decision)
        direction = _compare(decision, a, b, old, new)
        if direction != "same":
            moves.append((decision, a, b, direction))
    return moves


def diff_frameworks(old: Framework, new: Framework, registry: Registry) -> DiffResult:
    """Structural and semantic difference from `old` to `new`."""
    result = DiffResult(old, new)
    result.structural = structural_changes(old, new)
    semantic_diff(old, new, registry, result)
    crosswalk = registry.crosswalk(old, new)
    if crosswalk is not None:
        result.structural = [
            Change(
                "category-mapped",
                "changed",
                f"'{m.source}' -> {', '.join(repr(t) for t in m.targets) or 'nothing'}"
                f"{' (lossy)' if m.lossy else ''}: {m.basis}",
            )
            for m in crosswalk.categories
        ] + result.structural
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
            "incomparable": result.incomparable,
        },
        "held_at_lowest": result.held,
        "changes": [c.as_dict() for c in result.changes],
    }
