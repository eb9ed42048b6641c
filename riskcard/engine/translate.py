"""Translate ratings between framework versions through a crosswalk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from riskcard.engine.records import Profile
from riskcard.formats.errors import UsageError
from riskcard.formats.models import Crosswalk, Framework
from riskcard.formats.registry import Registry

Levels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Step:
    """One hop of a route: through a crosswalk, or by id within one framework family."""

    source: Framework
    target: Framework
    crosswalk: Crosswalk | None

    def describe(self) -> str:
        via = "crosswalk" if self.crosswalk is not None else "identity"
        return (
            f"{self.source.id}@{self.source.version} -> {self.target.id}@{self.target.version}"
            f" ({via})"
        )


Route = tuple[Step, ...]
"""The hops from one framework version to another; empty when they are the same object."""


@dataclass(frozen=True)
class Translation:
    """How a profile was carried from one framework version to another."""

    source: Framework
    target: Framework
    route: Route
    lines: tuple[str, ...]
    """Human-readable account of each mapping used, lossy ones marked."""

    @property
    def via(self) -> str:
        """`crosswalk`, `identity`, or the route of several hops."""
        if len(self.route) == 1:
            return "crosswalk" if self.route[0].crosswalk is not None else "identity"
        return "route: " + "; ".join(step.describe() for step in self.route)

    @property
    def basis(self) -> str:
        if len(self.route) == 1 and self.route[0].crosswalk is None:
            return "same framework: categories and levels matched by id"
        parts = [
            step.crosswalk.basis
            if step.crosswalk is not None
            else f"{step.describe()}: same framework, categories and levels matched by id"
            for step in self.route
        ]
        return " | ".join(parts)


def identity_possible(source: Framework, target: Framework) -> bool:
    """Same framework family and rating shape, and every tracked category of the target
    exists in the source by id (so matching by id leaves no category of the target unrated
    that the source could rate)."""
    if source.id != target.id or source.rating != target.rating:
        return False
    known = {c.id for c in source.categories}
    return all(c.id in known for c in target.categories if c.kind == "tracked")


def find_route(registry: Registry, source: Framework, target: Framework) -> Route:
    """The shortest route of crosswalks and identity hops from `source` to `target`.

    A direct crosswalk wins; otherwise crosswalks compose along a chain (every lossy
    mark kept), with identity hops only where the target adds no category. Failing
    that, versions of one framework with one rating shape match by id. Raises
    UsageError when no route exists.
    """
    if source is target:
        return ()
    key = (source.id, source.version)
    goal = (target.id, target.version)
    direct = registry.crosswalk(source, target)
    if direct is not None:
        return (Step(source, target, direct),)
    previous: dict[tuple[str, str], Step] = {}
    frontier = [key]
    seen = {key}
    while frontier and goal not in seen:
        following = []
        for here in frontier:
            for step in _steps(registry, registry.frameworks[here]):
                there = (step.target.id, step.target.version)
                if there not in seen:
                    seen.add(there)
                    previous[there] = step
                    following.append(there)
        frontier = sorted(following)
    if goal not in seen:
        if source.id == target.id and source.rating == target.rating:
            # Same framework, same rating shape: categories and levels match by id; the
            # target's categories the source lacks stay unrated (never filled in).
            return (Step(source, target, None),)
        raise UsageError(
            f"no route from {source.id}@{source.version} to {target.id}@{target.version}: "
            "no crosswalk or chain of crosswalks connects them, and their categories differ; "
            "add a crosswalk file between them"
        )
    route: list[Step] = []
    at = goal
    while at != key:
        step = previous[at]
        route.append(step)
        at = (step.source.id, step.source.version)
    return tuple(reversed(route))


def _steps(registry: Registry, source: Framework) -> list[Step]:
    """Every hop out of `source`: its crosswalks first, then identity within its family."""
    steps = [
        Step(source, registry.frameworks[target], crosswalk)
        for (origin, target), crosswalk in sorted(registry.crosswalks.items())
        if origin == (source.id, source.version) and target in registry.frameworks
    ]
    for other in registry.versions(source.id):
        if other is not source and identity_possible(source, other):
            steps.append(Step(source, other, None))
    return steps


def translate_route(profile: Profile, route: Route) -> tuple[Profile, list[str]]:
    """Carry a whole profile (levels and attestations) along `route`; metrics stay."""
    lines: list[str] = []
    if len(route) > 1:
        lines.append("route: " + "; ".join(step.describe() for step in route))
    for step in route:
        crosswalk = step.crosswalk
        levels, found = translate(profile.levels, step.source, step.target, crosswalk)
        lines.extend(found)
        mapped = {m.source: m.targets for m in crosswalk.categories} if crosswalk else None
        profile = Profile(
            levels=levels,
            metrics=profile.metrics,
            attested=translate_attested(profile.attested, step.target, crosswalk, mapped),
            unknown=translate_attested(profile.unknown, step.target, crosswalk, mapped),
        )
    return profile, lines


def translate(
    levels: Levels, source: Framework, target: Framework, crosswalk: Crosswalk | None
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Carry `levels` into `target`'s categories and scale. Unmapped categories drop out."""
    if crosswalk is None:
        target_levels = {level.id for level in target.levels}
        target_categories = {c.id for c in target.categories}
        result = {
            category: {stage: level for stage, level in stages.items() if level in target_levels}
            for category, stages in levels.items()
            if category in target_categories
        }
        return result, []
    level_map = {m.source: m.target for m in crosswalk.levels}
    rank = {level.id: index for index, level in enumerate(target.levels)}
    out: dict[str, dict[str, str]] = {}
    lines: list[str] = []
    for mapping in crosswalk.categories:
        stages = levels.get(mapping.source)
        if not mapping.targets:
            lines.append(
                f"{mapping.source}: no counterpart in {target.id}@{target.version}"
                f" (dropped; {mapping.basis})"
            )
            continue
        if stages is None:
            continue
        value = _single(stages, source, target, crosswalk, level_map)
        if value is None:
            continue
        for category in mapping.targets:
            current = out.setdefault(category, {})
            for stage, level in value.items():
                previous = current.get(stage)
                if previous is None or rank[level] > rank[previous]:
                    current[stage] = level
        mark = " (lossy)" if mapping.lossy else ""
        lines.append(f"{mapping.source} -> {', '.join(mapping.targets)}{mark}: {mapping.basis}")
    return out, lines


