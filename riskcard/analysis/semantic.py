"""The semantic difference between two framework versions: what changed in effect, exactly.

Every rating profile the old version can express (every level of every tracked
category, pre and post where they apply, each side of every numeric criterion,
with and without each safeguard attested) is judged under both versions, the
ratings carried along the route of crosswalks, and every decision that moves is
counted as looser or stricter. Tracked categories of the new version that no
route reaches are taken at every one of their levels too (never held at one).

Plain enumeration is exponential in the number of categories, so the count is
computed instead: a decision depends only on which (decision, effect, safeguard)
kinds of rule fire, which is a union over categories. Each category's options
collapse into classes that give the same contribution, and the classes are
combined category by category (dynamic programming over the union), counting
the profiles behind every combination. The result equals enumeration; when the
work would exceed `WORK_LIMIT`, the comparison stops with a usage error.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from riskcard.engine.policy import (
    CompiledRule,
    Firing,
    Judgement,
    Profile,
    compiled,
    decide,
)
from riskcard.engine.translate import Route, translate_route
from riskcard.formats.errors import UsageError
from riskcard.formats.models import Framework, MetricTest, Rule
from riskcard.formats.vocabulary import (
    Decision,
    Direction,
    direction,
    standard_direction,
)

WORK_LIMIT = 5_000_000
"""Most combination steps one comparison may take before it stops (exit 2)."""

Levels = dict[str, dict[str, str]]
Key = tuple[str, str, str]
"""What a fired rule means to a decision: (decision, effect, safeguard)."""


@dataclass(frozen=True)
class Part:
    """One option of one dimension: the ratings it sets under each version."""

    old: Levels
    new: Levels
    metrics: dict[str, float]


@dataclass(frozen=True)
class Dimension:
    """A category (or metric) and every value it can take."""

    name: str
    parts: list[Part]


@dataclass
class Tally:
    """Profiles behind one move of one decision, with the smallest example."""

    direction: Direction
    count: int
    example: tuple[Any, ...]


def _key(rule: Rule) -> Key:
    return (rule.decision, rule.effect, rule.safeguard or "")


class Side:
    """One version's view of the profile space: what each option contributes to its rules."""

    def __init__(self, framework: Framework, dimensions: list[Dimension], old: bool) -> None:
        self.framework = framework
        self.old = old
        self.rules = [r for r in compiled(framework) if r.rule.effect != "warn"]
        present_always: set[tuple[str, str]] = set()
        seen: set[tuple[str, str]] = set()
        for dimension in dimensions:
            sets = [self._present(part) for part in dimension.parts]
            present_always |= set.intersection(*sets) if sets else set()
            seen |= set.union(*sets) if sets else set()
        self.always = frozenset(present_always)
        self.variable = frozenset(seen - present_always)
        self.tracked = {
            c.rule.id
            for c in self.rules
            if any(ch.hits is None or (ch.category, ch.stage) not in self.always for ch in c.checks)
        }
        self.representative: dict[Key, Rule] = {}
        for c in self.rules:
            self.representative.setdefault(_key(c.rule), c.rule)

    def _levels(self, part: Part) -> Levels:
        return part.old if self.old else part.new

    def _present(self, part: Part) -> set[tuple[str, str]]:
        return {(c, s) for c, stages in self._levels(part).items() for s in stages}

    def contribution(self, part: Part) -> tuple[frozenset[Any], frozenset[Any], frozenset[Any]]:
        """(keys of fired untracked rules, ids of fired tracked rules, variable pairs present)."""
        levels = self._levels(part)
        keys: set[Key] = set()
        ids: set[str] = set()
        for rule in self.rules:
            if self._fires(rule, levels, part.metrics):
                if rule.rule.id in self.tracked:
                    ids.add(rule.rule.id)
                else:
                    keys.add(_key(rule.rule))
        present = frozenset(p for p in self._present(part) if p in self.variable)
        return frozenset(keys), frozenset(ids), present

    @staticmethod
    def _fires(rule: CompiledRule, levels: Levels, metrics: Mapping[str, float]) -> bool:
        test = rule.rule.when
        if isinstance(test, MetricTest):
            value = metrics.get(test.metric)
            if value is None:
                return False
            return {
                "lt": value < test.threshold,
                "le": value <= test.threshold,
                "gt": value > test.threshold,
                "ge": value >= test.threshold,
            }[test.op]
        for check in rule.checks:
            level = levels.get(check.category, {}).get(check.stage)
            if check.hits is not None and level is not None and level in check.hits:
                return True
        return False

    def firings(self, keys: frozenset[Key], ids: frozenset[str], present: frozenset[Any]) -> Any:
        """Representative firings with the same meaning to every decision."""
        out: list[Firing] = [Firing(self.representative[k], "fired", ()) for k in sorted(keys)]
        for rule in self.rules:
            if rule.rule.id not in self.tracked:
                continue
            if rule.rule.id in ids:
                out.append(Firing(rule.rule, "fired", ()))
            elif any(
                ch.hits is None
                or (
                    (ch.category, ch.stage) not in self.always
                    and (ch.category, ch.stage) not in present
                )
                for ch in rule.checks
            ):
                out.append(Firing(rule.rule, "unknown", ()))
        return tuple(out)


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


def _metric_points(old: Framework, new: Framework) -> dict[str, list[float]]:
    thresholds: dict[str, set[float]] = {}
    for framework in (old, new):
        for rule in framework.rules:
            if isinstance(rule.when, MetricTest):
                thresholds.setdefault(rule.when.metric, set()).add(rule.when.threshold)
    points: dict[str, list[float]] = {}
    for metric, found in sorted(thresholds.items()):
        values: set[float] = set()
        for threshold in found:
            step = max(abs(threshold), 1.0) * 1e-3
            values |= {threshold - step, threshold, threshold + step}
        points[metric] = sorted(values)
    return points


def dimensions(old: Framework, new: Framework, route: Route) -> tuple[list[Dimension], list[str]]:
    """The profile space as independent dimensions, and the new-only categories in it."""
    found: list[Dimension] = []
    covered: set[str] = set()
    for category in (c.id for c in old.categories if c.kind == "tracked"):
        parts = []
        for option in _options(old, category):
            carried, _ = translate_route(Profile({category: option}), route)
            new_levels = {c: dict(s) for c, s in carried.levels.items()}
            covered |= set(new_levels)
            parts.append(Part({category: option}, new_levels, {}))
        found.append(Dimension(category, parts))
    added = [c.id for c in new.categories if c.kind == "tracked" and c.id not in covered]
    for category in added:
        parts = [Part({}, {category: option}, {}) for option in _options(new, category)]
        found.append(Dimension(category, parts))
    for metric, values in _metric_points(old, new).items():
        found.append(Dimension(metric, [Part({}, {}, {metric: v}) for v in values]))
    return found, added


def _safeguard_subsets(old: Framework, new: Framework) -> list[frozenset[str]]:
    safeguards = sorted(
        {
            rule.safeguard
            for framework in (old, new)
            for rule in framework.rules
            if rule.effect == "require" and rule.decision != "security" and rule.safeguard
        }
    )
    return [
        frozenset(c)
        for size in range(len(safeguards) + 1)
        for c in itertools.combinations(safeguards, size)
    ]


def combine(dims: list[Dimension], old: Side, new: Side) -> dict[Any, list[Any]]:
    """State -> [profile count, smallest example]; a state is both sides' contributions."""
    empty: tuple[frozenset[Any], ...] = (frozenset(), frozenset(), frozenset())
    states: dict[Any, list[Any]] = {(empty, empty): [1, (0, ())]}
    work = 0
    for dim in dims:
        classes: dict[Any, list[Any]] = {}
        for index, part in enumerate(dim.parts):
            cls = (old.contribution(part), new.contribution(part))
            entry = classes.get(cls)
            if entry is None:
                classes[cls] = [1, index]
            else:
                entry[0] += 1
        work += len(states) * len(classes)
        if work > WORK_LIMIT:
            raise UsageError(
                f"comparing {old.framework.id}@{old.framework.version} with "
                f"{new.framework.id}@{new.framework.version} exceeds the work limit of "
                f"{WORK_LIMIT:,} steps; the rules interact too much for an exact count"
            )
        following: dict[Any, list[Any]] = {}
        for (o, n), (count, (weight, choice)) in states.items():
            for (co, cn), (size, index) in classes.items():
                state = (_union(o, co), _union(n, cn))
                example = (weight + index, (*choice, index))
                entry = following.get(state)
                if entry is None:
                    following[state] = [count * size, example]
                else:
                    entry[0] += count * size
                    if example < entry[1]:
                        entry[1] = example
        states = following
    return states