def _single(
    stages: Mapping[str, str],
    source: Framework,
    target: Framework,
    crosswalk: Crosswalk,
    level_map: Mapping[str, str],
) -> dict[str, str] | None:
    if source.rating == target.rating:
        mapped = {stage: level_map[level] for stage, level in stages.items() if level in level_map}
        return mapped or None
    if target.rating == "level":
        level = stages.get(crosswalk.stage)
        return {"level": level_map[level]} if level is not None and level in level_map else None
    level = stages.get("level")
    if level is None or level not in level_map:
        return None
    return {"pre": level_map[level], "post": level_map[level]}


def translate_attested(
    attested: Mapping[str, frozenset[str] | None],
    target: Framework,
    crosswalk: Crosswalk | None,
    categories: Mapping[str, list[str]] | None = None,
) -> dict[str, frozenset[str] | None]:
    """Carry attestations over: by id where the target has the same safeguard, else through
    the crosswalk's safeguard map. Covered categories follow the category mapping."""
    known = {s.id for s in target.safeguards}
    renamed = {m.source: m.target for m in crosswalk.safeguards} if crosswalk else {}
    out: dict[str, frozenset[str] | None] = {}
    for safeguard, covered in attested.items():
        name = safeguard if safeguard in known else renamed.get(safeguard)
        if name is None or name not in known:
            continue
        if covered is not None and categories is not None:
            covered = frozenset(t for c in covered for t in categories.get(c, [c]))
        previous = out.get(name, frozenset())
        out[name] = None if covered is None or previous is None else previous | covered
    return out