def _union(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(x | y for x, y in zip(a, b, strict=True))


def _judge(side: Side, state: Any, attested: frozenset[str]) -> Judgement:
    profile = Profile({}, {}, dict.fromkeys(attested))
    return decide(side.framework, profile, firings=side.firings(*state))


def _move(decision: Decision, before: str, after: str, old: Framework, new: Framework) -> Direction:
    if decision != Decision.SECURITY:
        return direction(before, after)
    if before == after:
        return Direction.SAME
    old_rank = {s.id: s.rank for s in old.safeguards}
    new_rank = {s.id: s.rank for s in new.safeguards}
    if before in old_rank and after in new_rank:
        return standard_direction(old_rank[before], new_rank[after])
    return Direction.CHANGED


@dataclass
class Counts:
    """How many profiles moved, and which way."""

    total: int = 0
    looser: int = 0
    stricter: int = 0
    both: int = 0
    """Profiles counted in both `looser` and `stricter` (one decision each way)."""
    incomparable: int = 0


def compare(
    old: Framework, new: Framework, route: Route
) -> tuple[Counts, dict[tuple[str, str, str], Tally], list[Dimension], list[str]]:
    """Count every profile's moves from `old` to `new` exactly."""
    dims, added = dimensions(old, new, route)
    old_side, new_side = Side(old, dims, True), Side(new, dims, False)
    states = combine(dims, old_side, new_side)
    subsets = _safeguard_subsets(old, new)
    renamed: dict[frozenset[str], frozenset[str]] = {}
    for attested in subsets:
        carried, _ = translate_route(Profile({}, attested=dict.fromkeys(attested)), route)
        renamed[attested] = frozenset(carried.attested)
    old_known = {s.id for s in old.safeguards}
    counts = Counts()
    found: dict[tuple[str, str, str], Tally] = {}
    for (o, n), (count, (weight, choice)) in states.items():
        for attested in subsets:
            counts.total += count
            before = _judge(old_side, o, attested & old_known)
            after = _judge(new_side, n, renamed[attested])
            moves = []
            for decision in Decision:
                a, b = before.of(decision).status, after.of(decision).status
                way = _move(decision, a, b, old, new)
                if way != Direction.SAME:
                    moves.append((decision.value, a, b, way))
            ways = {m[3] for m in moves}
            counts.looser += count * (Direction.LOOSER in ways)
            counts.stricter += count * (Direction.STRICTER in ways)
            counts.both += count * (Direction.LOOSER in ways and Direction.STRICTER in ways)
            counts.incomparable += count * (ways == {Direction.CHANGED})
            example = (weight, len(attested), choice, tuple(sorted(attested)))
            for decision_name, a, b, way in moves:
                tally = found.get((decision_name, a, b))
                if tally is None:
                    found[(decision_name, a, b)] = Tally(way, count, example)
                else:
                    tally.count += count
                    tally.example = min(tally.example, example)
    return counts, found, dims, added


def example_of(new: Framework, dims: list[Dimension], example: tuple[Any, ...]) -> dict[str, Any]:
    """The ratings, metrics, attestations and carried ratings of one example profile."""
    rank = {level.id: index for index, level in enumerate(new.levels)}
    _, _, choice, attested = example
    ratings: Levels = {}
    metrics: dict[str, float] = {}
    translated: Levels = {}
    for dim, index in zip(dims, choice, strict=True):
        part = dim.parts[index]
        ratings.update(part.old)
        metrics.update(part.metrics)
        for category, stages in part.new.items():
            merged = translated.setdefault(category, {})
            for stage, level in stages.items():
                if stage not in merged or rank.get(level, -1) > rank.get(merged[stage], -1):
                    merged[stage] = level
    return {
        "ratings": ratings,
        "metrics": metrics,
        "attested": list(attested),
        "translated": translated,
    }
